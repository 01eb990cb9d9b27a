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

/** Latencies in a histogram of 1 ms buckets up to 120 s (the rest in the last bucket). */
export class LatencyRecorder {
  private readonly buckets = new Uint32Array(120_001);
  count = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms)) return;
    this.buckets[Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms)))]++;
    this.count++;
  }

  /** The latency below which a share `q` (0–1) of observations fell, ms; NaN without any. */
  percentile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return i;
    }
    return this.buckets.length - 1;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
  }
}
