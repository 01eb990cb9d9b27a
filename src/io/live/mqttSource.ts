/**
 * An MQTT broker over WebSocket as a live source (the `mqtt` package, in the browser and in Node).
 * Reconnects with exponential backoff (1 s, 2 s, 4 s … 30 s), says its state, parses each message
 * with the service's payload mapping and counts what it refuses.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Observation } from '../../domain/series/store';
import { parseChirpStack, parsePlain, parseTheThingsStack, type DeviceMap, type ParseResult } from './payloads';
import type { LiveHandlers, LiveSource, LiveState, LiveStats } from './types';

export interface MqttSourceOptions {
  id: string;
  label: string;
  url: string;
  topics: string[];
  /** Turns one message into observations. */
  parse: (topic: string, payload: Uint8Array) => ParseResult;
  username?: string;
  password?: string;
  /** Silence after which a connected source is said to be stale, ms. */
  staleAfterMs?: number;
}

export function payloadParser(format: 'chirpstack' | 'tts' | 'plain', devices: DeviceMap): (topic: string, payload: Uint8Array) => ParseResult {
  if (format === 'chirpstack') return (_topic, payload) => parseChirpStack(payload, devices);
  if (format === 'tts') return (_topic, payload) => parseTheThingsStack(payload, devices);
  return (_topic, payload) => parsePlain(payload);
}

export class MqttSource implements LiveSource {
  readonly id: string;
  readonly label: string;
  state: LiveState = 'stopped';
  readonly stats: LiveStats = { received: 0, rejected: 0 };
  private client: MqttClient | null = null;
  private backoffMs = 1000;
  private lastMessage = 0;
  private staleTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly options: MqttSourceOptions,
    private readonly handlers: LiveHandlers,
  ) {
    this.id = options.id;
    this.label = options.label || options.url;
  }

  private setState(state: LiveState, detail?: string): void {
    if (state === this.state && detail === undefined) return;
    this.state = state;
    this.handlers.onState(state, detail);
  }

  start(): void {
    if (this.client) return;
    this.setState('connecting');
    const client = mqtt.connect(this.options.url, {
      reconnectPeriod: this.backoffMs,
      connectTimeout: 10_000,
      clean: true,
      username: this.options.username,
      password: this.options.password,
      clientId: `vigie-${this.id}-${Math.random().toString(16).slice(2, 10)}`,
    });
    this.client = client;
    client.on('connect', () => {
      this.backoffMs = 1000;
      client.options.reconnectPeriod = this.backoffMs;
      client.subscribe(this.options.topics, { qos: 0 }, (error) => {
        if (error) this.setState('error', error.message);
      });
      this.lastMessage = Date.now();
      this.setState('connected');
    });
    client.on('reconnect', () => this.setState('reconnecting'));
    client.on('close', () => {
      if (this.state === 'stopped') return;
      // Exponential backoff for the next attempt.
      this.backoffMs = Math.min(30_000, this.backoffMs * 2);
      client.options.reconnectPeriod = this.backoffMs;
      this.setState('reconnecting');
    });
    client.on('error', (error) => this.setState('error', error.message));
    client.on('message', (topic, payload) => {
      this.lastMessage = Date.now();
      if (this.state === 'stale') this.setState('connected');
      let result: ParseResult;
      try {
        result = this.options.parse(topic, payload);
      } catch (error) {
        result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
      if (!result.ok) {
        this.stats.rejected++;
        this.handlers.onRejected?.(`${topic}: ${result.reason}`);
        return;
      }
      this.stats.received += result.observations.length;
      this.handlers.onObservations(result.observations as Observation[]);
    });
    const staleAfter = this.options.staleAfterMs ?? 15 * 60_000;
    this.staleTimer = setInterval(() => {
      if (this.state === 'connected' && Date.now() - this.lastMessage > staleAfter) this.setState('stale');
    }, Math.min(staleAfter, 10_000));
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.staleTimer = null;
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
    this.handlers.onState('stopped');
  }
}
