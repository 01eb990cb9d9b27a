/**
 * The nights of a period, computed once and shared by every schedule and every lamp.
 *
 * Night `n` runs from local noon of its evening date to local noon of the next day. Inside a
 * night, times are elapsed seconds since that noon (real time, so a night is 23 h, 24 h or 25 h
 * long). A wall-clock time is given as minutes since local noon (0–1439) and converted with
 * `wallToElapsedSeconds`, which knows where daylight saving time changes in that night.
 */
import { dateFromEpochDay, epochDay, isoWeekday, parseIsoDate } from '../../src/domain/lighting/localTime';
import { DEFAULT_TIME_ZONE, nextOffsetChangeMs, utcOffsetMinutes, zonedTimeToInstantMs } from '../../src/domain/time/zonedTime';
import { sunEventsOn, type SunEvents } from '../../src/domain/lighting/sunTimes';

const MINUTE_MS = 60_000;

export interface Nights {
  count: number;
  timeZone: string;
  latitudeDegrees: number;
  longitudeDegrees: number;
  /** Days since 1970-01-01 of each evening date. */
  eveningEpochDay: Int32Array;
  /** ISO weekday of each evening (1 = Monday … 7 = Sunday). */
  weekday: Uint8Array;
  /** month * 100 + day of each evening. */
  monthDay: Uint16Array;
  /** UTC instant of local noon of each evening date; `count + 1` entries (the last night's end). */
  noonMs: Float64Array;
  lengthSeconds: Float64Array;
  /** Seconds since noon when the UTC offset changes that night, NaN when it does not. */
  offsetChangeSeconds: Float64Array;
  /** Offset after minus offset before, in minutes: +60 in March, −60 in October, else 0. */
  offsetChangeMinutes: Int16Array;
  /** Sun events, seconds since the night's noon, clamped to the night. */
  sunsetSeconds: Float64Array;
  civilDuskSeconds: Float64Array;
  civilDawnSeconds: Float64Array;
  sunriseSeconds: Float64Array;
}

/** First instant in (startMs, endMs] whose UTC offset differs from the one at startMs (the zone's next transition). */
function findOffsetChangeMs(startMs: number, endMs: number, timeZone: string): number {
  const change = nextOffsetChangeMs(startMs, timeZone);
  return change === null || change > endMs ? endMs : change;
}

/** Evening events (sunset, civil dusk) when the sun does not cross the altitude that day. */
function eveningMs(value: number, events: SunEvents): number {
  if (!Number.isNaN(value)) return value;
  // Always below: dark from noon on. Always above: no darkness; collapse onto solar midnight.
  return events.alwaysDown ? events.solarNoonMs : events.solarNoonMs + 12 * 3_600_000;
}

function morningMs(value: number, events: SunEvents): number {
  if (!Number.isNaN(value)) return value;
  return events.alwaysDown ? events.solarNoonMs : events.solarNoonMs - 12 * 3_600_000;
}

function clampSeconds(value: number, lengthSeconds: number): number {
  return value < 0 ? 0 : value > lengthSeconds ? lengthSeconds : value;
}

/**
 * The nights whose evening date lies in [fromDate, toDate] (YYYY-MM-DD), with the sun at
 * (`latitudeDegrees`, `longitudeDegrees`). Throws on malformed dates: callers pass validated periods.
 */
