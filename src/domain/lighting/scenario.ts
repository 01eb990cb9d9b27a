/**
 * A public-lighting what-if scenario: plain JSON, checked by a zod schema and then against the
 * territory by `validateScenario`. The UI keeps the last scenario that passed.
 *
 * Conventions, so that a schedule reads the way a manager says it:
 * - Local times are `HH:MM` on the Europe/Paris wall clock (daylight saving included).
 * - A night runs from local noon of its evening date to local noon of the next day; "the night of
 *   14 July" is the evening of 14 July to the morning of 15 July. Weekdays (ISO 1 = Monday …
 *   7 = Sunday), seasons, date ranges and exceptions all refer to that evening date.
 * - Switch-on: `sunset` + `minutesAfter`, civil dusk, or a fixed time. Switch-off: `sunrise` −
 *   `minutesBefore`, civil dawn, or a fixed time. Which sunset is the manager's choice (DOMAIN.md).
 * - A night cut switches off from `start` to `end` (e.g. 23:00–05:00), on the nights it applies to.
 * - Dimming steps: from `time` on, the lamps draw `levelPercent` of their power, until the next
 *   step (in the order of the night, noon to noon). Before the first step they are at 100%.
 * - Exceptions (14 July, 31 December…): `lit-all-night` means switch-on to switch-off with no cut
 *   and no dimming; `off` means not lit at all that night.
 * - A lamp follows its cabinet's schedule if the scenario has one, else its zone's, else the
 *   default schedule. An override replaces the whole schedule.
 * - Retrofits: the first plan whose filter and selection match a lamp replaces it.
 */
import { z } from 'zod';
import { LAMP_TECHNOLOGIES, type Cabinet, type Commune, type LightingZone } from '../territory';
import { tightestBounds } from '../zodIssues';
import { formatClockTime, parseClockTime, parseIsoDate, parseMonthDay, epochDay, type CalendarDate } from './localTime';

export const SCENARIO_FORMAT = 'vigie-lighting-scenario';
export const SCENARIO_VERSION = 1;
/** The id of the built-in baseline: sunset to sunrise, all lit, no retrofit. */
export const AS_TODAY_SCENARIO_ID = 'as-today';

/** A zod refinement that reports `code` (read back by `faultOfIssue`) with an English message. */
function refinedText(test: (text: string) => boolean, code: 'clockTime' | 'isoDate' | 'monthDay' | 'exceptionDate') {
  return z.string().refine(test, { message: englishFault({ code }), params: { scenarioCode: code } });
}
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = refinedText((text) => CLOCK_TIME.test(text), 'clockTime');
const isoDate = refinedText((text) => parseIsoDate(text) !== null, 'isoDate');
const monthDay = refinedText((text) => !Number.isNaN(parseMonthDay(text)), 'monthDay');
const exceptionDate = refinedText((text) => parseIsoDate(text) !== null || !Number.isNaN(parseMonthDay(text)), 'exceptionDate');
const minutesOffset = z.number().int().min(-240).max(240);

export const switchOnRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('sunset'), minutesAfter: minutesOffset.default(0) }),
  z.strictObject({ rule: z.literal('civil-dusk') }),
  z.strictObject({ rule: z.literal('fixed'), time: clockTime }),
]);
export type SwitchOnRule = z.output<typeof switchOnRuleSchema>;

export const switchOffRuleSchema = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('sunrise'), minutesBefore: minutesOffset.default(0) }),
  z.strictObject({ rule: z.literal('civil-dawn') }),
  z.strictObject({ rule: z.literal('fixed'), time: clockTime }),
]);
export type SwitchOffRule = z.output<typeof switchOffRuleSchema>;

export const nightCutSchema = z.strictObject({
  start: clockTime,
  end: clockTime,
  /** ISO weekdays of the evening (1 = Monday … 7 = Sunday); all nights when absent. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
  /** Days of the year of the evening, inclusive; wraps over the new year when `from` > `to`. */
  season: z.strictObject({ from: monthDay, to: monthDay }).optional(),
  /** Evening dates, inclusive. */
  dates: z.strictObject({ from: isoDate, to: isoDate }).optional(),
});
export type NightCut = z.output<typeof nightCutSchema>;

