/**
 * Vendor payload codecs (LoRa Alliance TS013: `decodeUplink({bytes, fPort, recvTime})` →
 * `{data, warnings, errors}`) run in a sandboxed worker with a time limit.
 *
 * One `CodecRunner` per codec script: a dedicated classic worker (`public/codecs/host.js`) loads
 * the script by URL with `importScripts` — no eval, so a strict CSP holds — and decodes uplinks in
 * batches. Each batch has a time limit; a codec that overruns it is terminated with its worker,
 * which is started again: the batch is retried one uplink at a time, and the uplink that overruns
 * alone is refused ("codec timed out"), never stored. A codec that cannot load refuses every uplink
 * with the reason. `CodecPool` keeps one runner per script URL.
 */
import { QUALITY_SUSPECT } from '../../domain/series/store';
import { observationFromCodec, type DecodedUplink, type ParseResult, type RawUplink } from './payloads';

/** What the runner needs of a Worker (the browser's, or an adapter in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface CodecRunnerOptions {
  /** Time limit of a batch of one uplink, ms; a batch of n gets `timeoutMs + n` ms. */
  timeoutMs?: number;
  batchSize?: number;
  createWorker?: () => WorkerLike;
  /** URL of the host script (public/codecs/host.js beside the app by default). */
  hostUrl?: string;
}

interface Job {
  uplinks: RawUplink[];
  resolve: (results: DecodedUplink[]) => void;
}

export function defaultHostUrl(): string {
  return new URL('codecs/host.js', typeof document === 'undefined' ? 'http://localhost/' : document.baseURI).href;
}

export class CodecRunner {
  private worker: WorkerLike | null = null;
  private loaded: Promise<string | null> | null = null;
  private queue: Array<{ uplink: RawUplink; resolve: (result: DecodedUplink) => void; alone: boolean }> = [];
  private running = false;
  private nextId = 1;
  /** Counters: decoded, failed, timed out, worker restarts. */
  readonly counts = { decoded: 0, failed: 0, timedOut: 0, restarts: 0 };
  private readonly timeoutMs: number;
  private readonly batchSize: number;

  constructor(
    readonly codecUrl: string,
    private readonly options: CodecRunnerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
  }

  private spawn(): Promise<string | null> {
    const create = this.options.createWorker ?? (() => new Worker(this.options.hostUrl ?? defaultHostUrl(), { name: `codec ${this.codecUrl}` }) as unknown as WorkerLike);
    const worker = create();
    this.worker = worker;
    this.loaded = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(`the codec did not load within ${this.timeoutMs} ms`), Math.max(this.timeoutMs, 5000));
      worker.onmessage = (event) => {
        const data = event.data as { type?: string; ok?: boolean; error?: string };
        if (data.type !== 'loaded') return;
        clearTimeout(timer);
        resolve(data.ok ? null : (data.error ?? 'the codec did not load'));
      };
      worker.onerror = (event) => {
        clearTimeout(timer);
        resolve(`the codec worker failed: ${event.message ?? 'unknown error'}`);
      };
      worker.postMessage({ type: 'load', url: this.codecUrl });
    });
    return this.loaded;
  }

  /** Decodes one uplink (batched with the others waiting). */
  decode(uplink: RawUplink): Promise<DecodedUplink> {
    return new Promise((resolve) => {
      this.queue.push({ uplink, resolve, alone: false });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const failure = await (this.loaded ?? this.spawn());
        // Uplinks retried after a timeout go alone, so that only the culprit is refused.
        let size = 1;
        if (!this.queue[0].alone) while (size < this.batchSize && size < this.queue.length && !this.queue[size].alone) size++;
        const batch = this.queue.splice(0, size);
        if (failure) {
          this.counts.failed += batch.length;
          for (const item of batch) item.resolve({ errors: [failure] });
          continue;
        }
        const results = await this.run(batch.map((item) => item.uplink));
        if (results) {
          batch.forEach((item, i) => {
            const result = results[i] ?? { errors: ['no result'] };
            if (Array.isArray(result.errors) && result.errors.length > 0) this.counts.failed++;
            else this.counts.decoded++;
            item.resolve(result);
          });
          continue;
        }
        // Timed out: a fresh worker, then each uplink of the batch alone.
        this.restart();
        if (batch.length === 1) {
          this.counts.timedOut++;
          batch[0].resolve({ errors: [`codec timed out after ${this.timeoutMs} ms`] });
        } else this.queue.unshift(...batch.map((item) => ({ ...item, alone: true })));
      }
    } finally {
      this.running = false;
    }
  }

  /** One batch through the worker; null when it overran its time limit. */
  private run(uplinks: RawUplink[]): Promise<DecodedUplink[] | null> {
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), this.timeoutMs + uplinks.length);
      worker.onmessage = (event) => {
        const data = event.data as { type?: string; id?: number; results?: DecodedUplink[] };
        if (data.type !== 'decoded' || data.id !== id) return;
        clearTimeout(timer);
        resolve(data.results ?? []);
      };
      worker.onerror = () => {
        clearTimeout(timer);
        resolve(null);
      };
      worker.postMessage({ type: 'decode', id, uplinks: uplinks.map((uplink) => ({ bytes: uplink.bytes, fPort: uplink.fPort, recvTime: uplink.receivedAt ?? uplink.time })) });
    });
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.loaded = null;
    this.counts.restarts++;
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.loaded = null;
  }
}

/** One runner per codec script; decodes a raw uplink into an observation or a refusal. */
export class CodecPool {
  private readonly runners = new Map<string, CodecRunner>();

  constructor(
    /** Device type → codec script URL. */
    private readonly codecs: Record<string, string>,
    private readonly options: CodecRunnerOptions = {},
  ) {}

  runner(type: string): CodecRunner | null {
    const url = this.codecs[type];
    if (!url) return null;
    let runner = this.runners.get(url);
    if (!runner) {
      runner = new CodecRunner(url, this.options);
      this.runners.set(url, runner);
    }
    return runner;
  }

  async decode(uplink: RawUplink): Promise<ParseResult> {
    const runner = this.runner(uplink.type);
    if (!runner) return { ok: false, reason: `device ${uplink.device}: no codec for device type ${uplink.type}` };
    const output = await runner.decode(uplink);
    const result = observationFromCodec(uplink, output);
    // A codec's warnings (a tilted sensor, a battery out of range) mark the value as suspect.
    if (result.ok === true && Array.isArray(output.warnings) && output.warnings.length > 0) for (const observation of result.observations) observation.quality = QUALITY_SUSPECT;
    return result;
  }

  terminate(): void {
    for (const runner of this.runners.values()) runner.terminate();
    this.runners.clear();
  }
}
