/**
 * Sensor data in the app: the year of history (generated in a worker for the demo), the series
 * store, the readings at the time bar's time (one binary search a sensor), alerts, and the live
 * sources that add observations as they arrive.
 */
import { createStore } from 'zustand/vanilla';
import { firstViewDrawn } from '../firstView';
import type { Remote } from 'comlink';
import type { Sensor, Territory } from '../../domain/territory';
import { SeriesStore, type Observation } from '../../domain/series/store';
import { createHistoryWorker, type HistoryWorkerApi } from '../../../workers/sensors/api';
import { EPOCH_MS } from '../../domain/series/store';
import type { Problem } from '../../domain/problem';
import { stableClientId } from '../../io/live/mqttSource';
import { defaultHostUrl } from '../../io/live/codecs';
import { WorkerMqttSource } from '../../io/live/workerSource';
import { NO_QUALITY, type ObservationColumns } from '../../io/live/columns';
import { QUALITY_GOOD } from '../../domain/series/store';
import { expectedIntervalMs, RestyleLog, SampleRecorder, usedHeap } from './liveStatus';
import { SensorThingsSource } from '../../io/live/sensorThings';
import { SimulatedSource, type FutureReadings } from '../../io/live/simulated';
import { liveServiceSchema, type LiveHandlers, type LiveSource, type LiveState } from '../../io/live/types';
import type { TwinStore } from '../../store/store';
import { DEFAULT_TIME_ZONE, localDate, localHour, startOfDayMs } from '../../domain/time/zonedTime';
import { tightestBounds } from '../../domain/zodIssues';

export type AlertKind = 'bin-full' | 'power-at-noon' | 'silent';

export interface SensorAlert {
  sensorId: string;
  kind: AlertKind;
  value: number;
  /** When the reading was taken (ms). */
  time: number;
}

export type SourceState = LiveState;

export interface SourceStatus {
  id: string;
  label: string;
  state: SourceState;
  /** When it entered that state (ms). */
  since: number;
  received: number;
  rejected: number;
  /** Uplinks no codec could read (also in `rejected`). */
  undecoded: number;
  duplicates: number;
  /** Messages caught up since the last reconnection. */
  catchingUp: number;
  /** Its last state changes, oldest first (at most TRANSITIONS_KEPT). */
  transitions: Array<{ state: LiveState; at: number }>;
  /** When the last message came (ms), 0 before any. */
  lastMessageAt: number;
  /** Silence longer than this (its sensors' shortest expected interval) raises an alert, ms. */
  silentAfterMs: number;
  /** Why the last message was refused, or the last error. */
  detail?: string;
}

export interface SensorState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  year: number | null;
  /** Bumped whenever observations change. */
  version: number;
  /**
   * Bumped whenever the power meters' readings may have changed (history loaded, a full restyle, a
   * live reading of a meter): the metered cabinets' lamps follow it, not every live batch.
   */
  metersVersion: number;
  alerts: SensorAlert[];
  sources: SourceStatus[];
  error: string | null;
}

export function createSensorStore() {
  return createStore<SensorState>()(() => ({ status: 'idle', year: null, version: 0, metersVersion: 0, alerts: [], sources: [], error: null }));
}
export type SensorStore = ReturnType<typeof createSensorStore>;

/** At most this many alerts are listed (the worst first): a list that cannot grow without end. */
export const MAX_ALERTS = 200;
/** Live observations older than this are dropped from memory as new ones come (a kiosk runs for weeks). */
const KEEP_MS = 400 * 86_400_000;

const ALERT_ORDER: Record<AlertKind, number> = { 'power-at-noon': 0, 'bin-full': 1, silent: 2 };
/** A sensor's alert, as a number in the per-sensor column: an index of ALERT_KINDS, or none. */
const ALERT_KINDS: readonly AlertKind[] = ['power-at-noon', 'bin-full', 'silent'];
const ALERT_POWER_AT_NOON = 0;
const ALERT_BIN_FULL = 1;
const ALERT_SILENT = 2;
const ALERT_NONE = 255;
function compareAlerts(a: SensorAlert, b: SensorAlert): number {
  return ALERT_ORDER[a.kind] - ALERT_ORDER[b.kind] || (a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : 0);
}

function sameLevels(a: Float32Array, b: Float32Array | null): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function sameAlerts(a: readonly SensorAlert[], b: readonly SensorAlert[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.sensorId !== y.sensorId || x.kind !== y.kind || x.time !== y.time || (x.value !== y.value && !(Number.isNaN(x.value) && Number.isNaN(y.value)))) return false;
  }
  return true;
}

/** A restyle longer than this is marked on the page's timeline, ms (the live target is 4). */
const SLOW_RESTYLE_MS = 2;
/**
 * A live restyle's budget on its frame, ms (the target is 4): the sensors' part first, the lamps'
 * in what is left (none when the sensors took half of it) and on the next frames; the map
 * converges a few frames later, which live data can afford.
 */
const RESTYLE_BUDGET_MS = 3;
/** Live observations restyle the map at most this often, ms. */
const LIVE_RESTYLE_MS = 1000;

