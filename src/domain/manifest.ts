/**
 * The territory manifest: the one entry point for a territory's data. The demo and a real commune
 * use the same format. Validated with zod; see docs/MANIFEST.md for the format in prose.
 */
import { z } from 'zod';
import { wasteConfigSchema } from './waste/config';
import { DEFAULT_TIME_ZONE, canonicalTimeZone, isValidTimeZone } from './time/zonedTime';

export const MANIFEST_FORMAT = 'vigie-territory';
export const MANIFEST_VERSION = 1;

/** Coordinate systems a layer file may be written in. */
export const SUPPORTED_CRS = [
  'EPSG:4326',
  'EPSG:2154',
  'EPSG:3942',
  'EPSG:3943',
  'EPSG:3944',
  'EPSG:3945',
  'EPSG:3946',
  'EPSG:3947',
  'EPSG:3948',
  'EPSG:3949',
  'EPSG:3950',
  // Overseas: RGAF09 / UTM 20N (Guadeloupe, Martinique), RGFG95 / UTM 22N (Guyane),
  // RGR92 / UTM 40S (La Réunion), RGM04 / UTM 38S (Mayotte).
  'EPSG:5490',
  'EPSG:2972',
  'EPSG:2975',
  'EPSG:4471',
] as const;
export type SupportedCrs = (typeof SUPPORTED_CRS)[number];

const relativePath = z
  .string()
  .min(1)
  .refine((path) => !/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.startsWith('//'), {
    message: 'must be a path relative to the manifest (outside hosts are declared in "services")',
  });

export const layerFileSchema = z.union([
  relativePath,
  z.object({
    file: relativePath,
    format: z.enum(['geojson', 'csv']).default('geojson'),
    crs: z.enum(SUPPORTED_CRS).default('EPSG:4326'),
  }),
]);
export type LayerFile = z.infer<typeof layerFileSchema>;

export const LAYER_NAMES = [
  'communes',
  'roads',
  'waterways',
  'buildings',
  'streetLights',
  'cabinets',
  'lightingZones',
  'collectionPoints',
  'facilities',
  'sensors',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export const sourcedValueSchema = z.object({
  value: z.number().finite(),
  unit: z.string(),
  source: z.string().min(1),
  unverified: z.boolean().default(false),
});

const boundsSchema = z
  .object({
    west: z.number().min(-180).max(180),
    south: z.number().min(-90).max(90),
    east: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
  })
  .refine((b) => b.west < b.east && b.south < b.north, { message: 'west < east and south < north' });

const rasterSchema = z.object({
  file: relativePath,
  width: z.number().int().min(2).max(8192),
  height: z.number().int().min(2).max(8192),
});

/** A problem of a source as a code (see `SourceProblemCode` in src/io/public/build.ts) and its values. */
export const sourceProblemSchema = z.object({
  code: z.string().min(1).max(40),
  values: z.record(z.string(), z.union([z.string().max(200), z.number()])).default({}),
});
export type SourceProblem = z.infer<typeof sourceProblemSchema>;

/** Where a layer comes from and under which licence (real territories built from public services). */
export const layerSourceSchema = z.object({
  /** Who publishes it, e.g. "IGN — BD TOPO" or "OpenStreetMap (Overpass)". */
  name: z.string().min(1),
  /** The service that was asked (for the record; never contacted when the territory opens). */
  url: z.string().default(''),
  licence: z.string().min(1),
  /** The notice the licence asks to show, e.g. "© IGN". */
  attribution: z.string().min(1),
  /** ISO date of the download. */
  retrieved: z.string().default(''),
  count: z.number().int().min(0).optional(),
  /** Fields the source does not give, filled with labelled defaults: field → value and where it comes from. */
  assumed: z.record(z.string(), z.object({ value: z.union([z.number(), z.string()]), source: z.string(), unverified: z.boolean().default(true) })).default({}),
  /** What went wrong or is missing, in words (a territory written by hand or by an older build). */
  note: z.string().default(''),
  /**
   * What went wrong or is missing as codes and values (a failing service, an empty answer), which
   * the page words in its language; written by the public-data build (src/io/public/build.ts).
   */
  problems: z.array(sourceProblemSchema).max(20).default([]),
});
export type LayerSource = z.infer<typeof layerSourceSchema>;

/** Web Mercator tiles (WMTS tile matrix set "PM", 256 px) draped on the terrain, one zoom level. */
export const tileImagerySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /** e.g. "ORTHOIMAGERY.ORTHOPHOTOS". */
  layer: z.string().default(''),
  format: z.enum(['jpeg', 'png']),
  tileMatrixSet: z.literal('PM').default('PM'),
  zoom: z.number().int().min(0).max(22),
  xMin: z.number().int().min(0),
  xMax: z.number().int().min(0),
  yMin: z.number().int().min(0),
  yMax: z.number().int().min(0),
  /** Path template relative to the manifest with {z}, {x} and {y}. */
  path: relativePath.refine((path) => path.includes('{x}') && path.includes('{y}'), { message: 'must contain {x} and {y}' }),
  /** Tiles the service did not have, as "x/y" (not an error). */
  absent: z.array(z.string()).default([]),
  attribution: z.string().default(''),
  /** Shown at start. */
  visible: z.boolean().default(true),
}).refine((t) => t.xMin <= t.xMax && t.yMin <= t.yMax && (t.xMax - t.xMin + 1) * (t.yMax - t.yMin + 1) <= 4096, { message: 'xMin ≤ xMax, yMin ≤ yMax, 4096 tiles at most' });
export type TileImagery = z.infer<typeof tileImagerySchema>;

