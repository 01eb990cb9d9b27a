/**
 * The council session being shown: which slide, applying a slide to the twin (layers, time,
 * caption, camera flight, lighting or waste scenario, view mode), the key figures of each slide
 * (computed once per scenario in the workers and kept), and the sessions saved in the browser.
 */
import { createStore } from 'zustand/vanilla';
import { ASSUMPTIONS, sourceIn, sourcedDefault } from '../../domain/assumptions';
import type { LightingTerritory, LightingTotals, NightLevels } from '../../../workers/lighting/api';
import { coversInstant, levelsAt } from '../../../workers/lighting/levels';
import type { FigureKey, SceneFile } from '../../domain/scene';
import { SESSION_FORMAT, SESSION_VERSION, migrateScene, migrateSession, describeProblems, type Session } from '../../domain/session/schema';
import type { LinkCamera } from '../../domain/session/urlState';
import { DEFAULT_WASTE_PARAMETERS, type WasteTotals } from '../../domain/waste/policy';
import type { SourcedValue, Territory } from '../../domain/territory';
import type { Scenario } from '../../domain/lighting/scenario';
import { defaultVisibility, type RouteDrawing, type TwinStore } from '../../store/store';
import type { ComparisonStore, ViewMode } from '../../store/comparison';
import { lightingTerritory, type LightingController } from '../lighting/lightingStore';
import { fleetOf, ROUND_ITERATIONS, ROUND_SEED, type WasteController } from '../waste/wasteStore';
import { HISTORY_DAYS } from '../../domain/waste/replay';
import type { TwinGlobe } from '../../globe/TwinGlobe';
import { readCamera, setCameraExact } from '../../globe/camera';
import type { DrawnRound } from '../../../workers/waste/api';
import { createLightingWorker } from '../../../workers/lighting/api';
import { createWasteWorker } from '../../../workers/waste/api';
import { whenTwinReady } from './ready';
import { translate, type MessageKey } from '../i18n';
import { ViewCaptures } from './captures';
import { validateScenario } from '../../domain/lighting/scenario';
import { LIGHTING_PRESETS } from '../../domain/lighting/presets';
import { describeScenarioProblem } from '../lighting/scenarioProblems';

