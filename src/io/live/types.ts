/**
 * Live sources behind one interface: MQTT brokers (ChirpStack, The Things Stack or plain JSON
 * payloads), OGC SensorThings servers, and the simulated feed of the offline demo. Each reports its
 * state and counts, and hands observations over in batches; a malformed message is rejected and
 * counted, never thrown.
 */
import { z } from 'zod';
import type { Observation } from '../../domain/series/store';

export type LiveState = 'connecting' | 'connected' | 'reconnecting' | 'stale' | 'error' | 'stopped';

export interface LiveStats {
  received: number;
  rejected: number;
}

export interface LiveSource {
  readonly id: string;
  readonly label: string;
  readonly state: LiveState;
  readonly stats: LiveStats;
  start(): void;
  stop(): Promise<void>;
}

export interface LiveHandlers {
  onObservations(batch: Observation[]): void;
  onState(state: LiveState, detail?: string): void;
  /** A message that could not be read, with why (counted in stats.rejected). */
  onRejected?(reason: string): void;
}

/** Device → sensor mapping of a LoRaWAN network server, with the payload field that holds the value. */
const deviceMapping = z.record(z.string(), z.object({ sensorId: z.string().min(1), field: z.string().min(1) }));

/** The `services` entries of a manifest that are live sources. */
export const liveServiceSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1),
    kind: z.literal('mqtt'),
    label: z.string().default(''),
    url: z.string().regex(/^wss?:\/\//, 'a WebSocket URL ws:// or wss://'),
    topics: z.array(z.string().min(1)).min(1),
    format: z.enum(['chirpstack', 'tts', 'plain']),
    devices: deviceMapping.default({}),
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal('sensorthings'),
    label: z.string().default(''),
    url: z.string().url(),
    /** MQTT over WebSocket of the same server, for push; REST polling when absent. */
    mqttUrl: z.string().regex(/^wss?:\/\//).optional(),
    datastreams: z.record(z.string(), z.string().min(1)),
  }),
]);
export type LiveService = z.infer<typeof liveServiceSchema>;