/** Runs `run` at the first animation frame after `waitMs` (the next frame when it is not positive). */
function atFrameAfter(waitMs: number, run: () => void): void {
  const frame = () => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : setTimeout(run, 16));
  if (waitMs > 0) setTimeout(frame, waitMs);
  else frame();
}

/** Readings older than this many expected intervals are drawn as silent. */
const STALE_INTERVALS = 3;
/** How many state changes of a source are kept for `?debug=1` and the tests. */
const TRANSITIONS_KEPT = 16;

export class SensorController {
  readonly series = new SeriesStore();
  private worker: { api: Remote<HistoryWorkerApi>; terminate: () => void } | null = null;
  private sensors: Sensor[] = [];
  /** Store index of each territory sensor. */
  private storeIndex = new Int32Array(0);
  /** Per sensor: what a level of 1 means (power meters: full power; traffic: busiest hour). */
  private scale = new Float32Array(0);
  private values = new Float32Array(0);
  private ages = new Float64Array(0);
  private pending = false;
  private changed = false;
  private lastRestyleAt = 0;
  private loadingYear: number | null = null;
  private sources: LiveSource[] = [];
  private readonly sourceDetail = new Map<string, string>();
  private levelBuffers: [Float32Array, Float32Array] = [new Float32Array(0), new Float32Array(0)];
  private readonly alertPool: SensorAlert[] = [];
  private insertedSinceTrim = 0;
  private readonly silentAfter = new Map<string, number>();
  /** End-to-end latency of live observations (network server reception → stored), for the benchmark. */
  readonly latency = new SampleRecorder();
  /**
   * Where a live batch's first reading waited, ms, by its reception time (diagnosis for the
   * benchmark): from the network server to its arrival, parsed, in the live worker (the broker's
   * queue, the network, the parse); in the worker's batch; from the hand-off to the page's storing
   * it (the post and the page's queue of tasks); and the storing of the batch.
   */
  readonly latencyPhases = { arrival: new SampleRecorder(1 << 16), batching: new SampleRecorder(1 << 16), handOff: new SampleRecorder(1 << 16), store: new SampleRecorder(1 << 16) };
  /**
   * Time each live or time restyle took on its frame, ms, by frame time: the version's followers,
   * the series lookup, the map's levels, the alerts, and the microtasks they queued (React renders).
   */
  readonly restyles = new SampleRecorder(1 << 14);
  /** What each of the last restyles spent where, for `?debug=1` (`vigie.restyleWorst`). */
  readonly restyleLog = new RestyleLog();
  /** The phases of the last `restyle()` call. */
  private readonly breakdown = { lookupMs: 0, levelsMs: 0, alertsMs: 0, changed: 0, full: false };
  private publishPending = false;
  /**
   * Sensors (store indices) that live observations changed since the last restyle: when nothing
   * else changed (same time, same sensors), only their readings are looked up again.
   */
  private changedSensors = new Int32Array(64);
  private changedCount = 0;
  private changedFlag = new Uint8Array(0);
  /** The next restyle looks every sensor up (time or territory changed, history loaded). */
  private restyleAll = true;
  private restyledTime = Number.NaN;
  /** Per store index: 1 for the territory's power meters (their readings set the lamps of their cabinets). */
  private isMeter = new Uint8Array(0);
  /** The territory's power meters that have a cabinet: territory sensor index, cabinet index. */
  private meters = { sensor: new Int32Array(0), cabinet: new Int32Array(0) };
  /** A meter's readings changed since the version's followers last ran. */
  private metersChanged = false;

  constructor(
    readonly store: SensorStore,
    private readonly twin: TwinStore,
  ) {
    twin.subscribe((state, previous) => {
      if (state.territory && state.territory !== previous.territory) void this.onTerritory(state.territory);
      if (state.time !== previous.time) {
        this.ensureYear(localDate(state.time, this.timeZone()).year);
        this.schedule();
      }
    });
    const territory = twin.getState().territory;
    if (territory) void this.onTerritory(territory);
  }

