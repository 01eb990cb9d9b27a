/**
 * The waste worker's typed interface, used by `expose` (waste.worker.ts) and by the UI through
 * `createWasteWorker`. Pass progress callbacks wrapped in comlink's `proxy()`.
 */
import { wrap, type Remote } from 'comlink';
import type { PreparedNetwork, WasteComparison, WasteRunRequest, WasteTerritory } from './service';

export interface WasteWorkerApi {
  /** Builds the road network and travel matrices for the territory; says what cannot be reached. */
  prepare(territory: WasteTerritory, onProgress?: (fraction: number) => void): PreparedNetwork;
  /** Simulates the fixed rounds and the chosen policy; null when cancelled or superseded. */
  run(request: WasteRunRequest, onProgress?: (fraction: number) => void): Promise<WasteComparison | null>;
  cancel(requestId: number): void;
}

export function createWasteWorker(): { api: Remote<WasteWorkerApi>; terminate: () => void } {
  const worker = new Worker(new URL('./waste.worker.ts', import.meta.url), { type: 'module', name: 'waste' });
  return { api: wrap<WasteWorkerApi>(worker), terminate: () => worker.terminate() };
}
