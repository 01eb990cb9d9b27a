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
