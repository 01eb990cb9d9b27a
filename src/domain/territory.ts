/**
 * The territory's domain model: what a manifest describes once it is loaded and validated.
 * Pure types, shared by the UI, the globe and the workers. Coordinates are WGS84 degrees
 * (`lon`, `lat`); lengths are metres, powers watts, volumes litres, unless the name says otherwise.
 */

import type { WasteConfig } from './waste/config';

export type LonLat = [lon: number, lat: number];

export interface Commune {
  id: string;
  name: string;
  population: number;
  /** Centre of the village, where the town hall stands. */
  centre: LonLat;
  /** Outer ring of the commune's boundary. */
  boundary: LonLat[];
}

export const ROAD_CLASSES = ['primary', 'secondary', 'tertiary', 'residential', 'service', 'track'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface Road {
  id: string;
  name: string;
  roadClass: RoadClass;
  speedKmh: number;
  /** True when traffic may only go from the first coordinate to the last. */
  oneway: boolean;
  /** Vertices shared by two roads (same coordinates exactly) are junctions of the network. */
  coordinates: LonLat[];
  /** Limits for heavy vehicles (a bridge, a narrow street), when the road has them. */
  maxWeightTonnes?: number;
  maxWidthMetres?: number;
}

/** A river or stream, drawn on the imagery. */
export interface Waterway {
  id: string;
  name: string;
  widthMetres: number;
  coordinates: LonLat[];
}

export const BUILDING_USAGES = ['residential', 'commercial', 'public', 'industrial', 'agricultural', 'religious'] as const;
export type BuildingUsage = (typeof BUILDING_USAGES)[number];

export interface Building {
  id: string;
  /** Centre of the rectangular footprint. */
  position: LonLat;
  widthMetres: number;
  depthMetres: number;
  /** Rotation of the footprint, clockwise from north. */
  headingDegrees: number;
  /** The real footprint's outer ring (BD TOPO), when known; otherwise a rectangle from the sizes above. */
  footprint?: LonLat[];
  heightMetres: number;
  usage: BuildingUsage;
  communeId: string;
}

export const LAMP_TECHNOLOGIES = ['sodium', 'mercury', 'led'] as const;
export type LampTechnology = (typeof LAMP_TECHNOLOGIES)[number];

export const LIGHTING_USAGES = ['road', 'residential', 'park', 'parking', 'heritage'] as const;
export type LightingUsage = (typeof LIGHTING_USAGES)[number];

export interface StreetLight {
  id: string;
  position: LonLat;
  technology: LampTechnology;
  powerWatts: number;
  colourTemperatureKelvin: number;
  mountingHeightMetres: number;
  cabinetId: string;
  zoneId: string;
  communeId: string;
  usage: LightingUsage;
}

/** An "armoire": the cabinet that feeds and switches a group of street lights. */
export interface Cabinet {
  id: string;
  name: string;
  position: LonLat;
  zoneId: string;
  communeId: string;
}

export interface LightingZone {
  id: string;
  name: string;
  communeId: string;
  usage: LightingUsage;
}

export const WASTE_STREAMS = ['residual', 'recyclables', 'glass'] as const;
export type WasteStream = (typeof WASTE_STREAMS)[number];

export const CONTAINER_TYPES = ['bin', 'column'] as const;
export type ContainerType = (typeof CONTAINER_TYPES)[number];

export interface CollectionPoint {
  id: string;
  name: string;
  position: LonLat;
  stream: WasteStream;
  container: ContainerType;
  /** Total volume at this point (several bins add up). */
  volumeLitres: number;
  containerCount: number;
  /** ISO weekday of the fixed round: 1 = Monday … 7 = Sunday. */
  collectionWeekday: number;
  /** Weeks between two fixed collections (1 = weekly, 2 = fortnightly). */
  collectionPeriodWeeks: number;
  communeId: string;
}

export const FACILITY_KINDS = ['depot', 'transfer'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export interface Facility {
  id: string;
  name: string;
  kind: FacilityKind;
  position: LonLat;
}

export const SENSOR_KINDS = ['fill-level', 'power-meter', 'air-quality', 'traffic-counter', 'parking'] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

export interface Sensor {
  id: string;
  name: string;
  kind: SensorKind;
  position: LonLat;
  /** The feature it measures: a collection point for fill level, a cabinet for power meters. */
  targetId: string | null;
  unit: string;
  /** Natural reporting rate. */
  samplesPerDay: number;
  communeId: string;
  /** For parking sensors: the number of spaces; for traffic counters: lanes. */
  capacity: number | null;
}

/** A numeric parameter with the text that says where it comes from. */
export interface SourcedValue {
  value: number;
  unit: string;
  source: string;
  /** True where DOMAIN.md has no primary source for the default. */
  unverified: boolean;
}

export interface Heightmap {
  /** Samples per row and per column. */
  width: number;
  height: number;
  /** Geographic extent covered by the grid, WGS84 degrees; row 0 is the north edge. */
  west: number;
  south: number;
  east: number;
  north: number;
  /** Heights in metres, row-major, north to south. */
  heightsMetres: Float32Array;
}

export const LAND_COVER_CLASSES = ['water', 'forest', 'field', 'meadow', 'built', 'orchard'] as const;
export type LandCoverClass = (typeof LAND_COVER_CLASSES)[number];

export interface LandCover {
  width: number;
  height: number;
  west: number;
  south: number;
  east: number;
  north: number;
  /** Index into LAND_COVER_CLASSES, row-major, north to south. */
  classes: Uint8Array;
}

export interface Territory {
  name: string;
  fictitious: boolean;
  /** IANA time zone of the territory's clocks (lighting, waste calendar, time bar, history). */
  timeZone: string;
  bounds: { west: number; south: number; east: number; north: number };
  communes: Commune[];
  roads: Road[];
  waterways: Waterway[];
  buildings: Building[];
  streetLights: StreetLight[];
  cabinets: Cabinet[];
  lightingZones: LightingZone[];
  collectionPoints: CollectionPoint[];
  facilities: Facility[];
  sensors: Sensor[];
  parameters: Record<string, SourcedValue>;
  /** The manifest's `waste` section: vehicle types, windows, tip hours (src/domain/waste/config.ts). */
  waste?: WasteConfig;
}
