/**
 * The waste-collection what-if: the policy, threshold, fleet and weeks chosen, the run in the
 * worker, its result (fixed rounds as baseline, the chosen policy as scenario) and which day's
 * rounds the map shows.
 */
import { createStore } from 'zustand/vanilla';
import { proxy, type Remote } from 'comlink';
import type { Territory } from '../../domain/territory';
import { resolveWasteParameters, simpleFleet, type Fleet, type Policy } from '../../domain/waste/policy';
import { manifestFleet } from '../../domain/waste/config';
import { HISTORY_DAYS, type PointReadings } from '../../domain/waste/replay';
import { createWasteWorker, type PreparedNetwork, type WasteComparison, type WasteTerritory, type WasteWorkerApi } from '../../../workers/waste/api';
import type { TwinStore } from '../../store/store';
import { localIsoDate } from '../../domain/time/zonedTime';
import { parseWasteScenario, serializeWasteScenario, wasteScenarioProblem, type WasteScenario, type WasteScenarioProblem } from '../../domain/waste/scenarioFile';
import { LIMITS } from '../../io/limits';


/** The what-if's settings are a waste scenario (the file format, src/domain/waste/scenarioFile.ts). */
export interface WasteState extends WasteScenario {
  open: boolean;
  status: 'idle' | 'preparing' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  error: string | null;
  network: PreparedNetwork | null;
  result: WasteComparison | null;
  /** Which plan the map and the route list show. */
  shown: 'baseline' | 'scenario';
  /** Index into the shown plan's drawn rounds' dates. */
  dayIndex: number;
  /** The last scenario file read: its name and what was wrong in it (the valid fields loaded). */
  refused: { source: string; problems: WasteScenarioProblem[]; loaded: boolean } | null;
}

export function createWasteStore() {
  return createStore<WasteState>()(() => ({
    open: false,
    policy: 'fill-level',
    thresholdPercent: 80,
    collectionWeekdays: [],
    vehicles: 2,
    capacityKg: 7000,
    typeCounts: {},
    weeks: 4,
    status: 'idle',
    progress: 0,
    error: null,
    network: null,
    result: null,
    shown: 'scenario',
    dayIndex: 0,
    refused: null,
  }));
}
export type WasteStore = ReturnType<typeof createWasteStore>;

/** Per collection point: its sensor's readings between two instants, null without a sensor. */
export type FillProvider = (territory: Territory, fromMs: number, toMs: number) => Promise<Array<PointReadings | null>>;

/** The solver's stop rule and seed in the app: the same inputs give the same figures on any machine. */
export const ROUND_ITERATIONS = 500;
export const ROUND_SEED = 1;

function tooLarge(fileName: string, bytes: number): WasteScenarioProblem {
  const size = (bytes / 1048576).toFixed(1);
  const limit = (LIMITS.scenarioBytes / 1048576).toFixed(1);
  return wasteScenarioProblem(fileName, 'too-large', { size, limit }, `${size} MB > ${limit} MB`);
}

function wasteTerritory(territory: Territory): WasteTerritory {
  const { roads, collectionPoints, facilities, parameters, waste } = territory;
  return { roads, collectionPoints, facilities, parameters, waste };
}

/** The fleet of the run: the manifest's vehicle types with the panel's counts, else the panel's one type. */
export function fleetOf(territory: Territory, state: Pick<WasteState, 'vehicles' | 'capacityKg' | 'typeCounts'>): Fleet {
  const parameters = resolveWasteParameters(territory.parameters);
  const declared = manifestFleet(territory.waste, parameters);
  if (!declared) return simpleFleet(state.vehicles, state.capacityKg, parameters);
  return { types: declared.types.map((type) => ({ ...type, count: state.typeCounts[type.id] ?? type.count })) };
}

export class WasteController {
  private worker: { api: Remote<WasteWorkerApi>; terminate: () => void } | null = null;
  private preparedFor: Territory | null = null;
  private requestId = 0;
  /** Set by the sensor layer once sensor history is there. */
  fillProvider: FillProvider | null = null;

  constructor(
    readonly store: WasteStore,
    private readonly twin: TwinStore,
  ) {
    twin.subscribe((state, previous) => {
      if (state.territory !== previous.territory) {
        this.preparedFor = null;
        this.store.setState({ result: null, network: null, status: 'idle' });
      }
    });
  }

