/**
 * The 3D view: the only place that touches Cesium. Builds the widget, terrain, imagery and feature
 * layers from the store's territory, keeps them in step with the store, reports picks back to it,
 * and says when the first scene is fully drawn.
 */
import {
  BillboardCollection,
  BoundingSphere,
  Cartesian2,
  Cartesian3,
  CesiumWidget,
  Color,
  HeadingPitchRange,
  ImageryLayer,
  PrimitiveCollection,
  JulianDate,
  Math as CesiumMath,
  ScreenSpaceEventHandler,
  SceneTransforms,
  ScreenSpaceEventType,
  VerticalOrigin,
  type Billboard,
} from 'cesium';
import { villageCentres } from '../domain/communes';
import type { SceneCameraSpec } from '../domain/scene';
import type { Territory } from '../domain/territory';
import type { FeatureLayer, Selection, TwinState, TwinStore } from '../store/store';
import { selectionIcon } from './icons';
import {
  BuildingsLayer,
  CabinetsLayer,
  CommuneLabelsLayer,
  FacilitiesLayer,
  Ground,
  StreetLightsLayer,
  collectionPointsLayer,
  SensorsLayer,
  type GlobeLayer,
  type PickId,
} from './layers';
import { addGround, createWidget, flyHome } from './base';
import { StreetFurniture } from './furniture';
import { RoutesLayer } from './routes';
import { ImportPreviewLayer } from './importPreview';
import { KioskCamera } from './kioskCamera';
import { releaseStaleCommands, sceneViews } from './staleCommands';
import { releaseCompiledShaderTexts, sceneContext, sceneShaderCache } from './shaderSources';
import { onlyLevelsChanged } from './inView';
import { captureCanvas } from './camera';

export interface GlobeOptions {
  msaaSamples: number;
  /** ISO time of the scene (sun position). */
  time: string;
  camera: SceneCameraSpec;
  /** Kiosk: the camera kept within the territory (see kioskCamera.ts). */
  kiosk?: boolean;
  /** The WebGL context was lost or the render loop failed: the view must be rebuilt. */
  onLost?: (reason: string) => void;
}

export interface GlobeStats {
  features: Partial<Record<FeatureLayer, number>>;
  lastFrameCpuMilliseconds: number;
  frames: number;
  tilesLoaded: boolean;
  /** Cells of 3D street furniture on the globe. */
  furnitureCells: number;
  /** Cesium primitives in the scene, collections' members included (see countPrimitives). */
  primitives: number;
  /** Times the camera was brought back within the kiosk's limits. */
  cameraCorrections: number;
}

/** Primitives in a collection and its nested collections (a collection counts as one too). */
export function countPrimitives(collection: { length: number; get(index: number): unknown }): number {
  let count = 0;
  for (let i = 0; i < collection.length; i++) {
    const item = collection.get(i);
    count++;
    if (item instanceof PrimitiveCollection) count += countPrimitives(item);
  }
  return count;
}

const scratchDate = new Date(0);
/** How often the shader programs linked meanwhile lose their GLSL texts (see shaderSources.ts), in frames drawn. */
const SHADER_TEXTS_EVERY_FRAMES = 30;

/** Terrain and imagery tiles a kiosk keeps beyond those on screen (Cesium's default is 100; the desk's 400). */
const KIOSK_TILE_CACHE = 60;
/**
 * The resolution of the frames drawn while a territory's first view loads (terrain and imagery
 * tiles arriving level by level, layers being made): a quarter of the pixels. Where the GPU is the
 * limit (a kiosk's small PC, software WebGL), each of those frames costs about a quarter, and the
 * tiles' workers get the CPU back; the view is ready once a frame at full resolution shows it all.
 * Tiles are chosen the same (Cesium's screen-space error divides by the pixel ratio).
 */
