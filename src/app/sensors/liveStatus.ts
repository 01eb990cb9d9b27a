/**
 * What the page says about its live sources: how long a source may stay silent (its sensors'
 * shortest expected interval, with a margin), which sources have been silent longer, and the
 * end-to-end latency of what they deliver (a histogram by millisecond, for percentiles).
 */
import type { Sensor } from '../../domain/territory';
import type { SourceStatus } from './sensorController';

/** Silence is allowed for this many times the shortest expected interval before an alert. */
export const SILENCE_MARGIN = 1.5;

/**
 * The silence after which a source that feeds these sensors is abnormal (ms): the shortest
 * expected interval among them (24 h / samplesPerDay), times SILENCE_MARGIN. `sensorIds` null:
 * the source may feed any sensor of the territory. Infinity when it feeds none.
 */
export function expectedIntervalMs(sensors: readonly Sensor[], sensorIds: readonly string[] | null): number {
  const wanted = sensorIds ? new Set(sensorIds) : null;
  let shortest = Number.POSITIVE_INFINITY;
  for (const sensor of sensors) {
    if (wanted && !wanted.has(sensor.id)) continue;
    if (sensor.samplesPerDay > 0) shortest = Math.min(shortest, 86_400_000 / sensor.samplesPerDay);
  }
  return shortest * SILENCE_MARGIN;
}

export interface SourceAlert {
  id: string;
  label: string;
  /** Last message (or the connection when none came yet), ms. */
  since: number;
  silentAfterMs: number;
}

/** The sources silent longer than their sensors' expected interval at `now`. */
export function silentSources(sources: readonly SourceStatus[], now: number): SourceAlert[] {
  const alerts: SourceAlert[] = [];
  for (const source of sources) {
    if (source.state === 'stopped' || !Number.isFinite(source.silentAfterMs)) continue;
    const since = source.lastMessageAt || source.since;
    if (since > 0 && now - since > source.silentAfterMs) alerts.push({ id: source.id, label: source.label, since, silentAfterMs: source.silentAfterMs });
  }
  return alerts;
}

/**
 * Samples with the time they refer to (latencies with the network server's reception time,
 * restyle durations with the frame's time), kept in arrays that grow as needed up to a cap, then
 * overwrite the oldest: percentiles over all of them, or outside a window of time (a broker
 * restart).
 */
export class SampleRecorder {
  private at = new Float64Array(1024);
  private values = new Float64Array(1024);
  private next = 0;
  count = 0;

  constructor(private readonly cap = 1 << 21) {}

  add(value: number, at: number): void {
    if (!Number.isFinite(value)) return;
    if (this.count < this.cap && this.count === this.at.length) {
      const size = Math.min(this.cap, this.at.length * 2);
      const at_ = new Float64Array(size);
      at_.set(this.at);
      const values = new Float64Array(size);
      values.set(this.values);
      this.at = at_;
      this.values = values;
    }
    this.at[this.next] = at;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.cap;
    this.count = Math.min(this.cap, this.count + 1);
  }

  /** The value below which a share `q` (0–1) of the samples fall; those in [skipFrom, skipTo] left out. NaN without any. */
  percentile(q: number, skipFrom = Number.POSITIVE_INFINITY, skipTo = Number.NEGATIVE_INFINITY): number {
    const kept: number[] = [];
    for (let i = 0; i < this.count; i++) if (!(this.at[i] >= skipFrom && this.at[i] <= skipTo)) kept.push(this.values[i]);
    if (kept.length === 0) return Number.NaN;
    kept.sort((a, b) => a - b);
    return kept[Math.min(kept.length - 1, Math.max(0, Math.ceil(q * kept.length) - 1))];
  }

  /** How many samples are outside [skipFrom, skipTo]. */
  countOutside(skipFrom: number, skipTo: number): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (!(this.at[i] >= skipFrom && this.at[i] <= skipTo)) n++;
    return n;
  }

  reset(): void {
    this.next = 0;
    this.count = 0;
  }
}

/** The JS heap in use (Chromium's `performance.memory`), bytes; NaN elsewhere. */
export function usedHeap(): number {
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : Number.NaN;
}

const RESTYLE_FIELDS = ['totalMs', 'versionMs', 'lookupMs', 'levelsMs', 'alertsMs', 'microtasksMs', 'changed', 'full', 'heapDelta'] as const;
export type RestyleRecord = Record<(typeof RESTYLE_FIELDS)[number] | 'at', number>;

/**
 * The last restyles, each with where its time went (the version's followers, the lookup, the map's
 * levels, the alerts, the microtasks after), how many sensors it looked up again, whether it was a
 * full one, and how the JS heap moved meanwhile (a drop: a garbage collection in it): kept in one
 * typed array, nothing allocated per frame.
 */
export class RestyleLog {
  private readonly rows: Float64Array;
  private next = 0;
  count = 0;

  constructor(private readonly size = 1024) {
    this.rows = new Float64Array(size * (RESTYLE_FIELDS.length + 1));
  }

  add(totalMs: number, versionMs: number, lookupMs: number, levelsMs: number, alertsMs: number, microtasksMs: number, changed: number, full: boolean, heapDelta: number): void {
    const width = RESTYLE_FIELDS.length + 1;
    const row = this.next * width;
    const r = this.rows;
    r[row] = totalMs;
    r[row + 1] = versionMs;
    r[row + 2] = lookupMs;
    r[row + 3] = levelsMs;
    r[row + 4] = alertsMs;
    r[row + 5] = microtasksMs;
    r[row + 6] = changed;
    r[row + 7] = full ? 1 : 0;
    r[row + 8] = heapDelta;
    r[row + 9] = Date.now();
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.size, this.count + 1);
  }

  /** The `n` slowest kept restyles from `since` (ms) on, slowest first. */
  worst(n: number, since = Number.NEGATIVE_INFINITY): RestyleRecord[] {
    const width = RESTYLE_FIELDS.length + 1;
    const records: RestyleRecord[] = [];
    for (let i = 0; i < this.count; i++) {
      const row = i * width;
      if (this.rows[row + 9] < since) continue;
      const record = { at: this.rows[row + 9] } as RestyleRecord;
      RESTYLE_FIELDS.forEach((field, f) => (record[field] = this.rows[row + f]));
      records.push(record);
    }
    return records.sort((a, b) => b.totalMs - a.totalMs).slice(0, n);
  }
}
