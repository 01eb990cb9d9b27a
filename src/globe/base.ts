/**
 * What every Vigie globe shares, the twin and the benchmark's bare viewer alike: the widget with
 * its settings (offline, no ion, no credits UI), terrain and imagery from the territory's own data,
 * and the home view.
 */
import { BoundingSphere, CesiumWidget, Color, EllipsoidTerrainProvider, HeadingPitchRange, ImageryLayer, Math as CesiumMath, Rectangle } from 'cesium';
import type { Heightmap, LandCover, Territory } from '../domain/territory';
import { BoundariesImageryProvider, LandCoverImageryProvider, RoadsImageryProvider } from './imagery';
import type { Ground } from './layers';
import { createTerrainProvider } from './terrain';
import { StoredTilesImageryProvider } from './tiles';
import type { LoadedTileImagery } from '../domain/manifest';

export function createWidget(container: HTMLElement, msaaSamples: number): CesiumWidget {
  const credits = document.createElement('div');
  credits.style.display = 'none';
  const widget = new CesiumWidget(container, {
    baseLayer: false,
    terrainProvider: new EllipsoidTerrainProvider(),
    skyBox: false,
    creditContainer: credits,
    msaaSamples,
    scene3DOnly: true,
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    useBrowserRecommendedResolution: true,
    // A render error is reported to TwinGlobe (which rebuilds the view), not shown as a panel.
    showRenderLoopErrors: false,
    // Points, icons and labels blend in one pass sorted by distance (layers.ts ONE_PASS); order-
    // independent translucency would add two full-screen passes to every frame for nothing.
    orderIndependentTranslucency: false,
  });
  const scene = widget.scene;
  scene.backgroundColor = Color.fromBytes(24, 32, 40);
  scene.globe.baseColor = Color.fromBytes(38, 44, 48);
  scene.globe.showGroundAtmosphere = false;
  scene.globe.enableLighting = true;
  // Day and night at every distance (Cesium only lights the globe from far away by default): at the
  // time bar's night the ground goes dark and the street lights stand out.
  scene.globe.lightingFadeOutDistance = 1;
  scene.globe.lightingFadeInDistance = 2;
  scene.globe.maximumScreenSpaceError = 2;
  scene.globe.tileCacheSize = 400;
  // Our terrain and imagery are computed in this page, not downloaded: give tile loading more of
  // each frame than Cesium's default 5 ms, which assumes frames at 60 Hz and network latency.
  const surface = (scene.globe as unknown as { _surface?: { _loadQueueTimeSlice: number } })._surface;
  if (surface) surface._loadQueueTimeSlice = 40;
  scene.fog.enabled = true;
  scene.fog.density = 0.00008;
  scene.screenSpaceCameraController.minimumZoomDistance = 25;
  scene.screenSpaceCameraController.maximumZoomDistance = 120_000;
  return widget;
}

export interface GroundLayers {
  /** Imagery overlays that a layer switch shows and hides. */
  roads: ImageryLayer;
  communes: ImageryLayer;
  /** Stored imagery tiles (aerial photo, Plan IGN) by id. */
  tiles: Map<string, ImageryLayer>;
}

/** Terrain from the heightmap and imagery drawn from the data; only the territory is drawn. */
export function addGround(
  widget: CesiumWidget,
  territory: Territory,
  heightmap: Heightmap | null,
  landCover: LandCover | null,
  imageryTiles: readonly LoadedTileImagery[] = [],
): GroundLayers {
  const scene = widget.scene;
  const { bounds } = territory;
  const margin = 0.002;
  scene.globe.cartographicLimitRectangle = Rectangle.fromDegrees(bounds.west - margin, bounds.south - margin, bounds.east + margin, bounds.north + margin);
  if (heightmap) scene.terrainProvider = createTerrainProvider(heightmap);
  if (landCover) scene.imageryLayers.add(new ImageryLayer(new LandCoverImageryProvider(landCover, territory.waterways).asProvider()));
  const tiles = new Map<string, ImageryLayer>();
  for (const imagery of imageryTiles) {
    const layer = new ImageryLayer(new StoredTilesImageryProvider(imagery).asProvider(), { show: imagery.spec.visible });
    scene.imageryLayers.add(layer);
    tiles.set(imagery.spec.id, layer);
  }
  const roads = new ImageryLayer(new RoadsImageryProvider(territory.roads).asProvider());
  scene.imageryLayers.add(roads);
  const communes = new ImageryLayer(new BoundariesImageryProvider(territory.communes.map((commune) => commune.boundary)).asProvider());
  scene.imageryLayers.add(communes);
  return { roads, communes, tiles };
}

/** The whole territory, seen from the south at an angle. */
export function flyHome(widget: CesiumWidget, territory: Territory, ground: Ground, durationSeconds: number, arrived?: () => void): void {
  const { west, south, east, north } = territory.bounds;
  const lon = (west + east) / 2;
  const lat = (south + north) / 2;
  const centre = ground.position(lon, lat, 0);
  const widthMetres = (east - west) * 111_320 * Math.cos(CesiumMath.toRadians(lat));
  const sphere = new BoundingSphere(centre, widthMetres * 0.55);
  const offset = new HeadingPitchRange(0, CesiumMath.toRadians(-42), widthMetres * 1.05);
  widget.camera.flyToBoundingSphere(sphere, { offset, duration: durationSeconds, complete: arrived, cancel: arrived });
  widget.scene.requestRender();
}
