/**
 * An MQTT broker over WebSocket as a live source (mqttClient.ts, in the browser and in Node).
 *
 * Nothing published while the page is away is lost: the source subscribes with QoS 1 on a
 * persistent session (`clean: false`) under a client id that stays the same for this browser and
 * this service (kept in localStorage), so the broker queues what comes in while the link or the
 * broker itself is down (with persistence on) and hands it over on reconnection. What arrives twice
 * (QoS 1 redelivery, the same uplink through two gateways) is dropped by the series store (see the
 * keys in payloads.ts).
 *
 * Reconnects with exponential backoff (1 s, 2 s, 4 s … `maxBackoffMs`, reset by a CONNACK), and at
 * once when the browser says it is back online; says its state and since
 * when, counts the messages caught up after a reconnection, parses each message with the service's
 * payload mapping, hands raw uplinks to the codec worker, and counts what it refuses.
 */
import type { Observation } from '../../domain/series/store';
import { MqttClient, type MqttMessage, type WebSocketFactory } from './mqttClient';
import { parseChirpStack, parsePlain, parseTheThingsStack, type DeviceMap, type DeviceTypes, type ParseResult, type RawUplink } from './payloads';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

export interface MqttSourceOptions {
  id: string;
  label: string;
  url: string;
  topics: string[];
  /** Turns one message into observations. */
  parse: (topic: string, payload: Uint8Array) => ParseResult;
  /** Decodes a raw uplink with its device type's codec (codecs.ts). */
  decode?: (uplink: RawUplink) => Promise<ParseResult>;
  username?: string;
  password?: string;
  /** Silence after which a connected source is said to be stale, ms. */
  staleAfterMs?: number;
  /** The persistent session's client id; by default one kept per browser and service. */
  clientId?: string;
  maxBackoffMs?: number;
  /** Makes the WebSocket (by default the global `WebSocket`; Node 20 has none: the tests give `ws`'s). */
  createWebsocket?: WebSocketFactory;
  /** Seconds between keepalive pings (half of MQTT's keepalive), 60 by default. */
  keepaliveSeconds?: number;
}

export function payloadParser(format: 'chirpstack' | 'tts' | 'plain', devices: DeviceMap, types: DeviceTypes = {}): (topic: string, payload: Uint8Array) => ParseResult {
  if (format === 'chirpstack') return (_topic, payload) => parseChirpStack(payload, devices, types);
  if (format === 'tts') return (_topic, payload) => parseTheThingsStack(payload, devices, types);
  return (_topic, payload) => parsePlain(payload);
}

/**
 * The client id of this browser for a service: made once, kept in localStorage, so that the broker
 * recognises the session after a reload or a cut. At most 23 characters, as MQTT 3.1.1 brokers must
 * accept. Without localStorage (Node, private mode refusing it), a fresh id.
 */
