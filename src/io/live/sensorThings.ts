/**
 * An OGC SensorThings API v1.1 server as a live source:
 * - REST: the Observations of each Datastream newer than the last one seen
 *   (`$filter=phenomenonTime gt …`, `$orderby=phenomenonTime asc`, `$top`), following
 *   `@iot.nextLink` pages;
 * - push: MQTT on `v1.1/Datastreams(ID)/Observations` when the server offers it; after every
 *   reconnection of the push, the gap is filled over REST from the last observation received
 *   BEFORE the cut (what the push delivers right after reconnecting does not move that mark), as
 *   FROST's users do; what comes both ways is stored once (same datastream, `@iot.id` or time);
 * - without MQTT, REST is polled.
 */
import type { Observation } from '../../domain/series/store';
import { MqttSource } from './mqttSource';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

interface StaObservation {
  '@iot.id'?: string | number;
  phenomenonTime?: string;
  resultTime?: string;
  result?: unknown;
}

interface StaPage {
  value?: StaObservation[];
  '@iot.nextLink'?: string;
}

export interface SensorThingsOptions {
  id: string;
  label: string;
  /** The service root, e.g. https://example.org/FROST-Server/v1.1 */
  url: string;
  mqttUrl?: string;
  /** Datastream id → sensor id. */
  datastreams: Record<string, string>;
  pollMs?: number;
  pageSize?: number;
  fetch?: typeof fetch;
}

function observationOf(datastreamId: string, sensorId: string, item: StaObservation): Observation | null {
  const time = Date.parse((item.phenomenonTime ?? item.resultTime ?? '').split('/')[0]);
  const value = typeof item.result === 'number' ? item.result : typeof item.result === 'string' ? Number(item.result) : Number.NaN;
  if (!Number.isFinite(time) || !Number.isFinite(value)) return null;
  const id = item['@iot.id'];
  return id === undefined ? { sensorId, time, value } : { sensorId, time, value, keys: [`sta:${datastreamId}:${String(id)}`] };
}

