/**
 * The waste worker's message map, used by both sides: `exposeMessages<WasteMessages>` in
 * waste.worker.ts and `wrapMessages<WasteMessages>` in the page (`createWasteWorker`). Pass
 * progress callbacks wrapped in comlink's `proxy()`. The types that cross are declared in
 * service.ts (the routing work edits them there) and re-exported here as types only: the page
 * imports them from this file and no engine code comes with them.
 */
import type { Remote } from 'comlink';
import { wrapMessages, type Handlers } from '../messages';
import type { PreparedNetwork, WasteComparison, WasteRunRequest, WasteTerritory } from './service';

export type { DrawnRound, PreparedNetwork, WasteComparison, WasteRunRequest, WasteTerritory } from './service';

export type WasteMessages = {
  /** Builds the road network and travel matrices for the territory; says what cannot be reached. */
  prepare: { params: [territory: WasteTerritory, onProgress?: (fraction: number) => void]; result: PreparedNetwork };
  /** Simulates the fixed rounds and the chosen policy; null when cancelled or superseded. */
  run: { params: [request: WasteRunRequest, onProgress?: (fraction: number) => void]; result: WasteComparison | null };
  cancel: { params: [requestId: number]; result: void };
};

export type WasteWorkerApi = Handlers<WasteMessages>;

export function createWasteWorker(): { api: Remote<WasteWorkerApi>; terminate: () => void } {
  return wrapMessages<WasteMessages>(new Worker(new URL('./waste.worker.ts', import.meta.url), { type: 'module', name: 'waste' }));
}
