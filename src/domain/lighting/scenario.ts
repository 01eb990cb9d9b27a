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
import { formatClockTime, parseClockTime, parseIsoDate, parseMonthDay, epochDay, type CalendarDate } from './localTime';

export const SCENARIO_FORMAT = 'vigie-lighting-scenario';
export const SCENARIO_VERSION = 1;
/** The id of the built-in baseline: sunset to sunrise, all lit, no retrofit. */
export const AS_TODAY_SCENARIO_ID = 'as-today';

const CLOCK_TIME_MESSAGE = 'expected a local time HH:MM between 00:00 and 23:59';
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, CLOCK_TIME_MESSAGE);
const isoDate = z.string().refine((text) => parseIsoDate(text) !== null, 'expected a date YYYY-MM-DD');
const monthDay = z.string().refine((text) => !Number.isNaN(parseMonthDay(text)), 'expected a day of the year MM-DD');
const exceptionDate = z
  .string()
  .refine((text) => parseIsoDate(text) !== null || !Number.isNaN(parseMonthDay(text)), 'expected MM-DD (every year) or YYYY-MM-DD');
const minutesOffset = z.number().int('expected whole minutes').min(-240).max(240);

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

export interface ScenarioProblem {
  /** Where: "zone Z12", "default schedule, night cut 2", "retrofit 1", "period". */
  where: string;
  /** What is wrong, with the values involved. */
  what: string;
  /** `where: what`, ready to show. */
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

function problem(where: string, what: string): ScenarioProblem {
  return { where, what, message: where === '' ? what : `${where}: ${what}` };
}

/** A zod path as words: ['schedules', 'zones', 'Z12', 'cuts', 0, 'start'] → "zone Z12, night cut 1, start". */
function describePath(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === 'schedules' && next === 'default') {
      words.push('default schedule');
      i++;
    } else if (key === 'schedules' && next === 'zones' && path[i + 2] !== undefined) {
      words.push(`zone ${String(path[i + 2])}`);
      i += 2;
    } else if (key === 'schedules' && next === 'cabinets' && path[i + 2] !== undefined) {
      words.push(`cabinet ${String(path[i + 2])}`);
      i += 2;
    } else if (key === 'cuts' && typeof next === 'number') {
      words.push(`night cut ${next + 1}`);
      i++;
    } else if (key === 'dimming' && typeof next === 'number') {
      words.push(`dimming step ${next + 1}`);
      i++;
    } else if (key === 'exceptions' && typeof next === 'number') {
      words.push(`exception ${next + 1}`);
      i++;
    } else if (key === 'retrofits' && typeof next === 'number') {
      words.push(`retrofit ${next + 1}`);
      i++;
    } else if (key === 'zoneClosingTimes' && next !== undefined) {
      words.push(`closing time of zone ${String(next)}`);
      i++;
    } else {
      words.push(String(key));
    }
  }
  return words.join(', ');
}

/** Minutes since local noon, 0–1439, of a clock time: the order of events within one night. */
export function minutesSinceNoon(clockMinutes: number): number {
  return (clockMinutes - 720 + 1440) % 1440;
}

