/**
 * A year of plausible, deterministic history for every demo sensor (DOMAIN.md):
 *
 * - fill level: each container fills at a speed that depends on its stream and the season, and
 *   drops to a few percent on the morning it is collected (its weekly or n-weekly round);
 * - cabinet power meters: the cabinet's lamps (plus ballast losses of discharge lamps) from sunset
 *   to sunrise, nothing by day;
 * - air quality (NO2, µg/m³): morning and evening peaks, more in winter, and a few pollution
 *   episodes of several days;
 * - traffic counters (vehicles an hour) and car parks (spaces taken): rush hours, quieter weekends
 *   and French public holidays.
 *
 * Readings are spread at each sensor's natural rate with a little noise. Pure: runs in the history
 * worker (workers/sensors) or in Node tests. Output is in the series store's encoding.
 */
import { getTimes } from 'suncalc';
import type { CollectionPoint, Sensor, StreetLight, Territory } from '../territory';
import { EPOCH_MS } from './store';
import { hashText as hash, seededRandom as random } from '../random';
import { formatIsoDate } from '../lighting/localTime';
import { DEFAULT_TIME_ZONE, daysOfYear, nextOffsetChangeMs, utcOffsetMinutes } from '../time/zonedTime';

export type HistoryTerritory = Pick<Territory, 'bounds' | 'sensors' | 'collectionPoints' | 'streetLights' | 'parameters'> & {
  /** IANA time zone of the territory's clocks; Europe/Paris when absent. */
  timeZone?: string;
};

export interface SensorHistory {
  sensorId: string;
  /** Seconds since EPOCH_MS, increasing. */
  seconds: Int32Array;
  values: Float32Array;
}

const DAY_MS = 86_400_000;



/** Easter Sunday (anonymous Gregorian algorithm), as [month 1-12, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** French public holidays of a year, as ISO dates. */
export function frenchPublicHolidays(year: number): Set<string> {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const [month, day] = easter(year);
  const easterMs = Date.UTC(year, month - 1, day);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  return new Set([...fixed, iso(easterMs + DAY_MS), iso(easterMs + 39 * DAY_MS), iso(easterMs + 50 * DAY_MS)]);
}

/**
 * Per local day of the year: its first instant and the next day's (23 h or 25 h apart on
 * clock-change days), where the clock changes that day, weekday, holiday, sun times.
 */
interface Day {
  midnightMs: number;
  endMs: number;
  /** Instant of the day's offset change, +∞ when the clock does not change that day. */
  changeMs: number;
  /** Wall-clock hours gained at `changeMs` (+1 in March, −1 in October in Paris). */
  changeHours: number;
  weekday: number;
  holiday: boolean;
  sunsetMs: number;
  sunriseNextMs: number;
  dayOfYear: number;
}

/** Wall-clock hours since local midnight at `ms` (within the day). */
function wallHour(day: Day, ms: number): number {
  return (ms - day.midnightMs) / 3_600_000 + (ms >= day.changeMs ? day.changeHours : 0);
}

/** The instant of a wall-clock hour of the day (a time in a spring gap moves forward). */
function wallHourMs(day: Day, hour: number): number {
  const ms = day.midnightMs + hour * 3_600_000;
  return ms >= day.changeMs + Math.max(0, day.changeHours) * 3_600_000 ? ms - day.changeHours * 3_600_000 : ms;
}

/** How many samples `step` apart fit in the day (23 or 25 an hour on clock-change days). */
function sampleCount(day: Day, step: number): number {
  return Math.round((day.endMs - day.midnightMs) / step);
}

