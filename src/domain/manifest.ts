/**
 * The territory manifest: the one entry point for a territory's data. The demo and a real commune
 * use the same format. Validated with zod; see docs/MANIFEST.md for the format in prose.
 */
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, canonicalTimeZone, isValidTimeZone } from './time/zonedTime';

export const MANIFEST_FORMAT = 'vigie-territory';
export const MANIFEST_VERSION = 1;

/** Coordinate systems a layer file may be written in. */
export const SUPPORTED_CRS = ['EPSG:4326', 'EPSG:2154', 'EPSG:3942', 'EPSG:3943', 'EPSG:3944', 'EPSG:3948', 'EPSG:3949', 'EPSG:3950'] as const;
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
    })
    .default({}),
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

/** Which geometry each layer's features carry. */
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
