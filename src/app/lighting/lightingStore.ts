/**
 * The public-lighting what-if: the scenario being edited (always the last valid one), the zones
 * picked, the run in the worker and its result, and which of scenario or baseline the globe shows.
 * Scenarios are plain JSON, kept in localStorage across reloads and exported or imported as files.
 */
import { createStore } from 'zustand/vanilla';
import { proxy, type Remote } from 'comlink';
import { AS_TODAY_SCENARIO_ID, scenarioProblem, validateScenario, type Scenario, type ScenarioProblem, type Schedule } from '../../domain/lighting/scenario';
import { LIGHTING_PRESETS } from '../../domain/lighting/presets';
import type { Territory } from '../../domain/territory';
import { createLightingWorker, type LightingComparison, type LightingTerritory, type LightingWorkerApi, type NightLevels, type PowerProfile } from '../../../workers/lighting/api';
import { coversInstant, levelsAt } from '../../../workers/lighting/levels';
import type { TwinStore } from '../../store/store';
import { DEFAULT_TIME_ZONE, localDate } from '../../domain/time/zonedTime';
import { LIMITS } from '../../io/limits';
import { megabytes } from '../../domain/problem';

export type LightingView = 'off' | 'measured' | 'scenario' | 'baseline';
export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface LightingState {
  open: boolean;
  /** The scenario edited: the last one that passed validation. */
  scenario: Scenario | null;
  baseline: Scenario | null;
  /** What was wrong with the last edit or import that was refused (the scenario above stayed). */
  refused: { source: string; problems: ScenarioProblem[] } | null;
  selectedZones: string[];
  /** What the street lights on the globe show at the time bar's time. */
  view: LightingView;
  status: RunStatus;
  progress: number;
  result: LightingComparison | null;
  /** The scenario JSON the result belongs to: the cards say when it is out of date. */
  resultOf: string | null;
  error: string | null;
  profileDate: string;
  profiles: { scenario: PowerProfile; baseline: PowerProfile } | null;
  /** The time (UTC ms) the globe's lamp levels were last computed for; null when none are shown. */
  levelsAt: number | null;
}

const STORAGE_KEY = 'vigie.lighting.scenario.v1';

export function createLightingStore() {
  return createStore<LightingState>()(() => ({
    open: false,
    scenario: null,
    baseline: null,
    refused: null,
    selectedZones: [],
    view: 'measured',
    status: 'idle',
    progress: 0,
    result: null,
    resultOf: null,
    error: null,
    profileDate: '2026-12-15',
    profiles: null,
    levelsAt: null,
  }));
}
export type LightingStore = ReturnType<typeof createLightingStore>;

const lightingTerritories = new WeakMap<Territory, LightingTerritory>();

/** The part of the territory the engine reads; the same object each time, so the engine's caches hold. */
export function lightingTerritory(territory: Territory): LightingTerritory {
  let part = lightingTerritories.get(territory);
  if (!part) {
    const { bounds, communes, streetLights, cabinets, lightingZones, parameters, timeZone } = territory;
    part = { bounds, communes, streetLights, cabinets, lightingZones, parameters, timeZone };
    lightingTerritories.set(territory, part);
  }
  return part;
}

/** The year of the time bar, which the scenarios without a period run over. */
function yearOf(time: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return localDate(time, timeZone).year;
}

/**
 * Ties the lighting store to the twin's store and to the worker: validates edits, persists the
 * scenario, runs it, and recomputes lamp levels when the time, the scenario or the view change.
 */
export class LightingController {
  private worker: { api: Remote<LightingWorkerApi>; terminate: () => void } | null = null;
  private territorySent: Territory | null = null;
  private requestId = 0;
  private levels: Float32Array | null = null;
  /**
   * Share of full power each cabinet draws at a time, from its meter (set by the sensor layer):
   * written into `out` by the territory's cabinet index (NaN: no reading), returns how many have one.
   */
  measured: ((time: number, out: Float32Array) => number) | null = null;

  constructor(
    readonly store: LightingStore,
    private readonly twin: TwinStore,
  ) {
    twin.subscribe((state, previous) => {
      if (state.territory && state.territory !== previous.territory) this.onTerritory(state.territory);
      if (state.time !== previous.time) this.updateLevels();
    });
    store.subscribe((state, previous) => {
      if (state.scenario !== previous.scenario || state.view !== previous.view) this.updateLevels();
      if (state.scenario !== previous.scenario && state.scenario) this.persist(state.scenario);
    });
    const territory = twin.getState().territory;
    if (territory) this.onTerritory(territory);
  }

