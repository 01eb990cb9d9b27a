/**
 * An MQTT live source run in the live-ingest worker (workers/live): the page keeps a mirror of its
 * state and counts, and receives its observations in batches. Same behaviour as `MqttSource`
 * (which the worker runs), off the main thread.
 */
import { proxy } from 'comlink';
import { createLiveWorker, type LiveEvent, type LiveWorkerOptions } from '../../../workers/live/api';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';
import { observationsOf } from './columns';

export class WorkerMqttSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  since = Date.now();
  stats: LiveStats = { received: 0, rejected: 0, undecoded: 0 };
  catchingUp = 0;
  lastMessageAt = 0;
  private worker: ReturnType<typeof createLiveWorker> | null = null;

  constructor(
    private readonly options: LiveWorkerOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.id = options.id;
    this.label = options.label || options.url;
  }

  private onEvent(event: LiveEvent): void {
    const snapshot = event.snapshot;
    this.state = snapshot.state;
    this.since = snapshot.since;
    this.stats = snapshot.stats;
    this.catchingUp = snapshot.catchingUp;
    this.lastMessageAt = snapshot.lastMessageAt;
    if (event.type === 'batch') {
      if (this.handlers.onColumns) this.handlers.onColumns(event.columns);
      else this.handlers.onObservations(observationsOf(event.columns));
    }
    else if (event.type === 'state') this.handlers.onState(snapshot.state, event.detail);
    else this.handlers.onRejected?.(event.reason);
  }

  start(): void {
    if (this.worker) return;
    this.worker = createLiveWorker(this.id);
    void this.worker.api.start(
      this.options,
      proxy((event: LiveEvent) => this.onEvent(event)),
    );
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      // The worker closes its connection cleanly (the broker keeps the session for next time), then goes.
      await Promise.race([worker.api.stop(), new Promise((resolve) => setTimeout(resolve, 2000))]).catch(() => undefined);
      worker.terminate();
    }
    this.state = 'stopped';
    this.since = Date.now();
    this.handlers.onState('stopped');
  }
}