export const dimmingStepSchema = z.strictObject({ time: clockTime, levelPercent: z.number().finite() });
export type DimmingStep = z.output<typeof dimmingStepSchema>;

export const EXCEPTION_MODES = ['lit-all-night', 'off'] as const;
export type ExceptionMode = (typeof EXCEPTION_MODES)[number];

export const scheduleExceptionSchema = z.strictObject({
  /** `MM-DD` every year, or `YYYY-MM-DD` once: the evening of the night. */
  date: exceptionDate,
  mode: z.enum(EXCEPTION_MODES).default('lit-all-night'),
  label: z.string().default(''),
});
export type ScheduleException = z.output<typeof scheduleExceptionSchema>;

export const scheduleSchema = z.strictObject({
  switchOn: switchOnRuleSchema,
  switchOff: switchOffRuleSchema,
  cuts: z.array(nightCutSchema).default([]),
  dimming: z.array(dimmingStepSchema).default([]),
  exceptions: z.array(scheduleExceptionSchema).default([]),
});
export type Schedule = z.output<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;

export const retrofitSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('zones'), ids: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ kind: z.literal('cabinets'), ids: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ kind: z.literal('communes'), ids: z.array(z.string().min(1)).min(1) }),
]);
export type RetrofitSelection = z.output<typeof retrofitSelectionSchema>;

export const retrofitPlanSchema = z.strictObject({
  label: z.string().default(''),
  from: z.strictObject({
    technology: z.enum(LAMP_TECHNOLOGIES),
    /** Optional power filter, inclusive. */
    minPowerWatts: z.number().positive().optional(),
    maxPowerWatts: z.number().positive().optional(),
  }),
  to: z.strictObject({
    technology: z.enum(LAMP_TECHNOLOGIES),
    powerWatts: z.number().positive().max(2000),
    colourTemperatureKelvin: z.number().min(1000).max(10000),
  }),
  selection: retrofitSelectionSchema.default({ kind: 'all' }),
  unitCostEuros: z.number().finite().min(0),
});
export type RetrofitPlan = z.output<typeof retrofitPlanSchema>;

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Evening dates, inclusive; when absent, one calendar year chosen by the caller. */
  period: z.strictObject({ from: isoDate, to: isoDate }).optional(),
  /** The scenario this one is compared with: `as-today` or the id of another scenario. */
  baseline: z.string().min(1).default(AS_TODAY_SCENARIO_ID),
  schedules: z.strictObject({
    default: scheduleSchema,
    zones: z.record(z.string(), scheduleSchema).default({}),
    cabinets: z.record(z.string(), scheduleSchema).default({}),
  }),
  retrofits: z.array(retrofitPlanSchema).default([]),
  /**
   * Per zone, the local time when its park closes or its car park's activity ends; used by the
   * regulatory checks (arrêté of 27 December 2018) only.
   */
  zoneClosingTimes: z.record(z.string(), clockTime).default({}),
});
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/**
 * One step of where a problem is, from the outside in: `[{ kind: 'zone', id: 'Z12' }, { kind: 'cut', index: 0 }]`
 * is the first night cut of zone Z12's schedule. Indexes count from 0 as in the file (the page
 * shows them from 1); `field` is any other key of the file, as the file spells it.
 */
export type ScenarioPlace =
  | { kind: 'scenario' }
  | { kind: 'file'; name: string }
  | { kind: 'default' }
  | { kind: 'zone'; id: string }
  | { kind: 'cabinet'; id: string }
  | { kind: 'cut'; index: number }
  | { kind: 'step'; index: number }
  | { kind: 'exception'; index: number }
  | { kind: 'retrofit'; index: number; label?: string }
  | { kind: 'period' }
  | { kind: 'closing'; zone: string }
  | { kind: 'field'; name: string };

/** What a value is (or should be), for the schema's type errors: `missing` when the key is absent. */
export type ScenarioValueType = 'text' | 'number' | 'non-finite' | 'object' | 'list' | 'true-or-false' | 'null' | 'missing';

export interface ClockSpan {
  start: string;
  end: string;
}

