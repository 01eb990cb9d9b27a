/**
 * The live-ingest worker: an MQTT source (connection, QoS 1 persistent session, payload parsing,
 * codec workers) off the main thread, so that neither 10,000 messages a second hold up drawing the
 * map nor a slow frame holds up the messages. Observations come back in batches of columns
 * (src/io/live/columns.ts, their buffers transferred: every 16 ms, about a frame, or 2,000
 * observations), states and refusals as they happen, through a callback. This file holds
 * the worker's message map and `createLiveWorker`.
 */
import type { Remote } from 'comlink';
import { wrapMessages, type Handlers } from '../messages';
import type { ObservationColumns } from '../../src/io/live/columns';
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

/** What the worker reports to the page, through the callback given to `start`. */
export type LiveEvent =
  | { type: 'batch'; columns: ObservationColumns; snapshot: LiveSnapshot }
  | { type: 'state'; detail?: string; snapshot: LiveSnapshot }
  | { type: 'rejected'; reason: string; snapshot: LiveSnapshot };

export type LiveMessages = {
  /** Connects and goes on; every batch, state change and refusal comes back through `onEvent` (a comlink proxy). */
  start: { params: [options: LiveWorkerOptions, onEvent: (event: LiveEvent) => void]; result: void };
  /** Closes the connection (the broker keeps the session for next time). */
  stop: { params: []; result: void };
};

export type LiveWorkerApi = Handlers<LiveMessages>;

export function createLiveWorker(name: string): { api: Remote<LiveWorkerApi>; terminate: () => void } {
  return wrapMessages<LiveMessages>(new Worker(new URL('./live.worker.ts', import.meta.url), { type: 'module', name: `live ${name}` }));
}