/** The local days of `year` in the territory's time zone (the zone module knows the clock changes). */
export function localCalendar(year: number, latitude: number, longitude: number, timeZone: string = DEFAULT_TIME_ZONE): Day[] {
  const holidays = frenchPublicHolidays(year);
  return daysOfYear(year, timeZone).map((local, dayOfYear) => {
    const noon = new Date(localNoonMs(local.startMs, local.endMs, timeZone));
    const today = getTimes(noon, latitude, longitude);
    const tomorrow = getTimes(new Date(noon.getTime() + DAY_MS), latitude, longitude);
    const change = nextOffsetChangeMs(local.startMs, timeZone);
    const changes = change !== null && change < local.endMs;
    return {
      midnightMs: local.startMs,
      endMs: local.endMs,
      changeMs: changes ? change : Number.POSITIVE_INFINITY,
      changeHours: changes ? (utcOffsetMinutes(change, timeZone) - utcOffsetMinutes(local.startMs, timeZone)) / 60 : 0,
      weekday: local.weekday,
      holiday: holidays.has(formatIsoDate(local.date)),
      // At 40–50° N the sun always sets and rises; the fallbacks only guard the types.
      sunsetMs: today.sunset?.getTime() ?? local.startMs + 18 * 3_600_000,
      sunriseNextMs: tomorrow.sunrise?.getTime() ?? local.startMs + 30 * 3_600_000,
      dayOfYear,
    };
  });
}

/** Local noon of the day that runs from `startMs` to `endMs`. */
function localNoonMs(startMs: number, endMs: number, timeZone: string): number {
  const change = nextOffsetChangeMs(startMs, timeZone);
  const noon = startMs + 12 * 3_600_000;
  if (change === null || change >= endMs || change > noon) return noon;
  return noon - (utcOffsetMinutes(change, timeZone) - utcOffsetMinutes(startMs, timeZone)) * 60_000;
}

class Writer {
  seconds: Int32Array;
  values: Float32Array;
  length = 0;