const LOADING_RESOLUTION = 0.5;
/** A view that never completes (a layer or a tile source that keeps failing) is not left blurred past this. */
const LOADING_RESOLUTION_LIMIT_MS = 60_000;

/** A camera position kept by `TwinGlobe.saveView`. */
export interface SavedView {
  readonly position: Cartesian3;
  readonly direction: Cartesian3;
  readonly up: Cartesian3;
}

export class TwinGlobe {
  readonly widget: CesiumWidget;
  private readonly layers = new Map<FeatureLayer, GlobeLayer>();
  private readonly overlays = new Map<FeatureLayer, ImageryLayer>();
  private communeLabels: CommuneLabelsLayer | null = null;
  private tileLayers = new Map<string, ImageryLayer>();
  private furniture: StreetFurniture | null = null;
  private routes: RoutesLayer | null = null;
  private importPreview: ImportPreviewLayer | null = null;
  private readonly selectionMarker: BillboardCollection;
  private selectionBillboard: Billboard | null = null;
  private readonly handler: ScreenSpaceEventHandler;
  private readonly unsubscribe: () => void;
  private ground = new Ground(null);
  private territory: Territory | null = null;
  private frameStart = 0;
  private lastFrameCpuMilliseconds = 0;
  private frames = 0;
  private readyReported = false;
  /** The resolution scale to come back to once the first view is loaded (see LOADING_RESOLUTION). */
  private fullResolution: number | null = null;
  private resolutionTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last frame drawn began (its preUpdate; Cesium raises preUpdate on every tick, drawn or not). */
  private drawnFrameStart = Number.NEGATIVE_INFINITY;
  /** Who waits for a frame begun at or after a time (see frameAfter). */
  private frameWaiters: Array<{ after: number; resolve: () => void }> = [];
  /** A territory's feature layers wait for its ground's first frame (see build). */
  private layersPending = false;
  private layersScheduled = false;
  private destroyed = false;
  private lostReported = false;
  private readonly onContextLost: (event: Event) => void;
  private readonly removeRenderError: () => void;
  /** The kiosk's bounded camera, in kiosk mode only. */
  readonly kioskCamera: KioskCamera | null;

  constructor(
    container: HTMLElement,
    private readonly store: TwinStore,
    private readonly options: GlobeOptions,
    private readonly onReady: () => void,
  ) {
    this.widget = createWidget(container, options.msaaSamples);
    performance.mark('vigie:globe-created');
    // Created while the territory is still being read (the WebGL context and Cesium's start-up
    // overlap the download); the globe is drawn once there is a territory to draw.
    this.widget.scene.globe.show = false;
    const scene = this.widget.scene;
    this.kioskCamera = options.kiosk ? new KioskCamera(this.widget, this.ground) : null;
    // A kiosk runs for weeks and its visitors roam the whole territory: a small tile cache keeps its
    // memory flat (tiles are computed in the page from the territory's own data, cheap to redo).
    if (options.kiosk) scene.globe.tileCacheSize = KIOSK_TILE_CACHE;
    this.widget.clock.currentTime = JulianDate.fromIso8601(options.time);
    this.widget.clock.shouldAnimate = false;

    const views = sceneViews(scene);
    const shaderCache = sceneShaderCache(scene);
    const shaderContext = sceneContext(scene);
    scene.preUpdate.addEventListener(() => {
      this.frameStart = performance.now();
    });
    scene.postRender.addEventListener(() => {
      this.lastFrameCpuMilliseconds = performance.now() - this.frameStart;
      this.drawnFrameStart = this.frameStart;
      this.releaseFrameWaiters();
      // Cesium's per-pass command arrays keep the last frames' commands past their counts, and with
      // them the destroyed furniture models: cleared after each frame (src/globe/staleCommands.ts).
      releaseStaleCommands(views);
      // The GLSL texts of the programs linked meanwhile, now and then; those of programs not linked
      // yet become computed when needed (src/globe/shaderSources.ts).
      if (this.frames % SHADER_TEXTS_EVERY_FRAMES === 0) releaseCompiledShaderTexts(shaderCache, shaderContext);
      if (this.frames++ === 0) performance.mark('vigie:first-frame');
      if (this.layersPending && !this.layersScheduled) {
        this.layersScheduled = true;
        setTimeout(() => {
          this.layersScheduled = false;
          if (this.layersPending) this.buildLayers();
        }, 0);
      }
      this.checkReady();
    });

    // A lost context (GPU reset, driver update, WEBGL_lose_context) or a render error: say so once
    // and let the host rebuild the view rather than show Cesium's error panel to the public.
    const lost = (reason: string) => {
      if (this.lostReported || this.destroyed) return;
      this.lostReported = true;
      options.onLost?.(reason);
    };
    this.onContextLost = (event: Event) => {
      event.preventDefault();
      lost('webglcontextlost');
    };
    scene.canvas.addEventListener('webglcontextlost', this.onContextLost);
    this.removeRenderError = scene.renderError.addEventListener((_scene: unknown, error: unknown) => lost(`render error: ${String(error)}`));

    this.selectionMarker = new BillboardCollection({ scene });
    scene.primitives.add(this.selectionMarker);

    this.handler = new ScreenSpaceEventHandler(scene.canvas);
    this.handler.setInputAction((event: { position: Cartesian2 }) => this.pick(event.position), ScreenSpaceEventType.LEFT_CLICK);

    this.unsubscribe = store.subscribe((state, previous) => this.update(state, previous));
    this.update(store.getState(), null);
  }

