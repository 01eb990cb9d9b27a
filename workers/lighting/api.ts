/**
 * The one typed interface of the lighting worker, used by `expose` (lighting.worker.ts) and by
 * `wrap` (the UI, through `createLightingWorker`). Only plain data and typed arrays cross; results
 * are transferred. Pass progress callbacks wrapped in comlink's `proxy()`.
 */
import { wrap, type Remote } from 'comlink';
import type { Scenario, ScenarioValidation } from '../../src/domain/lighting/scenario';
import type { LightingComparison, LightingTerritory, PowerProfile } from './engine';

export interface LightingRunRequest {
  /** Increasing per request: a newer run supersedes an older one, which then resolves to null. */
  requestId: number;
  scenario: Scenario;
  /** Usually the `as-today` preset; run over the scenario's period. */
  baseline: Scenario;
  /** The calendar year used when the scenario names no period. */
  year: number;
}

export interface LightingWorkerApi {
  /** Keeps the territory for the calls that follow (sent once: it is large). Returns its lamp count. */
  setTerritory(territory: LightingTerritory): number;
  /** Validates scenario JSON against the territory. */
  validate(json: unknown): ScenarioValidation;
  /** Runs the scenario and its baseline and compares them; null when cancelled or superseded. */
  run(request: LightingRunRequest, onProgress?: (fraction: number) => void): Promise<LightingComparison | null>;
  /** Stops the run of `requestId` at its next step. */
  cancel(requestId: number): void;
  /** Power over one night, noon to noon, for a chart. */
  powerProfile(scenario: Scenario, eveningDate: string, zoneId: string | null, binMinutes: number): PowerProfile;
  /** Per lamp level 0..1 at an instant (UTC ms). Cheap enough to call on the main thread too (engine.ts). */
  lampStateAt(scenario: Scenario, instantMs: number): Float32Array;
}

/** Starts the lighting worker (Vite bundles it from this URL) and wraps it. */
export function createLightingWorker(): { api: Remote<LightingWorkerApi>; terminate: () => void } {
  const worker = new Worker(new URL('./lighting.worker.ts', import.meta.url), { type: 'module', name: 'lighting' });
  return { api: wrap<LightingWorkerApi>(worker), terminate: () => worker.terminate() };
}
