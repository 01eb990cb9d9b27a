/**
 * The lighting worker's message map and every type that crosses its boundary. Used by both sides:
 * `exposeMessages<LightingMessages>` in lighting.worker.ts and `wrapMessages<LightingMessages>` in
 * the page (`createLightingWorker`). Only plain data and typed arrays cross; results are
 * transferred. Pass progress callbacks wrapped in comlink's `proxy()`. This file holds types and
 * the worker's URL only: the page imports no engine code.
 */
import type { Remote } from 'comlink';
import type { Territory } from '../../src/domain/territory';
import type { LightingParameters } from '../../src/domain/lighting/parameters';
import type { Scenario, ScenarioValidation } from '../../src/domain/lighting/scenario';
import type { RegulatoryReport } from './regulations';
import { wrapMessages, type Handlers } from '../messages';

/** The parts of a territory the engine reads. A whole `Territory` fits. */
export type LightingTerritory = Pick<Territory, 'bounds' | 'communes' | 'streetLights' | 'cabinets' | 'lightingZones' | 'parameters'> & {
  /** IANA time zone of the territory's clocks (the manifest's `timeZone`); Europe/Paris when absent. */
  timeZone?: string;
};

export interface GroupResults {
  ids: string[];
  lampCount: Int32Array;
  /** Installed electrical power, ballast losses included, after retrofit. */
  installedKw: Float64Array;
  /** Sum over the group's lamps of their burning hours. */
  lampBurningHours: Float64Array;
  energyKwh: Float64Array;
  costEuros: Float64Array;
  emissionsKgCo2e: Float64Array;
  /** Sum over the group's lamps of their hours dark between sunset and sunrise. */
  lampDarkHours: Float64Array;
}

export interface LightingTotals {
  lampCount: number;
  installedKw: number;
  /** Highest power drawn at any moment of the period by the whole territory. */
  peakKw: number;
  lampBurningHours: number;
  meanBurningHoursPerLamp: number;
  meanFullPowerEquivalentHoursPerLamp: number;
  energyKwh: number;
  costEuros: number;
  emissionsKgCo2e: number;
  lampDarkHours: number;
  meanDarkHoursPerLamp: number;
}

export interface RetrofitPlanSummary {
  label: string;
  lampCount: number;
  investmentEuros: number;
  /** Saving of the new lamps against the old ones under this scenario's schedule, per 365 nights. */
  energySavedKwhPerYear: number;
  costSavedEurosPerYear: number;
  /** Investment over yearly saving; null when nothing is saved. */
  paybackYears: number | null;
}

export interface RetrofitSummary {
  plans: RetrofitPlanSummary[];
  total: RetrofitPlanSummary;
}

export interface LightingResult {
  scenarioId: string;
  scenarioName: string;
  period: { from: string; to: string };
  nightCount: number;
  /** The values used, with their sources. */
  parameters: LightingParameters;
  /** Per lamp, in the order of `territory.streetLights`. */
  lamps: {
    scheduleIndex: Uint16Array;
    retrofitIndex: Int16Array;
    powerWatts: Float64Array;
    colourTemperatureKelvin: Float64Array;
    burningHours: Float64Array;
    fullPowerEquivalentHours: Float64Array;
    energyKwh: Float64Array;
    costEuros: Float64Array;
    emissionsKgCo2e: Float64Array;
    darkHours: Float64Array;
  };
  cabinets: GroupResults & { peakKw: Float64Array };
  zones: GroupResults;
  communes: GroupResults;
  /** The distinct schedules, with where each comes from and its totals for one lamp. */
  schedules: {
    sources: string[][];
    lampCount: Int32Array;
    burningHours: Float64Array;
    fullPowerEquivalentHours: Float64Array;
    darkHours: Float64Array;
  };
  /** Per night: evening date, sun times (UTC ms) and the territory's energy. */
  nights: {
    eveningDates: string[];
    sunsetMs: Float64Array;
    sunriseMs: Float64Array;
    energyKwh: Float64Array;
  };
  totals: LightingTotals;
  retrofit: RetrofitSummary;
  regulatory: RegulatoryReport;
}

