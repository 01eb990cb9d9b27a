/**
 * Calendar dates and clock times with no time zone: parsing and formatting `HH:MM`, `YYYY-MM-DD`,
 * `MM-DD`, days since the epoch and weekdays. Everything that involves a time zone (instants to
 * local dates and hours and back) is in `src/domain/time/zonedTime.ts`.
 */
import type { CalendarDate } from '../time/zonedTime';

export type { CalendarDate } from '../time/zonedTime';

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
