/**
 * An MQTT live source run in the live-ingest worker (workers/live): the page keeps a mirror of its
 * state and counts, and receives its observations in batches. Same behaviour as `MqttSource`
 * (which the worker runs), off the main thread.
 */
import { createLiveWorker, type LiveWorker, type LiveWorkerOptions } from '../../../workers/live/api';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

export class WorkerMqttSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  since = Date.now();
  stats: LiveStats = { received: 0, rejected: 0, undecoded: 0 };
  catchingUp = 0;
  lastMessageAt = 0;
  private worker: LiveWorker | null = null;
  private stopped: (() => void) | null = null;

  constructor(
    private readonly options: LiveWorkerOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.id = options.id;
    this.label = options.label || options.url;
  }

  start(): void {
    if (this.worker) return;
    const worker = createLiveWorker(this.id);
    this.worker = worker;
    worker.onMessage((message) => {
      if (message.type === 'stopped') {
        this.stopped?.();
        return;
      }
      const snapshot = message.snapshot;
      this.state = snapshot.state;
      this.since = snapshot.since;
      this.stats = snapshot.stats;
      this.catchingUp = snapshot.catchingUp;
      this.lastMessageAt = snapshot.lastMessageAt;
      if (message.type === 'batch') this.handlers.onObservations(message.observations);
      else if (message.type === 'state') this.handlers.onState(snapshot.state, message.detail);
      else this.handlers.onRejected?.(message.reason);
    });
    worker.post({ type: 'start', options: this.options });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      // The worker closes its session cleanly (so the broker keeps it for next time), then goes.
      const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
      worker.post({ type: 'stop' });
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2000))]);
      worker.terminate();
    }
    this.state = 'stopped';
    this.since = Date.now();
    this.handlers.onState('stopped');
  }
}
