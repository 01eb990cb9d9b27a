/**
 * Local (wall-clock) time in a named time zone, through `Intl.DateTimeFormat`: no hand-made
 * daylight-saving rule tables. Instants are UTC milliseconds since the epoch (as `Date#getTime`).
 *
 * Wall times that do not exist (the spring-forward gap) or exist twice (the autumn fall-back) are
 * resolved as Temporal's `disambiguation: 'compatible'` does: a time in the gap moves forward by
 * the length of the gap (02:30 → 03:30), a repeated time takes its first, earlier occurrence.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A calendar date with no time zone: month 1–12, day 1–31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading at `instantMs`, expressed as if it were a UTC instant (whole seconds). */
export function wallClockAsUtcMs(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Offset of local time from UTC at `instantMs`, in minutes (Paris: +60 in winter, +120 in summer). */
export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wallClockAsUtcMs(wholeSecondMs, timeZone) - wholeSecondMs) / MINUTE_MS);
}

/**
 * The instant at which the wall clock of `timeZone` reads `date` at `minutesOfDay` (0–1439, may be
 * fractional). Gap and overlap handling as described at the top of this file.
 */
export function zonedTimeToInstantMs(date: CalendarDate, minutesOfDay: number, timeZone: string): number {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day) + minutesOfDay * MINUTE_MS;
  // Offsets on either side; a zone changes offset at most once within a day in practice.
  const offsetBefore = utcOffsetMinutes(wallMs - 12 * HOUR_MS, timeZone);
  const offsetAfter = utcOffsetMinutes(wallMs + 12 * HOUR_MS, timeZone);
  const candidateBefore = wallMs - offsetBefore * MINUTE_MS;
  const candidateAfter = wallMs - offsetAfter * MINUTE_MS;
  const beforeIsValid = utcOffsetMinutes(candidateBefore, timeZone) === offsetBefore;
  const afterIsValid = utcOffsetMinutes(candidateAfter, timeZone) === offsetAfter;
  if (beforeIsValid && afterIsValid) return Math.min(candidateBefore, candidateAfter);
  if (beforeIsValid) return candidateBefore;
  if (afterIsValid) return candidateAfter;
  // In the gap: read the wall time with the offset in force before it, which lands after it.
  return candidateBefore;
}

/** The local calendar date and minutes of the day at `instantMs`. */
export function instantToZonedTime(instantMs: number, timeZone: string): { date: CalendarDate; minutesOfDay: number } {
  const wallMs = instantMs + utcOffsetMinutes(instantMs, timeZone) * MINUTE_MS;
  const wall = new Date(wallMs);
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  const minutesOfDay = (wallMs - Date.UTC(date.year, date.month - 1, date.day)) / MINUTE_MS;
  return { date, minutesOfDay };
}

/** `HH:MM` (00:00–23:59) → minutes of the day; NaN when malformed. */
export function parseClockTime(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes of the day → `HH:MM` (wraps around midnight, rounds to the minute). */
export function formatClockTime(minutesOfDay: number): string {
  const minutes = ((Math.round(minutesOfDay) % 1440) + 1440) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` → calendar date, or null when malformed or not a real date (2026-02-30). */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) return null;
  return date;
}

export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
export function epochDay(date: CalendarDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function dateFromEpochDay(day: number): CalendarDate {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** `MM-DD` (a day of any year, 02-29 allowed) → month * 100 + day, or NaN when malformed. */
export function parseMonthDay(text: string): number {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return Number.NaN;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) return Number.NaN;
  return month * 100 + day;
}