/**
 * What is wrong, as a code with the values its sentence needs (the page words it through the
 * dictionary, `scenarioProblem.<code>`; `englishFault` words it for the command line and logs).
 */
export type ScenarioFault =
  // Rules of a schedule, checked after the schema.
  | { code: 'offBeforeOn'; off: string; on: string }
  | { code: 'offEqualsOn'; off: string; on: string }
  | { code: 'cutEmpty'; cut: ClockSpan }
  | { code: 'cutCrossesNoon'; cut: ClockSpan }
  | { code: 'cutsOverlap'; first: ClockSpan; second: ClockSpan }
  | { code: 'datesReversed'; from: string; to: string }
  | { code: 'dimmingAbove100'; levelPercent: number }
  | { code: 'dimmingNotAbove0'; levelPercent: number; time: string }
  | { code: 'twoSteps'; time: string }
  | { code: 'dateTwice'; date: string }
  | { code: 'periodTooLong'; nights: number; maxNights: number }
  | { code: 'unknownZone'; id: string }
  | { code: 'unknownCabinet'; id: string }
  | { code: 'unknownCommune'; id: string }
  | { code: 'powerFilterReversed'; minWatts: number; maxWatts: number }
  // The schema (zod): formats of this file, then zod's own kinds of issue.
  | { code: 'clockTime' }
  | { code: 'isoDate' }
  | { code: 'monthDay' }
  | { code: 'exceptionDate' }
  | { code: 'missing'; expected: ScenarioValueType }
  | { code: 'wrongType'; expected: ScenarioValueType; received: ScenarioValueType }
  | { code: 'wholeNumber' }
  | { code: 'numberTooSmall'; minimum: number; inclusive: boolean }
  | { code: 'numberTooLarge'; maximum: number; inclusive: boolean }
  | { code: 'emptyText' }
  | { code: 'emptyList' }
  | { code: 'wrongValue'; expected: string }
  | { code: 'notAnOption'; options: string[] }
  | { code: 'unknownKey'; key: string }
  /** A kind of schema issue this schema cannot raise today: zod's own English message. */
  | { code: 'invalid'; detail: string }
  // Reading the file (the lighting panel's import).
  | { code: 'fileTooLarge'; megabytes: number; limitMegabytes: number }
  | { code: 'json'; detail: string };
export type ScenarioFaultCode = ScenarioFault['code'];

export interface ScenarioProblem {
  /** Where, from the outside in; never empty (`[{ kind: 'scenario' }]` for the whole document). */
  where: ScenarioPlace[];
  /** What is wrong, with the values involved. */
  what: ScenarioFault;
  /** `where: what` in plain English, for the command line and the logs. */
  message: string;
}

export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** The parts of a territory a scenario refers to. */
export type ScenarioTerritory = {
  lightingZones: readonly Pick<LightingZone, 'id'>[];
  cabinets: readonly Pick<Cabinet, 'id'>[];
  communes: readonly Pick<Commune, 'id'>[];
};

/** The longest period accepted, in nights (ten years). */
export const MAX_PERIOD_NIGHTS = 3660;

const typeWords: Record<ScenarioValueType, string> = {
  text: 'a text',
  number: 'a number',
  'non-finite': 'a non-finite number',
  object: 'an object',
  list: 'a list',
  'true-or-false': 'true or false',
  null: 'null',
  missing: 'nothing',
};
const span = (cut: ClockSpan) => `${cut.start}–${cut.end}`;

