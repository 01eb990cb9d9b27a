/**
 * The series store: every sensor's observations in columns of typed arrays, sorted by time.
 *
 * - Times are whole seconds since `EPOCH_MS` in an Int32Array (±68 years), values Float32, quality
 *   a byte: 9 bytes an observation, so a year of the demo's 378 sensors (about 8 million
 *   observations) stays near 70 MB.
 * - Lookups by time are binary searches: O(log n).
 * - `insert` keeps each series sorted even when observations arrive out of order, and drops an
 *   observation whose (sensor, time) is already there (counted as a duplicate);
 * - an observation may carry `keys` naming the uplink it came from (a ChirpStack deduplicationId,
 *   a device's frame counter, a The Things Stack correlation id): one whose key was seen within
 *   the last hour of measurement time is the same uplink again (QoS 1 redelivery, a copy through
 *   a second gateway or network server, with another reception time) and is dropped as a duplicate.
 *   The last `KEY_WINDOW` keys are remembered, as hashes in typed arrays (keyWindow.ts); older
 *   copies are still caught by equal times.
 *
 * Entry points: `SeriesStore` (`load`, `insert`, `valueAt`, `lastTimeAt`, `valuesAt`, `range`,
 * `stats`, `bytes`), `Observation`, `QUALITY_*`.
 */

import { KeyWindow } from './keyWindow';

/** 2020-01-01T00:00:00Z: the store's time origin. */
export const EPOCH_MS = Date.UTC(2020, 0, 1);

export const QUALITY_GOOD = 0;
export const QUALITY_SUSPECT = 1;
export const QUALITY_BAD = 2;

export interface Observation {
  sensorId: string;
  /** UTC milliseconds. */
  time: number;
  value: number;
  quality?: number;
  /** Identities of the uplink or message this observation came from, for duplicate detection. */
  keys?: readonly string[];
  /** When the network server (or the source) received it, UTC ms: for latency figures. */
  receivedAt?: number;
}

/** How many uplink keys the store remembers (a ring: the oldest is forgotten first). */
export const KEY_WINDOW = 200_000;
/** Two observations with the same key this far apart in measurement time are different uplinks (counter reset). */
const KEY_SPAN_SECONDS = 3600;

export type InsertOutcome = 'appended' | 'inserted' | 'duplicate' | 'rejected';

/** Observations a long column grows by at a time (36 KB with its three columns). */
const GROWTH_STEP = 4096;

class Series {
  times: Int32Array;
  values: Float32Array;
  quality: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.times = new Int32Array(Math.max(16, capacity));
    this.values = new Float32Array(Math.max(16, capacity));
    this.quality = new Uint8Array(Math.max(16, capacity));
  }

  grow(minimum: number): void {
    if (minimum <= this.times.length) return;
    // Half again while small; by at most GROWTH_STEP once a column is long (a year of history adopted
    // at its exact size must not gain half its size in slack for one live reading).
    const capacity = Math.max(minimum, this.times.length + Math.min(GROWTH_STEP, Math.ceil(this.times.length * 0.5)));
    const times = new Int32Array(capacity);
    times.set(this.times.subarray(0, this.length));
    const values = new Float32Array(capacity);
    values.set(this.values.subarray(0, this.length));
    const quality = new Uint8Array(capacity);
    quality.set(this.quality.subarray(0, this.length));
    this.times = times;
    this.values = values;
    this.quality = quality;
  }

  /** Index of the last observation at or before `seconds`, -1 if none. */
  lastAtOrBefore(seconds: number): number {
    let low = 0;
    let high = this.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.times[mid] <= seconds) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }
}

const toSeconds = (ms: number) => Math.floor((ms - EPOCH_MS) / 1000);
const toMs = (seconds: number) => EPOCH_MS + seconds * 1000;

export class SeriesStore {
  private readonly series: Series[] = [];
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  duplicates = 0;
  /** Uplink key → measurement time (seconds), the oldest forgotten first (keyWindow.ts). */
  private readonly keyTimes = new KeyWindow(KEY_WINDOW);
  /** Bumped on every change: views compare it to know when to restyle. */
  version = 0;

  constructor(sensorIds: readonly string[] = []) {
    for (const id of sensorIds) this.sensorIndex(id, true);
  }

  get sensorCount(): number {
    return this.series.length;
  }

