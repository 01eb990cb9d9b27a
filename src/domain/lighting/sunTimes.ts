/**
 * Sun times from `suncalc` version 2 (UTC instants in and out). An astronomical clock switches on
 * at sunset (or civil dusk) and off at sunrise (or civil dawn); which of them is the manager's
 * choice, so every schedule names it.
 */
import { getTimes } from 'suncalc';
import type { CalendarDate } from './localTime';

export interface SunEvents {
  /** UTC milliseconds; NaN when the event does not happen that day (polar day or night). */
  civilDawnMs: number;
  sunriseMs: number;
  solarNoonMs: number;
  sunsetMs: number;
  civilDuskMs: number;
  /** Set when the sun stays above the horizon all day (then sunrise and sunset are NaN). */
  alwaysUp: boolean;
  /** Set when the sun stays below the horizon all day. */
  alwaysDown: boolean;
}

function instantOrNaN(value: Date | null): number {
  return value === null ? Number.NaN : value.getTime();
}

/**
 * Sun events of the solar day of `date` at `latitudeDegrees`, `longitudeDegrees`. suncalc anchors
 * its result to the UTC solar day of the instant it is given; noon UTC of the date is used, which
 * picks the right day anywhere within ±180° of longitude.
 */
export function sunEventsOn(date: CalendarDate, latitudeDegrees: number, longitudeDegrees: number): SunEvents {
  const times = getTimes(new Date(Date.UTC(date.year, date.month - 1, date.day, 12)), latitudeDegrees, longitudeDegrees);
  return {
    civilDawnMs: instantOrNaN(times.dawn),
    sunriseMs: instantOrNaN(times.sunrise),
    solarNoonMs: times.solarNoon.getTime(),
    sunsetMs: instantOrNaN(times.sunset),
    civilDuskMs: instantOrNaN(times.dusk),
    alwaysUp: times.alwaysUp === true,
    alwaysDown: times.alwaysDown === true,
  };
}