/** A fault in plain English (the command line, the logs, the zod messages of the formats). */
export function englishFault(fault: ScenarioFault): string {
  switch (fault.code) {
    case 'offBeforeOn':
      return `switch-off ${fault.off} before switch-on ${fault.on}`;
    case 'offEqualsOn':
      return `switch-off ${fault.off} equals switch-on ${fault.on}: never lit`;
    case 'cutEmpty':
      return `night cut ${span(fault.cut)} is empty`;
    case 'cutCrossesNoon':
      return `night cut ${span(fault.cut)} crosses noon; a cut lies within one night, noon to noon`;
    case 'cutsOverlap':
      return `night cuts overlap ${span(fault.first)} and ${span(fault.second)}`;
    case 'datesReversed':
      return `from ${fault.from} after to ${fault.to}`;
    case 'dimmingAbove100':
      return `dimming ${fault.levelPercent}% above 100%`;
    case 'dimmingNotAbove0':
      return `dimming ${fault.levelPercent}% at ${fault.time}: a level must be above 0% (use a night cut to switch off)`;
    case 'twoSteps':
      return `two dimming steps at ${fault.time}`;
    case 'dateTwice':
      return `date ${fault.date} listed twice`;
    case 'periodTooLong':
      return `${fault.nights} nights, more than ${fault.maxNights}`;
    case 'unknownZone':
      return `unknown zone ${fault.id}`;
    case 'unknownCabinet':
      return `unknown cabinet ${fault.id}`;
    case 'unknownCommune':
      return `unknown commune ${fault.id}`;
    case 'powerFilterReversed':
      return `power filter ${fault.minWatts} W–${fault.maxWatts} W has its minimum above its maximum`;
    case 'clockTime':
      return 'expected a local time HH:MM between 00:00 and 23:59';
    case 'isoDate':
      return 'expected a date YYYY-MM-DD';
    case 'monthDay':
      return 'expected a day of the year MM-DD';
    case 'exceptionDate':
      return 'expected MM-DD (every year) or YYYY-MM-DD';
    case 'missing':
      return `missing: expected ${typeWords[fault.expected]}`;
    case 'wrongType':
      return `expected ${typeWords[fault.expected]}, got ${typeWords[fault.received]}`;
    case 'wholeNumber':
      return 'expected a whole number';
    case 'numberTooSmall':
      return `expected a number ${fault.inclusive ? 'of at least' : 'above'} ${fault.minimum}`;
    case 'numberTooLarge':
      return `expected a number ${fault.inclusive ? 'of at most' : 'below'} ${fault.maximum}`;
    case 'emptyText':
      return 'expected a text that is not empty';
    case 'emptyList':
      return 'expected a list that is not empty';
    case 'wrongValue':
      return `expected ${fault.expected}`;
    case 'notAnOption':
      return `expected one of ${fault.options.join(', ')}`;
    case 'unknownKey':
      return `unknown key ${JSON.stringify(fault.key)}`;
    case 'invalid':
      return fault.detail;
    case 'fileTooLarge':
      return `file of ${fault.megabytes} MB, more than ${fault.limitMegabytes} MB`;
    case 'json':
      return `JSON: ${fault.detail}`;
  }
}

/** A place in plain English: "default schedule", "zone Z12", "night cut 1", "retrofit 2 (LED)"… */
export function englishPlace(place: ScenarioPlace): string {
  switch (place.kind) {
    case 'scenario':
      return 'scenario';
    case 'file':
      return place.name;
    case 'default':
      return 'default schedule';
    case 'zone':
      return `zone ${place.id}`;
    case 'cabinet':
      return `cabinet ${place.id}`;
    case 'cut':
      return `night cut ${place.index + 1}`;
    case 'step':
      return `dimming step ${place.index + 1}`;
    case 'exception':
      return `exception ${place.index + 1}`;
    case 'retrofit':
      return `retrofit ${place.index + 1}${place.label ? ` (${place.label})` : ''}`;
    case 'period':
      return 'period';
    case 'closing':
      return `closing time of zone ${place.zone}`;
    case 'field':
      return place.name;
  }
}

/** A problem with its English message. */
export function scenarioProblem(where: ScenarioPlace[], what: ScenarioFault): ScenarioProblem {
  return { where, what, message: `${where.map(englishPlace).join(', ')}: ${englishFault(what)}` };
}