  /** The what-if as a scenario file (scenarioFile.ts). */
  exportJson(): string {
    const { policy, thresholdPercent, collectionWeekdays, vehicles, capacityKg, typeCounts, weeks } = this.store.getState();
    return serializeWasteScenario({ policy, thresholdPercent, collectionWeekdays, vehicles, capacityKg, typeCounts, weeks });
  }

  /** Reads a scenario file the user chose; one over the size limit is refused unread. */
  async importFile(file: { name: string; size: number; text(): Promise<string> }): Promise<boolean> {
    if (file.size > LIMITS.scenarioBytes) {
      this.store.setState({ refused: { source: file.name, loaded: false, problems: [tooLarge(file.name, file.size)] } });
      return false;
    }
    return this.importText(await file.text(), file.name);
  }

  /** Applies the valid fields of a scenario file; says what was wrong with the others. */
  importText(text: string, fileName: string): boolean {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.store.setState({ refused: { source: fileName, loaded: false, problems: [wasteScenarioProblem(fileName, 'json', { detail: (error as Error).message }, `JSON: ${(error as Error).message}`)] } });
      return false;
    }
    const types = (this.twin.getState().territory?.waste?.vehicleTypes ?? []).map((type) => type.id);
    const { scenario, problems } = parseWasteScenario(json, fileName, types);
    if (scenario) this.store.setState({ ...scenario, result: null, status: 'idle', dayIndex: 0 });
    this.store.setState({ refused: problems.length > 0 ? { source: fileName, loaded: scenario !== null, problems } : null });
    return scenario !== null;
  }

  private async api(): Promise<Remote<WasteWorkerApi> | null> {
    const territory = this.twin.getState().territory;
    if (!territory) return null;
    if (!this.worker) {
      this.worker = createWasteWorker();
      this.preparedFor = null;
    }
    if (this.preparedFor !== territory) {
      this.store.setState({ status: 'preparing', progress: 0 });
      const network = await this.worker.api.prepare(
        wasteTerritory(territory),
        proxy((fraction: number) => this.store.setState({ progress: fraction })),
      );
      this.preparedFor = territory;
      this.store.setState({ network });
    }
    return this.worker.api;
  }

  async run(): Promise<void> {
    const territory = this.twin.getState().territory;
    if (!territory) return;
    const requestId = ++this.requestId;
    this.store.setState({ error: null });
    try {
      const api = await this.api();
      if (!api || requestId !== this.requestId) return;
      const state = this.store.getState();
      const time = this.twin.getState().time;
      const policy: Policy = state.policy === 'fixed' ? { kind: 'fixed' } : { kind: 'fill-level', thresholdPercent: state.thresholdPercent, collectionWeekdays: state.collectionWeekdays };
      this.store.setState({ status: 'running', progress: 0 });
      // The local date on the territory's clock (in Réunion 02:00 on the 5th is still the 4th in UTC).
      const startDate = localIsoDate(time, territory.timeZone);
      const startMs = Date.parse(`${startDate}T00:00:00Z`);
      const days = state.weeks * 7;
      const readings = (await this.fillProvider?.(territory, startMs - (HISTORY_DAYS + 1) * 86_400_000, startMs + (days + 1) * 86_400_000)) ?? territory.collectionPoints.map(() => null);
      const result = await api.run(
        {
          requestId,
          policy,
          fleet: fleetOf(territory, state),
          startDate,
          days,
          readings,
          iterations: ROUND_ITERATIONS,
          seed: ROUND_SEED,
        },
        proxy((fraction: number) => {
          if (requestId === this.requestId) this.store.setState({ progress: fraction });
        }),
      );
      if (requestId !== this.requestId) return;
      if (result === null) this.store.setState({ status: 'cancelled' });
      else this.store.setState({ status: 'done', progress: 1, result, dayIndex: 0 });
    } catch (error) {
      if (requestId === this.requestId) this.store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Asks the worker to stop after the simulated day under way; the road network stays prepared. */
  cancel(): void {
    const status = this.store.getState().status;
    if (status !== 'running' && status !== 'preparing') return;
    const requestId = this.requestId;
    this.requestId++;
    if (status === 'running') void this.worker?.api.cancel(requestId);
    this.store.setState({ status: 'cancelled', progress: 0 });
  }

  destroy(): void {
    this.worker?.terminate();
  }
}
