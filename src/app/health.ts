/**
 * The page's health for `?debug=1` (`window.vigie.stats()`) and the kiosk's installer: uptime, JS
 * heap, live workers, DOM nodes, the last uncaught error, and how often the app recovered. Live
 * workers are counted by wrapping the Worker constructor (created minus terminated), installed
 * before anything makes a worker.
 */
export interface Health {
  uptimeSeconds: number;
  /** Used JS heap (Chromium's performance.memory), null elsewhere. */
  heapBytes: number | null;
  workers: number;
  workersCreated: number;
  domNodes: number;
  lastError: { message: string; at: string } | null;
  errors: number;
  recoveries: number;
}

const started = performance.now();
const state = { workers: 0, created: 0, lastError: null as Health['lastError'], errors: 0, recoveries: 0 };
const listeners = new Set<(message: string) => void>();

export function installHealth(): void {
  const Native = window.Worker;
  if (!Native || (Native as unknown as { counted?: boolean }).counted) return;
  class CountedWorker extends Native {
    static counted = true;
    private alive = true;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      state.workers++;
      state.created++;
    }
    override terminate(): void {
      if (this.alive) {
        this.alive = false;
        state.workers--;
      }
      super.terminate();
    }
  }
  window.Worker = CountedWorker;
  window.addEventListener('error', (event) => recordError(event.error instanceof Error ? event.error.message : event.message || 'error'));
  window.addEventListener('unhandledrejection', (event) => recordError(event.reason instanceof Error ? event.reason.message : String(event.reason)));
}

export function recordError(message: string): void {
  state.errors++;
  state.lastError = { message: message.slice(0, 500), at: new Date().toISOString() };
  for (const listener of listeners) listener(message);
}

/** Called on every uncaught error or rejected promise; returns the unsubscribe function. */
export function onUncaughtError(listener: (message: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recordRecovery(): void {
  state.recoveries++;
}

export function health(): Health {
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return {
    uptimeSeconds: Math.round((performance.now() - started) / 1000),
    heapBytes: memory ? memory.usedJSHeapSize : null,
    workers: state.workers,
    workersCreated: state.created,
    domNodes: document.getElementsByTagName('*').length,
    lastError: state.lastError,
    errors: state.errors,
    recoveries: state.recoveries,
  };
}