/** A tile set once read: its description and its tiles' bytes by "x/y". */
export interface LoadedTileImagery {
  spec: TileImagery;
  tiles: Map<string, Uint8Array>;
}

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  name: z.string().min(1),
  fictitious: z.boolean().default(false),
  /** IANA time zone of the territory (Europe/Paris, America/Guadeloupe, Indian/Reunion…). */
  timeZone: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isValidTimeZone, { message: 'IANA time zone (Europe/Paris, America/Cayenne…)' })
    .transform((name) => canonicalTimeZone(name) ?? DEFAULT_TIME_ZONE),
  /** Shown under the name: who made the data, under which licence. */
  attribution: z.string().default(''),
  bounds: boundsSchema,
  terrain: z
    .object({
      /** Unsigned 16-bit little-endian heights in decimetres, row-major, north row first. */
      heightmap: rasterSchema.extend({ encoding: z.literal('uint16-decimetres') }),
    })
    .optional(),
  imagery: z
    .object({
      /** Unsigned 8-bit land-cover classes (see LAND_COVER_CLASSES), row-major, north row first. */
      landCover: rasterSchema.optional(),
      /** Imagery tiles (aerial photo, Plan IGN) stored with the territory. */
      tiles: z.array(tileImagerySchema).default([]),
    })
    .default({ tiles: [] }),
  layers: z.object(Object.fromEntries(LAYER_NAMES.map((name) => [name, layerFileSchema.optional()])) as Record<LayerName, z.ZodOptional<typeof layerFileSchema>>),
  parameters: z.record(z.string(), sourcedValueSchema).default({}),
  /** Sensor history files: CSV (sensorId,time,value) or SensorThings dataArray JSON. */
  history: z
    .array(
      z.object({
        file: relativePath,
        format: z.enum(['csv', 'dataarray']),
        /** dataArray only: Datastream id → sensor id. */
        datastreams: z.record(z.string(), z.string().min(1)).default({}),
      }),
    )
    .default([]),
  /** Collection rounds: vehicle types, time windows, tip hours, shift and break (docs/MANIFEST.md). */
  waste: wasteConfigSchema.optional(),
  /** Per layer (or imagery id): source, licence and the defaults that filled missing fields. */
  sources: z.record(z.string(), layerSourceSchema).default({}),
  /** Outside services (IGN, SensorThings, MQTT): opt-in, never used unless listed here. */
  services: z.array(z.object({ id: z.string(), kind: z.string(), url: z.string().url() }).passthrough()).default([]),
});
export type Manifest = z.infer<typeof manifestSchema>;

