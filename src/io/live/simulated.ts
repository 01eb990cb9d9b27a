/**
 * The simulated live feed of the offline demo: the demo history continued in real time. It holds
 * the part of the year's generated readings that lies after "now" and releases each reading when
 * the wall clock reaches it, in batches.
 */
import type { Observation } from '../../domain/series/store';
import { EPOCH_MS } from '../../domain/series/store';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

export interface FutureReadings {
  sensorId: string;
  /** Seconds since EPOCH_MS, increasing, all after the moment the feed starts. */
  seconds: Int32Array;
  values: Float32Array;
}

export class SimulatedSource implements LiveSource {
  readonly id = 'simulated';
  state: LiveState = 'stopped';
  readonly stats: LiveStats = { received: 0, rejected: 0 };
  private readonly next: Int32Array;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly label: string,
    private readonly future: FutureReadings[],
    private readonly handlers: LiveHandlers,
    private readonly now: () => number = Date.now,
    private readonly everyMs = 2000,
  ) {
    this.next = new Int32Array(future.length);
  }

  /** Releases every reading due by now; returns how many. */
  tick(): number {
    const nowSeconds = Math.floor((this.now() - EPOCH_MS) / 1000);
    const batch: Observation[] = [];
    this.future.forEach((readings, i) => {
      while (this.next[i] < readings.seconds.length && readings.seconds[this.next[i]] <= nowSeconds) {
        batch.push({ sensorId: readings.sensorId, time: EPOCH_MS + readings.seconds[this.next[i]] * 1000, value: readings.values[this.next[i]] });
        this.next[i]++;
      }
    });
    if (batch.length > 0) {
      this.stats.received += batch.length;
      this.handlers.onObservations(batch);
    }
    return batch.length;
  }

  start(): void {
    if (this.timer) return;
    this.state = 'connected';
    this.handlers.onState('connected');
    this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.state = 'stopped';
    this.handlers.onState('stopped');
  }
}
