/**
 * Scenario problems in the reader's language. The validator (src/domain/lighting/scenario.ts)
 * says where and what in plain English words; each known shape is matched here and rewritten
 * through the dictionary, with its values. A shape not known yet is shown as it came.
 */
import type { ScenarioProblem } from '../../domain/lighting/scenario';
import { formatNumber, translate, type Language, type MessageKey } from '../i18n';

const WHERE: Array<[RegExp, MessageKey]> = [
  [/^default schedule$/, 'scenarioProblem.where.default'],
  [/^zone (.+)$/, 'scenarioProblem.where.zone'],
  [/^cabinet (.+)$/, 'scenarioProblem.where.cabinet'],
  [/^night cut (\d+)$/, 'scenarioProblem.where.cut'],
  [/^dimming step (\d+)$/, 'scenarioProblem.where.step'],
  [/^exception (\d+)$/, 'scenarioProblem.where.exception'],
  [/^retrofit (\d+.*)$/, 'scenarioProblem.where.retrofit'],
  [/^period$/, 'scenarioProblem.where.period'],
  [/^closing time of zone (.+)$/, 'scenarioProblem.where.closing'],
];

const WHAT: Array<[RegExp, MessageKey]> = [
  [/^switch-off (\S+) before switch-on (\S+)$/, 'scenarioProblem.offBeforeOn'],
  [/^switch-off (\S+) equals switch-on (\S+): never lit$/, 'scenarioProblem.offEqualsOn'],
  [/^night cut (\S+) is empty$/, 'scenarioProblem.cutEmpty'],
  [/^night cut (\S+) crosses noon/, 'scenarioProblem.cutCrossesNoon'],
  [/^night cuts overlap (\S+) and (\S+)$/, 'scenarioProblem.cutsOverlap'],
  [/^(?:dates )?from (\S+) after to (\S+)$/, 'scenarioProblem.datesReversed'],
  [/^dimming (-?[\d.]+)% above 100%$/, 'scenarioProblem.dimmingAbove100'],
  [/^dimming (-?[\d.]+)% at (\S+): a level must be above 0%/, 'scenarioProblem.dimmingZero'],
  [/^two dimming steps at (\S+)$/, 'scenarioProblem.twoSteps'],
  [/^date (\S+) listed twice$/, 'scenarioProblem.dateTwice'],
  [/^(\d+) nights, more than (\d+)$/, 'scenarioProblem.periodTooLong'],
  [/^unknown zone (.+)$/, 'scenarioProblem.unknownZone'],
  [/^unknown cabinet (.+)$/, 'scenarioProblem.unknownCabinet'],
  [/^unknown commune (.+)$/, 'scenarioProblem.unknownCommune'],
  [/^power filter (\S+) W–(\S+) W/, 'scenarioProblem.powerFilter'],
  [/^expected a local time HH:MM/, 'scenarioProblem.clockTime'],
  [/^expected a date YYYY-MM-DD/, 'scenarioProblem.isoDate'],
  [/^expected MM-DD/, 'scenarioProblem.monthDay'],
  [/^JSON: (.+)$/, 'scenarioProblem.json'],
  [/^file of (\S+) MB, more than (\S+) MB$/, 'scenarioProblem.tooLarge'],
];

/** Messages whose values are decimal numbers, written in the page's number format. */
const DECIMALS: ReadonlySet<MessageKey> = new Set(['scenarioProblem.tooLarge']);

function rewrite(language: Language, text: string, table: Array<[RegExp, MessageKey]>): string {
  for (const [pattern, key] of table) {
    const match = pattern.exec(text);
    if (!match) continue;
    const value = (captured: string | undefined) => (captured !== undefined && DECIMALS.has(key) ? formatNumber(language, Number(captured), 1) : (captured ?? ''));
    return translate(language, key, { a: value(match[1]), b: value(match[2]) });
  }
  return text;
}

export function describeScenarioProblem(language: Language, problem: ScenarioProblem): string {
  const where = problem.where
    .split(', ')
    .map((part) => rewrite(language, part, WHERE))
    .join(', ');
  const what = rewrite(language, problem.what, WHAT);
  if (where === '') return what;
  return language === 'fr' ? `${where} : ${what}` : `${where}: ${what}`;
}
