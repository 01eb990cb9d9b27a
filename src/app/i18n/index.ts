/**
 * The dictionary: every string the UI shows, French first, English second. Each feature keeps its
 * strings in a module of this folder (`core.ts`, and one per feature) exporting `fr` and
 * `en: Record<keyof typeof fr, string>`; they are merged here. `{name}` placeholders are filled by
 * `translate`. Numbers and dates go through Intl with the same language.
 */
import type { Problem } from '../../domain/problem';
import * as core from './core';
import * as kiosk from './kiosk';
import type { Language } from '../../domain/language';

export { LANGUAGES, type Language } from '../../domain/language';

const fr = { ...core.fr, ...kiosk.fr } as const;
const en = { ...core.en, ...kiosk.en };

export type MessageKey = keyof typeof fr;

/** Both dictionaries (exported for the parity test). */
export const dictionaries: Record<Language, Record<MessageKey, string>> = { fr, en };
export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[language][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function formatNumber(language: Language, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits }).format(value);
}

export function formatDate(language: Language, date: Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', ...options }).format(date);
}

/** A problem as a sentence; translated placeholders are filled, the rest is shown as found. */
export function describeProblem(language: Language, problem: Problem): string {
  const feature = problem.feature ? translate(language, 'problem.feature', { feature: problem.feature }) : '';
  return translate(language, `problem.${problem.code}` as MessageKey, {
    file: problem.file,
    feature,
    field: problem.field ?? '',
    expected: problem.expected ?? '',
    detail: problem.detail ?? '',
  });
}
