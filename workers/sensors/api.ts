/**
 * The sensor-history worker: generates the demo's year of history off the main thread and hands
 * back typed arrays (transferred, not copied).
 */
import { wrap, type Remote } from 'comlink';
import type { HistoryTerritory, SensorHistory } from '../../src/domain/series/history';

export interface HistoryWorkerApi {
  generate(territory: HistoryTerritory, year: number): SensorHistory[];
}

export function createHistoryWorker(): { api: Remote<HistoryWorkerApi>; terminate: () => void } {
  const worker = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'sensor-history' });
  return { api: wrap<HistoryWorkerApi>(worker), terminate: () => worker.terminate() };
}