  private update(state: TwinState, previous: TwinState | null): void {
    if (this.destroyed) return;
    if (state.territory && state.territory !== previous?.territory) this.build(state);
    if (!previous || state.visible !== previous.visible) this.applyVisibility(state.visible);
    if (!previous || state.selection !== previous.selection) this.showSelection(state.selection);
    if (!previous || state.time !== previous.time) {
      scratchDate.setTime(state.time);
      JulianDate.fromDate(scratchDate, this.widget.clock.currentTime);
    }
    this.routes?.update(state);
    // Every feature layer follows the store through one `update` (src/globe/lifecycle.ts).
    for (const layer of this.layers.values()) layer.update(state);
    this.communeLabels?.update(state);
    if (previous && state.importPreview !== previous.importPreview) {
      this.importPreview ??= new ImportPreviewLayer(this.widget.scene);
      this.importPreview.set(state.importPreview, this.ground);
    }
    // The layers ask for a frame themselves when new lamp or sensor levels change what can be seen;
    // any other change of the state gets one here.
    if (!previous || !onlyLevelsChanged(state, previous)) this.widget.scene.requestRender();
  }

  private build(state: TwinState): void {
    performance.mark('vigie:build-start');
    const territory = state.territory!;
    this.territory = territory;
    // A new territory (a real commune opened over the demo) is ready once it is drawn in turn.
    this.readyReported = false;
    if (this.fullResolution === null) {
      this.fullResolution = this.widget.resolutionScale;
      this.widget.resolutionScale = this.fullResolution * LOADING_RESOLUTION;
    }
    clearTimeout(this.resolutionTimer);
    this.resolutionTimer = setTimeout(() => this.restoreResolution(), LOADING_RESOLUTION_LIMIT_MS);
    const scene = this.widget.scene;
    for (const layer of this.layers.values()) layer.destroy();
    this.layers.clear();
    this.communeLabels?.destroy();
    this.furniture?.destroy();
    scene.imageryLayers.removeAll();
    this.overlays.clear();

    if (state.heightmap) this.ground = new Ground(state.heightmap);
    scene.globe.show = true;
    const overlays = addGround(this.widget, territory, state.heightmap, state.landCover, state.imageryTiles);
    this.tileLayers = overlays.tiles;
    this.overlays.set('roads', overlays.roads);
    this.overlays.set('communes', overlays.communes);

    const ground = this.ground;
    this.kioskCamera?.setTerritory(territory.bounds, ground);
    this.applyVisibility(state.visible);
    this.setCamera(this.options.camera);
    // The feature layers are built once the ground's first frame is drawn: the terrain and imagery
    // tiles (computed in Cesium's workers) are then already on their way while the layers are made.
    this.layersPending = true;
    this.widget.scene.requestRender();
  }