/** A zod path as places: ['schedules', 'zones', 'Z12', 'cuts', 0, 'start'] → zone Z12, cut 0, field start. */
function placesOfPath(path: readonly PropertyKey[]): ScenarioPlace[] {
  const places: ScenarioPlace[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'schedules' && next === 'default') {
      places.push({ kind: 'default' });
      i++;
    } else if (key === 'schedules' && next === 'zones' && path[i + 2] !== undefined) {
      places.push({ kind: 'zone', id: String(path[i + 2]) });
      i += 2;
    } else if (key === 'schedules' && next === 'cabinets' && path[i + 2] !== undefined) {
      places.push({ kind: 'cabinet', id: String(path[i + 2]) });
      i += 2;
    } else if (key === 'cuts' && typeof next === 'number') {
      places.push({ kind: 'cut', index: next });
      i++;
    } else if (key === 'dimming' && typeof next === 'number') {
      places.push({ kind: 'step', index: next });
      i++;
    } else if (key === 'exceptions' && typeof next === 'number') {
      places.push({ kind: 'exception', index: next });
      i++;
    } else if (key === 'retrofits' && typeof next === 'number') {
      places.push({ kind: 'retrofit', index: next });
      i++;
    } else if (key === 'zoneClosingTimes' && next !== undefined) {
      places.push({ kind: 'closing', zone: String(next) });
      i++;
    } else if (key === 'period' && i === 0) {
      places.push({ kind: 'period' });
    } else {
      places.push({ kind: 'field', name: String(key) });
    }
  }
  return places.length === 0 ? [{ kind: 'scenario' }] : places;
}

/** What the file holds at `path` (own keys only), as a type word. */
function typeAt(json: unknown, path: readonly PropertyKey[]): ScenarioValueType {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return 'missing';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'non-finite';
  if (typeof value === 'boolean') return 'true-or-false';
  return 'object';
}

const ZOD_TYPES: Partial<Record<string, ScenarioValueType>> = { string: 'text', number: 'number', object: 'object', record: 'object', array: 'list', boolean: 'true-or-false' };
const FORMAT_CODES: ReadonlySet<string> = new Set(['clockTime', 'isoDate', 'monthDay', 'exceptionDate']);

/** A zod issue as a fault: this schema's formats by their code, zod's kinds by theirs. */
function faultOfIssue(issue: z.core.$ZodIssue, json: unknown): ScenarioFault {
  const invalid: ScenarioFault = { code: 'invalid', detail: issue.message };
  switch (issue.code) {
    case 'custom': {
      const code = issue.params?.scenarioCode;
      return typeof code === 'string' && FORMAT_CODES.has(code) ? ({ code } as ScenarioFault) : invalid;
    }
    case 'invalid_type': {
      if (issue.expected === 'int') return { code: 'wholeNumber' };
      const expected = ZOD_TYPES[issue.expected];
      if (expected === undefined) return invalid;
      const received = typeAt(json, issue.path);
      return received === 'missing' ? { code: 'missing', expected } : { code: 'wrongType', expected, received };
    }
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return { code: 'numberTooSmall', minimum: Number(issue.minimum), inclusive: issue.inclusive ?? true };
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'emptyText' };
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return { code: 'emptyList' };
      return invalid;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' ? { code: 'numberTooLarge', maximum: Number(issue.maximum), inclusive: issue.inclusive ?? true } : invalid;
    case 'invalid_value':
      return issue.values.length === 1 ? { code: 'wrongValue', expected: JSON.stringify(issue.values[0]) } : { code: 'notAnOption', options: issue.values.map((value) => JSON.stringify(value)) };
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options) ? { code: 'notAnOption', options: options.map((value) => JSON.stringify(value)) } : invalid;
    }
    default:
      return invalid;
  }
}

/** The schema's issues as problems; an unknown key is one problem per key, at the object that holds it. */
function schemaProblems(issues: readonly z.core.$ZodIssue[], json: unknown): ScenarioProblem[] {
  return tightestBounds(issues).flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => scenarioProblem(placesOfPath(issue.path), { code: 'unknownKey', key }))
      : [scenarioProblem(placesOfPath(issue.path), faultOfIssue(issue, json))],
  );
}

/** Minutes since local noon, 0–1439, of a clock time: the order of events within one night. */
export function minutesSinceNoon(clockMinutes: number): number {
  return (clockMinutes - 720 + 1440) % 1440;
}