export function buildNights(
  fromDate: string,
  toDate: string,
  latitudeDegrees: number,
  longitudeDegrees: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Nights {
  const from = parseIsoDate(fromDate);
  const to = parseIsoDate(toDate);
  if (from === null || to === null) throw new Error(`buildNights: expected dates YYYY-MM-DD, got "${fromDate}" and "${toDate}"`);
  const firstDay = epochDay(from);
  const count = Math.max(0, epochDay(to) - firstDay + 1);
  const nights: Nights = {
    count,
    timeZone,
    latitudeDegrees,
    longitudeDegrees,
    eveningEpochDay: new Int32Array(count),
    weekday: new Uint8Array(count),
    monthDay: new Uint16Array(count),
    noonMs: new Float64Array(count + 1),
    lengthSeconds: new Float64Array(count),
    offsetChangeSeconds: new Float64Array(count),
    offsetChangeMinutes: new Int16Array(count),
    sunsetSeconds: new Float64Array(count),
    civilDuskSeconds: new Float64Array(count),
    civilDawnSeconds: new Float64Array(count),
    sunriseSeconds: new Float64Array(count),
  };
  const offsets = new Int16Array(count + 1);
  let previousEvents: SunEvents | null = null;
  for (let n = 0; n <= count; n++) {
    const date = dateFromEpochDay(firstDay + n);
    const noonMs = zonedTimeToInstantMs(date, 720, timeZone);
    nights.noonMs[n] = noonMs;
    offsets[n] = utcOffsetMinutes(noonMs, timeZone);
    const events = sunEventsOn(date, latitudeDegrees, longitudeDegrees);
    if (n < count) {
      nights.eveningEpochDay[n] = firstDay + n;
      nights.weekday[n] = isoWeekday(date);
      nights.monthDay[n] = date.month * 100 + date.day;
    }
    if (n > 0 && previousEvents !== null) {
      const night = n - 1;
      const startMs = nights.noonMs[night];
      const lengthSeconds = (nights.noonMs[n] - startMs) / 1000;
      nights.lengthSeconds[night] = lengthSeconds;
      const change = offsets[n] - offsets[night];
      nights.offsetChangeMinutes[night] = change;
      nights.offsetChangeSeconds[night] = change === 0 ? Number.NaN : (findOffsetChangeMs(startMs, nights.noonMs[n], timeZone) - startMs) / 1000;
      nights.sunsetSeconds[night] = clampSeconds((eveningMs(previousEvents.sunsetMs, previousEvents) - startMs) / 1000, lengthSeconds);
      nights.civilDuskSeconds[night] = clampSeconds((eveningMs(previousEvents.civilDuskMs, previousEvents) - startMs) / 1000, lengthSeconds);
      nights.sunriseSeconds[night] = clampSeconds((morningMs(events.sunriseMs, events) - startMs) / 1000, lengthSeconds);
      nights.civilDawnSeconds[night] = clampSeconds((morningMs(events.civilDawnMs, events) - startMs) / 1000, lengthSeconds);
    }
    previousEvents = events;
  }
  return nights;
}

/**
 * Elapsed seconds since the night's noon at which the wall clock reads `wallMinutesSinceNoon`
 * (0–1440). In the spring-forward gap a time moves forward by the gap (02:30 → 03:30); a time that
 * occurs twice in autumn takes its first occurrence (as `zonedTimeToInstantMs`).
 */
export function wallToElapsedSeconds(nights: Nights, night: number, wallMinutesSinceNoon: number): number {
  const change = nights.offsetChangeMinutes[night];
  if (change === 0) return wallMinutesSinceNoon * 60;
  const changeMinutes = nights.offsetChangeSeconds[night] / 60;
  const threshold = changeMinutes + (change > 0 ? change : 0);
  return (wallMinutesSinceNoon < threshold ? wallMinutesSinceNoon : wallMinutesSinceNoon - change) * 60;
}

/** Wall-clock minutes since the night's noon at `elapsedSeconds` (inverse of the above, for labels). */
export function elapsedToWallMinutes(nights: Nights, night: number, elapsedSeconds: number): number {
  const change = nights.offsetChangeMinutes[night];
  if (change === 0 || elapsedSeconds < nights.offsetChangeSeconds[night]) return elapsedSeconds / 60;
  return elapsedSeconds / 60 + change;
}

/** The night containing `instantMs` within `nights`, or -1. */
export function nightContaining(nights: Nights, instantMs: number): number {
  let low = 0;
  let high = nights.count;
  if (nights.count === 0 || instantMs < nights.noonMs[0] || instantMs >= nights.noonMs[nights.count]) return -1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (nights.noonMs[middle] <= instantMs) low = middle;
    else high = middle;
  }
  return low;
}