export function stableClientId(serviceId: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null = typeof localStorage === 'undefined' ? null : localStorage): string {
  const key = `vigie.mqtt.clientId.${serviceId}`;
  const fresh = () => `vigie-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  try {
    const known = storage?.getItem(key);
    if (known && /^[\w-]{1,23}$/.test(known)) return known;
    const id = fresh();
    storage?.setItem(key, id);
    return id;
  } catch {
    return fresh();
  }
}

/** After a reconnection, the flow counts as caught up once this long passes without a backlog message. */
const CATCH_UP_QUIET_MS = 1500;

export class MqttSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  since = Date.now();
  readonly stats: LiveStats = { received: 0, rejected: 0, undecoded: 0 };
  catchingUp = 0;
  lastMessageAt = 0;
  /** Raw uplinks handed to the codec worker and not back yet. */
  decoding = 0;
  private client: MqttClient | null = null;
  private running = false;
  private backoffMs = 1000;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private staleTimer: ReturnType<typeof setInterval> | null = null;
  /** When the current connection came up (ms), and when the last backlog message came. */
  private connectedAt = 0;
  private lastBacklogAt = 0;
  private onOnline: (() => void) | null = null;

  constructor(
    private readonly options: MqttSourceOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.id = options.id;
    this.label = options.label || options.url;
  }

  private setState(state: LiveState, detail?: string): void {
    if (state === this.state && detail === undefined) return;
    if (state !== this.state) this.since = Date.now();
    this.state = state;
    this.handlers.onState(state, detail);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('connecting');
    this.connect();
    // Back online (the browser says so): try at once rather than at the end of the backoff.
    if (typeof globalThis.addEventListener === 'function') {
      this.onOnline = () => {
        if (this.running && this.retryTimer) {
          clearTimeout(this.retryTimer);
          this.retryTimer = null;
          this.connect();
        }
      };
      globalThis.addEventListener('online', this.onOnline);
    }
    const staleAfter = this.options.staleAfterMs ?? 15 * 60_000;
    this.staleTimer = setInterval(
      () => {
        const now = Date.now();
        if (this.state === 'catching-up' && now - this.lastBacklogAt > CATCH_UP_QUIET_MS) this.setState('connected');
        if (this.state === 'connected' && now - this.lastMessageAt > staleAfter) this.setState('stale');
      },
      Math.min(staleAfter, 500),
    );
  }

  /** One connection attempt; when it ends, the next after the backoff. */
  private connect(): void {
    try {
      this.client = this.newClient();
    } catch (error) {
      // A URL the WebSocket refuses (it throws at once): no retry would fix it.
      this.setState('error', `${this.options.url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private newClient(): MqttClient {
    const maxBackoff = this.options.maxBackoffMs ?? 30_000;
    const client: MqttClient = new MqttClient(
      this.options.url,
      {
        // A persistent session: the broker keeps the subscription and queues QoS 1 messages meanwhile.
        clean: false,
        clientId: this.options.clientId ?? stableClientId(this.id),
        username: this.options.username,
        password: this.options.password,
        keepaliveSeconds: this.options.keepaliveSeconds ?? 60,
        connectTimeoutMs: 10_000,
      },
      {
        onConnect: (sessionPresent) => {
          this.backoffMs = 1000;
          this.connectedAt = Date.now();
          this.lastBacklogAt = this.connectedAt;
          this.catchingUp = 0;
          if (this.lastMessageAt === 0) this.lastMessageAt = this.connectedAt;
          // Subscribing again on a kept session changes nothing but makes sure the topics are the manifest's.
          client.subscribe(this.options.topics, 1);
          // Back with the session kept: what the broker queued meanwhile comes first.
          if (sessionPresent) this.setState('catching-up');
        },
        onSubscribed: (granted) => {
          const refused = this.options.topics.filter((_, i) => granted[i] === 0x80);
          if (refused.length > 0) this.setState('error', `subscription refused for ${refused.join(', ')}`);
          // Live once the broker has the subscription (a new session), unless already catching up.
          else if (this.state !== 'catching-up' && this.state !== 'connected') this.setState('connected');
        },
        onMessage: (message) => this.onMessage(message),
        onMalformed: (reason) => this.refuse(reason, false),
        onClose: (reason) => {
          if (this.client === client) this.client = null;
          if (!this.running) return;
          if (reason && this.state === 'connecting') this.setState('error', reason);
          this.setState('reconnecting', reason || undefined);
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            if (this.running) this.connect();
          }, this.backoffMs);
          // Exponential backoff for the next attempt.
          this.backoffMs = Math.min(maxBackoff, this.backoffMs * 2);
        },
      },
      this.options.createWebsocket,
    );
    return client;
  }

  private onMessage(message: MqttMessage): void {
    const topic = message.topic;
    const now = Date.now();
    this.lastMessageAt = now;
    if (this.state === 'stale') this.setState('connected');
    let result: ParseResult;
    try {
      result = this.options.parse(topic, message.payload);
    } catch (error) {
      result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.state === 'catching-up') {
      // A message the broker held for us: redelivered, or received by the server before we came back.
      const first = result.ok === true ? result.observations[0] : undefined;
      const sentAt = first ? (first.receivedAt ?? first.time) : result.ok === 'decode' ? (result.uplink.receivedAt ?? result.uplink.time) : undefined;
      if (message.dup || sentAt === undefined || sentAt < this.connectedAt) {
        // Counted here; the count reaches the page with the observations, not one state a message.
        this.catchingUp++;
        this.lastBacklogAt = now;
      } else this.setState('connected');
    }
    if (result.ok === 'decode') {
      const decode = this.options.decode;
      if (!decode) {
        this.refuse(`${topic}: device ${result.uplink.device}: undecoded uplink and no codec`, true);
        return;
      }
      this.decoding++;
      decode(result.uplink).then(
        (decoded) => {
          this.decoding--;
          if (decoded.ok === true) this.deliver(decoded.observations);
          else this.refuse(`${topic}: ${decoded.ok === false ? decoded.reason : 'codec loop'}`, true);
        },
        (error: unknown) => {
          this.decoding--;
          this.refuse(`${topic}: ${error instanceof Error ? error.message : String(error)}`, true);
        },
      );
      return;
    }
    if (!result.ok) {
      this.refuse(`${topic}: ${result.reason}`, false);
      return;
    }
    this.deliver(result.observations);
  }

  private deliver(observations: Observation[]): void {
    this.stats.received += observations.length;
    this.handlers.onObservations(observations);
  }

  private refuse(reason: string, undecoded: boolean): void {
    this.stats.rejected++;
    if (undecoded) this.stats.undecoded = (this.stats.undecoded ?? 0) + 1;
    this.handlers.onRejected?.(reason);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.state = 'stopped';
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.onOnline) globalThis.removeEventListener('online', this.onOnline);
    this.onOnline = null;
    this.since = Date.now();
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.staleTimer = null;
    const client = this.client;
    this.client = null;
    client?.close();
    this.handlers.onState('stopped');
  }
}