/** A set of (month, day) as a 13 × 32 bitmap index, for the season overlap test. */
function seasonDays(season: NightCut['season']): Set<number> | null {
  if (season === undefined) return null;
  const from = parseMonthDay(season.from);
  const to = parseMonthDay(season.to);
  const days = new Set<number>();
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth[month - 1]; day++) {
      const key = month * 100 + day;
      const inside = from <= to ? key >= from && key <= to : key >= from || key <= to;
      if (inside) days.add(key);
    }
  }
  return days;
}

/**
 * Whether two cuts can apply on the same night: their weekday sets, seasons and date ranges each
 * intersect. Each condition is tested on its own, so this may say yes for cuts whose season of one
 * and dates of the other never meet; it never says no for cuts that do meet.
 */
function cutsMayShareANight(a: NightCut, b: NightCut): boolean {
  if (a.weekdays !== undefined && b.weekdays !== undefined && !a.weekdays.some((day) => b.weekdays!.includes(day))) return false;
  const seasonA = seasonDays(a.season);
  const seasonB = seasonDays(b.season);
  if (seasonA !== null && seasonB !== null && ![...seasonA].some((day) => seasonB.has(day))) return false;
  if (a.dates !== undefined && b.dates !== undefined) {
    if (a.dates.to < b.dates.from || b.dates.to < a.dates.from) return false;
  }
  return true;
}

function checkSchedule(schedule: Schedule, where: ScenarioPlace, problems: ScenarioProblem[]): void {
  const push = (places: ScenarioPlace[], fault: ScenarioFault) => problems.push(scenarioProblem([where, ...places], fault));
  if (schedule.switchOn.rule === 'fixed' && schedule.switchOff.rule === 'fixed') {
    const on = minutesSinceNoon(parseClockTime(schedule.switchOn.time));
    const off = minutesSinceNoon(parseClockTime(schedule.switchOff.time));
    if (off < on) push([], { code: 'offBeforeOn', off: schedule.switchOff.time, on: schedule.switchOn.time });
    else if (off === on) push([], { code: 'offEqualsOn', off: schedule.switchOff.time, on: schedule.switchOn.time });
  }

  schedule.cuts.forEach((cut, index) => {
    const start = minutesSinceNoon(parseClockTime(cut.start));
    const end = minutesSinceNoon(parseClockTime(cut.end));
    const span = { start: cut.start, end: cut.end };
    if (start === end) push([{ kind: 'cut', index }], { code: 'cutEmpty', cut: span });
    else if (end < start) push([{ kind: 'cut', index }], { code: 'cutCrossesNoon', cut: span });
    if (cut.dates !== undefined && cut.dates.from > cut.dates.to) {
      push([{ kind: 'cut', index }, { kind: 'field', name: 'dates' }], { code: 'datesReversed', from: cut.dates.from, to: cut.dates.to });
    }
  });
  for (let i = 0; i < schedule.cuts.length; i++) {
    for (let j = i + 1; j < schedule.cuts.length; j++) {
      const a = schedule.cuts[i];
      const b = schedule.cuts[j];
      const aStart = minutesSinceNoon(parseClockTime(a.start));
      const aEnd = minutesSinceNoon(parseClockTime(a.end));
      const bStart = minutesSinceNoon(parseClockTime(b.start));
      const bEnd = minutesSinceNoon(parseClockTime(b.end));
      if (aEnd <= aStart || bEnd <= bStart) continue;
      if (aStart < bEnd && bStart < aEnd && cutsMayShareANight(a, b)) {
        push([], { code: 'cutsOverlap', first: { start: a.start, end: a.end }, second: { start: b.start, end: b.end } });
      }
    }
  }

  const seenStepTimes = new Set<string>();
  schedule.dimming.forEach((step, index) => {
    const stepWhere: ScenarioPlace = { kind: 'step', index };
    if (step.levelPercent > 100) push([stepWhere], { code: 'dimmingAbove100', levelPercent: step.levelPercent });
    else if (step.levelPercent <= 0) push([stepWhere], { code: 'dimmingNotAbove0', levelPercent: step.levelPercent, time: step.time });
    if (seenStepTimes.has(step.time)) push([stepWhere], { code: 'twoSteps', time: step.time });
    seenStepTimes.add(step.time);
  });

  const seenExceptionDates = new Set<string>();
  schedule.exceptions.forEach((exception, index) => {
    if (seenExceptionDates.has(exception.date)) push([{ kind: 'exception', index }], { code: 'dateTwice', date: exception.date });
    seenExceptionDates.add(exception.date);
  });
}