export class SensorThingsSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  since = Date.now();
  readonly stats: LiveStats = { received: 0, rejected: 0 };
  catchingUp = 0;
  lastMessageAt = 0;
  /** Last phenomenon time seen per datastream (ms). */
  readonly lastSeen = new Map<string, number>();
  /** The marks at the moment the push was cut: the gap to fill starts there. */
  private gapFrom: Map<string, number> | null = null;
  /** Catch-ups run one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  /** The first REST sync is done. */
  private synced = false;
  /** A gap is being filled over REST. */
  private filling = false;
  private push: MqttSource | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly fetcher: typeof fetch;

  constructor(
    private readonly options: SensorThingsOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.id = options.id;
    this.label = options.label || options.url;
    this.fetcher = options.fetch ?? ((...args) => fetch(...args));
  }

  private setState(state: LiveState, detail?: string): void {
    if (state !== this.state) this.since = Date.now();
    this.state = state;
    this.handlers.onState(state, detail);
  }

  /** The URL of the first page of a datastream's observations after `sinceMs`. */
  observationsUrl(datastreamId: string, sinceMs: number | undefined): string {
    const base = `${this.options.url.replace(/\/$/, '')}/Datastreams(${/^\d+$/.test(datastreamId) ? datastreamId : `'${datastreamId}'`})/Observations`;
    // Spaces as %20 (not +), as OData servers expect.
    const query: Array<[string, string]> = [];
    if (sinceMs !== undefined) query.push(['$filter', `phenomenonTime gt ${new Date(sinceMs).toISOString()}`]);
    query.push(['$orderby', 'phenomenonTime asc'], ['$top', String(this.options.pageSize ?? 1000)], ['$select', '@iot.id,phenomenonTime,result']);
    return `${base}?${query.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
  }

  /**
   * Fetches every observation newer than the last seen (or than `from`, the marks before a cut),
   * page by page; catch-ups never overlap.
   */
  catchUp(from?: Map<string, number>): Promise<number> {
    const run = this.chain.then(() => this.fetchSince(from ?? this.lastSeen));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async fetchSince(from: Map<string, number>): Promise<number> {
    let count = 0;
    for (const [datastreamId, sensorId] of Object.entries(this.options.datastreams)) {
      let url: string | undefined = this.observationsUrl(datastreamId, from.get(datastreamId));
      while (url) {
        const response = await this.fetcher(url);
        if (!response.ok) throw new Error(`HTTP ${response.status} on ${url}`);
        const page = (await response.json()) as StaPage;
        const batch: Observation[] = [];
        for (const item of page.value ?? []) {
          const observation = observationOf(datastreamId, sensorId, item);
          if (!observation) {
            this.stats.rejected++;
            continue;
          }
          batch.push(observation);
          this.lastSeen.set(datastreamId, Math.max(this.lastSeen.get(datastreamId) ?? 0, observation.time));
        }
        if (batch.length > 0) {
          this.stats.received += batch.length;
          count += batch.length;
          this.lastMessageAt = Date.now();
          if (this.state === 'catching-up') this.catchingUp += batch.length;
          this.handlers.onObservations(batch);
        }
        url = page['@iot.nextLink'];
      }
    }
    return count;
  }

  start(): void {
    this.setState('connecting');
    // Live once the first sync is done and, with a push, once the push is subscribed.
    const firstSync = this.catchUp().then(
      () => {
        this.synced = true;
        if (!this.push || this.push.state === 'connected') this.setState('connected');
      },
      (error: unknown) => this.setState('error', error instanceof Error ? error.message : String(error)),
    );
    if (this.options.mqttUrl) {
      const topics = Object.keys(this.options.datastreams).map((id) => `v1.1/Datastreams(${/^\d+$/.test(id) ? id : `'${id}'`})/Observations`);
      const byTopic = new Map(Object.entries(this.options.datastreams).map(([id, sensorId]) => [`v1.1/Datastreams(${/^\d+$/.test(id) ? id : `'${id}'`})/Observations`, { id, sensorId }]));
      this.push = new MqttSource(
        {
          id: `${this.id}-push`,
          label: this.label,
          url: this.options.mqttUrl,
          topics,
          parse: (topic, payload) => {
            const stream = byTopic.get(topic);
            if (!stream) return { ok: false, reason: `unexpected topic ${topic}` };
            let item: StaObservation;
            try {
              item = JSON.parse(new TextDecoder().decode(payload)) as StaObservation;
            } catch {
              return { ok: false, reason: 'not JSON' };
            }
            const observation = observationOf(stream.id, stream.sensorId, item);
            if (!observation) return { ok: false, reason: 'no phenomenonTime or numeric result' };
            this.lastSeen.set(stream.id, Math.max(this.lastSeen.get(stream.id) ?? 0, observation.time));
            return { ok: true, observations: [observation] };
          },
        },
        {
          onObservations: (batch) => {
            this.stats.received += batch.length;
            this.lastMessageAt = Date.now();
            this.handlers.onObservations(batch);
          },
          onRejected: (reason) => {
            this.stats.rejected++;
            this.handlers.onRejected?.(reason);
          },
          onState: (state) => {
            if ((state === 'reconnecting' || state === 'error') && !this.gapFrom) this.gapFrom = new Map(this.lastSeen);
            if ((state === 'connected' || state === 'catching-up') && this.gapFrom) {
              // Back after a cut: fetch what was published meanwhile, from the marks before the cut.
              const from = this.gapFrom;
              this.gapFrom = null;
              this.catchingUp = 0;
              this.setState('catching-up');
              this.filling = true;
              void firstSync
                .then(() => this.catchUp(from))
                .then(
                  () => {
                    this.filling = false;
                    this.setState('connected');
                  },
                  (error: unknown) => {
                    // The gap stays open: the next reconnection or poll tries again from the same marks.
                    this.filling = false;
                    this.gapFrom = from;
                    this.setState('error', error instanceof Error ? error.message : String(error));
                  },
                );
              return;
            }
            if (state === 'catching-up' || (state === 'connected' && (this.filling || !this.synced))) return;
            this.setState(state);
          },
        },
      );
      this.push.start();
    } else {
      this.timer = setInterval(() => {
        this.catchUp().then(
          () => this.state !== 'connected' && this.setState('connected'),
          (error: unknown) => this.setState('reconnecting', error instanceof Error ? error.message : String(error)),
        );
      }, this.options.pollMs ?? 60_000);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.push?.stop();
    this.push = null;
    this.setState('stopped');
  }
}
