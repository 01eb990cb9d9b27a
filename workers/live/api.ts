/**
 * The live-ingest worker: an MQTT source (connection, QoS 1 persistent session, payload parsing,
 * codec workers) off the main thread, so that neither 10,000 messages a second hold up drawing the
 * map nor a slow frame holds up the messages. Observations come back in batches (every 25 ms or
 * 2,000 observations), states and refusals as they happen. This file holds the worker's message
 * map, both ways, and `createLiveWorker`.
 */
import type { Observation } from '../../src/domain/series/store';
import type { DeviceMap, DeviceTypes } from '../../src/io/live/payloads';
import type { LiveState, LiveStats } from '../../src/io/live/types';

export interface LiveWorkerOptions {
  id: string;
  label: string;
  url: string;
  topics: string[];
  format: 'chirpstack' | 'tts' | 'plain';
  devices: DeviceMap;
  deviceTypes: DeviceTypes;
  /** Made on the main thread (localStorage is not in workers). */
  clientId: string;
  staleAfterMs?: number;
  codecTimeoutMs?: number;
  /** URL of public/codecs/host.js. */
  codecHostUrl: string;
  username?: string;
  password?: string;
}

/** What the source reports with every message, so the main thread mirrors it. */
export interface LiveSnapshot {
  state: LiveState;
  since: number;
  stats: LiveStats;
  catchingUp: number;
  lastMessageAt: number;
}

export type ToLiveWorker = { type: 'start'; options: LiveWorkerOptions } | { type: 'stop' };

export type FromLiveWorker =
  | { type: 'batch'; observations: Observation[]; snapshot: LiveSnapshot }
  | { type: 'state'; detail?: string; snapshot: LiveSnapshot }
  | { type: 'rejected'; reason: string; snapshot: LiveSnapshot }
  | { type: 'stopped' };

export interface LiveWorker {
  post(message: ToLiveWorker): void;
  onMessage(handler: (message: FromLiveWorker) => void): void;
  terminate(): void;
}

export function createLiveWorker(name: string): LiveWorker {
  const worker = new Worker(new URL('./live.worker.ts', import.meta.url), { type: 'module', name: `live ${name}` });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => {
      worker.onmessage = (event: MessageEvent<FromLiveWorker>) => handler(event.data);
    },
    terminate: () => worker.terminate(),
  };
}