  constructor(capacity: number) {
    this.seconds = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  push(ms: number, value: number): void {
    const seconds = Math.floor((ms - EPOCH_MS) / 1000);
    if (this.length > 0 && seconds <= this.seconds[this.length - 1]) return;
    if (this.length === this.seconds.length) {
      const grownSeconds = new Int32Array(this.length * 2);
      grownSeconds.set(this.seconds);
      const grownValues = new Float32Array(this.length * 2);
      grownValues.set(this.values);
      this.seconds = grownSeconds;
      this.values = grownValues;
    }
    this.seconds[this.length] = seconds;
    this.values[this.length] = value;
    this.length++;
  }

  result(sensorId: string): SensorHistory {
    return { sensorId, seconds: this.seconds.slice(0, this.length), values: this.values.slice(0, this.length) };
  }
}

/** Fill speed in percent a day for a container (the same figure the waste simulation reads back). */
export function fillSpeedPercentPerDay(point: CollectionPoint, dayOfYear: number, rand: number): number {
  const periodDays = 7 * Math.max(1, point.collectionPeriodWeeks);
  // On its fixed round a container is found about half full (DOMAIN.md); some fill much faster.
  const base = (55 / periodDays) * (0.55 + 1.1 * rand);
  const summer = Math.cos(((dayOfYear - 200) / 365) * 2 * Math.PI);
  const season =
    point.stream === 'glass' || point.stream === 'recyclables' ? 1 + 0.2 * summer : 1 + 0.12 * Math.cos(((dayOfYear - 355) / 365) * 2 * Math.PI);
  return base * season;
}

function fillLevel(sensor: Sensor, point: CollectionPoint, days: Day[], rand: () => number): SensorHistory {
  const writer = new Writer(days.length * sensor.samplesPerDay + 8);
  const speedDraw = rand();
  const step = DAY_MS / sensor.samplesPerDay;
  let fill = 10 + 40 * rand();
  let lastMs = days[0].midnightMs;
  const weekOf = (ms: number) => Math.floor((ms / DAY_MS + 3) / 7);
  // One sensor in twenty-five goes silent for three weeks (flat battery) before it is replaced.
  const silentFrom = hash(sensor.id) % 25 === 3 ? 30 + Math.floor(rand() * 280) : -1;
  for (const day of days) {
    const speed = fillSpeedPercentPerDay(point, day.dayOfYear, speedDraw);
    const silent = silentFrom >= 0 && day.dayOfYear >= silentFrom && day.dayOfYear < silentFrom + 21;
    const collectedToday = day.weekday === point.collectionWeekday && weekOf(day.midnightMs + 12 * 3_600_000) % Math.max(1, point.collectionPeriodWeeks) === 0;
    // The truck passes between 7:00 and 11:00.
    const collectionMs = collectedToday ? wallHourMs(day, 7 + 4 * rand()) : Number.POSITIVE_INFINITY;
    const samples = sampleCount(day, step);
    for (let k = 0; k < samples; k++) {
      const ms = day.midnightMs + (k + 0.3 + 0.4 * rand()) * step;
      // More is thrown away by day than at night.
      const hour = wallHour(day, ms) % 24;
      const activity = hour >= 7 && hour <= 22 ? 1.35 : 0.35;
      if (lastMs < collectionMs && ms >= collectionMs) fill = 1 + 3 * rand();
      else fill += speed * ((ms - lastMs) / DAY_MS) * activity;
      lastMs = ms;
      const reading = Math.max(0, Math.min(120, fill + (rand() - 0.5) * 6));
      if (!silent) writer.push(ms, Math.round(reading * 10) / 10);
    }
  }
  return writer.result(sensor.id);
}

function powerMeter(sensor: Sensor, lamps: StreetLight[], lossRatio: number, days: Day[], rand: () => number): SensorHistory {
  const writer = new Writer(days.length * sensor.samplesPerDay + 8);
  let kw = 0;
  for (const lamp of lamps) kw += (lamp.powerWatts * (lamp.technology === 'led' ? 1 : 1 + lossRatio)) / 1000;
  const step = DAY_MS / sensor.samplesPerDay;
  const yearStart = days[0].midnightMs;
  const yearEnd = days[days.length - 1].endMs;
  // Nights that straddle the samples: the previous evening's sunset to this morning's sunrise.
  const nights = days.map((day) => [day.sunsetMs, day.sunriseNextMs] as const);
  // One cabinet in forty has a faulty clock for ten days and stays lit by day (a real alert case).
  const faulty = hash(sensor.id) % 40 === 7;
  const faultFrom = yearStart + (60 + Math.floor(rand() * 200)) * DAY_MS;
  const faultTo = faultFrom + 10 * DAY_MS;
  let night = 0;
  for (let ms = yearStart + step * rand(); ms < yearEnd; ms += step) {
    while (night < nights.length - 1 && ms >= nights[night][1]) night++;
    const lit = (ms >= nights[night][0] && ms < nights[night][1]) || (faulty && ms >= faultFrom && ms < faultTo);
    writer.push(ms, lit ? Math.round(kw * (0.98 + 0.04 * rand()) * 100) / 100 : Math.round(0.02 * rand() * 100) / 100);
  }
  return writer.result(sensor.id);
}

function airQuality(sensor: Sensor, days: Day[], rand: () => number): SensorHistory {
  const writer = new Writer(days.length * sensor.samplesPerDay + 8);
  const step = DAY_MS / sensor.samplesPerDay;
  // Four to six episodes a year, mostly in winter, of two to four days.
  const episodes: Array<[number, number, number]> = [];
  const count = 4 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const winter = rand() < 0.7;
    const startDay = winter ? (rand() < 0.5 ? Math.floor(rand() * 60) : 320 + Math.floor(rand() * 40)) : 150 + Math.floor(rand() * 90);
    episodes.push([startDay, startDay + 2 + Math.floor(rand() * 3), 25 + 30 * rand()]);
  }
  const local = 0.8 + 0.5 * rand();
  let drift = 0;
  for (const day of days) {
    const winter = 1 + 0.35 * Math.cos(((day.dayOfYear - 15) / 365) * 2 * Math.PI);
    const quiet = day.weekday >= 6 || day.holiday ? 0.7 : 1;
    const episode = episodes.find(([from, to]) => day.dayOfYear >= from && day.dayOfYear <= to);
    const samples = sampleCount(day, step);
    for (let k = 0; k < samples; k++) {
      const ms = day.midnightMs + (k + 0.5) * step;
      const hour = wallHour(day, ms);
      const peaks = Math.exp(-(((hour - 8) / 1.5) ** 2)) + 0.9 * Math.exp(-(((hour - 18.5) / 2) ** 2));
      drift = 0.9 * drift + (rand() - 0.5) * 3;
      const value = (10 + 22 * peaks * quiet) * winter * local + (episode ? episode[2] : 0) + drift;
      writer.push(ms, Math.round(Math.max(2, value) * 10) / 10);
    }
  }
  return writer.result(sensor.id);
}

