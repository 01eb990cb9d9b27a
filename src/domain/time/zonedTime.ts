/**
 * Wall-clock time in a territory's time zone: the ONE place where Vigie turns instants into local
 * dates and hours and back (lighting clock, waste calendar, time bar, sensor history, date labels).
 * It rests on the Temporal polyfill (`temporal-polyfill`, which hands over to a native `Temporal`
 * where the browser has one), so the IANA rules come from the platform's time-zone data, never from
 * hand-made tables, and gaps and repeated hours follow the standard:
 *
 * - a wall time that does not exist (the spring-forward gap) moves forward by the length of the gap
 *   (02:30 → 03:30 in Paris on the last Sunday of March): Temporal's `disambiguation: 'compatible'`;
 * - a wall time that exists twice (the autumn fall-back) takes its first, earlier occurrence;
 * - a day starts at its first instant (`startOfDay`), which is not always 00:00 and a day is not
 *   always 24 hours long (23 h and 25 h on clock-change days).
 *
 * Instants are UTC milliseconds since the epoch (as `Date#getTime`).
 */
import { Temporal } from 'temporal-polyfill';

/** Mainland France; a manifest that names no `timeZone` gets this one. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar date with no time zone: month 1–12, day 1–31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const validity = new Map<string, string | null>();

/**
 * The canonical IANA name of a time zone (`europe/paris` → `Europe/Paris`), or null when it is not
 * one. Offsets such as `+02:00` and `UTC` are refused: a territory's clock changes with its rules.
 */
export function canonicalTimeZone(name: string): string | null {
  const known = validity.get(name);
  if (known !== undefined) return known;
  let canonical: string | null = null;
  if (/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(name)) {
    try {
      canonical = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
    } catch {
      canonical = null;
    }
  }
  validity.set(name, canonical);
  return canonical;
}

export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

function zoned(instantMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(timeZone);
}

function plainDate(date: CalendarDate): Temporal.PlainDate {
  return new Temporal.PlainDate(date.year, date.month, date.day);
}

/** Offset of local time from UTC at `instantMs`, in minutes (Paris: +60 in winter, +120 in summer; Guadeloupe: −240). */
export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  return zoned(Math.floor(instantMs), timeZone).offsetNanoseconds / 60e9;
}

/**
 * The instant at which the wall clock of `timeZone` reads `date` at `minutesOfDay` (may be
 * fractional, negative or past 1440: it then counts from the day before or after).
 */
export function zonedTimeToInstantMs(date: CalendarDate, minutesOfDay: number, timeZone: string): number {
  const totalMs = minutesOfDay * MINUTE_MS;
  const dayShift = Math.floor(totalMs / DAY_MS);
  const msOfDay = totalMs - dayShift * DAY_MS;
  const wholeMs = Math.floor(msOfDay);
  const hour = Math.floor(wholeMs / 3_600_000);
  const minute = Math.floor((wholeMs % 3_600_000) / MINUTE_MS);
  const second = Math.floor((wholeMs % MINUTE_MS) / 1000);
  const millisecond = wholeMs % 1000;
  let day = plainDate(date);
  if (dayShift !== 0) day = day.add({ days: dayShift });
  const instant = day.toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(hour, minute, second, millisecond) });
  // `toZonedDateTime` with a plain time disambiguates as 'compatible'.
  return instant.epochMilliseconds + (msOfDay - wholeMs);
}

/** The local calendar date and minutes of the day (wall-clock reading) at `instantMs`. */
export function instantToZonedTime(instantMs: number, timeZone: string): { date: CalendarDate; minutesOfDay: number } {
  const whole = Math.floor(instantMs);
  const local = zoned(whole, timeZone);
  const minutesOfDay = local.hour * 60 + local.minute + local.second / 60 + (local.millisecond + (instantMs - whole)) / MINUTE_MS;
  return { date: { year: local.year, month: local.month, day: local.day }, minutesOfDay };
}

/** The local calendar date at `instantMs`. */
export function localDate(instantMs: number, timeZone: string): CalendarDate {
  const local = zoned(Math.floor(instantMs), timeZone);
  return { year: local.year, month: local.month, day: local.day };
}

/** The local hour (0–23) at `instantMs`. */
export function localHour(instantMs: number, timeZone: string): number {
  return zoned(Math.floor(instantMs), timeZone).hour;
}

/** The first instant of a local day (local midnight, or the end of a gap that swallows it). */
export function startOfDayMs(date: CalendarDate, timeZone: string): number {
  return plainDate(date).toZonedDateTime({ timeZone }).epochMilliseconds;
}

/** Length of a local day in hours: 24, or 23 and 25 on clock-change days. */
export function hoursInDay(date: CalendarDate, timeZone: string): number {
  return plainDate(date).toZonedDateTime({ timeZone }).hoursInDay;
}

/** The local days of a calendar year, with their first instant and length. */
export function daysOfYear(year: number, timeZone: string): Array<{ date: CalendarDate; startMs: number; endMs: number; weekday: number }> {
  const days: Array<{ date: CalendarDate; startMs: number; endMs: number; weekday: number }> = [];
  let day = new Temporal.PlainDate(year, 1, 1);
  let start = day.toZonedDateTime({ timeZone }).epochMilliseconds;
  while (day.year === year) {
    const next = day.add({ days: 1 });
    const end = next.toZonedDateTime({ timeZone }).epochMilliseconds;
    days.push({ date: { year: day.year, month: day.month, day: day.day }, startMs: start, endMs: end, weekday: day.dayOfWeek });
    day = next;
    start = end;
  }
  return days;
}

/** Local wall time as `YYYY-MM-DDTHH:MM`, the value of a `datetime-local` input. */
export function toLocalInputValue(instantMs: number, timeZone: string): string {
  return zoned(Math.floor(instantMs), timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/**
 * The instant of a local wall time `YYYY-MM-DDTHH:MM` (seconds allowed), NaN when malformed.
 * Gap and overlap as at the top of this file.
 */
export function fromLocalInputValue(value: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return Number.NaN;
  try {
    return Temporal.PlainDateTime.from(value, { overflow: 'reject' }).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch {
    return Number.NaN;
  }
}

/** The local date of an instant as `YYYY-MM-DD`. */
export function localIsoDate(instantMs: number, timeZone: string): string {
  return zoned(Math.floor(instantMs), timeZone).toPlainDate().toString();
}

/** Date formats by locale, zone and options (a finite set, from code and the manifest): building an `Intl.DateTimeFormat` costs far more than using one. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant formatted by Intl in the territory's time zone (the locale decides the words). */
export function formatInstant(locale: string, instantMs: number, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format.format(new Date(instantMs));
}

/** The next instant after `instantMs` at which the zone's UTC offset changes, or null when none (Réunion, Guadeloupe). */
export function nextOffsetChangeMs(instantMs: number, timeZone: string): number | null {
  const next = zoned(Math.floor(instantMs), timeZone).getTimeZoneTransition('next');
  return next === null ? null : next.epochMilliseconds;
}

/** The same wall-clock time `days` local days later (a day back or forward keeps 22:00 at 22:00 across a clock change). */
export function addLocalDays(instantMs: number, days: number, timeZone: string): number {
  return zoned(Math.floor(instantMs), timeZone).add({ days }).epochMilliseconds + (instantMs - Math.floor(instantMs));
}
