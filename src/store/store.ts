/**
 * The app's state, in a zustand vanilla store: the globe subscribes to it without React, the panels
 * through `useTwin` (src/app/useStore.ts, the React binding). This module imports nothing from
 * React or app/. Only plain data lives here; Cesium objects stay in src/globe.
 */
import { createStore } from 'zustand/vanilla';
import type { Language } from '../domain/language';
import type { Problem } from '../domain/problem';
import type { Observation } from '../domain/series/store';
import type { Heightmap, LandCover, LonLat, Territory } from '../domain/territory';
import type { LayerSource, LoadedTileImagery } from '../domain/manifest';

export const FEATURE_LAYERS = ['roads', 'buildings', 'streetLights', 'cabinets', 'collectionPoints', 'facilities', 'sensors', 'communes'] as const;
export type FeatureLayer = (typeof FEATURE_LAYERS)[number];

export type Mode = 'planning' | 'engineer' | 'kiosk';

export interface Selection {
  layer: 'streetLights' | 'cabinets' | 'collectionPoints' | 'facilities' | 'sensors' | 'buildings';
  id: string;
}

export type LoadStatus = 'loading' | 'ready' | 'failed';

/** Collection rounds to draw: one entry per truck, its trips on the roads and its stops. */
export interface RouteDrawing {
  trucks: Array<{
    colour: string;
    /** When the truck leaves the depot and how long its round lasts (it moves with the time bar). */
    startMs: number;
    durationMs: number;
    /** Each trip (depot or tip to tip) in its own colour. */
    trips: Array<{
      colour: string;
      path: LonLat[];
      /** When the trip leaves its first point and reaches its last (the truck moves by these and the stops' times). */
      startMs?: number;
      endMs?: number;
      /** `pathIndex`: the stop's vertex in `path`; `departMs`: when it leaves (after waiting and service). */
      stops: Array<{ position: LonLat; arrivalMs: number; departMs?: number; pathIndex?: number }>;
    }>;
  }>;
}

export interface TwinState {
  language: Language;
  mode: Mode;
  status: LoadStatus;
  territory: Territory | null;
  heightmap: Heightmap | null;
  landCover: LandCover | null;
  /** Imagery tiles stored with a real territory (aerial photo, Plan IGN); empty for the demo. */
  imageryTiles: LoadedTileImagery[];
  /** Per layer: where it comes from, its licence and the defaults that filled missing fields. */
  sources: Record<string, LayerSource>;
  attribution: string;
  problems: Problem[];
  /** Which layers are shown. */
  visible: Record<FeatureLayer, boolean>;
  selection: Selection | null;
  /** Scene caption, in both languages. */
  caption: { fr: string; en: string } | null;
  /** The time shown (UTC milliseconds): sun, sensors and lamp states follow it. */
  time: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  /**
   * Level of each street light at `time` (0 off, 0–1 dimmed, 1 on), in the order of
   * `territory.streetLights`; null draws them by lamp technology.
   */
  lampLevels: Float32Array | null;
  /** Collection rounds shown on the map, or null. */
  routes: RouteDrawing | null;
  /**
   * Per territory sensor, its reading at `time` as a level for its colour ramp (see
   * src/globe/ramps.ts); NaN when silent. Null before the history is there.
   */
  sensorLevels: Float32Array | null;
  /** The manifest's outside services (live sources among them), as written: validated where used. */
  services: unknown[];
  /** Whether the territory is the fictitious demo (its live feed is simulated). */
  fictitious: boolean;
  /** Observations read from the manifest's history files, for the sensor layer to load. */
  importedHistory: Observation[];
  setLanguage(language: Language): void;
  setTime(time: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setVisible(layer: FeatureLayer, visible: boolean): void;
  select(selection: Selection | null): void;
}

export const defaultVisibility: Record<FeatureLayer, boolean> = {
  roads: true,
  buildings: true,
  streetLights: true,
  cabinets: false,
  collectionPoints: true,
  facilities: true,
  sensors: true,
  communes: true,
};

export function createTwinStore(initial: Partial<TwinState> = {}) {
  return createStore<TwinState>()((set) => ({
    language: 'fr',
    mode: 'planning',
    status: 'loading',
    territory: null,
    heightmap: null,
    landCover: null,
    imageryTiles: [],
    sources: {},
    attribution: '',
    problems: [],
    visible: { ...defaultVisibility },
    selection: null,
    caption: null,
    time: Date.parse('2026-06-21T08:30:00Z'),
    playing: false,
    speed: 3600,
    lampLevels: null,
    routes: null,
    sensorLevels: null,
    services: [],
    fictitious: false,
    importedHistory: [],
    ...initial,
    setLanguage: (language) => set({ language }),
    setTime: (time) => set({ time: Number.isFinite(time) ? time : Date.now() }),
    setPlaying: (playing) => set({ playing }),
    setSpeed: (speed) => set({ speed }),
    setVisible: (layer, visible) => set((state) => ({ visible: { ...state.visible, [layer]: visible } })),
    select: (selection) => set({ selection }),
  }));
}

export type TwinStore = ReturnType<typeof createTwinStore>;