/**
 * Checks `json` against the schema, then against the territory. Returns the scenario with its
 * defaults filled in, or every problem found, each saying where and what.
 */
export function validateScenario(json: unknown, territory: ScenarioTerritory): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error.issues, json) };
  const scenario = parsed.data;
  const problems: ScenarioProblem[] = [];
  const zoneIds = new Set(territory.lightingZones.map((zone) => zone.id));
  const cabinetIds = new Set(territory.cabinets.map((cabinet) => cabinet.id));
  const communeIds = new Set(territory.communes.map((commune) => commune.id));

  if (scenario.period !== undefined) {
    const from = parseIsoDate(scenario.period.from) as CalendarDate;
    const to = parseIsoDate(scenario.period.to) as CalendarDate;
    const nights = epochDay(to) - epochDay(from) + 1;
    if (nights < 1) problems.push(scenarioProblem([{ kind: 'period' }], { code: 'datesReversed', from: scenario.period.from, to: scenario.period.to }));
    else if (nights > MAX_PERIOD_NIGHTS) problems.push(scenarioProblem([{ kind: 'period' }], { code: 'periodTooLong', nights, maxNights: MAX_PERIOD_NIGHTS }));
  }

  checkSchedule(scenario.schedules.default, { kind: 'default' }, problems);
  for (const [id, schedule] of Object.entries(scenario.schedules.zones)) {
    if (!zoneIds.has(id)) problems.push(scenarioProblem([{ kind: 'zone', id }], { code: 'unknownZone', id }));
    checkSchedule(schedule, { kind: 'zone', id }, problems);
  }
  for (const [id, schedule] of Object.entries(scenario.schedules.cabinets)) {
    if (!cabinetIds.has(id)) problems.push(scenarioProblem([{ kind: 'cabinet', id }], { code: 'unknownCabinet', id }));
    checkSchedule(schedule, { kind: 'cabinet', id }, problems);
  }

  scenario.retrofits.forEach((plan, index) => {
    const where: ScenarioPlace[] = [plan.label === '' ? { kind: 'retrofit', index } : { kind: 'retrofit', index, label: plan.label }];
    const { minPowerWatts, maxPowerWatts } = plan.from;
    if (minPowerWatts !== undefined && maxPowerWatts !== undefined && minPowerWatts > maxPowerWatts) {
      problems.push(scenarioProblem(where, { code: 'powerFilterReversed', minWatts: minPowerWatts, maxWatts: maxPowerWatts }));
    }
    const selection = plan.selection;
    if (selection.kind !== 'all') {
      const known = selection.kind === 'zones' ? zoneIds : selection.kind === 'cabinets' ? cabinetIds : communeIds;
      const code = selection.kind === 'zones' ? 'unknownZone' : selection.kind === 'cabinets' ? 'unknownCabinet' : 'unknownCommune';
      for (const id of selection.ids) {
        if (!known.has(id)) problems.push(scenarioProblem(where, { code, id }));
      }
    }
  });

  for (const zone of Object.keys(scenario.zoneClosingTimes)) {
    if (!zoneIds.has(zone)) problems.push(scenarioProblem([{ kind: 'closing', zone }], { code: 'unknownZone', id: zone }));
  }

  return problems.length === 0 ? { ok: true, scenario } : { ok: false, problems };
}

/** The evening dates a scenario covers: its own period, else the calendar year `defaultYear`. */
export function resolvePeriod(scenario: Pick<Scenario, 'period'>, defaultYear: number): { from: string; to: string } {
  if (scenario.period !== undefined) return { from: scenario.period.from, to: scenario.period.to };
  return { from: `${defaultYear}-01-01`, to: `${defaultYear}-12-31` };
}

/** Formats minutes since local noon back to a clock time (for messages). */
export function clockTimeSinceNoon(minutes: number): string {
  return formatClockTime(minutes + 720);
}
