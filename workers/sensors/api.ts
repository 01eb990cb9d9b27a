/**
 * The sensor-history worker's message map, used by both sides (history.worker.ts exposes it, the
 * page wraps it): it generates the demo's year of history off the main thread and hands back
 * typed arrays (transferred, not copied).
 */
import type { Remote } from 'comlink';
import { wrapMessages, type Handlers } from '../messages';
import type { HistoryTerritory, SensorHistory } from '../../src/domain/series/history';

export type { HistoryTerritory, SensorHistory } from '../../src/domain/series/history';

export type HistoryMessages = {
  generate: { params: [territory: HistoryTerritory, year: number]; result: SensorHistory[] };
};

export type HistoryWorkerApi = Handlers<HistoryMessages>;

export function createHistoryWorker(): { api: Remote<HistoryWorkerApi>; terminate: () => void } {
  return wrapMessages<HistoryMessages>(new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'sensor-history' }));
}