  /** The index of a sensor; with `create`, adds it when unknown. -1 when unknown. */
  sensorIndex(sensorId: string, create = false): number {
    let index = this.index.get(sensorId);
    if (index === undefined) {
      if (!create) return -1;
      index = this.series.length;
      this.index.set(sensorId, index);
      this.ids.push(sensorId);
      this.series.push(new Series(16));
    }
    return index;
  }

  /**
   * Replaces a sensor's series with sorted columns (from the history worker or a file).
   * `timesMs` must be increasing; equal times keep the first.
   */
  load(sensorId: string, timesMs: ArrayLike<number>, values: ArrayLike<number>, quality?: ArrayLike<number>): void {
    const index = this.sensorIndex(sensorId, true);
    const series = new Series(timesMs.length);
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < timesMs.length; i++) {
      const seconds = toSeconds(timesMs[i]);
      if (seconds <= last || !Number.isFinite(values[i])) continue;
      series.times[series.length] = seconds;
      series.values[series.length] = values[i];
      series.quality[series.length] = quality ? quality[i] : QUALITY_GOOD;
      series.length++;
      last = seconds;
    }
    this.series[index] = series;
    this.version++;
  }

  /** Loads columns already in the store's encoding (seconds since EPOCH_MS), sorted: no copy. */
  adopt(sensorId: string, seconds: Int32Array, values: Float32Array, quality?: Uint8Array): void {
    const index = this.sensorIndex(sensorId, true);
    const series = new Series(0);
    series.times = seconds;
    series.values = values;
    series.quality = quality ?? new Uint8Array(seconds.length);
    series.length = seconds.length;
    this.series[index] = series;
    this.version++;
  }

  /**
   * Drops every observation before `ms`, in place (a kiosk that runs for weeks keeps a bounded
   * history); returns how many went.
   */
  trimBefore(ms: number): number {
    const cut = toSeconds(ms);
    let dropped = 0;
    for (const series of this.series) {
      const keepFrom = series.lastAtOrBefore(cut - 1) + 1;
      if (keepFrom <= 0) continue;
      series.times.copyWithin(0, keepFrom, series.length);
      series.values.copyWithin(0, keepFrom, series.length);
      series.quality.copyWithin(0, keepFrom, series.length);
      series.length -= keepFrom;
      dropped += keepFrom;
    }
    if (dropped > 0) this.version++;
    return dropped;
  }

  /** Adds one observation where it belongs in time. */
  insert(observation: Observation): InsertOutcome {
    if (!Number.isFinite(observation.time) || !Number.isFinite(observation.value)) return 'rejected';
    const keys = observation.keys;
    return this.insertAt(this.sensorIndex(observation.sensorId, true), observation.time, observation.value, observation.quality ?? QUALITY_GOOD, keys ?? null, 0, keys ? keys.length : 0);
  }

  /**
   * `insert` by sensor index, its uplink keys being `keys[keyFrom] … keys[keyTo - 1]`: for batches
   * in columns (src/io/live/columns.ts), without an object per observation.
   */
  insertAt(index: number, timeMs: number, value: number, quality: number, keys: readonly string[] | null, keyFrom: number, keyTo: number): InsertOutcome {
    if (!Number.isFinite(timeMs) || !Number.isFinite(value)) return 'rejected';
    const series = this.series[index];
    const seconds = toSeconds(timeMs);
    if (keys && keyTo > keyFrom) {
      for (let k = keyFrom; k < keyTo; k++) {
        const seen = this.keyTimes.get(keys[k]);
        if (seen !== undefined && Math.abs(seen - seconds) <= KEY_SPAN_SECONDS) {
          this.duplicates++;
          return 'duplicate';
        }
      }
      for (let k = keyFrom; k < keyTo; k++) this.keyTimes.remember(keys[k], seconds);
    }
    if (series.length === 0 || seconds > series.times[series.length - 1]) {
      series.grow(series.length + 1);
      series.times[series.length] = seconds;
      series.values[series.length] = value;
      series.quality[series.length] = quality;
      series.length++;
      this.version++;
      return 'appended';
    }
    const at = series.lastAtOrBefore(seconds);
    if (at >= 0 && series.times[at] === seconds) {
      this.duplicates++;
      return 'duplicate';
    }
    series.grow(series.length + 1);
    const position = at + 1;
    series.times.copyWithin(position + 1, position, series.length);
    series.values.copyWithin(position + 1, position, series.length);
    series.quality.copyWithin(position + 1, position, series.length);
    series.times[position] = seconds;
    series.values[position] = value;
    series.quality[position] = quality;
    series.length++;
    this.version++;
    return 'inserted';
  }

  count(sensor: number): number {
    return this.series[sensor]?.length ?? 0;
  }

  get totalCount(): number {
    let total = 0;
    for (const series of this.series) total += series.length;
    return total;
  }

  /** The last value at or before `timeMs`, or NaN. */
  valueAt(sensor: number, timeMs: number): number {
    const series = this.series[sensor];
    if (!series) return Number.NaN;
    const at = series.lastAtOrBefore(toSeconds(timeMs));
    return at < 0 ? Number.NaN : series.values[at];
  }

  /** The time (ms) of the last observation at or before `timeMs`, or NaN. */
  lastTimeAt(sensor: number, timeMs: number): number {
    const series = this.series[sensor];
    if (!series) return Number.NaN;
    const at = series.lastAtOrBefore(toSeconds(timeMs));
    return at < 0 ? Number.NaN : toMs(series.times[at]);
  }

  /**
   * Every sensor's value at `timeMs` into `values` and the age of that value (ms) into `ages`
   * (Infinity when none): one binary search per sensor.
   */
  valuesAt(timeMs: number, values: Float32Array, ages?: Float64Array): void {
    const seconds = toSeconds(timeMs);
    for (let sensor = 0; sensor < this.series.length; sensor++) {
      const series = this.series[sensor];
      const at = series.lastAtOrBefore(seconds);
      values[sensor] = at < 0 ? Number.NaN : series.values[at];
      if (ages) ages[sensor] = at < 0 ? Number.POSITIVE_INFINITY : (seconds - series.times[at]) * 1000;
    }
  }

  /**
   * As `valuesAt`, for the first `count` sensors listed in `sensors` only (those a live batch
   * changed): the other entries of `values` and `ages` are left as they were.
   */
  valuesOf(sensors: ArrayLike<number>, count: number, timeMs: number, values: Float32Array, ages: Float64Array): void {
    const seconds = toSeconds(timeMs);
    for (let i = 0; i < count; i++) {
      const sensor = sensors[i];
      const series = this.series[sensor];
      if (!series) continue;
      const at = series.lastAtOrBefore(seconds);
      values[sensor] = at < 0 ? Number.NaN : series.values[at];
      ages[sensor] = at < 0 ? Number.POSITIVE_INFINITY : (seconds - series.times[at]) * 1000;
    }
  }

  /** The observations of a sensor within [fromMs, toMs], as copies in ms. */
  range(sensor: number, fromMs: number, toMs_: number): { times: Float64Array; values: Float32Array; quality: Uint8Array } {
    const series = this.series[sensor];
    if (!series) return { times: new Float64Array(0), values: new Float32Array(0), quality: new Uint8Array(0) };
    const start = series.lastAtOrBefore(toSeconds(fromMs) - 1) + 1;
    const end = series.lastAtOrBefore(toSeconds(toMs_)) + 1;
    const times = new Float64Array(Math.max(0, end - start));
    for (let i = start; i < end; i++) times[i - start] = toMs(series.times[i]);
    return { times, values: series.values.slice(start, end), quality: series.quality.slice(start, end) };
  }

  /** Minimum, maximum and mean of a sensor's values within [fromMs, toMs]. */
  stats(sensor: number, fromMs: number, toMs_: number): { count: number; min: number; max: number; mean: number } {
    const series = this.series[sensor];
    if (!series) return { count: 0, min: Number.NaN, max: Number.NaN, mean: Number.NaN };
    const start = series.lastAtOrBefore(toSeconds(fromMs) - 1) + 1;
    const end = series.lastAtOrBefore(toSeconds(toMs_)) + 1;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const value = series.values[i];
      if (value < min) min = value;
      if (value > max) max = value;
      sum += value;
    }
    const count = Math.max(0, end - start);
    return count === 0 ? { count, min: Number.NaN, max: Number.NaN, mean: Number.NaN } : { count, min, max, mean: sum / count };
  }

  /** Observations whose time is not after the one before in their series (0 unless the store is broken): checked by tests and the benchmark. */
  repeatedTimes(): number {
    let repeated = 0;
    for (const series of this.series) for (let i = 1; i < series.length; i++) if (series.times[i] <= series.times[i - 1]) repeated++;
    return repeated;
  }

  /** Bytes held by the columns (capacity, not just length). */
  bytes(): number {
    let total = 0;
    for (const series of this.series) total += series.times.byteLength + series.values.byteLength + series.quality.byteLength;
    return total;
  }
}