function cutLabel(cut: NightCut): string {
  return `${cut.start}–${cut.end}`;
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

function checkSchedule(schedule: Schedule, where: string, problems: ScenarioProblem[]): void {
  if (schedule.switchOn.rule === 'fixed' && schedule.switchOff.rule === 'fixed') {
    const on = minutesSinceNoon(parseClockTime(schedule.switchOn.time));
    const off = minutesSinceNoon(parseClockTime(schedule.switchOff.time));
    if (off < on) problems.push(problem(where, `switch-off ${schedule.switchOff.time} before switch-on ${schedule.switchOn.time}`));
    else if (off === on) problems.push(problem(where, `switch-off ${schedule.switchOff.time} equals switch-on ${schedule.switchOn.time}: never lit`));
  }

  schedule.cuts.forEach((cut, index) => {
    const cutWhere = `${where}, night cut ${index + 1}`;
    const start = minutesSinceNoon(parseClockTime(cut.start));
    const end = minutesSinceNoon(parseClockTime(cut.end));
    if (start === end) problems.push(problem(cutWhere, `night cut ${cutLabel(cut)} is empty`));
    else if (end < start) problems.push(problem(cutWhere, `night cut ${cutLabel(cut)} crosses noon; a cut lies within one night, noon to noon`));
    if (cut.dates !== undefined && cut.dates.from > cut.dates.to) {
      problems.push(problem(cutWhere, `dates from ${cut.dates.from} after to ${cut.dates.to}`));
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
        problems.push(problem(where, `night cuts overlap ${cutLabel(a)} and ${cutLabel(b)}`));
      }
    }
  }

  const seenStepTimes = new Set<string>();
  schedule.dimming.forEach((step, index) => {
    const stepWhere = `${where}, dimming step ${index + 1}`;
    if (step.levelPercent > 100) problems.push(problem(stepWhere, `dimming ${step.levelPercent}% above 100%`));
    else if (step.levelPercent <= 0) {
      problems.push(problem(stepWhere, `dimming ${step.levelPercent}% at ${step.time}: a level must be above 0% (use a night cut to switch off)`));
    }
    if (seenStepTimes.has(step.time)) problems.push(problem(stepWhere, `two dimming steps at ${step.time}`));
    seenStepTimes.add(step.time);
  });

  const seenExceptionDates = new Set<string>();
  schedule.exceptions.forEach((exception, index) => {
    if (seenExceptionDates.has(exception.date)) {
      problems.push(problem(`${where}, exception ${index + 1}`, `date ${exception.date} listed twice`));
    }
    seenExceptionDates.add(exception.date);
  });
}

/**
 * Checks `json` against the schema, then against the territory. Returns the scenario with its
 * defaults filled in, or every problem found, each saying where and what.
 */
export function validateScenario(json: unknown, territory: ScenarioTerritory): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      // Every problem says where: an unknown key is named by its own path, a wrong document is "scenario".
      problems: parsed.error.issues.map((issue) => problem(describePath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path) || 'scenario', issue.message)),
    };
  }
  const scenario = parsed.data;
  const problems: ScenarioProblem[] = [];
  const zoneIds = new Set(territory.lightingZones.map((zone) => zone.id));
  const cabinetIds = new Set(territory.cabinets.map((cabinet) => cabinet.id));
  const communeIds = new Set(territory.communes.map((commune) => commune.id));

  if (scenario.period !== undefined) {
    const from = parseIsoDate(scenario.period.from) as CalendarDate;
    const to = parseIsoDate(scenario.period.to) as CalendarDate;
    const nights = epochDay(to) - epochDay(from) + 1;
    if (nights < 1) problems.push(problem('period', `from ${scenario.period.from} after to ${scenario.period.to}`));
    else if (nights > MAX_PERIOD_NIGHTS) problems.push(problem('period', `${nights} nights, more than ${MAX_PERIOD_NIGHTS}`));
  }

  checkSchedule(scenario.schedules.default, 'default schedule', problems);
  for (const [zoneId, schedule] of Object.entries(scenario.schedules.zones)) {
    if (!zoneIds.has(zoneId)) problems.push(problem(`zone ${zoneId}`, `unknown zone ${zoneId}`));
    checkSchedule(schedule, `zone ${zoneId}`, problems);
  }
  for (const [cabinetId, schedule] of Object.entries(scenario.schedules.cabinets)) {
    if (!cabinetIds.has(cabinetId)) problems.push(problem(`cabinet ${cabinetId}`, `unknown cabinet ${cabinetId}`));
    checkSchedule(schedule, `cabinet ${cabinetId}`, problems);
  }

  scenario.retrofits.forEach((plan, index) => {
    const where = `retrofit ${index + 1}${plan.label === '' ? '' : ` (${plan.label})`}`;
    const { minPowerWatts, maxPowerWatts } = plan.from;
    if (minPowerWatts !== undefined && maxPowerWatts !== undefined && minPowerWatts > maxPowerWatts) {
      problems.push(problem(where, `power filter ${minPowerWatts} W–${maxPowerWatts} W has its minimum above its maximum`));
    }
    const selection = plan.selection;
    if (selection.kind !== 'all') {
      const known = selection.kind === 'zones' ? zoneIds : selection.kind === 'cabinets' ? cabinetIds : communeIds;
      const noun = selection.kind === 'zones' ? 'zone' : selection.kind === 'cabinets' ? 'cabinet' : 'commune';
      for (const id of selection.ids) {
        if (!known.has(id)) problems.push(problem(where, `unknown ${noun} ${id}`));
      }
    }
  });

  for (const zoneId of Object.keys(scenario.zoneClosingTimes)) {
    if (!zoneIds.has(zoneId)) problems.push(problem(`closing time of zone ${zoneId}`, `unknown zone ${zoneId}`));
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
