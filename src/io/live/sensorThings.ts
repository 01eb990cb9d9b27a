/**
 * An OGC SensorThings API v1.1 server as a live source:
 * - REST: the Observations of each Datastream newer than the last one seen
 *   (`$filter=phenomenonTime gt …`, `$orderby=phenomenonTime asc`, `$top`), following
 *   `@iot.nextLink` pages;
 * - push: MQTT on `v1.1/Datastreams(ID)/Observations` when the server offers it; after every
 *   (re)connection the missed observations are fetched over REST first;
 * - without MQTT, REST is polled.
 */
import type { Observation } from '../../domain/series/store';
import { MqttSource } from './mqttSource';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

interface StaObservation {
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

function observationOf(sensorId: string, item: StaObservation): Observation | null {
  const time = Date.parse((item.phenomenonTime ?? item.resultTime ?? '').split('/')[0]);
  const value = typeof item.result === 'number' ? item.result : typeof item.result === 'string' ? Number(item.result) : Number.NaN;
  return Number.isFinite(time) && Number.isFinite(value) ? { sensorId, time, value } : null;
}

export class SensorThingsSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  readonly stats: LiveStats = { received: 0, rejected: 0 };
  /** Last phenomenon time seen per datastream (ms). */
  readonly lastSeen = new Map<string, number>();
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
    this.state = state;
    this.handlers.onState(state, detail);
  }

  /** The URL of the first page of a datastream's observations after `sinceMs`. */
  observationsUrl(datastreamId: string, sinceMs: number | undefined): string {
    const base = `${this.options.url.replace(/\/$/, '')}/Datastreams(${/^\d+$/.test(datastreamId) ? datastreamId : `'${datastreamId}'`})/Observations`;
    // Spaces as %20 (not +), as OData servers expect.
    const query: Array<[string, string]> = [];
    if (sinceMs !== undefined) query.push(['$filter', `phenomenonTime gt ${new Date(sinceMs).toISOString()}`]);
    query.push(['$orderby', 'phenomenonTime asc'], ['$top', String(this.options.pageSize ?? 1000)], ['$select', 'phenomenonTime,result']);
    return `${base}?${query.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
  }

  /** Fetches every observation newer than the last seen, page by page. */
  async catchUp(): Promise<number> {
    let count = 0;
    for (const [datastreamId, sensorId] of Object.entries(this.options.datastreams)) {
      let url: string | undefined = this.observationsUrl(datastreamId, this.lastSeen.get(datastreamId));
      while (url) {
        const response = await this.fetcher(url);
        if (!response.ok) throw new Error(`HTTP ${response.status} on ${url}`);
        const page = (await response.json()) as StaPage;
        const batch: Observation[] = [];
        for (const item of page.value ?? []) {
          const observation = observationOf(sensorId, item);
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
          this.handlers.onObservations(batch);
        }
        url = page['@iot.nextLink'];
      }
    }
    return count;
  }

  start(): void {
    this.setState('connecting');
    const firstSync = this.catchUp().then(
      () => this.setState('connected'),
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
            const observation = observationOf(stream.sensorId, item);
            if (!observation) return { ok: false, reason: 'no phenomenonTime or numeric result' };
            this.lastSeen.set(stream.id, Math.max(this.lastSeen.get(stream.id) ?? 0, observation.time));
            return { ok: true, observations: [observation] };
          },
        },
        {
          onObservations: (batch) => {
            this.stats.received += batch.length;
            this.handlers.onObservations(batch);
          },
          onRejected: (reason) => {
            this.stats.rejected++;
            this.handlers.onRejected?.(reason);
          },
          onState: (state) => {
            // Back after a cut: fetch what was published meanwhile.
            if (state === 'connected') void firstSync.then(() => this.catchUp()).catch(() => undefined);
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