  private buildLayers(): void {
    this.layersPending = false;
    const state = this.store.getState();
    const territory = this.territory;
    if (this.destroyed || !territory || state.territory !== territory) return;
    const scene = this.widget.scene;
    const ground = this.ground;
    this.layers.set('buildings', new BuildingsLayer(scene, territory.buildings, ground));
    this.layers.set('streetLights', new StreetLightsLayer(scene, territory, ground));
    this.layers.set('cabinets', new CabinetsLayer(scene, territory, ground));
    this.layers.set('collectionPoints', collectionPointsLayer(scene, territory, ground));
    this.layers.set('sensors', new SensorsLayer(scene, territory, ground, this.layers.get('cabinets') as CabinetsLayer));
    this.layers.set('facilities', new FacilitiesLayer(scene, territory, ground));
    this.communeLabels = new CommuneLabelsLayer(scene, territory, ground);
    this.furniture = new StreetFurniture(scene, territory, ground);
    this.routes?.destroy();
    this.routes = new RoutesLayer(scene, ground);
    this.routes.update(state);
    for (const layer of this.layers.values()) layer.update(state);
    this.communeLabels.update(state);
    this.applyVisibility(state.visible);
    this.furniture.refresh();
    this.onBuilt?.();
    performance.mark('vigie:build-end');
    scene.requestRender();
  }

  private applyVisibility(visible: Record<FeatureLayer, boolean>): void {
    // The imagery overlays (roads, boundaries) and the 3D street furniture; feature layers follow `update`.
    for (const [name, overlay] of this.overlays) overlay.show = visible[name];
    this.furniture?.setVisibility(visible);
  }

  private pick(position: Cartesian2): void {
    const picked = this.widget.scene.pick(position) as { id?: unknown } | undefined;
    const id = picked?.id as PickId | undefined;
    if (id && typeof id === 'object' && 'layer' in id && 'id' in id) this.store.getState().select({ layer: id.layer, id: id.id });
    else this.store.getState().select(null);
  }

  /** Where a selected feature stands, in degrees. */
  private positionOf(selection: Selection): [number, number] | null {
    const territory = this.territory;
    if (!territory) return null;
    const list =
      selection.layer === 'streetLights'
        ? territory.streetLights
        : selection.layer === 'cabinets'
          ? territory.cabinets
          : selection.layer === 'collectionPoints'
            ? territory.collectionPoints
            : selection.layer === 'facilities'
              ? territory.facilities
              : selection.layer === 'sensors'
                ? territory.sensors
                : territory.buildings;
    const feature = (list as Array<{ id: string; position: [number, number] }>).find((item) => item.id === selection.id);
    return feature ? feature.position : null;
  }

  private showSelection(selection: Selection | null): void {
    if (this.selectionBillboard) {
      this.selectionMarker.remove(this.selectionBillboard);
      this.selectionBillboard = null;
    }
    if (!selection) return;
    const at = this.positionOf(selection);
    if (!at) return;
    const icon = selectionIcon();
    this.selectionBillboard = this.selectionMarker.add({
      position: this.ground.position(at[0], at[1], 3),
      image: icon.image,
      imageId: icon.id,
      verticalOrigin: VerticalOrigin.CENTER,
      scale: 0.7,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    } as Billboard.ConstructorOptions);
  }

  /** For the split view (src/globe/comparison.ts). */
  get groundModel(): Ground {
    return this.ground;
  }