const finite = z.number().finite();
const lonLat = z.tuple([finite, finite]);
const id = z.union([z.string().min(1), z.number().int().transform(String)]);

/** Properties of each layer's features, validated one feature at a time. */
export const featureSchemas = {
  communes: z.object({ id, name: z.string().min(1), population: z.number().int().min(0) }),
  roads: z.object({
    id,
    name: z.string().default(''),
    roadClass: z.enum(['primary', 'secondary', 'tertiary', 'residential', 'service', 'track']),
    speedKmh: z.number().positive().max(150),
    oneway: z.boolean().default(false),
    maxWeightTonnes: z.number().positive().max(100).optional(),
    maxWidthMetres: z.number().positive().max(20).optional(),
  }),
  waterways: z.object({ id, name: z.string().default(''), widthMetres: z.number().positive().max(2000) }),
  buildings: z.object({
    id,
    widthMetres: z.number().positive().max(500),
    depthMetres: z.number().positive().max(500),
    headingDegrees: finite.default(0),
    heightMetres: z.number().positive().max(300),
    usage: z.enum(['residential', 'commercial', 'public', 'industrial', 'agricultural', 'religious']),
    communeId: z.string().default(''),
  }),
  streetLights: z.object({
    id,
    technology: z.enum(['sodium', 'mercury', 'led']),
    powerWatts: z.number().positive().max(2000),
    colourTemperatureKelvin: z.number().min(1000).max(10000),
    mountingHeightMetres: z.number().positive().max(40),
    cabinetId: z.string().min(1),
    zoneId: z.string().min(1),
    communeId: z.string().default(''),
    usage: z.enum(['road', 'residential', 'park', 'parking', 'heritage']).default('road'),
  }),
  cabinets: z.object({ id, name: z.string().default(''), zoneId: z.string().min(1), communeId: z.string().default('') }),
  lightingZones: z.object({
    id,
    name: z.string().min(1),
    communeId: z.string().default(''),
    usage: z.enum(['road', 'residential', 'park', 'parking', 'heritage']),
  }),
  collectionPoints: z.object({
    id,
    name: z.string().default(''),
    stream: z.enum(['residual', 'recyclables', 'glass']),
    container: z.enum(['bin', 'column']),
    volumeLitres: z.number().positive().max(20000),
    containerCount: z.number().int().min(1).default(1),
    collectionWeekday: z.number().int().min(1).max(7),
    collectionPeriodWeeks: z.number().int().min(1).max(8).default(1),
    communeId: z.string().default(''),
  }),
  facilities: z.object({ id, name: z.string().min(1), kind: z.enum(['depot', 'transfer']) }),
  sensors: z.object({
    id,
    name: z.string().default(''),
    kind: z.enum(['fill-level', 'power-meter', 'air-quality', 'traffic-counter', 'parking']),
    targetId: z.string().nullable().default(null),
    unit: z.string().default(''),
    samplesPerDay: z.number().positive().max(100000),
    communeId: z.string().default(''),
    capacity: z.number().nullable().default(null),
  }),
} as const;

export const pointGeometrySchema = z.object({ type: z.literal('Point'), coordinates: lonLat });
export const lineGeometrySchema = z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2) });
export const polygonGeometrySchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(lonLat).min(4)).min(1) });

/** Which geometry each layer's features carry (buildings: a Point with a rectangle's size, or a Polygon footprint). */
export const layerGeometry: Record<LayerName, 'Point' | 'LineString' | 'Polygon' | 'None'> = {
  communes: 'Polygon',
  roads: 'LineString',
  waterways: 'LineString',
  buildings: 'Point',
  streetLights: 'Point',
  cabinets: 'Point',
  lightingZones: 'None',
  collectionPoints: 'Point',
  facilities: 'Point',
  sensors: 'Point',
};
