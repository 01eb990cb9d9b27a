/**
 * Scenario problems in the reader's language. The validator (src/domain/lighting/scenario.ts)
 * gives each problem its place as typed parts and its fault as a code with values; each part and
 * each code has its sentence in the dictionary (`scenarioProblem.*`), numbers in the page's
 * format. Field names, ids, clock times and dates stay as the file spells them: that is what the
 * manager will look for in it.
 */
import type { ScenarioFault, ScenarioPlace, ScenarioProblem, ScenarioValueType } from '../../domain/lighting/scenario';
import { formatNumber, labelled, translate, type Language, type MessageKey } from '../i18n';

const TYPE_KEYS: Record<ScenarioValueType, MessageKey> = {
  text: 'scenarioProblem.type.text',
  number: 'scenarioProblem.type.number',
  'non-finite': 'scenarioProblem.type.nonFinite',
  object: 'scenarioProblem.type.object',
  list: 'scenarioProblem.type.list',
  'true-or-false': 'scenarioProblem.type.trueOrFalse',
  null: 'scenarioProblem.type.null',
  missing: 'scenarioProblem.type.missing',
};

export function describeScenarioPlace(language: Language, place: ScenarioPlace): string {
  const ordinal = (index: number) => formatNumber(language, index + 1);
  switch (place.kind) {
    case 'scenario':
      return translate(language, 'scenarioProblem.where.scenario');
    case 'file':
      return place.name;
    case 'default':
      return translate(language, 'scenarioProblem.where.default');
    case 'zone':
      return translate(language, 'scenarioProblem.where.zone', { id: place.id });
    case 'cabinet':
      return translate(language, 'scenarioProblem.where.cabinet', { id: place.id });
    case 'cut':
      return translate(language, 'scenarioProblem.where.cut', { number: ordinal(place.index) });
    case 'step':
      return translate(language, 'scenarioProblem.where.step', { number: ordinal(place.index) });
    case 'exception':
      return translate(language, 'scenarioProblem.where.exception', { number: ordinal(place.index) });
    case 'retrofit':
      return place.label
        ? translate(language, 'scenarioProblem.where.retrofitLabelled', { number: ordinal(place.index), label: place.label })
        : translate(language, 'scenarioProblem.where.retrofit', { number: ordinal(place.index) });
    case 'period':
      return translate(language, 'scenarioProblem.where.period');
    case 'closing':
      return translate(language, 'scenarioProblem.where.closing', { zone: place.zone });
    case 'field':
      return place.name;
  }
}

export function describeScenarioFault(language: Language, fault: ScenarioFault): string {
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => translate(language, key, params);
  const number = (value: number) => formatNumber(language, value, 1);
  const type = (value: ScenarioValueType) => say(TYPE_KEYS[value]);
  const span = (cut: { start: string; end: string }) => `${cut.start}–${cut.end}`;
  switch (fault.code) {
    case 'offBeforeOn':
      return say('scenarioProblem.offBeforeOn', { off: fault.off, on: fault.on });
    case 'offEqualsOn':
      return say('scenarioProblem.offEqualsOn', { off: fault.off, on: fault.on });
    case 'cutEmpty':
      return say('scenarioProblem.cutEmpty', { cut: span(fault.cut) });
    case 'cutCrossesNoon':
      return say('scenarioProblem.cutCrossesNoon', { cut: span(fault.cut) });
    case 'cutsOverlap':
      return say('scenarioProblem.cutsOverlap', { first: span(fault.first), second: span(fault.second) });
    case 'datesReversed':
      return say('scenarioProblem.datesReversed', { from: fault.from, to: fault.to });
    case 'dimmingAbove100':
      return say('scenarioProblem.dimmingAbove100', { level: number(fault.levelPercent) });
    case 'dimmingNotAbove0':
      return say('scenarioProblem.dimmingNotAbove0', { level: number(fault.levelPercent), time: fault.time });
    case 'twoSteps':
      return say('scenarioProblem.twoSteps', { time: fault.time });
    case 'dateTwice':
      return say('scenarioProblem.dateTwice', { date: fault.date });
    case 'periodTooLong':
      return say('scenarioProblem.periodTooLong', { nights: number(fault.nights), max: number(fault.maxNights) });
    case 'unknownZone':
      return say('scenarioProblem.unknownZone', { id: fault.id });
    case 'unknownCabinet':
      return say('scenarioProblem.unknownCabinet', { id: fault.id });
    case 'unknownCommune':
      return say('scenarioProblem.unknownCommune', { id: fault.id });
    case 'powerFilterReversed':
      return say('scenarioProblem.powerFilterReversed', { min: number(fault.minWatts), max: number(fault.maxWatts) });
    case 'clockTime':
      return say('scenarioProblem.clockTime');
    case 'isoDate':
      return say('scenarioProblem.isoDate');
    case 'monthDay':
      return say('scenarioProblem.monthDay');
    case 'exceptionDate':
      return say('scenarioProblem.exceptionDate');
    case 'missing':
      return say('scenarioProblem.missing', { expected: type(fault.expected) });
    case 'wrongType':
      return say('scenarioProblem.wrongType', { expected: type(fault.expected), received: type(fault.received) });
    case 'wholeNumber':
      return say('scenarioProblem.wholeNumber');
    case 'numberTooSmall':
      return say(fault.inclusive ? 'scenarioProblem.numberTooSmall' : 'scenarioProblem.numberNotAbove', { limit: number(fault.minimum) });
    case 'numberTooLarge':
      return say(fault.inclusive ? 'scenarioProblem.numberTooLarge' : 'scenarioProblem.numberNotBelow', { limit: number(fault.maximum) });
    case 'emptyText':
      return say('scenarioProblem.emptyText');
    case 'emptyList':
      return say('scenarioProblem.emptyList');
    case 'wrongValue':
      return say('scenarioProblem.wrongValue', { expected: fault.expected });
    case 'notAnOption':
      return say('scenarioProblem.notAnOption', { options: fault.options.join(', ') });
    case 'unknownKey':
      return say('scenarioProblem.unknownKey', { key: fault.key });
    case 'invalid':
      return say('scenarioProblem.invalid', { detail: fault.detail });
    case 'fileTooLarge':
      return say('scenarioProblem.fileTooLarge', { size: number(fault.megabytes), limit: number(fault.limitMegabytes) });
    case 'json':
      return say('scenarioProblem.json', { detail: fault.detail });
  }
}

/** `where : what` (French spacing, `labelled`) or `where: what`, the place's parts from the outside in. */
export function describeScenarioProblem(language: Language, problem: ScenarioProblem): string {
  const where = problem.where.map((place) => describeScenarioPlace(language, place)).join(', ');
  const what = describeScenarioFault(language, problem.what);
  return labelled(language, where, what);
}
