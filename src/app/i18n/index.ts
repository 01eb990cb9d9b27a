/**
 * The dictionary: every string the UI shows, French first, English second. Each feature keeps its
 * strings in a module of this folder (`core.ts`, and one per feature) exporting `fr` and
 * `en: Record<keyof typeof fr, string>`; they are merged here. `{name}` placeholders are filled by
 * `translate`. Numbers and dates go through Intl with the same language.
 */
import type { Problem, ProblemWords } from '../../domain/problem';
import * as core from './core';
import * as hardening from './hardening';
import * as session from './session';
import * as routing from './routing';
import * as live from './live';
import * as commune from './commune';
import * as inventory from './inventory';
import * as kiosk from './kiosk';
import { localeOf, type Language } from '../../domain/language';
import { DEFAULT_TIME_ZONE, formatInstant } from '../../domain/time/zonedTime';

export { LANGUAGES, type Language } from '../../domain/language';

const fr = { ...core.fr, ...hardening.fr, ...session.fr, ...routing.fr, ...live.fr, ...commune.fr, ...inventory.fr, ...kiosk.fr } as const;
const en = { ...core.en, ...hardening.en, ...session.en, ...routing.en, ...live.en, ...commune.en, ...inventory.en, ...kiosk.en };

export type MessageKey = keyof typeof fr;

/** Both dictionaries (exported for the parity test). */
export const dictionaries: Record<Language, Record<MessageKey, string>> = { fr, en };
export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[language][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/**
 * "label : text" with French typography (a no-break space before the colon, which so never starts a
 * line) or "label: text" in English.
 */
export function labelled(language: Language, label: string, text: string): string {
  return language === 'fr' ? `${label}\u00a0: ${text}` : `${label}: ${text}`;
}

/** Items one after the other: "a ; b" in French (a no-break space before the semicolon), "a; b" in English. */
export function listed(language: Language, items: readonly string[]): string {
  return items.join(language === 'fr' ? '\u00a0; ' : '; ');
}

/** Number formats by language and digits: building an `Intl.NumberFormat` costs far more than using one. */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(language: Language, value: number, maximumFractionDigits = 0): string {
  const key = `${language}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

let displayTimeZone = DEFAULT_TIME_ZONE;

/** The time zone dates are shown in: the territory's (set at start-up from its manifest). */
export function setDisplayTimeZone(timeZone: string): void {
  displayTimeZone = timeZone;
}

/** A date in the page's language, on the territory's clock unless `options.timeZone` says otherwise. */
export function formatDate(language: Language, date: Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  return formatInstant(localeOf(language), date.getTime(), options.timeZone ?? displayTimeZone, options);
}

/** A problem as a sentence; translated placeholders are filled, the rest is shown as found. */
export function describeProblem(language: Language, problem: Problem): string {
  const feature =
    (problem.feature ? translate(language, 'problem.feature', { feature: problem.feature }) : '') +
    (problem.line !== undefined ? translate(language, 'problem.line', { line: formatNumber(language, problem.line) }) : '');
  return translate(language, `problem.${problem.code}` as MessageKey, {
    file: problem.file,
    feature,
    field: problem.field || translate(language, 'problem.root'),
    expected: describeWords(language, problem.expected),
    detail: describeWords(language, problem.detail),
  });
}

/** A problem's `expected` or `detail`: its words in the page's language, or the text as it came. */
export function describeWords(language: Language, value: string | ProblemWords | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const number = (count: number | undefined) => (count === undefined ? '' : formatNumber(language, count, 1));
  return translate(language, `problem.words.${value.words}`, { count: number(value.count), limit: number(value.limit) });
}