export interface TotalsDifference {
  /** Scenario minus baseline, for each total (negative energy = saving). */
  totals: LightingTotals;
  /** Share of the baseline saved: (baseline − scenario) / baseline; 0 when the baseline is 0. */
  energySavedRatio: number;
  costSavedRatio: number;
  burningHoursSavedRatio: number;
  /** Per group, scenario minus baseline. */
  cabinets: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  zones: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  communes: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  /** Per lamp: more hours dark than in the baseline (which streets go dark, and how long). */
  lampDarkHours: Float64Array;
  /** Retrofit investment over the yearly € saved against the baseline by all measures together. */
  combinedPaybackYears: number | null;
}

export interface LightingComparison {
  scenario: LightingResult;
  baseline: LightingResult;
  difference: TotalsDifference;
}

export interface PowerProfile {
  eveningDate: string;
  /** UTC instant of local noon of the evening date: the start of bin 0. */
  startMs: number;
  binSeconds: number;
  /** 23 h, 24 h or 25 h (daylight saving nights). The last bin may be shorter than the others. */
  lengthSeconds: number;
  /** Mean power drawn during each bin, ballast losses included. */
  powerKw: Float64Array;
  /** Seconds since `startMs`. */
  sunsetSeconds: number;
  sunriseSeconds: number;
  civilDuskSeconds: number;
  civilDawnSeconds: number;
  /** Seconds since `startMs` when the clock changes that night, NaN when it does not. */
  offsetChangeSeconds: number;
}

/**
 * The lamp levels of one night (local noon to noon), small enough for the page to keep: per
 * distinct schedule its lit segments, per lamp its schedule. `levelsAt` (levels.ts) reads it on
 * the main thread at every time step; the worker computes it once per night and scenario.
 */
export interface NightLevels {
  /** UTC ms of the night's first and last instants: [startMs, endMs). */
  startMs: number;
  endMs: number;
  /** Per schedule s, its segments are `segmentStart[s] .. segmentStart[s + 1]` of the arrays below. */
  segmentStart: Uint32Array;
  /** Seconds since `startMs`: each segment lit at `level` over [start, end). */
  start: Float64Array;
  end: Float64Array;
  level: Float64Array;
  /** Per lamp, in the order of `territory.streetLights`, the index of its schedule. */
  lampScheduleIndex: Uint16Array;
}

export interface LightingRunRequest {
  /** Increasing per request: a newer run supersedes an older one, which then resolves to null. */
  requestId: number;
  scenario: Scenario;
  /** Usually the `as-today` preset; run over the scenario's period. */
  baseline: Scenario;
  /** The calendar year used when the scenario names no period. */
  year: number;
}

/** Every message of the lighting worker: its parameters and its result. */
export type LightingMessages = {
  /** Keeps the territory for the calls that follow (sent once: it is large). Returns its lamp count. */
  setTerritory: { params: [territory: LightingTerritory]; result: number };
  /** Validates scenario JSON against the territory. */
  validate: { params: [json: unknown]; result: ScenarioValidation };
  /** Runs the scenario and its baseline and compares them; null when cancelled or superseded. */
  run: { params: [request: LightingRunRequest, onProgress?: (fraction: number) => void]; result: LightingComparison | null };
  /** Stops the run of `requestId` at its next step. */
  cancel: { params: [requestId: number]; result: void };
  /** Power over one night, noon to noon, for a chart. */
  powerProfile: { params: [scenario: Scenario, eveningDate: string, zoneId: string | null, binMinutes: number]; result: PowerProfile };
  /** Per lamp level 0..1 at an instant (UTC ms). */
  lampStateAt: { params: [scenario: Scenario, instantMs: number]; result: Float32Array };
  /** The levels of the night holding `instantMs`, for the page to read at each time step. */
  nightLevels: { params: [scenario: Scenario, instantMs: number]; result: NightLevels };
};

export type LightingWorkerApi = Handlers<LightingMessages>;

/** Starts the lighting worker (Vite bundles it from this URL) and wraps it. */
export function createLightingWorker(): { api: Remote<LightingWorkerApi>; terminate: () => void } {
  return wrapMessages<LightingMessages>(new Worker(new URL('./lighting.worker.ts', import.meta.url), { type: 'module', name: 'lighting' }));
}
