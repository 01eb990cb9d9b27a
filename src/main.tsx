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
import { fillingSpeedFromReadings } from './domain/waste/fillRate';
import { createTwinStore, type Selection } from './store/store';
import './app/styles.css';

const params = readParams(window.location.search);
const store = createTwinStore({ language: params.language, mode: params.mode });
const lighting = new LightingController(createLightingStore(), store);
if (params.mode === 'engineer') lighting.store.setState({ open: true });
const waste = new WasteController(createWasteStore(), store);
const sensors = new SensorController(createSensorStore(), store);
lighting.measured = (time) => sensors.cabinetLevels(time);
waste.fillProvider = (territory, time) => sensors.fillByPoint(territory, time, fillingSpeedFromReadings);
sensors.store.subscribe((state, previous) => {
  if (state.version !== previous.version) lighting.updateLevels();
});
// One side panel at a time.
lighting.store.subscribe((state, previous) => {
  if (state.open && !previous.open) waste.store.setState({ open: false });
});
waste.store.subscribe((state, previous) => {
  if (state.open && !previous.open) lighting.store.setState({ open: false });
});
const context: AppContextValue = { store, globe: { current: null }, lighting, waste, sensors };
const { scene, problems } = findScene(params.scene);
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
        territory: state.territory ? { name: state.territory.name, bounds: state.territory.bounds } : null,
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
  void import('./app/kiosk/start').then(({ startKiosk }) => startKiosk(document.getElementById('root')!, context, scene, params));
} else {
  // The service worker, in an installed app or with ?sw=1 (see src/app/kiosk/serviceWorker.ts).
  void import('./app/kiosk/serviceWorker').then(({ registerServiceWorker, shouldRegister }) => {
    if (shouldRegister(params.mode, window.location.search)) registerServiceWorker(() => undefined);
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppContext.Provider value={context}>
        <App scene={scene} msaaSamples={params.msaaSamples} />
      </AppContext.Provider>
    </StrictMode>,
  );
}

void loadIntoStore(store, params, scene, problems).catch((error: unknown) => {
  store.setState({ status: 'failed', problems: [{ code: 'missing-file', file: scene.territory, detail: String(error) }] });
});
