/**
 * Live sources behind one interface: MQTT brokers (ChirpStack, The Things Stack or plain JSON
 * payloads), OGC SensorThings servers, and the simulated feed of the offline demo. Each reports its
 * state and counts, and hands observations over in batches; a malformed message is rejected and
 * counted, never thrown.
 */
import { z } from 'zod';
import type { Observation } from '../../domain/series/store';
import type { ObservationColumns } from './columns';

export type LiveState = 'connecting' | 'connected' | 'catching-up' | 'reconnecting' | 'stale' | 'error' | 'stopped';

export interface LiveStats {
  received: number;
  rejected: number;
  /** Uplinks that came as bytes and that no codec could read (counted in `rejected` too). */
  undecoded?: number;
}

export interface LiveSource {
  readonly id: string;
  readonly label: string;
  readonly state: LiveState;
  readonly stats: LiveStats;
  /** When the source entered its current state (ms). */
  readonly since?: number;
  /** Messages received since the last reconnection that were sent while the link was down. */
  readonly catchingUp?: number;
  /** When the last message arrived (ms), 0 before any. */
  readonly lastMessageAt?: number;
  start(): void;
  stop(): Promise<void>;
}

export interface LiveHandlers {
  onObservations(batch: Observation[]): void;
  /** The same as columns (the live worker's batches): when given, called instead of `onObservations`. */
  onColumns?(batch: ObservationColumns): void;
  onState(state: LiveState, detail?: string): void;
  /** A message that could not be read, with why (counted in stats.rejected). */
  onRejected?(reason: string): void;
}

/**
 * Device → sensor mapping of a LoRaWAN network server: the payload field that holds the value (or
 * the device type's), the device type whose codec decodes raw uplinks, and the depth of the
 * container for a distance sensor (the value becomes a fill %).
 */
const deviceMapping = z.record(
  z.string(),
  z.object({ sensorId: z.string().min(1), field: z.string().min(1).optional(), type: z.string().min(1).optional(), containerDepthMm: z.number().positive().optional() }),
);
/** Device types: a TS013 codec script (path from the manifest's folder) and how to read its output. */
const deviceTypes = z.record(z.string(), z.object({ codec: z.string().min(1).optional(), field: z.string().min(1).optional(), containerDepthMm: z.number().positive().optional() }));

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
    deviceTypes: deviceTypes.default({}),
    /** Time limit of one codec call, ms. */
    codecTimeoutMs: z.number().positive().max(60_000).default(1000),
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

/**
 * The manifest's services with each device type's codec path made a URL, from the folder of the
 * manifest (as every other file of a territory); what is not a live service passes unchanged.
 */
export function resolveCodecPaths(services: unknown[], directory: URL): unknown[] {
  return services.map((entry) => {
    if (typeof entry !== 'object' || entry === null || (entry as { kind?: unknown }).kind !== 'mqtt') return entry;
    const types = (entry as { deviceTypes?: unknown }).deviceTypes;
    if (typeof types !== 'object' || types === null) return entry;
    const resolved: Record<string, unknown> = {};
    for (const [name, type] of Object.entries(types as Record<string, unknown>)) {
      const codec = typeof type === 'object' && type !== null ? (type as { codec?: unknown }).codec : undefined;
      let url: string | undefined;
      try {
        url = typeof codec === 'string' ? new URL(codec, directory).href : undefined;
      } catch {
        url = undefined;
      }
      resolved[name] = url ? { ...(type as object), codec: url } : type;
    }
    return { ...(entry as object), deviceTypes: resolved };
  });
}