  /** The territory's clock (its manifest's `timeZone`). */
  private timeZone(): string {
    return this.twin.getState().territory?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  private async onTerritory(territory: Territory): Promise<void> {
    await this.stopSources();
    this.restyleAll = true;
    this.sensors = territory.sensors;
    this.storeIndex = Int32Array.from(this.sensors.map((sensor) => this.series.sensorIndex(sensor.id, true)));
    this.values = new Float32Array(this.series.sensorCount);
    this.ages = new Float64Array(this.series.sensorCount);
    this.scale = new Float32Array(this.sensors.length).fill(1);
    this.isMeter = new Uint8Array(this.series.sensorCount);
    this.sensors.forEach((sensor, i) => {
      if (sensor.kind === 'power-meter') this.isMeter[this.storeIndex[i]] = 1;
    });
    // The power meters of a cabinet, with its index in the territory (the lamps' levels follow them).
    const cabinetIndex = new Map(territory.cabinets.map((cabinet, c) => [cabinet.id, c]));
    const meterSensors: number[] = [];
    const meterCabinets: number[] = [];
    this.sensors.forEach((sensor, i) => {
      const cabinet = sensor.kind === 'power-meter' && sensor.targetId ? cabinetIndex.get(sensor.targetId) : undefined;
      if (cabinet === undefined) return;
      meterSensors.push(i);
      meterCabinets.push(cabinet);
    });
    this.meters = { sensor: Int32Array.from(meterSensors), cabinet: Int32Array.from(meterCabinets) };
    this.ensureYear(localDate(this.twin.getState().time, this.timeZone()).year);
  }

  private ensureYear(year: number): void {
    const territory = this.twin.getState().territory;
    if (!territory || this.store.getState().year === year || this.loadingYear === year) return;
    // Only the fictitious demo gets generated history; a real territory shows what it measured.
    if (!this.twin.getState().fictitious) {
      if (this.store.getState().status !== 'ready') this.loadImportedOnly();
      return;
    }
    void this.loadYear(territory, year);
  }

  private loadImportedOnly(): void {
    this.ingest(this.twin.getState().importedHistory);
    this.store.setState({ status: 'ready', year: null, version: this.store.getState().version + 1, metersVersion: this.store.getState().metersVersion + 1 });
    this.schedule();
    if (this.sources.length === 0) this.startSources([]);
  }

  /** Generates the demo's history for a year in the worker and loads it into the store. */
  private async loadYear(territory: Territory, year: number): Promise<void> {
    this.loadingYear = year;
    this.store.setState({ status: 'loading' });
    try {
      // The year of history is generated once the first view is on screen: not in its way.
      await firstViewDrawn();
      if (!this.worker) this.worker = createHistoryWorker();
      const { bounds, sensors, collectionPoints, streetLights, parameters } = territory;
      const histories = await this.worker.api.generate({ bounds, sensors, collectionPoints, streetLights, parameters, timeZone: territory.timeZone }, year);
      if (this.twin.getState().territory !== territory || this.loadingYear !== year) return;
      // The current year stops at now: what comes after is released by the simulated live feed.
      const nowSeconds = Math.floor((Date.now() - EPOCH_MS) / 1000);
      const future: FutureReadings[] = [];
      for (const history of histories) {
        let cut = history.seconds.length;
        while (cut > 0 && history.seconds[cut - 1] > nowSeconds) cut--;
        if (cut < history.seconds.length) future.push({ sensorId: history.sensorId, seconds: history.seconds.slice(cut), values: history.values.slice(cut) });
        this.series.adopt(history.sensorId, history.seconds.slice(0, cut), history.values.slice(0, cut));
      }
      // Scales: the highest reading of the year for power and traffic.
      const from = startOfDayMs({ year, month: 1, day: 1 }, territory.timeZone);
      const to = startOfDayMs({ year: year + 1, month: 1, day: 1 }, territory.timeZone);
      this.sensors.forEach((sensor, i) => {
        if (sensor.kind === 'power-meter' || sensor.kind === 'traffic-counter') this.scale[i] = this.series.stats(this.storeIndex[i], from, to).max || 1;
        else if (sensor.kind === 'parking') this.scale[i] = Math.max(1, sensor.capacity ?? 1);
      });
      this.ingest(this.twin.getState().importedHistory);
      this.loadingYear = null;
      this.store.setState({ status: 'ready', year, version: this.store.getState().version + 1, metersVersion: this.store.getState().metersVersion + 1, error: null });
      this.schedule();
      if (this.sources.length === 0) this.startSources(future);
    } catch (error) {
      this.loadingYear = null;
      this.store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Adds live observations; restyling follows at most once a frame. Returns how each went. */
  ingest(observations: readonly Observation[]): { inserted: number; duplicates: number; rejected: number } {
    let inserted = 0;
    let duplicates = 0;
    let rejected = 0;
    const now = Date.now();
    for (const observation of observations) {
      const outcome = this.series.insert(observation);
      if (outcome === 'duplicate') duplicates++;
      else if (outcome === 'rejected') rejected++;
      else {
        inserted++;
        if (observation.receivedAt !== undefined) this.latency.add(now - observation.receivedAt, observation.receivedAt);
        if (!this.restyleAll) this.markChanged(this.series.sensorIndex(observation.sensorId));
      }
    }
    this.afterIngest(inserted);
    return { inserted, duplicates, rejected };
  }

  /** Store index of each sensor id of the batch being ingested (reused: no allocation per batch). */
  private batchIndex = new Int32Array(64);

  /** `ingest` for a batch in columns (the live worker's): no object per observation. */
  ingestColumns(columns: ObservationColumns): { inserted: number; duplicates: number; rejected: number } {
    let inserted = 0;
    let duplicates = 0;
    let rejected = 0;
    const now = Date.now();
    const startedStore = performance.now();
    const ids = columns.sensorIds;
    if (this.batchIndex.length < ids.length) this.batchIndex = new Int32Array(Math.max(ids.length, this.batchIndex.length * 2));
    const indices = this.batchIndex;
    for (let s = 0; s < ids.length; s++) indices[s] = this.series.sensorIndex(ids[s], true);
    const { time, value, quality, receivedAt, keys, keyStart, sensor } = columns;
    for (let i = 0; i < columns.count; i++) {
      const index = indices[sensor[i]];
      const outcome = this.series.insertAt(index, time[i], value[i], quality[i] === NO_QUALITY ? QUALITY_GOOD : quality[i], keys, keyStart[i], keyStart[i + 1]);
      if (outcome === 'duplicate') duplicates++;
      else if (outcome === 'rejected') rejected++;
      else {
        inserted++;
        const at = receivedAt[i];
        if (!Number.isNaN(at)) this.latency.add(now - at, at);
        if (!this.restyleAll) this.markChanged(index);
      }
    }
    const first = columns.count > 0 ? receivedAt[0] : Number.NaN;
    if (!Number.isNaN(first) && Number.isFinite(columns.firstAddedAt)) {
      const phases = this.latencyPhases;
      phases.arrival.add(columns.firstAddedAt - first, first);
      phases.batching.add(columns.takenAt - columns.firstAddedAt, first);
      phases.handOff.add(now - columns.takenAt, first);
      phases.store.add(performance.now() - startedStore, first);
    }
    this.afterIngest(inserted);
    return { inserted, duplicates, rejected };
  }

  private afterIngest(inserted: number): void {
    if (inserted > 0) this.schedule(true, true);
    this.insertedSinceTrim += inserted;
    if (this.insertedSinceTrim > 20_000) {
      this.insertedSinceTrim = 0;
      // A full restyle only when readings were dropped (one every 20,000 live readings otherwise).
      if (this.series.trimBefore(Date.now() - KEEP_MS) > 0) this.restyleAll = true;
    }
  }

  private markChanged(index: number): void {
    if (index < 0) return;
    if (this.changedFlag.length < this.series.sensorCount) {
      const flags = new Uint8Array(Math.max(this.series.sensorCount, this.changedFlag.length * 2));
      flags.set(this.changedFlag);
      this.changedFlag = flags;
    }
    if (this.changedFlag[index]) return;
    this.changedFlag[index] = 1;
    if (index < this.isMeter.length && this.isMeter[index]) this.metersChanged = true;
    if (this.changedCount === this.changedSensors.length) {
      const grown = new Int32Array(this.changedSensors.length * 2);
      grown.set(this.changedSensors);
      this.changedSensors = grown;
    }
    this.changedSensors[this.changedCount++] = index;
  }

  /**
   * One restyle per animation frame at most, however many changes came in; the version that the
   * chart and the info card follow moves once a frame too, not once a message.
   */
  private schedule(changed = false, live = false): void {
    if (changed) this.changed = true;
    if (!live) this.restyleAll = true;
    if (this.pending) return;
    this.pending = true;
    // Live data redraws the map at most every LIVE_RESTYLE_MS: a bin's colour needs no 60 Hz, and
    // each redraw is a frame the messages wait for. A change of time by the user goes at once.
    const wait = live ? this.lastRestyleAt + LIVE_RESTYLE_MS - Date.now() : 0;
    const run = () => {
      this.pending = false;
      this.lastRestyleAt = Date.now();
      // Timed from here to the end of the microtasks it queued: the map's sensor levels, the
      // alerts, the lamps of the metered cabinets (the version's followers), and the panels React
      // renders for them in a microtask after this callback — all the frame does for it.
      // The heap is read for the log before the timing starts: a diagnosis, not part of the restyle.
      const heapBefore = usedHeap();
      const started = performance.now();
      // The lamps follow the meters: looked at again only when a meter's readings changed or every
      // sensor is looked up (read before `restyle`, which clears `restyleAll`).
      let meters = false;
      const everySensor = this.restyleAll;
      if (this.changed) {
        this.changed = false;
        // The panels' version (chart, info card) moves in the panels' task, after the frame.
        this.versionPending = true;
        meters = this.metersChanged || this.restyleAll;
        this.metersChanged = false;
      }
      // The sensors first: their icons, and the alerts.
      this.restyle(true);
      let versionMs = 0;
      if (meters) {
        // Then the lamps: after a live batch, within what is left of the frame's budget, the rest
        // on the next frames (each timed as that frame's restyle); a change of time, at once.
        const elapsed = performance.now() - started;
        if (!live || everySensor || !this.lampsFollow) {
          this.bumpMeters();
          versionMs = performance.now() - started - elapsed;
        } else if (elapsed < RESTYLE_BUDGET_MS / 2) {
          if (this.lampsFollow(RESTYLE_BUDGET_MS - elapsed)) this.lampsNextFrame();
          versionMs = performance.now() - started - elapsed;
        } else this.lampsNextFrame();
      }
      const syncMs = performance.now() - started;
      if (this.versionPending || this.alertsPending) this.schedulePanels();
      if (this.store.getState().status !== 'ready') return;
      const breakdown = this.breakdown;
      this.timeRestyle(started, heapBefore, syncMs, versionMs, breakdown.lookupMs, breakdown.levelsMs, breakdown.alertsMs, breakdown.changed, breakdown.full);
    };
    atFrameAfter(wait, run);
  }

  /** The lamps of the metered cabinets follow the meters (src/main.tsx: the lighting's `updateLevels`). */
  private bumpMeters(): void {
    this.store.setState({ metersVersion: this.store.getState().metersVersion + 1 });
  }

  /**
   * The lamps of the metered cabinets follow the meters after a live restyle (set in src/main.tsx):
   * restyled within about the budget given, ms; true while some are left for the next frame.
   * Without it, and after a change of time, `metersVersion` moves and the lamps follow it at once.
   */
  lampsFollow: ((budgetMs: number) => boolean) | null = null;

  private lampsPending = false;

  /** The lamps' part of a live restyle that did not fit in its frame's budget, on the next frame, timed on its own. */
  private lampsNextFrame(): void {
    if (this.lampsPending) return;
    this.lampsPending = true;
    atFrameAfter(0, () => {
      this.lampsPending = false;
      const heapBefore = usedHeap();
      const started = performance.now();
      const left = this.lampsFollow ? this.lampsFollow(RESTYLE_BUDGET_MS) : (this.bumpMeters(), false);
      const syncMs = performance.now() - started;
      if (left) this.lampsNextFrame();
      if (this.store.getState().status === 'ready') this.timeRestyle(started, heapBefore, syncMs, syncMs, 0, 0, 0, 0, false);
    });
  }

  /**
   * Records a frame's restyle, from `started` to the end of the microtasks it queued (React's
   * renders), with where its time went; a slow one is marked on the page's timeline.
   */
  private timeRestyle(started: number, heapBefore: number, syncMs: number, versionMs: number, lookupMs: number, levelsMs: number, alertsMs: number, changed: number, full: boolean): void {
    queueMicrotask(() =>
      queueMicrotask(() => {
        const ended = performance.now();
        const total = ended - started;
        this.restyles.add(total, Date.now());
        // A slow one is marked on the page's timeline (DevTools, traces); only the last is kept.
        if (total > SLOW_RESTYLE_MS) {
          performance.clearMeasures('vigie:slow-restyle');
          performance.measure('vigie:slow-restyle', { start: started, end: ended });
        }
        this.restyleLog.add(total, versionMs, lookupMs, levelsMs, alertsMs, total - syncMs, changed, full, usedHeap() - heapBefore);
      }),
    );
  }

  /** The panels' version is to move (new readings) in the panels' task. */
  private versionPending = false;
  /** The alert list is to be published again (an alert changed) in the panels' task. */
  private alertsPending = false;
  private panelsScheduled = false;
  /**
   * Time each panels' task took, ms, by its time: the version that the chart and the info card
   * follow, the alert list, and the renders React makes for them (microtasks after it).
   */
  readonly panels = new SampleRecorder(1 << 14);

  /**
   * The panels follow a restyle in a task of their own after the frame (the version, the alert
   * list, and React's renders): the map's frame does not wait for them. A time change by the user
   * and a live restyle alike; as many restyles as come before it are one task.
   */
  private schedulePanels(): void {
    if (this.panelsScheduled) return;
    this.panelsScheduled = true;
    setTimeout(() => {
      this.panelsScheduled = false;
      const started = performance.now();
      if (this.versionPending) {
        this.versionPending = false;
        this.store.setState({ version: this.store.getState().version + 1 });
      }
      if (this.alertsPending) {
        this.alertsPending = false;
        this.publishAlerts();
      }
      queueMicrotask(() => queueMicrotask(() => this.panels.add(performance.now() - started, Date.now())));
    }, 0);
  }

  /** Per territory sensor: its alert (ALERT_NONE or an index of ALERT_KINDS), value and time, as last restyled. */
  private alertKind = new Uint8Array(0);
  private alertValue = new Float64Array(0);
  private alertTime = new Float64Array(0);
  /** Territory index of each store index (-1: a sensor of no territory), for the partial restyle. */
  private territoryIndex = new Int32Array(0);
  /** `now` at the last full restyle: a time still to come then may have become past since. */
  private fullRestyleNow = 0;
  private hourOf = { time: Number.NaN, zone: '', hour: 0 };

  /**
   * Readings at the time bar's time → levels for the globe, lamp levels from the meters, alerts.
   * A live batch at an unchanged time touches only the sensors it changed (their readings, levels
   * and alerts); a change of time, of territory or of history looks every sensor up. Nothing is
   * allocated per frame but the alert list, when it changed, for the panels. `deferAlerts`: the
   * alert list is published by the panels' task after the frame instead of here.
   */
  restyle(deferAlerts = false): number {
    const started = performance.now();
    const breakdown = this.breakdown;
    breakdown.lookupMs = breakdown.levelsMs = breakdown.alertsMs = 0;
    breakdown.changed = this.changedCount;
    breakdown.full = false;
    if (this.store.getState().status !== 'ready' || this.sensors.length === 0) return 0;
    const time = this.twin.getState().time;
    const now = Date.now();
    const n = this.sensors.length;
    if (this.values.length !== this.series.sensorCount) {
      this.values = new Float32Array(this.series.sensorCount);
      this.ages = new Float64Array(this.series.sensorCount);
      this.restyleAll = true;
    }
    if (this.alertKind.length !== n) {
      this.alertKind = new Uint8Array(n);
      this.alertValue = new Float64Array(n);
      this.alertTime = new Float64Array(n);
      this.restyleAll = true;
    }
    if (this.levelBuffers[0].length !== n) {
      this.levelBuffers = [new Float32Array(n), new Float32Array(n)];
      this.restyleAll = true;
    }
    // Two level buffers used in turn: the globe restyles when the array changes.
    const shown = this.twin.getState().sensorLevels;
    const levels = shown === this.levelBuffers[0] ? this.levelBuffers[1] : this.levelBuffers[0];
    const partial = !this.restyleAll && time === this.restyledTime && shown !== null && shown.length === n && time <= this.fullRestyleNow;
    const timeZone = this.timeZone();
    if (this.hourOf.time !== time || this.hourOf.zone !== timeZone) this.hourOf = { time, zone: timeZone, hour: localHour(time, timeZone) };
    const hour = this.hourOf.hour;
    let alertsChanged = false;
    if (partial) {
      // Live batches at the same time: only the sensors they changed are looked up again.
      this.series.valuesOf(this.changedSensors, this.changedCount, time, this.values, this.ages);
      levels.set(shown);
      for (let c = 0; c < this.changedCount; c++) {
        const index = this.changedSensors[c];
        const i = index < this.territoryIndex.length ? this.territoryIndex[index] : -1;
        if (i >= 0 && this.restyleSensor(i, time, now, hour, levels)) alertsChanged = true;
      }
    } else {
      this.series.valuesAt(time, this.values, this.ages);
      if (this.territoryIndex.length !== this.series.sensorCount) this.territoryIndex = new Int32Array(this.series.sensorCount);
      this.territoryIndex.fill(-1);
      for (let i = 0; i < n; i++) this.territoryIndex[this.storeIndex[i]] = i;
      for (let i = 0; i < n; i++) this.restyleSensor(i, time, now, hour, levels);
      this.fullRestyleNow = now;
      alertsChanged = true;
    }
    for (let i = 0; i < this.changedCount; i++) this.changedFlag[this.changedSensors[i]] = 0;
    this.changedCount = 0;
    this.restyleAll = false;
    this.restyledTime = time;
    breakdown.full = !partial;
    const looked = performance.now();
    breakdown.lookupMs = looked - started;
    if (!sameLevels(levels, shown)) this.twin.setState({ sensorLevels: levels });
    const published = performance.now();
    breakdown.levelsMs = published - looked;
    if (alertsChanged && deferAlerts) this.alertsPending = true;
    else if (alertsChanged || this.alertsPending) {
      this.alertsPending = false;
      this.publishAlerts();
    }
    const ended = performance.now();
    breakdown.alertsMs = ended - published;
    return ended - started;
  }

  /** One sensor's level and alert at `time`; true when its alert changed. */
  private restyleSensor(i: number, time: number, now: number, hour: number, levels: Float32Array): boolean {
    const sensor = this.sensors[i];
    const index = this.storeIndex[i];
    const value = this.values[index];
    const age = this.ages[index];
    const interval = 86_400_000 / sensor.samplesPerDay;
    const silent = !Number.isFinite(value) || age > STALE_INTERVALS * interval;
    levels[i] = silent ? Number.NaN : sensor.kind === 'fill-level' || sensor.kind === 'air-quality' ? value : value / this.scale[i];
    let kind = ALERT_NONE;
    if (silent) {
      // A sensor is silent when it should have spoken by then: not for times still to come.
      if (Number.isFinite(age) && age < 30 * 86_400_000 && time <= now) kind = ALERT_SILENT;
    } else if (sensor.kind === 'fill-level' && value >= 80) kind = ALERT_BIN_FULL;
    else if (sensor.kind === 'power-meter' && hour >= 11 && hour < 15 && value / this.scale[i] > 0.2) kind = ALERT_POWER_AT_NOON;
    const at = time - age;
    const changed = kind !== this.alertKind[i] || (kind !== ALERT_NONE && (!Object.is(value, this.alertValue[i]) || at !== this.alertTime[i]));
    this.alertKind[i] = kind;
    this.alertValue[i] = value;
    this.alertTime[i] = at;
    return changed;
  }

  /** The alert list from the per-sensor alerts (the first MAX_ALERTS, worst first), published when it changed. */
  private publishAlerts(): void {
    let alertCount = 0;
    for (let i = 0; i < this.sensors.length && alertCount < MAX_ALERTS; i++) {
      const kind = this.alertKind[i];
      if (kind === ALERT_NONE) continue;
      // Alert records are reused from a pool: a new list is published only when it changed.
      let alert = this.alertPool[alertCount];
      if (!alert) {
        alert = { sensorId: '', kind: 'silent', value: 0, time: 0 };
        this.alertPool.push(alert);
      }
      alert.sensorId = this.sensors[i].id;
      alert.kind = ALERT_KINDS[kind];
      alert.value = this.alertValue[i];
      alert.time = this.alertTime[i];
      alertCount++;
    }
    const pool = this.alertPool;
    if (pool.length > alertCount) pool.length = alertCount;
    pool.sort(compareAlerts);
    const current = this.store.getState().alerts;
    if (!sameAlerts(pool, current)) this.store.setState({ alerts: pool.map((alert) => ({ ...alert })) });
  }

  /** A sensor's reading at a time, with its age (ms), for the info card. */
  readingAt(sensorId: string, time: number): { value: number; time: number } | null {
    const index = this.series.sensorIndex(sensorId);
    if (index < 0) return null;
    const value = this.series.valueAt(index, time);
    return Number.isFinite(value) ? { value, time: this.series.lastTimeAt(index, time) } : null;
  }

  /** Per collection point, the measured filling speed (fraction a day) and fill now, NaN without a sensor. */
  fillByPoint(territory: Territory, time: number, speed: (times: Float64Array, values: Float32Array) => number | null): { fillPerDay: Float64Array; fill: Float64Array } {
    const n = territory.collectionPoints.length;
    const fillPerDay = new Float64Array(n).fill(Number.NaN);
    const fill = new Float64Array(n).fill(Number.NaN);
    const pointIndex = new Map(territory.collectionPoints.map((point, i) => [point.id, i]));
    for (const sensor of territory.sensors) {
      if (sensor.kind !== 'fill-level' || !sensor.targetId) continue;
      const point = pointIndex.get(sensor.targetId);
      const index = this.series.sensorIndex(sensor.id);
      if (point === undefined || index < 0) continue;
      // The last four weeks of readings give the speed.
      const window = this.series.range(index, time - 28 * 86_400_000, time);
      const measured = speed(window.times, window.values);
      if (measured !== null) fillPerDay[point] = measured;
      const now = this.series.valueAt(index, time);
      if (Number.isFinite(now)) fill[point] = now / 100;
    }
    return { fillPerDay, fill };
  }

  /** Resolves once the history is loaded (or could not be): the waste what-if reads its fills from it. */
  historyReady(): Promise<void> {
    const settled = (state: SensorState) => state.status === 'ready' || state.status === 'error';
    if (settled(this.store.getState())) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.store.subscribe((state) => {
        if (!settled(state)) return;
        off();
        resolve();
      });
    });
  }

  /** Per collection point, its fill-level sensor's readings (percent) between two instants, null without one. */
  readingsByPoint(territory: Territory, fromMs: number, toMs: number): Array<{ times: Float64Array; percent: Float32Array; until: number } | null> {
    const readings: Array<{ times: Float64Array; percent: Float32Array; until: number } | null> = territory.collectionPoints.map(() => null);
    // Readings are recorded up to now: the mornings after it are to come, not a silent sensor's.
    const until = Math.min(toMs, Date.now());
    const pointIndex = new Map(territory.collectionPoints.map((point, i) => [point.id, i]));
    for (const sensor of territory.sensors) {
      if (sensor.kind !== 'fill-level' || !sensor.targetId) continue;
      const point = pointIndex.get(sensor.targetId);
      const index = this.series.sensorIndex(sensor.id);
      if (point === undefined || index < 0) continue;
      const range = this.series.range(index, fromMs, toMs);
      if (range.times.length > 0) readings[point] = { times: range.times, percent: range.values, until };
    }
    return readings;
  }

  /**
   * Share of full power each cabinet draws at a time, into `out` by the territory's cabinet index
   * (NaN without a meter's reading); returns how many cabinets have one. One binary search a meter.
   */
  cabinetLevels(time: number, out: Float32Array): number {
    out.fill(Number.NaN);
    const meters = this.meters;
    let found = 0;
    for (let k = 0; k < meters.sensor.length; k++) {
      const i = meters.sensor[k];
      const cabinet = meters.cabinet[k];
      if (cabinet >= out.length) continue;
      const value = this.series.valueAt(this.storeIndex[i], time);
      if (!Number.isFinite(value)) continue;
      if (Number.isNaN(out[cabinet])) found++;
      out[cabinet] = Math.min(1, value / this.scale[i]);
    }
    return found;
  }

  /** Starts the manifest's live sources, or the simulated feed for the demo when it names none. */
  private startSources(future: FutureReadings[]): void {
    const services = this.twin.getState().services;
    const problems: Problem[] = [];
    services.forEach((entry, index) => {
      const kind = (entry as { kind?: unknown }).kind;
      if (kind !== 'mqtt' && kind !== 'sensorthings') return;
      const parsed = liveServiceSchema.safeParse(entry);
      if (!parsed.success) {
        const issue = tightestBounds(parsed.error.issues)[0];
        problems.push({ code: 'invalid-field', file: 'manifest.json', field: ['services', index, ...issue.path].join('.'), expected: issue.message });
        return;
      }
      const service = parsed.data;
      const handlers = this.handlersFor(service.id);
      const sensorIds = service.kind === 'mqtt' ? Object.values(service.devices).map((device) => device.sensorId) : Object.values(service.datastreams);
      const silentAfterMs = expectedIntervalMs(this.sensors, service.kind === 'mqtt' && service.format === 'plain' ? null : sensorIds);
      this.silentAfter.set(service.id, silentAfterMs);
      if (service.kind === 'mqtt') {
        // Connection, parsing and codecs in the live-ingest worker; batches of observations come back.
        this.sources.push(
          new WorkerMqttSource(
            {
              id: service.id,
              label: service.label || service.url,
              url: service.url,
              topics: service.topics,
              format: service.format,
              devices: service.devices,
              deviceTypes: service.deviceTypes,
              clientId: stableClientId(service.id),
              staleAfterMs: Number.isFinite(silentAfterMs) ? silentAfterMs : undefined,
              codecTimeoutMs: service.codecTimeoutMs,
              codecHostUrl: defaultHostUrl(),
              username: service.username,
              password: service.password,
            },
            handlers,
          ),
        );
      } else {
        this.sources.push(new SensorThingsSource({ id: service.id, label: service.label || service.url, url: service.url, mqttUrl: service.mqttUrl, datastreams: service.datastreams }, handlers));
      }
    });
    if (problems.length > 0) this.twin.setState({ problems: [...this.twin.getState().problems, ...problems] });
    if (this.sources.length === 0 && this.twin.getState().fictitious && future.length > 0) {
      this.sources.push(new SimulatedSource('simulated', future, this.handlersFor('simulated')));
    }
    for (const source of this.sources) source.start();
    this.publishSources();
  }

  private handlersFor(id: string): LiveHandlers {
    return {
      onObservations: (batch) => {
        const outcome = this.ingest(batch);
        this.duplicates.set(id, (this.duplicates.get(id) ?? 0) + outcome.duplicates);
        this.publishSources();
      },
      onColumns: (batch) => {
        const outcome = this.ingestColumns(batch);
        this.duplicates.set(id, (this.duplicates.get(id) ?? 0) + outcome.duplicates);
        this.publishSources();
      },
      onState: (state: LiveState, detail?: string) => {
        if (detail) this.sourceDetail.set(id, detail);
        const log = this.transitions.get(id) ?? [];
        if (log[log.length - 1]?.state !== state) {
          log.push({ state, at: Date.now() });
          // The last few changes only: a kiosk's source may flap for weeks.
          if (log.length > TRANSITIONS_KEPT) log.splice(0, log.length - TRANSITIONS_KEPT);
          this.transitions.set(id, log);
        }
        this.publishSources(true);
      },
      onRejected: (reason) => {
        this.sourceDetail.set(id, reason);
        this.publishSources();
      },
    };
  }

  private readonly duplicates = new Map<string, number>();
  /** The last state changes of each source, oldest first (for `?debug=1` and the tests). */
  private readonly transitions = new Map<string, Array<{ state: LiveState; at: number }>>();

  private lastSourcesAt = 0;

  /**
   * The sources' states and counts to the panel: a change of state in the next task, counts at
   * most every LIVE_RESTYLE_MS (a batch comes every 16 ms in a burst: a new list and a render of the
   * panel each time were garbage for the collector to pause the page on).
   */
  private publishSources(stateChanged = false): void {
    if (stateChanged) this.lastSourcesAt = 0;
    if (this.publishPending) return;
    this.publishPending = true;
    const run = () => {
      this.publishPending = false;
      this.lastSourcesAt = Date.now();
      this.publishSourcesNow();
    };
    // A task of its own, not an animation frame's callback: the panel's render does not hold a frame of the map.
    setTimeout(run, Math.max(0, this.lastSourcesAt + LIVE_RESTYLE_MS - Date.now()));
  }

  publishSourcesNow(): void {
    this.store.setState({
      sources: this.sources.map((source) => ({
        id: source.id,
        label: source.label,
        state: source.state,
        since: source.since ?? 0,
        received: source.stats.received,
        rejected: source.stats.rejected,
        undecoded: source.stats.undecoded ?? 0,
        duplicates: this.duplicates.get(source.id) ?? 0,
        catchingUp: source.catchingUp ?? 0,
        lastMessageAt: source.lastMessageAt ?? 0,
        silentAfterMs: this.silentAfter.get(source.id) ?? Number.POSITIVE_INFINITY,
        detail: this.sourceDetail.get(source.id),
        transitions: [...(this.transitions.get(source.id) ?? [])],
      })),
    });
  }

  private async stopSources(): Promise<void> {
    const sources = this.sources;
    this.sources = [];
    await Promise.all(sources.map((source) => source.stop()));
  }

  destroy(): void {
    this.worker?.terminate();
    void this.stopSources();
  }
}