  get currentTerritory(): Territory | null {
    return this.territory;
  }

  streetLightsLayer(): StreetLightsLayer | null {
    return (this.layers.get('streetLights') as StreetLightsLayer | undefined) ?? null;
  }

  /** Called after each build (the split view restyles its own primitives). */
  onBuilt: (() => void) | null = null;

  /** Shows or hides a stored imagery layer (aerial photo, Plan IGN). */
  setImageryVisible(id: string, visible: boolean): void {
    const layer = this.tileLayers.get(id);
    if (layer) layer.show = visible;
    this.widget.scene.requestRender();
  }

  /** The whole territory, seen from the south at an angle. */
  /** Flies over the whole territory; resolves as setCamera does. */
  home(durationSeconds = 1.5, placed?: (at: number) => void): Promise<number> {
    const arrived = this.arrival(durationSeconds, placed);
    if (this.territory) flyHome(this.widget, this.territory, this.ground, durationSeconds, arrived.done);
    else arrived.done();
    return arrived.promise;
  }

  /**
   * Puts the camera on a scene's view, in a flight of `durationSeconds` (0: at once). Resolves with
   * the time (performance.now()) the camera reached its place, or was sent elsewhere: the frame
   * that follows is the first to show it there (Cesium ends a flight in the frame's tween update,
   * before that frame's preUpdate; see frameAfter). `placed` is called at that moment, before the
   * frame is drawn (a promise's continuation would only run after it).
   */
  setCamera(camera: SceneCameraSpec, durationSeconds = 0, placed?: (at: number) => void): Promise<number> {
    if (camera === 'home') return this.home(durationSeconds, placed);
    const arrived = this.arrival(durationSeconds, placed);
    if ('focus' in camera) {
      const territory = this.territory;
      if (!territory) {
        arrived.done();
        return arrived.promise;
      }
      const centres = villageCentres(territory);
      const seat = territory.communes.reduce((best, commune) => (commune.population > best.population ? commune : best), territory.communes[0]);
      const at = centres.get(camera.focus === 'seat' ? seat?.id ?? '' : camera.focus);
      if (!at) return this.home(durationSeconds, placed);
      const sphere = new BoundingSphere(this.ground.position(at[0], at[1], 0), 10);
      const offset = new HeadingPitchRange(CesiumMath.toRadians(camera.headingDegrees), CesiumMath.toRadians(camera.pitchDegrees), camera.rangeMetres);
      this.widget.camera.flyToBoundingSphere(sphere, { offset, duration: durationSeconds, complete: arrived.done, cancel: arrived.done });
      this.widget.scene.requestRender();
      return arrived.promise;
    }
    const destination = Cartesian3.fromDegrees(camera.lon, camera.lat, camera.heightMetres);
    const orientation = { heading: CesiumMath.toRadians(camera.headingDegrees), pitch: CesiumMath.toRadians(camera.pitchDegrees), roll: 0 };
    if (durationSeconds > 0) this.widget.camera.flyTo({ destination, orientation, duration: durationSeconds, complete: arrived.done, cancel: arrived.done });
    else {
      this.widget.camera.setView({ destination, orientation });
      arrived.done();
    }
    this.widget.scene.requestRender();
    return arrived.promise;
  }