  get territory(): Territory | null {
    return this.twin.getState().territory;
  }

  private onTerritory(territory: Territory): void {
    const year = yearOf(this.twin.getState().time, this.twin.getState().territory?.timeZone);
    const baseline = LIGHTING_PRESETS[0].build(territory, { year });
    let scenario: Scenario = LIGHTING_PRESETS[1].build(territory, { year });
    let refused: LightingState['refused'] = null;
    const saved = readStorage();
    if (saved !== null) {
      const checked = validateScenario(saved, territory);
      if (checked.ok) scenario = checked.scenario;
      else refused = { source: 'localStorage', problems: checked.problems };
    }
    this.territorySent = null;
    // The lamp → cabinet index is made with the territory, not on the first metered reading's frame.
    this.cabinetsOf(territory);
    this.store.setState({ scenario, baseline, refused, result: null, resultOf: null, status: 'idle', profiles: null });
  }

  private persist(scenario: Scenario): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(scenario));
    } catch {
      // Private browsing or a full quota: the scenario still lives in the page and can be exported.
    }
  }

  /** Accepts a scenario if it is valid for this territory; otherwise keeps the last valid one. */
  propose(json: unknown, source: string): boolean {
    const territory = this.territory;
    if (!territory) return false;
    const checked = validateScenario(json, territory);
    if (!checked.ok) {
      this.store.setState({ refused: { source, problems: checked.problems } });
      return false;
    }
    this.store.setState({ scenario: checked.scenario, refused: null });
    return true;
  }

  /** Replaces the schedule of the picked zones (or the default schedule when none is picked). */
  setSchedule(schedule: Schedule): boolean {
    const { scenario, selectedZones } = this.store.getState();
    if (!scenario) return false;
    const next = structuredClone(scenario);
    if (selectedZones.length === 0) next.schedules.default = schedule;
    else for (const zone of selectedZones) next.schedules.zones[zone] = structuredClone(schedule);
    return this.propose(next, 'editor');
  }

  /** The schedule the editor shows: the first picked zone's, else the default. */
  currentSchedule(): Schedule | null {
    const { scenario, selectedZones } = this.store.getState();
    if (!scenario) return null;
    const zone = selectedZones.find((id) => scenario.schedules.zones[id]);
    return zone ? scenario.schedules.zones[zone] : scenario.schedules.default;
  }

  /** Removes the picked zones' own schedules: they follow the default again. */
  resetZones(): void {
    const { scenario, selectedZones } = this.store.getState();
    if (!scenario) return;
    const next = structuredClone(scenario);
    for (const zone of selectedZones) delete next.schedules.zones[zone];
    this.propose(next, 'editor');
  }

  applyPreset(id: string): void {
    const territory = this.territory;
    const preset = LIGHTING_PRESETS.find((candidate) => candidate.id === id);
    if (!territory || !preset) return;
    const scenario = preset.build(territory, { year: yearOf(this.twin.getState().time, this.twin.getState().territory?.timeZone) });
    this.propose(scenario.id === AS_TODAY_SCENARIO_ID ? { ...scenario, id: 'mon-scenario', name: scenario.name } : scenario, `preset ${id}`);
  }

  toggleZone(zoneId: string, on?: boolean): void {
    const selected = new Set(this.store.getState().selectedZones);
    const wanted = on ?? !selected.has(zoneId);
    if (wanted) selected.add(zoneId);
    else selected.delete(zoneId);
    this.store.setState({ selectedZones: [...selected] });
  }

  private async api(): Promise<Remote<LightingWorkerApi> | null> {
    const territory = this.territory;
    if (!territory) return null;
    if (!this.worker) this.worker = createLightingWorker();
    if (this.territorySent !== territory) {
      await this.worker.api.setTerritory(lightingTerritory(territory));
      this.territorySent = territory;
    }
    return this.worker.api;
  }

  async run(): Promise<void> {
    const { scenario, baseline } = this.store.getState();
    if (!scenario || !baseline) return;
    const requestId = ++this.requestId;
    this.store.setState({ status: 'running', progress: 0, error: null });
    try {
      const api = await this.api();
      if (!api) return;
      const result = await api.run(
        { requestId, scenario, baseline, year: yearOf(this.twin.getState().time, this.twin.getState().territory?.timeZone) },
        proxy((fraction: number) => {
          if (requestId === this.requestId) this.store.setState({ progress: fraction });
        }),
      );
      if (requestId !== this.requestId) return;
      if (result === null) this.store.setState({ status: 'cancelled' });
      else this.store.setState({ status: 'done', progress: 1, result, resultOf: JSON.stringify(scenario), view: 'scenario' });
      void this.loadProfiles();
    } catch (error) {
      if (requestId === this.requestId) this.store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  cancel(): void {
    if (this.store.getState().status !== 'running') return;
    void this.worker?.api.cancel(this.requestId);
  }

  /** The 24-hour power profile of the chosen night, scenario and baseline, for the chart. */
  async loadProfiles(date = this.store.getState().profileDate): Promise<void> {
    const { scenario, baseline, selectedZones } = this.store.getState();
    if (!scenario || !baseline || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    this.store.setState({ profileDate: date });
    const api = await this.api();
    if (!api) return;
    const zone = selectedZones.length === 1 ? selectedZones[0] : null;
    const [a, b] = await Promise.all([api.powerProfile(scenario, date, zone, 15), api.powerProfile(baseline, date, zone, 15)]);
    this.store.setState({ profiles: { scenario: a, baseline: b } });
  }

  /** The lamp levels from the meters, kept between restyles (made with the territory's index). */
  private measuredLevels: Float32Array | null = null;
  /**
   * Per lamp, the index of its cabinet in the territory (-1: none); per cabinet, its lamps (those of
   * cabinet c are `cabinetLamps[lampStart[c] … lampStart[c + 1] - 1]`), the level they were last
   * given and the meters' reading (NaN: none); the cabinets whose level changed at the last update.
   * Typed arrays made with the territory: a live update looks nothing up by id and goes through the
   * lamps of the cabinets that changed only.
   */
  private lampCabinets: {
    territory: Territory;
    lampCabinet: Int32Array;
    lampStart: Int32Array;
    cabinetLamps: Int32Array;
    cabinetLevel: Float32Array;
    measured: Float32Array;
    changedCabinets: Int32Array;
  } | null = null;
  /** Two buffers used in turn for the lamp levels in the twin's store: no new array per change. */
  private lampBuffers: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];

  private cabinetsOf(territory: Territory): NonNullable<LightingController['lampCabinets']> {
    if (this.lampCabinets?.territory !== territory) {
      const index = new Map(territory.cabinets.map((cabinet, i) => [cabinet.id, i]));
      const lampCabinet = Int32Array.from(territory.streetLights, (light) => index.get(light.cabinetId) ?? -1);
      const { lampStart, cabinetLamps } = lampsByCabinet(lampCabinet, territory.cabinets.length);
      const cabinets = territory.cabinets.length;
      this.lampCabinets = { territory, lampCabinet, lampStart, cabinetLamps, cabinetLevel: new Float32Array(cabinets), measured: new Float32Array(cabinets), changedCabinets: new Int32Array(cabinets) };
      // The lamps' levels and the two buffers of the twin's store, made now rather than on the
      // first live reading's frame.
      this.measuredLevels = new Float32Array(territory.streetLights.length);
      this.measuredFresh = true;
      this.spareBuffer(null, territory.streetLights.length);
    }
    return this.lampCabinets;
  }

  /** The measured levels have not been computed yet for this territory: the next update sets every lamp. */
  private measuredFresh = true;

  /**
   * Lamp levels at the time bar's time, for the scenario or the baseline. The worker computes the
   * night's levels once per night and scenario (`nightLevels`); the page reads them at each step.
   */
  updateLevels(): void {
    this.updateLevelsWithin(Number.POSITIVE_INFINITY);
  }

  /**
   * The lamps follow the meters after a live restyle (src/main.tsx wires it to the sensors): as
   * `updateLevels`, but in the measured view at most about `budgetMs` of restyling on this frame —
   * the lamps still to change are published on the next calls. True while some are left.
   */
  followMeters(budgetMs: number): boolean {
    return this.updateLevelsWithin(budgetMs);
  }

  /** How many lamps may change in one publication within a budget (adapts to what the last took). */
  private lampsPerStep = 256;

  private updateLevelsWithin(budgetMs: number): boolean {
    const { scenario, baseline, view } = this.store.getState();
    const territory = this.territory;
    const time = this.twin.getState().time;
    if (territory && view === 'measured' && this.measured) {
      // Each live restyle that changed a meter comes here (src/main.tsx): typed arrays only, no
      // lookup by id; only the lamps of the cabinets whose level changed are gone through.
      const index = this.cabinetsOf(territory);
      const measured = this.measured(time, index.measured);
      if (measured > 0) {
        const levels = this.measuredLevels!;
        const changed = updateCabinetLevels(index.measured, index.cabinetLevel, index.changedCabinets);
        if (this.measuredFresh) lampLevelsFromCabinets(index.lampCabinet, index.cabinetLevel, levels);
        else if (changed > 0) lampLevelsOfCabinets(index.changedCabinets, changed, index.lampStart, index.cabinetLamps, index.cabinetLevel, levels);
        this.measuredFresh = false;
        // `show` copies the levels into the twin's store only when a lamp changed.
        if (budgetMs === Number.POSITIVE_INFINITY) {
          this.show(levels, time);
          return false;
        }
        return this.showWithin(levels, time, budgetMs);
      }
    }
    const chosen = view === 'scenario' ? scenario : view === 'baseline' ? baseline : null;
    if (!territory || !chosen) {
      if (this.twin.getState().lampLevels !== null) this.twin.setState({ lampLevels: null });
      this.store.setState({ levelsAt: null });
      return false;
    }
    const night = this.night;
    if (night && night.scenario === chosen && night.territory === territory && coversInstant(night.levels, time)) {
      this.levels = levelsAt(night.levels, time, this.levels ?? undefined);
      this.show(this.levels, time);
      return false;
    }
    this.pendingNight = this.fetchNight(chosen, territory, time);
    return false;
  }

  private pendingNight: Promise<void> = Promise.resolve();

  /** Resolves once the lamp levels asked for last are on the map (a slide waits for them). */
  levelsReady(): Promise<void> {
    return this.pendingNight;
  }

  private night: { scenario: Scenario; territory: Territory; levels: NightLevels } | null = null;
  private nightRequest = 0;

  /** Asks the worker for the night holding `time`; the newest request wins. */
  private async fetchNight(scenario: Scenario, territory: Territory, time: number): Promise<void> {
    const request = ++this.nightRequest;
    try {
      const api = await this.api();
      if (!api) return;
      const levels = await api.nightLevels(scenario, time);
      if (request !== this.nightRequest) return;
      this.night = { scenario, territory, levels };
      this.updateLevels();
    } catch (error) {
      if (request === this.nightRequest) this.store.setState({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** The lamp buffer not shown now (`shown`), both made `length` long first if they are not. */
  private spareBuffer(shown: Float32Array | null, length: number): Float32Array {
    if (this.lampBuffers[0].length !== length) this.lampBuffers = [new Float32Array(length), new Float32Array(length)];
    return shown === this.lampBuffers[0] ? this.lampBuffers[1] : this.lampBuffers[0];
  }

  /**
   * A new array in the twin's store only when a lamp changed level (the globe restyles when it
   * changes): one of two buffers used in turn, so a change allocates nothing.
   */
  private show(levels: Float32Array, time: number): void {
    const shown = this.twin.getState().lampLevels;
    let same = shown !== null && shown.length === levels.length;
    for (let i = 0; same && i < levels.length; i++) if (shown![i] !== levels[i]) same = false;
    if (!same) {
      const next = this.spareBuffer(shown, levels.length);
      next.set(levels);
      this.twin.setState({ lampLevels: next });
    }
    if (this.store.getState().levelsAt !== time) this.store.setState({ levelsAt: time });
  }

  /**
   * As `show`, a step at a time: at most `lampsPerStep` lamps take their new level in this
   * publication (the others keep the one shown, NaN — their technology colour — before any), so
   * that the globe's restyle of them fits in about `budgetMs`; the step grows while it fits and
   * shrinks when it did not. True while lamps are left for the next step.
   */
  private showWithin(levels: Float32Array, time: number, budgetMs: number): boolean {
    const started = performance.now();
    const shown = this.twin.getState().lampLevels;
    const n = levels.length;
    const next = this.spareBuffer(shown, n);
    if (shown !== null && shown.length === n) next.set(shown);
    else next.fill(Number.NaN);
    let changed = 0;
    let i = 0;
    for (; i < n && changed < this.lampsPerStep; i++) {
      if (next[i] === levels[i]) continue;
      next[i] = levels[i];
      changed++;
    }
    let left = false;
    for (; i < n && !left; i++) if (next[i] !== levels[i]) left = true;
    if (changed > 0) this.twin.setState({ lampLevels: next });
    if (!left && this.store.getState().levelsAt !== time) this.store.setState({ levelsAt: time });
    const took = performance.now() - started;
    if (changed >= this.lampsPerStep && took < budgetMs / 2) this.lampsPerStep = Math.min(1 << 20, this.lampsPerStep * 2);
    else if (took > budgetMs) this.lampsPerStep = Math.max(64, this.lampsPerStep >> 1);
    return left;
  }

  exportJson(): string | null {
    const scenario = this.store.getState().scenario;
    return scenario ? JSON.stringify(scenario, null, 2) : null;
  }

  /** Imports a scenario file the user chose; one over the size limit is refused unread. */
  async importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<boolean> {
    if (file.size > LIMITS.scenarioBytes) {
      const tooLarge = scenarioProblem([{ kind: 'file', name: file.name }], { code: 'fileTooLarge', megabytes: megabytes(file.size), limitMegabytes: megabytes(LIMITS.scenarioBytes) });
      this.store.setState({ refused: { source: file.name, problems: [tooLarge] } });
      return false;
    }
    return this.importText(await file.text(), file.name);
  }

  importText(text: string, fileName: string): boolean {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const unreadable = scenarioProblem([{ kind: 'file', name: fileName }], { code: 'json', detail: (error as Error).message });
      this.store.setState({ refused: { source: fileName, problems: [unreadable] } });
      return false;
    }
    return this.propose(json, fileName);
  }

  destroy(): void {
    this.worker?.terminate();
  }
}

function readStorage(): unknown {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/**
 * Each cabinet's lamp level from its meter's reading (`measured`, NaN without one: level 0), into
 * `cabinetLevel`; returns how many changed, their indices written into `changed` when given.
 */
export function updateCabinetLevels(measured: Float32Array, cabinetLevel: Float32Array, changed?: Int32Array): number {
  let count = 0;
  for (let c = 0; c < cabinetLevel.length; c++) {
    const level = Number.isNaN(measured[c]) ? 0 : measured[c];
    if (cabinetLevel[c] !== level) {
      cabinetLevel[c] = level;
      if (changed) changed[count] = c;
      count++;
    }
  }
  return count;
}

/** Each lamp's level: its cabinet's (0 without a cabinet). */
export function lampLevelsFromCabinets(lampCabinet: Int32Array, cabinetLevel: Float32Array, levels: Float32Array): void {
  for (let i = 0; i < levels.length; i++) {
    const cabinet = lampCabinet[i];
    levels[i] = cabinet >= 0 ? cabinetLevel[cabinet] : 0;
  }
}

/** The lamps of each cabinet, grouped: those of cabinet c are `cabinetLamps[lampStart[c] … lampStart[c + 1] - 1]`. */
export function lampsByCabinet(lampCabinet: Int32Array, cabinets: number): { lampStart: Int32Array; cabinetLamps: Int32Array } {
  const lampStart = new Int32Array(cabinets + 1);
  for (const cabinet of lampCabinet) if (cabinet >= 0 && cabinet < cabinets) lampStart[cabinet + 1]++;
  for (let c = 0; c < cabinets; c++) lampStart[c + 1] += lampStart[c];
  const cabinetLamps = new Int32Array(lampStart[cabinets]);
  const next = lampStart.slice(0, cabinets);
  lampCabinet.forEach((cabinet, lamp) => {
    if (cabinet >= 0 && cabinet < cabinets) cabinetLamps[next[cabinet]++] = lamp;
  });
  return { lampStart, cabinetLamps };
}

/** The lamps of the `count` cabinets listed in `changed` given their cabinet's level; the others left as they are. */
export function lampLevelsOfCabinets(changed: Int32Array, count: number, lampStart: Int32Array, cabinetLamps: Int32Array, cabinetLevel: Float32Array, levels: Float32Array): void {
  for (let k = 0; k < count; k++) {
    const cabinet = changed[k];
    const level = cabinetLevel[cabinet];
    for (let j = lampStart[cabinet]; j < lampStart[cabinet + 1]; j++) levels[cabinetLamps[j]] = level;
  }
}