const sceneFiles = import.meta.glob('../../../scenes/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const sessionFiles = import.meta.glob('../../../scenes/sessions/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;
const lightingFiles = import.meta.glob('../../../scenes/lighting/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

const byName = (files: Record<string, unknown>, id: string): unknown => Object.entries(files).find(([path]) => path.endsWith(`/${id}.json`))?.[1];

export const sceneFile = (id: string): unknown => byName(sceneFiles, id);
export const lightingFile = (id: string): unknown => byName(lightingFiles, id);
export const LIGHTING_FILE_IDS = Object.keys(lightingFiles).map((path) => path.replace(/^.*\/(.*)\.json$/, '$1'));

export interface Figure {
  key: FigureKey;
  /** Today (left) and the scenario (right). */
  left: number;
  right: number;
  unit: string;
  digits: number;
}

export interface SlideFigures {
  figures: Figure[];
  /** The values the figures rest on, with their sources in the page's language chosen at render. */
  assumptions: Array<{ key: string; value: SourcedValue }>;
  /** What the right side is. */
  scenarioName: string;
  /**
   * The key figures are per year: lighting simulated over the year, waste over `simulatedWeeks`
   * weeks scaled to the year (× 52 ÷ weeks, the `wasteWeeksPerYear` assumption).
   */
  period: { kind: 'year'; simulatedWeeks: number | null };
  /** Full tables for the report. */
  lighting?: { baseline: LightingTotals; scenario: LightingTotals; nights: number };
  waste?: { baseline: WasteTotals; scenario: WasteTotals };
}

export interface SessionState {
  session: Session | null;
  /** Where the session comes from: a file of the site, the browser, or a file imported. */
  origin: 'file' | 'browser' | 'import' | null;
  index: number;
  /** Panels opened on demand during a presentation. */
  panelsOpen: boolean;
  status: 'idle' | 'applying' | 'ready';
  /**
   * Seconds from the request to the slide being ready, and of those the camera flight's and what
   * came after it (restyle, scenario, first frame), for the benchmark.
   */
  lastReady: { index: number; seconds: number; flightSeconds: number; afterFlightSeconds: number } | null;
  figures: Record<number, SlideFigures | 'computing' | { error: string }>;
  /** A message for the user (bad link, refused file), or null. */
  message: string | null;
  /** Sessions kept in this browser (engineer mode). */
  saved: Session[];
}

const STORAGE_KEY = 'vigie.sessions.v2';

export function createSessionStore() {
  return createStore<SessionState>()(() => ({
    session: null,
    origin: null,
    index: 0,
    panelsOpen: false,
    status: 'idle',
    lastReady: null,
    figures: {},
    message: null,
    saved: readSaved(),
  }));
}
export type SessionStore = ReturnType<typeof createSessionStore>;

function readSaved(): Session[] {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return [];
    const list = JSON.parse(text) as unknown[];
    return list.flatMap((json) => {
      const migrated = migrateSession(json, sceneFile);
      return migrated.ok ? [migrated.value] : [];
    });
  } catch {
    return [];
  }
}

/** A session file of the site, by id (scenes/sessions/ID.json), or one saved in this browser. */
export function findSession(id: string, saved: Session[]): { session: Session | null; problem: string | null } {
  const json = byName(sessionFiles, id);
  if (json === undefined) {
    const kept = saved.find((session) => session.id === id);
    return kept ? { session: kept, problem: null } : { session: null, problem: `scenes/sessions/${id}.json` };
  }
  const migrated = migrateSession(json, sceneFile);
  return migrated.ok ? { session: migrated.value, problem: null } : { session: null, problem: `scenes/sessions/${id}.json : ${describeProblems(migrated.problems)}` };
}

export const SESSION_IDS = Object.keys(sessionFiles).map((path) => path.replace(/^.*\/(.*)\.json$/, '$1'));


const ROUTE_COLOURS = ['#e4572e', '#2e86ab', '#8f2d56', '#3bb273', '#f0a202', '#6c4ab6'];

function drawing(rounds: DrawnRound[], territory: Territory): RouteDrawing | null {
  const date = rounds[0]?.date;
  if (!date) return null;
  const startMs = Date.parse(`${date}T06:00:00+01:00`);
  const ofDay = rounds.filter((round) => round.date === date);
  return {
    trucks: ofDay.map((round, truckIndex) => ({
      colour: ROUTE_COLOURS[truckIndex % ROUTE_COLOURS.length],
      startMs,
      durationMs: round.seconds * 1000,
      trips: round.trips.map((trip) => ({
        colour: ROUTE_COLOURS[truckIndex % ROUTE_COLOURS.length],
        path: trip.path,
        stops: trip.stops.map((stop) => ({ position: territory.collectionPoints[stop.point].position, arrivalMs: startMs + stop.arrivalSeconds * 1000 })),
      })),
    })),
  };
}

function waitFor<S>(store: { getState(): S; subscribe(listener: (state: S) => void): () => void }, done: (state: S) => boolean): Promise<S> {
  return new Promise((resolve) => {
    if (done(store.getState())) return resolve(store.getState());
    const off = store.subscribe((state) => {
      if (done(state)) {
        off();
        resolve(state);
      }
    });
  });
}

const FLIGHT_SECONDS = 2;

type WasteEntry = { figures: SlideFigures; left: RouteDrawing | null; right: RouteDrawing | null };

export class SessionController {
  readonly store = createSessionStore();
  private rightScenario: Scenario | null = null;
  private rightLevels: Float32Array | null = null;
  private applyId = 0;
  /** Told of each slide shown (share-link history). */
  onSlide: ((index: number) => void) | null = null;
  private readonly lightingCache = new Map<string, Promise<SlideFigures>>();
  private readonly wasteCache = new Map<string, Promise<WasteEntry>>();
  private lightingWorker: ReturnType<typeof createLightingWorker> | null = null;
  private lightingTerritorySent: Territory | null = null;
  private lightingRequest = 0;
  private lightingQueue: Promise<unknown> = Promise.resolve();
  private wasteQueue: Promise<unknown> = Promise.resolve();
  private wasteWorker: ReturnType<typeof createWasteWorker> | null = null;
  private wastePreparedFor: Territory | null = null;
  private wasteRequest = 0;
  /** Pictures of the slides as shown, for the report (captures.ts). */
  readonly captures = new ViewCaptures(
    () => ({ twin: this.twin.getState(), comparison: this.comparison.getState() }),
    () => this.slideOnScreen(),
  );
  /** The apply whose first frame is being drawn (kept as the slide's picture). */
  private firstFrameOf = 0;
  /** While the report draws its own pictures, the frames are not the presenter's. */
  reporting = false;

  constructor(
    private readonly twin: TwinStore,
    private readonly comparison: ComparisonStore,
    private readonly lighting: LightingController,
    private readonly waste: WasteController,
    private readonly globe: { current: TwinGlobe | null },
  ) {
    twin.subscribe((state, previous) => {
      if (state.time !== previous.time) this.updateRightLevels();
    });
  }

  /** A sentence in the page's language at the time it is said. */
  private say(key: MessageKey, params: Record<string, string | number> = {}): string {
    return translate(this.twin.getState().language, key, params);
  }

  /** The slide (or a link's view of it) the frame being finished shows, ready or in its first frame, or null. */
  private slideOnScreen(): number | null {
    if (this.reporting) return null;
    const { session, status, index } = this.store.getState();
    if (!session) return null;
    return status === 'ready' || this.firstFrameOf === this.applyId ? index : null;
  }

  /** A scene shown in place of the session's slide (a share link's view). */
  private override: SceneFile | null = null;
  /** The lighting scenario the current slide shows, and the file it came from. */
  lightingShown: { id: string | null; scenario: Scenario } | null = null;

  get slide(): SceneFile | null {
    if (this.override) return this.override;
    const { session, index } = this.store.getState();
    return session?.slides[index] ?? null;
  }

  /** Shows one scene with its scenario and view mode (a link's view, or a plain scene). */
  showScene(scene: SceneFile, fly: boolean): Promise<void> {
    this.override = scene;
    return this.apply(fly, false);
  }

  /** Starts showing a session at a slide (the first by default). */
  open(session: Session, origin: SessionState['origin'], index = 0, fly = false): Promise<void> {
    this.override = null;
    this.store.setState({ session, origin, index: Math.min(Math.max(0, index), session.slides.length - 1), figures: {}, panelsOpen: false });
    this.captures.clear();
    const applied = this.apply(fly);
    void applied.then(() => this.prefetch(session));
    return applied;
  }

  close(): void {
    this.override = null;
    this.store.setState({ session: null, origin: null, index: 0, figures: {}, status: 'idle' });
    this.captures.clear();
    this.comparison.setState({ mode: 'single', rightLampLevels: null, leftRoutes: null, rightRoutes: null });
  }

  next(): Promise<void> {
    return this.go(this.store.getState().index + 1);
  }

  previous(): Promise<void> {
    return this.go(this.store.getState().index - 1);
  }

  /** `firstFrame`: wait for the slide's first frame on screen (the report renders its own). */
  go(index: number, fly = true, notify = true, firstFrame = true): Promise<void> {
    const { session } = this.store.getState();
    if (!session || index < 0 || index >= session.slides.length) return Promise.resolve();
    this.override = null;
    this.store.setState({ index, panelsOpen: false });
    return this.apply(fly, notify, firstFrame);
  }

  /** Back to the current slide after panels were opened: the slide's camera, layers, time and scenario. */
  backToSession(): Promise<void> {
    this.override = null;
    this.store.setState({ panelsOpen: false });
    this.lighting.store.setState({ open: false });
    this.waste.store.setState({ open: false });
    return this.apply(true, false);
  }

  /** Applies the current slide; resolves once flown, restyled and computed. */
  async apply(fly: boolean, notify = true, firstFrame = true): Promise<void> {
    const slide = this.slide;
    const territory = this.twin.getState().territory;
    if (!slide) return;
    const started = performance.now();
    const id = ++this.applyId;
    const index = this.store.getState().index;
    this.store.setState({ status: 'applying' });
    document.documentElement.dataset.slideReady = 'false';
    if (notify) this.onSlide?.(index);
    this.twin.setState({
      visible: { ...defaultVisibility, ...slide.layers },
      caption: slide.caption,
      time: Date.parse(slide.time),
      playing: slide.playing ?? false,
      ...(slide.speed ? { speed: slide.speed } : {}),
    });
    const globe = this.globe.current;
    // A slide opened with the page: its flight is the first view being drawn (the figures and
    // levels are computed meanwhile), and it is ready once that view is on screen.
    const withFirstView = document.documentElement.dataset.twinReady !== 'true';
    // The flight is done once a frame begun after the camera reached its place is drawn (the report,
    // which draws its own pictures with the render loop paused, only waits for the camera).
    let cameraPlacedAt = started;
    let flight: Promise<void> = Promise.resolve();
    if (globe) {
      this.captures.attach(globe.widget);
      // From the camera's arrival on, each frame drawn can be the slide's picture (captures.ts keeps
      // the last, by view): marked then, so that the frame drawn right after is taken.
      const placed = (at: number) => {
        cameraPlacedAt = at;
        if (firstFrame && !withFirstView && id === this.applyId) this.firstFrameOf = id;
      };
      flight = globe.setCamera(slide.camera, fly ? FLIGHT_SECONDS : 0, placed).then((at) => (firstFrame ? globe.frameAfter(at) : undefined));
    }
    if (withFirstView) {
      const drawn = new Promise<void>((resolve) => whenTwinReady(resolve));
      flight = Promise.all([flight, drawn]).then(() => undefined);
    }
    const view = slide.view ?? { mode: 'single' as ViewMode, divider: 0.5 };
    this.comparison.setState({ mode: view.mode, divider: view.divider, rightLampLevels: null, leftRoutes: null, rightRoutes: null, leftLabel: null, rightLabel: null });
    let flown = started;
    // Each part of the slide's time as a performance.measure('slide:INDEX:PART') (bench:session prints them).
    const timed = <T>(part: string, work: Promise<T>): Promise<T> => {
      const from = performance.now();
      return work.finally(() => performance.measure(`slide:${index}:${part}`, { start: from, end: performance.now() }));
    };
    const work: Array<Promise<unknown>> = [flight.then(() => void (flown = performance.now()))];
    if (territory) {
      work.push(timed('lighting', this.applyLighting(slide, index, territory, id)));
      work.push(timed('waste', this.applyWaste(slide, index, territory, id)));
    }
    // The slide's own work (figures, levels), and when it was done.
    const own = Promise.all(work.slice(1))
      .then(() => Promise.all([timed('rightLevels', this.rightReady), timed('levels', this.lighting.levelsReady())]))
      .then(() => performance.now());
    const [, ownDoneAt] = await Promise.all([work[0], own]);
    if (id !== this.applyId) return;
    // On screen once a frame begun after the camera was placed and the slide's work was done has
    // been drawn: none more when the flight's last frame (or the first view's) already began after
    // both; else the next frame, kept as the slide's picture for the report.
    const current = this.globe.current;
    if (firstFrame && current) {
      this.firstFrameOf = id;
      await timed('frame', current.frameAfter(Math.max(cameraPlacedAt, ownDoneAt)));
    }
    if (id !== this.applyId) return;
    const now = performance.now();
    this.store.setState({ status: 'ready', lastReady: { index, seconds: (now - started) / 1000, flightSeconds: (flown - started) / 1000, afterFlightSeconds: (now - flown) / 1000 } });
    document.documentElement.dataset.slideReady = String(index);
    // The slide is on screen: what later slides need is prepared while it is shown.
    const prepare = () => this.globe.current?.prepareLater();
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 1000 });
    else setTimeout(prepare, 0);
  }

  /** Figures of the slides to come, computed in the background so that "next" finds them ready. */
  async prefetch(session: Session): Promise<void> {
    const territory = this.twin.getState().territory;
    if (!territory) return;
    for (const slide of session.slides) {
      if (this.store.getState().session !== session) return;
      try {
        if (slide.lighting) {
          const json = 'id' in slide.lighting ? lightingFile(slide.lighting.id) : slide.lighting.inline;
          const checked = json === undefined ? null : validateScenario(json, territory);
          if (checked?.ok) await this.lightingFigures(checked.scenario, Date.parse(slide.time), territory);
        }
        if (slide.waste) await this.wasteFigures(slide, territory);
      } catch {
        // Computed again, with its error shown, when the slide opens.
      }
    }
  }

  private lightingFigures(scenario: Scenario, time: number, territory: Territory): Promise<SlideFigures> {
    const year = new Date(time).getUTCFullYear();
    const key = `${JSON.stringify(scenario)}|${year}`;
    let pending = this.lightingCache.get(key);
    if (pending) return pending;
    pending = (async () => {
      const api = await this.lightingApi(territory);
      const baseline = LIGHTING_PRESETS[0].build(territory, { year });
      // One run at a time in this worker: a newer request would supersede an older one.
      const run = this.lightingQueue.then(() => api.run({ requestId: ++this.lightingRequest, scenario, baseline, year }));
      this.lightingQueue = run.catch(() => null);
      const result = await run;
      if (!result) throw new Error('cancelled');
      const perYear = (value: number) => (value * 365) / Math.max(1, result.scenario.nightCount);
      const lampCount = Math.max(1, result.baseline.totals.lampCount);
      const lightingFigures = (totals: LightingTotals): Record<string, number> => ({
        'lighting.costEuros': perYear(totals.costEuros),
        'lighting.energyMwh': perYear(totals.energyKwh) / 1000,
        'lighting.co2Tonnes': perYear(totals.emissionsKgCo2e) / 1000,
        'lighting.darkHours': perYear(totals.lampDarkHours) / lampCount,
      });
      const left = lightingFigures(result.baseline.totals);
      const right = lightingFigures(result.scenario.totals);
      const units: Record<string, [string, number]> = { 'lighting.costEuros': ['€', 0], 'lighting.energyMwh': ['MWh', 0], 'lighting.co2Tonnes': ['t CO2e', 1], 'lighting.darkHours': ['h', 0] };
      return {
        figures: Object.keys(units).map((k) => ({ key: k as FigureKey, left: left[k], right: right[k], unit: units[k][0], digits: units[k][1] })),
        assumptions: Object.entries(result.scenario.parameters).map(([k, value]) => ({ key: k, value })),
        scenarioName: scenario.name,
        period: { kind: 'year' as const, simulatedWeeks: null },
        lighting: { baseline: result.baseline.totals, scenario: result.scenario.totals, nights: result.scenario.nightCount },
      };
    })();
    this.lightingCache.set(key, pending);
    pending.catch(() => this.lightingCache.delete(key));
    return pending;
  }

  private wasteFigures(slide: SceneFile, territory: Territory): Promise<WasteEntry> {
    const settings = slide.waste!;
    const key = `${JSON.stringify(settings)}|${slide.time.slice(0, 10)}`;
    let pending = this.wasteCache.get(key);
    if (pending) return pending;
    pending = (async () => {
      if (!this.wasteWorker) this.wasteWorker = createWasteWorker();
      const api = this.wasteWorker.api;
      if (this.wastePreparedFor !== territory) {
        const { roads, collectionPoints, facilities, parameters, waste } = territory;
        await api.prepare({ roads, collectionPoints, facilities, parameters, waste });
        this.wastePreparedFor = territory;
      }
      const startDate = slide.time.slice(0, 10);
      const startMs = Date.parse(`${startDate}T00:00:00Z`);
      const days = settings.weeks * 7;
      const readings = (await this.waste.fillProvider?.(territory, startMs - (HISTORY_DAYS + 1) * 86_400_000, startMs + (days + 1) * 86_400_000)) ?? territory.collectionPoints.map(() => null);
      const previous = this.wasteQueue;
      const run = previous.then(() => api.run({
        requestId: ++this.wasteRequest,
        policy: settings.policy === 'fixed' ? { kind: 'fixed' } : { kind: 'fill-level', thresholdPercent: settings.thresholdPercent, collectionWeekdays: [] },
        fleet: fleetOf(territory, { vehicles: settings.vehicles, capacityKg: 7000, typeCounts: {} }),
        startDate,
        days,
        readings,
        iterations: ROUND_ITERATIONS,
        seed: ROUND_SEED,
      }));
      this.wasteQueue = run.catch(() => null);
      const result = await run;
      if (!result) throw new Error('cancelled');
      // Per year: the simulated weeks scaled to 52 (the assumption is listed with the others).
      const perYear = ASSUMPTIONS.wasteWeeksPerYear.value / settings.weeks;
      const wasteFigures = (totals: WasteTotals): Record<string, number> => ({
        'waste.km': totals.km * perYear,
        'waste.hours': totals.hours * perYear,
        'waste.dieselLitres': totals.dieselLitres * perYear,
        'waste.overflows': totals.overflows * perYear,
        'waste.costEuros': totals.costEuros * perYear,
        'waste.co2Tonnes': (totals.kgCo2e / 1000) * perYear,
      });
      const left = wasteFigures(result.baseline.totals);
      const right = wasteFigures(result.scenario.totals);
      const units: Record<string, [string, number]> = { 'waste.km': ['km', 0], 'waste.hours': ['h', 0], 'waste.dieselLitres': ['L', 0], 'waste.overflows': ['', 0], 'waste.costEuros': ['€', 0], 'waste.co2Tonnes': ['t CO2e', 1] };
      const assumptions: Array<{ key: string; value: SourcedValue }> = [{ key: 'wasteWeeksPerYear', value: sourcedDefault('wasteWeeksPerYear') }];
      for (const [name, fallback] of Object.entries(DEFAULT_WASTE_PARAMETERS)) {
        if (name === 'densityKgPerLitre') {
          for (const [stream, value] of Object.entries(fallback as Record<string, SourcedValue>)) assumptions.push({ key: `${name}.${stream}`, value: territory.parameters[`${name}.${stream}`] ?? value });
        } else assumptions.push({ key: name, value: territory.parameters[name] ?? (fallback as SourcedValue) });
      }
      const name = settings.policy === 'fill-level' ? `≥ ${settings.thresholdPercent} %` : '=';
      return {
        figures: {
          figures: Object.keys(units).map((k) => ({ key: k as FigureKey, left: left[k], right: right[k], unit: units[k][0], digits: units[k][1] })),
          assumptions,
          scenarioName: name,
          period: { kind: 'year' as const, simulatedWeeks: settings.weeks },
          waste: { baseline: result.baseline.totals, scenario: result.scenario.totals },
        },
        left: drawing(result.drawn.baseline, territory),
        right: drawing(result.drawn.scenario, territory),
      };
    })();
    this.wasteCache.set(key, pending);
    pending.catch(() => this.wasteCache.delete(key));
    return pending;
  }

  private async applyLighting(slide: SceneFile, index: number, territory: Territory, id: number): Promise<void> {
    this.rightScenario = null;
    this.lightingShown = null;
    if (!slide.lighting) {
      this.lighting.store.setState({ view: 'measured' });
      return;
    }
    const source = 'id' in slide.lighting ? `scenes/lighting/${slide.lighting.id}.json` : this.say('session.inlineSource');
    const json = 'id' in slide.lighting ? lightingFile(slide.lighting.id) : slide.lighting.inline;
    if (json === undefined || !this.lighting.propose(json, source)) {
      const refused = this.lighting.store.getState().refused;
      this.setFigures(index, { error: refused && json !== undefined ? refused.problems.map((problem) => describeScenarioProblem(this.twin.getState().language, problem)).join(' ; ') : `${source} ?` });
      return;
    }
    const scenario = this.lighting.store.getState().scenario;
    if (!scenario) return;
    const split = (slide.view?.mode ?? 'single') !== 'single';
    this.lightingShown = { id: 'id' in slide.lighting ? slide.lighting.id : null, scenario };
    this.rightScenario = split ? scenario : null;
    this.lighting.store.setState({ view: split ? 'baseline' : 'scenario' });
    this.comparison.setState({ leftLabel: { fr: 'Aujourd’hui', en: 'Today' }, rightLabel: { fr: scenario.name, en: scenario.name } });
    this.updateRightLevels();
    const pending = this.lightingFigures(scenario, Date.parse(slide.time), territory);
    let done = false;
    void pending.finally(() => (done = true));
    await Promise.resolve();
    if (!done) this.setFigures(index, 'computing');
    try {
      const figures = await pending;
      if (id === this.applyId) this.setFigures(index, this.pick(figures, slide));
    } catch (error) {
      if (id === this.applyId) this.setFigures(index, { error: (error as Error).message });
    }
  }

  private async applyWaste(slide: SceneFile, index: number, territory: Territory, id: number): Promise<void> {
    if (!slide.waste) {
      if (this.twin.getState().routes !== null && !this.waste.store.getState().open) this.twin.setState({ routes: null });
      return;
    }
    this.setFigures(index, 'computing');
    let entry: WasteEntry;
    try {
      entry = await this.wasteFigures(slide, territory);
    } catch (error) {
      if (id === this.applyId) this.setFigures(index, { error: (error as Error).message });
      return;
    }
    if (id !== this.applyId) return;
    const split = (slide.view?.mode ?? 'single') !== 'single';
    if (split) {
      this.twin.setState({ routes: null });
      this.comparison.setState({ leftRoutes: entry.left, rightRoutes: entry.right, leftLabel: { fr: 'Tournées fixes', en: 'Fixed rounds' }, rightLabel: { fr: `Au remplissage ${entry.figures.scenarioName}`, en: `By fill level ${entry.figures.scenarioName}` } });
    } else this.twin.setState({ routes: entry.right });
    const firstStart = entry.right?.trucks[0]?.startMs;
    if (firstStart) this.twin.setState({ time: firstStart + 4 * 3600_000 });
    this.setFigures(index, this.pick(entry.figures, slide));
  }

  /** Keeps the figures the slide asks for (all when it names none). */
  private pick(figures: SlideFigures, slide: SceneFile): SlideFigures {
    const wanted = slide.figures ?? [];
    if (wanted.length === 0) return figures;
    return { ...figures, figures: figures.figures.filter((figure) => wanted.includes(figure.key)).sort((a, b) => wanted.indexOf(a.key) - wanted.indexOf(b.key)) };
  }

  private setFigures(index: number, value: SessionState['figures'][number]): void {
    this.store.setState((state) => ({ figures: { ...state.figures, [index]: value } }));
  }

  /**
   * The scenario's lamp levels at the twin's time, for the right side. The worker computes the
   * night's levels once per night and scenario (`nightLevels`); the page reads them at each step,
   * as the lighting panel does, so no engine code runs on the main thread.
   */
  private updateRightLevels(): void {
    const territory = this.twin.getState().territory;
    const scenario = this.rightScenario;
    if (!scenario || !territory) {
      if (this.comparison.getState().rightLampLevels !== null) this.comparison.setState({ rightLampLevels: null });
      return;
    }
    const time = this.twin.getState().time;
    const night = this.rightNight;
    if (night && night.scenario === scenario && coversInstant(night.levels, time)) {
      this.rightLevels = levelsAt(night.levels, time, this.rightLevels ?? undefined);
      const shown = this.comparison.getState().rightLampLevels;
      const levels = this.rightLevels;
      if (!(shown && shown.length === levels.length && shown.every((level, index) => level === levels[index]))) this.comparison.setState({ rightLampLevels: levels.slice() });
      return;
    }
    void this.fetchRightNight(scenario, territory, time);
  }

  private rightNight: { scenario: Scenario; levels: NightLevels } | null = null;
  private rightNightRequest = 0;
  /** Resolves when the right side's levels for the slide are there. */
  private rightReady: Promise<void> = Promise.resolve();

  private fetchRightNight(scenario: Scenario, territory: Territory, time: number): Promise<void> {
    const request = ++this.rightNightRequest;
    this.rightReady = (async () => {
      const api = await this.lightingApi(territory);
      const levels = await api.nightLevels(scenario, time);
      if (request !== this.rightNightRequest || scenario !== this.rightScenario) return;
      this.rightNight = { scenario, levels };
      if (coversInstant(levels, this.twin.getState().time)) this.updateRightLevels();
    })().catch(() => undefined);
    return this.rightReady;
  }

  private async lightingApi(territory: Territory) {
    if (!this.lightingWorker) this.lightingWorker = createLightingWorker();
    const api = this.lightingWorker.api;
    if (this.lightingTerritorySent !== territory) {
      this.lightingTerritorySent = territory;
      this.lightingTerritoryReady = api.setTerritory(lightingTerritory(territory)).then(() => undefined);
    }
    await this.lightingTerritoryReady;
    return api;
  }

  private lightingTerritoryReady: Promise<void> = Promise.resolve();

  // --- Engineer: building sessions -----------------------------------------------------------------

  /** A slide from what is on screen now. */
  captureScene(): SceneFile | null {
    const globe = this.globe.current;
    const twin = this.twin.getState();
    if (!globe) return null;
    const camera: LinkCamera = readCamera(globe.widget);
    const comparison = this.comparison.getState();
    const lightingState = this.lighting.store.getState();
    const scenario = lightingState.scenario;
    const fileId = scenario ? LIGHTING_FILE_IDS.find((id) => JSON.stringify(lightingFile(id)) === JSON.stringify(scenario)) : undefined;
    const number = (this.store.getState().session?.slides.length ?? 0) + 1;
    const wasteState = this.waste.store.getState();
    const scene = {
      version: 2,
      id: `vue-${number}-${Date.now().toString(36)}`,
      territory: 'demo/manifest.json',
      title: { fr: `Vue ${number}`, en: `View ${number}` },
      caption: twin.caption ?? { fr: '', en: '' },
      camera: { lon: camera.lon, lat: camera.lat, heightMetres: camera.heightMetres, headingDegrees: camera.headingDegrees, pitchDegrees: Math.min(0, camera.pitchDegrees) },
      time: new Date(twin.time).toISOString(),
      playing: twin.playing,
      timeBar: 'clock',
      layers: { ...twin.visible },
      ...(lightingState.view === 'scenario' || comparison.mode !== 'single' ? (scenario ? { lighting: fileId ? { id: fileId } : { inline: scenario as unknown as Record<string, unknown> } } : {}) : {}),
      ...(wasteState.result && wasteState.open ? { waste: { policy: wasteState.policy, thresholdPercent: wasteState.thresholdPercent, vehicles: wasteState.vehicles, weeks: wasteState.weeks } } : {}),
      view: { mode: comparison.mode, divider: comparison.divider },
      figures: [],
    };
    const migrated = migrateScene(scene);
    return migrated.ok ? migrated.value : null;
  }

  /** Adds the current view as a slide (a new session when none is open). */
  capture(): void {
    const scene = this.captureScene();
    if (!scene) return;
    const state = this.store.getState();
    const session: Session = state.session
      ? { ...state.session, slides: [...state.session.slides, scene] }
      : {
          format: SESSION_FORMAT,
          version: SESSION_VERSION,
          id: `seance-${new Date().toISOString().slice(0, 10)}`,
          title: { fr: 'Nouvelle séance', en: 'New session' },
          date: new Date().toISOString().slice(0, 10),
          author: 'Services techniques',
          slides: [scene],
        };
    this.store.setState({ session, origin: state.origin ?? 'browser', index: session.slides.length - 1 });
  }

  update(change: (session: Session) => Session): void {
    const session = this.store.getState().session;
    if (!session) return;
    const next = change(structuredClone(session));
    this.captures.clear();
    this.store.setState({ session: next, index: Math.min(this.store.getState().index, next.slides.length - 1), figures: {} });
  }

  move(from: number, to: number): void {
    this.update((session) => {
      if (to < 0 || to >= session.slides.length) return session;
      const [slide] = session.slides.splice(from, 1);
      session.slides.splice(to, 0, slide);
      return session;
    });
  }

  remove(index: number): void {
    const session = this.store.getState().session;
    if (!session || session.slides.length <= 1) return;
    this.update((s) => ({ ...s, slides: s.slides.filter((_, i) => i !== index) }));
  }

  /** Saves the session in this browser (by id). */
  save(): void {
    const session = this.store.getState().session;
    if (!session) return;
    const saved = [...this.store.getState().saved.filter((s) => s.id !== session.id), session];
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
      this.store.setState({ saved, message: null });
    } catch (error) {
      this.store.setState({ message: this.say('session.saveFailed', { detail: (error as Error).message }) });
    }
  }

  exportText(): string | null {
    const session = this.store.getState().session;
    return session ? JSON.stringify(session, null, 2) : null;
  }

  /** Reads a session file; on any problem says what and where, and keeps the session shown. */
  importText(text: string, fileName: string): boolean {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.store.setState({ message: this.say('session.unreadableFile', { file: fileName, detail: (error as Error).message }) });
      return false;
    }
    const migrated = migrateSession(json, sceneFile);
    if (!migrated.ok) {
      this.store.setState({ message: this.say('session.refusedFile', { file: fileName, detail: describeProblems(migrated.problems) }) });
      return false;
    }
    this.store.setState({ message: null });
    void this.open(migrated.value, 'import', 0, true);
    return true;
  }
}

/** Each assumption's source in the page's language. */
export function assumptionText(key: string, value: SourcedValue, language: 'fr' | 'en'): string {
  return sourceIn(key, value, language);
}
