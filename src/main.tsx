import './domain/zodConfig';
performance.mark('vigie:main');
import './globe/cesiumBase';
import { health, installHealth } from './app/health';
installHealth();
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { findScene, loadIntoStore } from './app/bootstrap';
import { AppContext, type AppContextValue } from './app/context';
import { readParams } from './app/params';
import { LightingController, createLightingStore } from './app/lighting/lightingStore';
import { WasteController, createWasteStore } from './app/waste/wasteStore';
import { SensorController, createSensorStore } from './app/sensors/sensorController';
import { ImportController } from './app/import/importController';
import { createTwinStore, type Selection } from './store/store';
import { setDisplayTimeZone } from './app/i18n';
import { DEFAULT_TIME_ZONE } from './domain/time/zonedTime';
import './app/styles.css';
import { setupSession } from './app/session/setup';
import { SessionContext } from './app/session/context';
import { whenTwinReady } from './app/session/ready';
import { createCommuneController, readCommuneParams } from './app/commune';
import './app/commune/commune.css';
import './app/a11y.css';

const params = readParams(window.location.search);
const store = createTwinStore({ language: params.language, mode: params.mode });
// Dates are shown on the territory's clock (its manifest's `timeZone`).
store.subscribe((state, previous) => {
  if (state.territory !== previous.territory) setDisplayTimeZone(state.territory?.timeZone ?? DEFAULT_TIME_ZONE);
});
const lighting = new LightingController(createLightingStore(), store);
if (params.mode === 'engineer') lighting.store.setState({ open: true });
const waste = new WasteController(createWasteStore(), store);
const sensors = new SensorController(createSensorStore(), store);
const imports = new ImportController(store);
lighting.measured = (time, out) => sensors.cabinetLevels(time, out);
// The what-if reads the sensors' history: it waits for it to be loaded (a session computes its slides' figures early).
waste.fillProvider = async (territory, fromMs, toMs) => {
  await sensors.historyReady();
  return sensors.readingsByPoint(territory, fromMs, toMs);
};
// The metered cabinets' lamps follow their meters (not every live batch: most change no meter):
// after a live restyle within the frame's budget, the rest on the next frames; else at once.
sensors.store.subscribe((state, previous) => {
  if (state.metersVersion !== previous.metersVersion) lighting.updateLevels();
});
sensors.lampsFollow = (budgetMs) => lighting.followMeters(budgetMs);
// One side panel at a time.
lighting.store.subscribe((state, previous) => {
  if (state.open && !previous.open) waste.store.setState({ open: false });
});
waste.store.subscribe((state, previous) => {
  if (state.open && !previous.open) lighting.store.setState({ open: false });
});
const context: AppContextValue = { store, globe: { current: null }, lighting, waste, sensors, imports };
// Council sessions and share links (src/app/session): the link may name a session and its slide.
const sessionSetup = setupSession(context, params.scene, window.location.search);
const found = findScene(sessionSetup.forceDefault ? 'default' : params.scene);
const scene = sessionSetup.startScene ?? found.scene;
const problems = found.problems;
// A session's first slide is applied as soon as the territory is read: its figures and lamp levels
// are computed while the first view loads, and the slide is ready once that view is drawn.
const stopWaiting = store.subscribe((state) => {
  if (state.status !== 'ready' || !state.territory) return;
  stopWaiting();
  void sessionSetup.openStartView();
});
whenTwinReady(() => void sessionSetup.whenReady());
document.documentElement.dataset.mode = params.mode;

