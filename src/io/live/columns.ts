/**
 * Observations as columns, for the hand-off from the live worker to the page: one typed array per
 * field (transferred, not copied), the batch's distinct sensor ids once, and the uplink keys flat.
 *
 * Before (issue 13), each batch was an array of `Observation` objects cloned by `postMessage`:
 * measured in `npm run bench:series`, about 4 µs a message in the worker to serialise and as much
 * again in the page to build the objects back, and as many small objects for the page's collector.
 * Columns cost a few typed-array writes a message and one transfer a batch.
 */
import type { Observation } from '../../domain/series/store';

export interface ObservationColumns {
  count: number;
  /** Distinct sensor ids of the batch; `sensor[i]` indexes it. */
  sensorIds: string[];
  sensor: Uint32Array;
  /** UTC ms. */
  time: Float64Array;
  value: Float64Array;
  /** 255 when the observation carries none (the store's default then applies). */
  quality: Uint8Array;
  /** When the network server received it, UTC ms; NaN when unknown. */
  receivedAt: Float64Array;
  /** Uplink keys of observation i: `keys[keyStart[i]] … keys[keyStart[i + 1] - 1]`. */
  keys: string[];
  keyStart: Uint32Array;
  /** When the batch's first observation was added (its arrival, parsed, in the worker), UTC ms. */
  firstAddedAt: number;
  /** When the batch was handed over (`take`), UTC ms: with the page's time of storing, where a reading waits. */
  takenAt: number;
}

export const NO_QUALITY = 255;

/** Fills columns observation by observation; `take` hands them over and starts afresh. */
export class ColumnBuilder {
  private capacity: number;
  private count = 0;
  private sensorIds: string[] = [];
  private readonly sensorOf = new Map<string, number>();
  private sensor: Uint32Array;
  private time: Float64Array;
  private value: Float64Array;
  private quality: Uint8Array;
  private receivedAt: Float64Array;
  private keys: string[] = [];
  private keyStart: Uint32Array;
  private firstAddedAt = Number.NaN;

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.sensor = new Uint32Array(capacity);
    this.time = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.quality = new Uint8Array(capacity);
    this.receivedAt = new Float64Array(capacity);
    this.keyStart = new Uint32Array(capacity + 1);
  }

  get length(): number {
    return this.count;
  }

  add(observation: Observation): void {
    if (this.count === this.capacity) this.grow();
    if (this.count === 0) this.firstAddedAt = Date.now();
    const i = this.count++;
    let sensor = this.sensorOf.get(observation.sensorId);
    if (sensor === undefined) {
      sensor = this.sensorIds.length;
      this.sensorIds.push(observation.sensorId);
      this.sensorOf.set(observation.sensorId, sensor);
    }
    this.sensor[i] = sensor;
    this.time[i] = observation.time;
    this.value[i] = observation.value;
    this.quality[i] = observation.quality ?? NO_QUALITY;
    this.receivedAt[i] = observation.receivedAt ?? Number.NaN;
    if (observation.keys) for (const key of observation.keys) this.keys.push(key);
    this.keyStart[i + 1] = this.keys.length;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(array: T, size: number): T => {
      const next = new (array.constructor as new (n: number) => T)(size);
      next.set(array);
      return next;
    };
    this.sensor = grown(this.sensor, capacity);
    this.time = grown(this.time, capacity);
    this.value = grown(this.value, capacity);
    this.quality = grown(this.quality, capacity);
    this.receivedAt = grown(this.receivedAt, capacity);
    this.keyStart = grown(this.keyStart, capacity + 1);
    this.capacity = capacity;
  }

  /** The columns so far (trimmed copies, whose buffers can be transferred); the builder is emptied. */
  take(): ObservationColumns {
    const n = this.count;
    const columns: ObservationColumns = {
      count: n,
      sensorIds: this.sensorIds,
      sensor: this.sensor.slice(0, n),
      time: this.time.slice(0, n),
      value: this.value.slice(0, n),
      quality: this.quality.slice(0, n),
      receivedAt: this.receivedAt.slice(0, n),
      keys: this.keys,
      keyStart: this.keyStart.slice(0, n + 1),
      firstAddedAt: this.firstAddedAt,
      takenAt: Date.now(),
    };
    this.count = 0;
    this.sensorIds = [];
    this.sensorOf.clear();
    this.keys = [];
    return columns;
  }
}

/** The buffers of a batch, to transfer. */
export function columnBuffers(columns: ObservationColumns): ArrayBuffer[] {
  return [columns.sensor, columns.time, columns.value, columns.quality, columns.receivedAt, columns.keyStart].map((array) => array.buffer as ArrayBuffer);
}

/** Back to objects (for handlers that take them: tests, the non-page callers). */
export function observationsOf(columns: ObservationColumns): Observation[] {
  const observations: Observation[] = [];
  for (let i = 0; i < columns.count; i++) {
    const observation: Observation = { sensorId: columns.sensorIds[columns.sensor[i]], time: columns.time[i], value: columns.value[i] };
    if (columns.quality[i] !== NO_QUALITY) observation.quality = columns.quality[i];
    if (!Number.isNaN(columns.receivedAt[i])) observation.receivedAt = columns.receivedAt[i];
    const from = columns.keyStart[i];
    const to = columns.keyStart[i + 1];
    if (to > from) observation.keys = columns.keys.slice(from, to);
    observations.push(observation);
  }
  return observations;
}