/** Share of the day's busiest hour at each hour, working day or not. */
function trafficProfile(hour: number, working: boolean): number {
  if (!working) return 0.08 + 0.55 * Math.exp(-(((hour - 15) / 4) ** 2));
  return 0.06 + Math.exp(-(((hour - 8) / 1.1) ** 2)) + 0.95 * Math.exp(-(((hour - 17.8) / 1.4) ** 2)) + 0.45 * Math.exp(-(((hour - 12.5) / 2.5) ** 2));
}

function traffic(sensor: Sensor, days: Day[], rand: () => number): SensorHistory {
  const writer = new Writer(days.length * sensor.samplesPerDay + 8);
  const step = DAY_MS / sensor.samplesPerDay;
  const peak = 300 * Math.max(1, sensor.capacity ?? 1) * (0.6 + 0.8 * rand());
  for (const day of days) {
    const working = day.weekday <= 5 && !day.holiday;
    const summer = day.dayOfYear > 190 && day.dayOfYear < 235 ? 0.8 : 1;
    const samples = sampleCount(day, step);
    for (let k = 0; k < samples; k++) {
      const ms = day.midnightMs + (k + 0.5) * step;
      const hour = wallHour(day, ms);
      const value = peak * trafficProfile(hour, working) * summer * (0.9 + 0.2 * rand());
      writer.push(ms, Math.round(value));
    }
  }
  return writer.result(sensor.id);
}

function parking(sensor: Sensor, days: Day[], rand: () => number): SensorHistory {
  const writer = new Writer(days.length * sensor.samplesPerDay + 8);
  const step = DAY_MS / sensor.samplesPerDay;
  const capacity = Math.max(1, sensor.capacity ?? 50);
  const marketDay = 1 + Math.floor(rand() * 6);
  for (const day of days) {
    const working = day.weekday <= 5 && !day.holiday;
    const market = day.weekday === marketDay ? 0.25 : 0;
    const samples = sampleCount(day, step);
    for (let k = 0; k < samples; k++) {
      const ms = day.midnightMs + (k + 0.5) * step;
      const hour = wallHour(day, ms);
      const daytime = Math.exp(-(((hour - 11) / 3.2) ** 2)) + 0.7 * Math.exp(-(((hour - 16) / 2.5) ** 2));
      const share = 0.12 + (working ? 0.62 : 0.35) * Math.min(1, daytime) + (hour > 8 && hour < 13 ? market : 0) + (rand() - 0.5) * 0.06;
      writer.push(ms, Math.round(Math.max(0, Math.min(1, share)) * capacity));
    }
  }
  return writer.result(sensor.id);
}

/** The history of every sensor over one calendar year. */
export function generateHistory(territory: HistoryTerritory, year: number, seed = 20261123): SensorHistory[] {
  const latitude = (territory.bounds.south + territory.bounds.north) / 2;
  const longitude = (territory.bounds.west + territory.bounds.east) / 2;
  const days = localCalendar(year, latitude, longitude, territory.timeZone ?? DEFAULT_TIME_ZONE);
  const points = new Map(territory.collectionPoints.map((point) => [point.id, point]));
  const lampsByCabinet = new Map<string, StreetLight[]>();
  for (const lamp of territory.streetLights) {
    const list = lampsByCabinet.get(lamp.cabinetId);
    if (list) list.push(lamp);
    else lampsByCabinet.set(lamp.cabinetId, [lamp]);
  }
  const lossRatio = territory.parameters.dischargeBallastLossRatio?.value ?? 0.12;
  const histories: SensorHistory[] = [];
  for (const sensor of territory.sensors) {
    const rand = random(hash(sensor.id) ^ seed ^ year);
    switch (sensor.kind) {
      case 'fill-level': {
        const point = sensor.targetId ? points.get(sensor.targetId) : undefined;
        if (point) histories.push(fillLevel(sensor, point, days, rand));
        break;
      }
      case 'power-meter':
        histories.push(powerMeter(sensor, lampsByCabinet.get(sensor.targetId ?? '') ?? [], lossRatio, days, rand));
        break;
      case 'air-quality':
        histories.push(airQuality(sensor, days, rand));
        break;
      case 'traffic-counter':
        histories.push(traffic(sensor, days, rand));
        break;
      case 'parking':
        histories.push(parking(sensor, days, rand));
        break;
    }
  }
  return histories;
}