  /** A camera move's end: when the flight completes or is cancelled, or at the latest its duration and 1.5 s (no frame drawn). */
  private arrival(durationSeconds: number, placed?: (at: number) => void): { promise: Promise<number>; done: () => void } {
    let done: () => void = () => undefined;
    const promise = new Promise<number>((resolve) => {
      let finished = false;
      done = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        const at = performance.now();
        placed?.(at);
        resolve(at);
      };
      const timer = setTimeout(done, durationSeconds * 1000 + 1500);
    });
    return { promise, done };
  }

  /**
   * Resolves once a frame that began at or after `time` (performance.now()) has been drawn: at once
   * if the last drawn frame did, else at the end of the next such frame (one is requested). What
   * was in place at `time` (camera, restyled layers) is then on screen.
   */
  frameAfter(time: number): Promise<void> {
    if (this.destroyed || this.drawnFrameStart >= time) return Promise.resolve();
    return new Promise((resolve) => {
      this.frameWaiters.push({ after: time, resolve });
      this.widget.scene.requestRender();
    });
  }

  private releaseFrameWaiters(): void {
    if (this.frameWaiters.length === 0) return;
    const waiting = this.frameWaiters;
    this.frameWaiters = [];
    for (const waiter of waiting) {
      if (this.destroyed || waiter.after <= this.drawnFrameStart) waiter.resolve();
      else this.frameWaiters.push(waiter);
    }
    if (this.frameWaiters.length > 0) this.widget.scene.requestRender();
  }

  /** Flies close to a feature, looking at it from the south. */
  flyTo(lon: number, lat: number, rangeMetres = 250): void {
    const sphere = new BoundingSphere(this.ground.position(lon, lat, 0), 10);
    this.widget.camera.flyToBoundingSphere(sphere, { offset: new HeadingPitchRange(0, CesiumMath.toRadians(-35), rangeMetres), duration: 1.5 });
  }

  private prepared = false;

  /**
   * Work the first view did not need but a later one will, done once at a quiet moment (the
   * session calls it once a slide is ready, in idle time): the lookup table of Cesium's model
   * lighting (a 256 × 256 pass of 1,024 samples a pixel and its program), which Cesium otherwise
   * makes on the frame where the first street-furniture model comes into view.
   */
  prepareLater(): void {
    if (this.prepared || this.destroyed || !this.furniture) return;
    this.prepared = true;
    const scene = this.widget.scene as unknown as { _brdfLutGenerator?: { update(frameState: unknown): void }; frameState: unknown };
    scene._brdfLutGenerator?.update(scene.frameState);
  }

  /** Whether the feature layers and the street furniture around the camera are drawn, and (with `tiles`) all terrain and imagery tiles too. */
  settled(tiles = true): boolean {
    if (this.destroyed || !this.territory || this.layersPending) return false;
    return (!tiles || this.widget.scene.globe.tilesLoaded) && [...this.layers.values()].every((layer) => layer.isReady()) && (this.furniture?.isReady() ?? true);
  }

  /**
   * A still picture of the view as it is now, laid over it (a 2D canvas above Cesium's, letting
   * touches through): what the kiosk shows while its warm-up draws other views behind it. The
   * caller removes it.
   */
  still(): HTMLCanvasElement {
    // Drawn now and copied in the same task, before the browser presents (and clears) the frame; a
    // GPU-side copy, only shown.
    const still = captureCanvas(this.widget, false);
    still.className = 'globe-still';
    still.setAttribute('aria-hidden', 'true');
    Object.assign(still.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none' });
    this.widget.scene.canvas.parentElement?.appendChild(still);
    return still;
  }

  /** Where the camera is now, to be put back with `restoreView` (an opaque copy). */
  saveView(): SavedView {
    const camera = this.widget.camera;
    return { position: Cartesian3.clone(camera.positionWC), direction: Cartesian3.clone(camera.directionWC), up: Cartesian3.clone(camera.upWC) };
  }

  /** Puts the camera back where `saveView` found it, at once (a flight in progress is dropped). */
  restoreView(view: SavedView): void {
    const camera = this.widget.camera;
    camera.cancelFlight();
    camera.setView({ destination: view.position, orientation: { direction: view.direction, up: view.up } });
    this.widget.scene.requestRender();
  }

  /** Picks what is at the centre of the view (what a tap would pick: its pick programs are built). */
  pickCentre(): void {
    const canvas = this.widget.scene.canvas;
    this.widget.scene.pick(new Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2));
  }

  /** The resolution scale the view is drawn at once loaded (a loading first view is drawn at less). */
  get resolutionScale(): number {
    return this.fullResolution ?? this.widget.resolutionScale;
  }

  private restoreResolution(): void {
    clearTimeout(this.resolutionTimer);
    if (this.fullResolution === null || this.destroyed) return;
    this.widget.resolutionScale = this.fullResolution;
    this.fullResolution = null;
    this.widget.scene.requestRender();
  }

  private checkReady(): void {
    if (this.readyReported || !this.territory || this.layersPending) return;
    const scene = this.widget.scene;
    const layersReady = [...this.layers.values()].every((layer) => layer.isReady()) && (this.furniture?.isReady() ?? true);
    if (layersReady && scene.globe.tilesLoaded && !this.widget.camera.positionCartographic.height.toString().includes('NaN')) {
      if (this.fullResolution !== null) {
        // Everything is loaded: the next frame is drawn at full resolution, and the view is ready then.
        this.restoreResolution();
        return;
      }
      this.readyReported = true;
      performance.mark('vigie:drawn', { detail: this.frames });
      // One more frame so that what was just loaded is on screen.
      scene.requestRender();
      requestAnimationFrame(() => {
        this.onReady();
        // What the first view did not need is made now, in the background.
        (this.layers.get('buildings') as BuildingsLayer | undefined)?.prepare();
      });
    } else {
      scene.requestRender();
    }
  }

  stats(): GlobeStats {
    const features: Partial<Record<FeatureLayer, number>> = {};
    for (const [name, layer] of this.layers) features[name] = layer.count;
    if (this.territory) {
      features.roads = this.territory.roads.length;
      features.communes = this.territory.communes.length;
    }
    return {
      features,
      lastFrameCpuMilliseconds: this.lastFrameCpuMilliseconds,
      frames: this.frames,
      tilesLoaded: this.widget.scene.globe.tilesLoaded,
      furnitureCells: this.furniture?.modelCount ?? 0,
      primitives: countPrimitives(this.widget.scene.primitives) + countPrimitives(this.widget.scene.groundPrimitives),
      cameraCorrections: this.kioskCamera?.corrections ?? 0,
    };
  }

  /**
   * Where a feature is drawn in the window (CSS pixels), or null when it is off screen or hidden
   * behind the ground. For tests and diagnosis: `window.vigie.screenPosition(layer, id)`.
   */
  screenPosition(selection: Selection): [number, number] | null {
    const at = this.positionOf(selection);
    if (!at) return null;
    const aboveGround = selection.layer === 'streetLights' ? this.territory?.streetLights.find((light) => light.id === selection.id)?.mountingHeightMetres ?? 0 : 0;
    const position = this.ground.position(at[0], at[1], aboveGround);
    const scene = this.widget.scene;
    const window = SceneTransforms.worldToWindowCoordinates(scene, position);
    if (!window) return null;
    const canvas = scene.canvas;
    if (window.x < 0 || window.y < 0 || window.x > canvas.clientWidth || window.y > canvas.clientHeight) return null;
    return [window.x, window.y];
  }

  /** Renders one frame now and returns its CPU time (for benchmarks). */
  renderFrame(): number {
    // The scene renders on demand: ask for this frame, or render() returns at once.
    this.widget.scene.requestRender();
    const start = performance.now();
    this.widget.scene.render(this.widget.clock.currentTime);
    return performance.now() - start;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.resolutionTimer);
    this.releaseFrameWaiters();
    this.unsubscribe();
    this.handler.destroy();
    this.widget.scene.canvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.removeRenderError();
    this.kioskCamera?.destroy();
    for (const layer of this.layers.values()) layer.destroy();
    this.communeLabels?.destroy();
    this.furniture?.destroy();
    this.routes?.destroy();
    this.importPreview?.destroy();
    this.widget.destroy();
  }
}