if (params.debug) {
  // The debug API (see README): state and statistics for tests and benchmarks.
  (window as unknown as { vigie: unknown }).vigie = {
    state: () => {
      const state = store.getState();
      return {
        status: state.status,
        language: state.language,
        mode: state.mode,
        visible: state.visible,
        selection: state.selection,
        problems: state.problems,
        territory: state.territory ? { name: state.territory.name, bounds: state.territory.bounds, timeZone: state.territory.timeZone } : null,
      };
    },
    /** Globe statistics and the page's health (uptime, heap, workers, DOM nodes, last error). */
    stats: () => ({ ...(context.globe.current?.stats() ?? {}), ...health() }),
    renderFrame: () => context.globe.current?.renderFrame() ?? null,
    screenPosition: (layer: Selection['layer'], id: string) => context.globe.current?.screenPosition({ layer, id }) ?? null,
    store,
    /** The 3D view itself, for diagnosis in the console. */
    globe: () => context.globe.current,
    lighting: () => lighting.store.getState(),
    waste: () => waste.store.getState(),
    sensors: () => ({ ...sensors.store.getState(), observations: sensors.series.totalCount, bytes: sensors.series.bytes() }),
    restyleSensors: () => sensors.restyle(),
    /** The slowest of the last restyles from `since` (ms) on, with where their time went (src/app/sensors/liveStatus.ts). */
    restyleWorst: (n: number, since?: number) => sensors.restyleLog.worst(n, since),
    imports: () => imports.store.getState(),
    session: () => sessionSetup.value,
    /** Live figures for `npm run bench:series`: latency percentiles with a window left out, restyle percentiles of the restyles from `restyleSince` (ms) on. */
    storedTwice: () => sensors.series.repeatedTimes(),
    reading: (sensorId: string, time: number) => sensors.readingAt(sensorId, time),
    live: (q: number, skipFrom?: number, skipTo?: number, restyleSince = 0) => ({
      latencyMs: sensors.latency.percentile(q, skipFrom, skipTo),
      latencySamples: sensors.latency.countOutside(skipFrom ?? Number.POSITIVE_INFINITY, skipTo ?? Number.NEGATIVE_INFINITY),
      restyleMs: sensors.restyles.percentile(q, Number.NEGATIVE_INFINITY, restyleSince - 1),
      restyles: sensors.restyles.countOutside(Number.NEGATIVE_INFINITY, restyleSince - 1),
      /** The panels' tasks that follow restyles after their frame (version, alert list, React's renders). */
      panelsMs: sensors.panels.percentile(q, Number.NEGATIVE_INFINITY, restyleSince - 1),
      panels: sensors.panels.countOutside(Number.NEGATIVE_INFINITY, restyleSince - 1),
    }),
    /** Where live batches' first readings waited, ms (percentile `q`, a window left out): src/app/sensors/sensorController.ts `latencyPhases`. */
    latencyPhases: (q: number, skipFrom?: number, skipTo?: number) => Object.fromEntries(Object.entries(sensors.latencyPhases).map(([phase, recorder]) => [phase, recorder.percentile(q, skipFrom, skipTo)])),
    /** The camera: where it is and, in the kiosk, whether it is within the territory's limits. */
    camera: () => {
      const globe = context.globe.current;
      if (!globe) return null;
      const at = globe.widget.camera.positionCartographic;
      return { lon: (at.longitude * 180) / Math.PI, lat: (at.latitude * 180) / Math.PI, height: at.height, pitch: globe.widget.camera.pitch, inBounds: globe.kioskCamera?.inBounds() ?? null };
    },
  };
}

if (params.mode === 'kiosk') {
  // The public kiosk has its own screen (src/app/kiosk), loaded only in that mode.
  void import('./app/kiosk/start').then(({ startKiosk }) => startKiosk(document.getElementById('root')!, context, scene, params, sessionSetup.value));
} else {
  // The service worker, in an installed app or with ?sw=1 (see src/app/kiosk/serviceWorker.ts).
  void import('./app/kiosk/serviceWorker').then(({ registerServiceWorker, shouldRegister }) => {
    if (shouldRegister(params.mode, window.location.search)) registerServiceWorker(() => undefined);
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={context}>
        <SessionContext.Provider value={sessionSetup.value}>
          <App scene={scene} msaaSamples={params.msaaSamples} />
        </SessionContext.Provider>
      </AppContext.Provider>
    </StrictMode>,
  );
}

// A real territory kept in this browser (`?stored=`) opens in place of the demo, without network;
// `?commune=INSEE` / `?epci=SIREN` open the demo and ask for consent to build that territory.
const communeParams = readCommuneParams(window.location.search);
const commune = createCommuneController(store);
// A real territory opened over the demo has no sensors: its alerts must not stay on screen.
store.subscribe((state, previous) => {
  if (state.territory && state.territory !== previous.territory && state.territory.sensors.length === 0) sensors.store.setState({ alerts: [] });
});
if (params.debug) (window as unknown as { vigie: Record<string, unknown> }).vigie.commune = () => commune.lastBuild;
const loadDemo = () =>
  loadIntoStore(store, params, scene, problems).catch((error: unknown) => {
    store.setState({ status: 'failed', problems: [{ code: 'missing-file', file: scene.territory, detail: String(error) }] });
  });
if (communeParams.stored) {
  void commune.openStored(communeParams.stored).then((opened) => (opened ? undefined : loadDemo()));
} else {
  void loadDemo();
  if (communeParams.commune) void commune.chooseByCode('commune', communeParams.commune);
  else if (communeParams.epci) void commune.chooseByCode('epci', communeParams.epci);
}
