/**
 * Loads a territory from its manifest: validates the manifest, then each layer file one feature at a
 * time. What is valid is loaded; what is not becomes a Problem that names the file, the feature and
 * the field. Shared by the browser (files fetched from the page's origin) and Node (files read from
 * disk): the caller passes how to read a file.
 */
import type { z } from 'zod';
import {
  LAYER_NAMES,
  featureSchemas,
  layerGeometry,
  manifestSchema,
  type LayerFile,
  type LayerName,
  type Manifest,
  type SupportedCrs,
  type TileImagery,
  type LoadedTileImagery,
} from '../domain/manifest';
import { megabytesOf, type Problem, type ProblemWords } from '../domain/problem';
import type { Heightmap, LandCover, LonLat, Territory } from '../domain/territory';
import { DEFAULT_TIME_ZONE } from '../domain/time/zonedTime';
import { LIMITS, TooLargeError } from './limits';
import { tightestBounds } from '../domain/zodIssues';

export interface FileSource {
  /** Reads a file named relative to the manifest; rejects when it cannot be read. */
  readText(path: string): Promise<string>;
  readBinary(path: string): Promise<ArrayBuffer>;
}

export type { LoadedTileImagery };

export interface LoadedTerritory {
  manifest: Manifest | null;
  /** Imagery tiles named by the manifest, read into memory (empty for the demo). */
  imageryTiles?: LoadedTileImagery[];
  territory: Territory;
  heightmap: Heightmap | null;
  landCover: LandCover | null;
  problems: Problem[];
}

export function emptyTerritory(name = ''): Territory {
  return {
    name,
    fictitious: false,
    timeZone: DEFAULT_TIME_ZONE,
    bounds: { west: 0, south: 0, east: 0, north: 0 },
    communes: [],
    roads: [],
    waterways: [],
    buildings: [],
    streetLights: [],
    cabinets: [],
    lightingZones: [],
    collectionPoints: [],
    facilities: [],
    sensors: [],
    parameters: {},
  };
}

/** The type names zod gives, as words the page translates. */
const TYPE_WORDS: Record<string, ProblemWords> = { number: { words: 'number' }, string: { words: 'text' }, object: { words: 'object' }, array: { words: 'list' }, boolean: { words: 'true-or-false' } };

/** Describes what a zod issue expected, in words the dictionary can show after "attendu :". */
function expectedOf(issue: z.core.$ZodIssue): string | ProblemWords {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'too_small':
      return `${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return issue.values.map((value) => JSON.stringify(value)).join(' | ');
    default:
      return issue.message;
  }
}

function issuePath(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validates the manifest; drops the optional parts that are wrong and keeps the rest. */
export function parseManifest(json: unknown, file: string): { manifest: Manifest | null; problems: Problem[] } {
  const problems: Problem[] = [];
  let candidate = json;
  for (let attempt = 0; attempt < 4; attempt++) {
    const result = manifestSchema.safeParse(candidate);
    if (result.success) return { manifest: result.data, problems };
    const pruned = structuredClone(candidate) as Record<string, unknown>;
    let prunable = typeof pruned === 'object' && pruned !== null && !Array.isArray(pruned);
    for (const issue of tightestBounds(result.error.issues)) {
      if (attempt === 0 || !prunable) {
        problems.push({ code: 'invalid-field', file, field: issuePath(issue.path), expected: expectedOf(issue) });
      }
      const [top, second] = issue.path;
      if (!prunable) continue;
      if (top === 'layers' && typeof second === 'string' && typeof pruned.layers === 'object' && pruned.layers) {
        delete (pruned.layers as Record<string, unknown>)[second];
      } else if (top === 'parameters' && typeof second === 'string' && typeof pruned.parameters === 'object' && pruned.parameters) {
        delete (pruned.parameters as Record<string, unknown>)[second];
      } else if (top === 'terrain' || top === 'waste' || top === 'imagery' || top === 'services' || top === 'history' || top === 'attribution' || top === 'timeZone' || top === 'sources') {
        delete pruned[top];
      } else {
        prunable = false;
      }
    }
    if (!prunable) break;
    candidate = pruned;
  }
  return { manifest: null, problems };
}

/** The problem for a file that could not be read: too large, or missing. */
export function readProblem(file: string, error: unknown): Problem {
  if (error instanceof TooLargeError) return { code: 'too-large', file, detail: megabytesOf(error.bytes), expected: megabytesOf(error.limit) };
  return { code: 'missing-file', file, detail: error instanceof Error ? error.message : String(error) };
}

/** Counts lines without parsing: a CSV with more rows than a layer may hold is refused first. */
function lineCountOver(text: string, limit: number): number | null {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) if (++lines > limit) return lines;
  return null;
}

/** Whether `needle` occurs more than `limit` times in `text` (stops counting there). */
function occurrencesOver(text: string, needle: string, limit: number): boolean {
  let count = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) if (++count > limit) return true;
  return false;
}

function resolveLayerFile(entry: LayerFile): { file: string; format: 'geojson' | 'csv'; crs: SupportedCrs } {
  if (typeof entry === 'string') return { file: entry, format: entry.toLowerCase().endsWith('.csv') ? 'csv' : 'geojson', crs: 'EPSG:4326' };
  return entry;
}

interface RawFeature {
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

async function parseRawFeatures(text: string, file: string, format: 'geojson' | 'csv', problems: Problem[]): Promise<RawFeature[] | null> {
  if (format === 'csv') {
    const over = lineCountOver(text, LIMITS.featuresPerLayer + 1);
    if (over !== null) {
      problems.push({ code: 'too-large', file, detail: { words: 'rows-more-than', count: LIMITS.featuresPerLayer }, expected: { words: 'rows', count: LIMITS.featuresPerLayer } });
      return null;
    }
    // papaparse only for a territory that has CSV layers: not in the first load.
    const { default: Papa } = await import('papaparse');
    const parsed = Papa.parse<Record<string, unknown>>(text, { header: true, dynamicTyping: true, skipEmptyLines: true });
    for (const error of parsed.errors.slice(0, 5)) {
      problems.push({ code: 'invalid-csv', file, ...(error.row === undefined ? {} : { line: error.row + 2 }), detail: error.message });
    }
    return parsed.data.map((row) => {
      const { x, y, lon, lat, ...properties } = row;
      const first = x ?? lon;
      const second = y ?? lat;
      const geometry = first === undefined && second === undefined ? null : { type: 'Point', coordinates: [first, second] };
      return { geometry, properties };
    });
  }
  // Counted before JSON.parse: a file of too many features is refused without being parsed.
  if (occurrencesOver(text, '"Feature"', LIMITS.featuresPerLayer)) {
    problems.push({ code: 'too-large', file, detail: { words: 'features-more-than', count: LIMITS.featuresPerLayer }, expected: { words: 'features', count: LIMITS.featuresPerLayer } });
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push({ code: 'invalid-json', file, detail: (error as Error).message });
    return null;
  }
  const collection = json as { type?: unknown; features?: unknown };
  if (typeof json !== 'object' || json === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    problems.push({ code: 'invalid-field', file, field: 'type', expected: '"FeatureCollection"' });
    return null;
  }
  if (collection.features.length > LIMITS.featuresPerLayer) {
    problems.push({ code: 'too-large', file, detail: { words: 'features', count: collection.features.length }, expected: { words: 'features', count: LIMITS.featuresPerLayer } });
    return null;
  }
  return collection.features.map((feature: unknown) => {
    const candidate = (feature ?? {}) as { geometry?: unknown; properties?: unknown };
    return {
      geometry: (candidate.geometry ?? null) as RawFeature['geometry'],
      properties: (typeof candidate.properties === 'object' && candidate.properties !== null ? candidate.properties : {}) as Record<string, unknown>,
    };
  });
}

function isFinitePair(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

class CoordinateChecker {
  private readonly west: number;
  private readonly east: number;
  private readonly south: number;
  private readonly north: number;

  constructor(
    bounds: Manifest['bounds'],
    private readonly crs: SupportedCrs,
    /** crs.ts's `toWgs84`, loaded (with proj4) only for a layer in another system than WGS84. */
    private readonly toWgs84: ((crs: SupportedCrs, x: number, y: number) => LonLat) | null,
  ) {
    // Features may stand a little outside the declared bounds (a road leaving the territory).
    const marginLon = (bounds.east - bounds.west) * 0.1;
    const marginLat = (bounds.north - bounds.south) * 0.1;
    this.west = bounds.west - marginLon;
    this.east = bounds.east + marginLon;
    this.south = bounds.south - marginLat;
    this.north = bounds.north + marginLat;
  }

  /** Returns the position in WGS84, or null when it is not a finite pair inside the territory. */
  toLonLat(value: unknown): LonLat | null {
    if (!isFinitePair(value)) return null;
    const lonLat = this.crs === 'EPSG:4326' || !this.toWgs84 ? ([value[0], value[1]] as LonLat) : this.toWgs84(this.crs, value[0], value[1]);
    const [lon, lat] = lonLat;
    if (lon < this.west || lon > this.east || lat < this.south || lat > this.north) return null;
    return lonLat;
  }
}

function describeFeature(index: number, properties: Record<string, unknown>): string {
  const id = properties.id;
  return typeof id === 'string' || typeof id === 'number' ? `${index + 1} (id ${String(id)})` : `${index + 1}`;
}

type LayerRecords = {
  [K in LayerName]: Array<z.infer<(typeof featureSchemas)[K]> & { geometry: unknown }>;
};

function readGeometry(
  layer: LayerName,
  raw: RawFeature,
  checker: CoordinateChecker,
): { ok: true; geometry: LonLat | LonLat[] | LonLat[][] | null } | { ok: false; field: string; expected: string | ProblemWords } {
  const kind = layerGeometry[layer];
  if (kind === 'None') return { ok: true, geometry: null };
  const geometry = raw.geometry;
  // Buildings may be real footprints (Polygon) as well as rectangles (Point + size).
  if (layer === 'buildings' && geometry?.type === 'Polygon') return readRings(geometry.coordinates, checker);
  if (!geometry || geometry.type !== kind) return { ok: false, field: 'geometry.type', expected: `"${kind}"` };
  const coordinates = geometry.coordinates;
  if (kind === 'Point') {
    const point = checker.toLonLat(coordinates);
    return point ? { ok: true, geometry: point } : { ok: false, field: 'geometry.coordinates', expected: { words: 'in-territory' } };
  }
  if (kind === 'LineString') {
    if (!Array.isArray(coordinates) || coordinates.length < 2) return { ok: false, field: 'geometry.coordinates', expected: '≥ 2 positions' };
    const line: LonLat[] = [];
    for (const [index, position] of coordinates.entries()) {
      const point = checker.toLonLat(position);
      if (!point) return { ok: false, field: `geometry.coordinates.${index}`, expected: { words: 'in-territory' } };
      line.push(point);
    }
    return { ok: true, geometry: line };
  }
  return readRings(coordinates, checker);
}

function readRings(coordinates: unknown, checker: CoordinateChecker): { ok: true; geometry: LonLat[][] } | { ok: false; field: string; expected: string | ProblemWords } {
  if (!Array.isArray(coordinates) || coordinates.length === 0) return { ok: false, field: 'geometry.coordinates', expected: { words: 'rings' } };
  const rings: LonLat[][] = [];
  for (const [ringIndex, ring] of coordinates.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return { ok: false, field: `geometry.coordinates.${ringIndex}`, expected: '≥ 4 positions' };
    const points: LonLat[] = [];
    for (const [index, position] of ring.entries()) {
      const point = checker.toLonLat(position);
      if (!point) return { ok: false, field: `geometry.coordinates.${ringIndex}.${index}`, expected: { words: 'in-territory' } };
      points.push(point);
    }
    rings.push(points);
  }
  return { ok: true, geometry: rings };
}

async function loadLayer<K extends LayerName>(
  layer: K,
  entry: LayerFile,
  manifest: Manifest,
  source: FileSource,
  problems: Problem[],
): Promise<LayerRecords[K]> {
  const { file, format, crs } = resolveLayerFile(entry);
  let text: string;
  try {
    text = await source.readText(file);
  } catch (error) {
    problems.push(readProblem(file, error));
    return [];
  }
  // Refused before parsing, so that an enormous file never freezes the page (src/io/limits.ts).
  if (text.length > LIMITS.fileBytes) {
    problems.push({ code: 'too-large', file, detail: megabytesOf(text.length), expected: megabytesOf(LIMITS.fileBytes) });
    return [];
  }
  const raws = await parseRawFeatures(text, file, format, problems);
  if (!raws) return [];
  // proj4 and the French systems only for a layer that needs them: not in the first load.
  const checker = new CoordinateChecker(manifest.bounds, crs, crs === 'EPSG:4326' ? null : (await import('./crs')).toWgs84);
  const schema = featureSchemas[layer];
  const records: LayerRecords[K] = [];
  const seen = new Set<string>();
  for (const [index, raw] of raws.entries()) {
    const feature = describeFeature(index, raw.properties);
    const geometry = readGeometry(layer, raw, checker);
    if (!geometry.ok) {
      problems.push({ code: 'invalid-coordinates', file, feature, field: geometry.field, expected: geometry.expected });
      continue;
    }
    const parsed = schema.safeParse(raw.properties);
    if (!parsed.success) {
      const issue = tightestBounds(parsed.error.issues)[0];
      problems.push({ code: 'invalid-field', file, feature, field: `properties.${issuePath(issue.path)}`, expected: expectedOf(issue) });
      continue;
    }
    const record = parsed.data as { id: string };
    if (seen.has(record.id)) {
      problems.push({ code: 'duplicate-id', file, feature, field: 'properties.id' });
      continue;
    }
    seen.add(record.id);
    records.push({ ...parsed.data, geometry: geometry.geometry } as unknown as LayerRecords[K][number]);
  }
  return records;
}

async function loadRaster(
  raster: { file: string; width: number; height: number },
  bytesPerSample: number,
  source: FileSource,
  problems: Problem[],
): Promise<ArrayBuffer | null> {
  let buffer: ArrayBuffer;
  try {
    buffer = await source.readBinary(raster.file);
  } catch (error) {
    problems.push(readProblem(raster.file, error));
    return null;
  }
  const expectedBytes = raster.width * raster.height * bytesPerSample;
  if (buffer.byteLength !== expectedBytes) {
    problems.push({ code: 'invalid-raster', file: raster.file, expected: { words: 'bytes', count: expectedBytes }, detail: { words: 'bytes', count: buffer.byteLength } });
    return null;
  }
  return buffer;
}

/** Reports references to cabinets, zones, communes or targets that the territory does not have. */
function checkReferences(territory: Territory, manifest: Manifest, problems: Problem[]): void {
  const fileOf = (layer: LayerName) => {
    const entry = manifest.layers[layer];
    return entry ? resolveLayerFile(entry).file : layer;
  };
  const cabinets = new Set(territory.cabinets.map((cabinet) => cabinet.id));
  const zones = new Set(territory.lightingZones.map((zone) => zone.id));
  const targets = new Set([...territory.collectionPoints.map((point) => point.id), ...cabinets]);
  const report = (layer: LayerName, id: string, field: string, value: string) =>
    problems.push({ code: 'unknown-reference', file: fileOf(layer), feature: `id ${id}`, field: `properties.${field}`, detail: value });
  let reported = 0;
  const limit = 20;
  if (cabinets.size > 0 && zones.size > 0) {
    for (const light of territory.streetLights) {
      if (reported >= limit) break;
      if (!cabinets.has(light.cabinetId)) (report('streetLights', light.id, 'cabinetId', light.cabinetId), reported++);
      else if (!zones.has(light.zoneId)) (report('streetLights', light.id, 'zoneId', light.zoneId), reported++);
    }
  }
  for (const sensor of territory.sensors) {
    if (reported >= limit) break;
    if (sensor.targetId !== null && targets.size > 0 && !targets.has(sensor.targetId)) (report('sensors', sensor.id, 'targetId', sensor.targetId), reported++);
  }
  if (zones.size > 0) {
    for (const cabinet of territory.cabinets) {
      if (reported >= limit) break;
      if (!zones.has(cabinet.zoneId)) (report('cabinets', cabinet.id, 'zoneId', cabinet.zoneId), reported++);
    }
  }
  // `communeId` is optional (empty when absent); when given, the commune must exist.
  const communes = new Set(territory.communes.map((commune) => commune.id));
  if (communes.size === 0) return;
  const withCommune = [
    ['buildings', territory.buildings],
    ['streetLights', territory.streetLights],
    ['cabinets', territory.cabinets],
    ['lightingZones', territory.lightingZones],
    ['collectionPoints', territory.collectionPoints],
    ['sensors', territory.sensors],
  ] as const;
  for (const [layer, features] of withCommune) {
    for (const feature of features) {
      if (reported >= limit) return;
      if (feature.communeId !== '' && !communes.has(feature.communeId)) (report(layer, feature.id, 'communeId', feature.communeId), reported++);
    }
  }
}

export async function loadTerritory(manifestFile: string, source: FileSource): Promise<LoadedTerritory> {
  const problems: Problem[] = [];
  const territory = emptyTerritory();
  let text: string;
  try {
    text = await source.readText(manifestFile);
  } catch (error) {
    problems.push(readProblem(manifestFile, error));
    return { manifest: null, territory, heightmap: null, landCover: null, problems };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problems.push({ code: 'invalid-json', file: manifestFile, detail: (error as Error).message });
    return { manifest: null, territory, heightmap: null, landCover: null, problems };
  }
  const { manifest, problems: manifestProblems } = parseManifest(json, manifestFile);
  problems.push(...manifestProblems);
  if (!manifest) return { manifest: null, territory, heightmap: null, landCover: null, problems };

  territory.name = manifest.name;
  territory.fictitious = manifest.fictitious;
  territory.timeZone = manifest.timeZone;
  territory.bounds = manifest.bounds;
  territory.parameters = manifest.parameters;
  if (manifest.waste) territory.waste = manifest.waste;

  const layerPromises = LAYER_NAMES.map(async (layer) => {
    const entry = manifest.layers[layer];
    return [layer, entry ? await loadLayer(layer, entry, manifest, source, problems) : []] as const;
  });
  const terrain = manifest.terrain;
  const heightmapPromise = terrain ? loadRaster(terrain.heightmap, 2, source, problems) : Promise.resolve(null);
  const landCoverRaster = manifest.imagery.landCover;
  const landCoverPromise = landCoverRaster ? loadRaster(landCoverRaster, 1, source, problems) : Promise.resolve(null);
  const layers = Object.fromEntries(await Promise.all(layerPromises)) as LayerRecords;

  const { bounds } = manifest;
  let heightmap: Heightmap | null = null;
  const heightBuffer = await heightmapPromise;
  if (terrain && heightBuffer) {
    const decimetres = new Uint16Array(heightBuffer);
    const heightsMetres = new Float32Array(decimetres.length);
    for (let i = 0; i < decimetres.length; i++) heightsMetres[i] = decimetres[i] / 10;
    heightmap = { ...bounds, width: terrain.heightmap.width, height: terrain.heightmap.height, heightsMetres };
  }
  let landCover: LandCover | null = null;
  const landCoverBuffer = await landCoverPromise;
  if (landCoverRaster && landCoverBuffer) {
    landCover = { ...bounds, width: landCoverRaster.width, height: landCoverRaster.height, classes: new Uint8Array(landCoverBuffer) };
  }

  territory.communes = layers.communes.map(({ geometry, ...rest }) => {
    const boundary = (geometry as LonLat[][])[0];
    let lon = 0;
    let lat = 0;
    for (const [x, y] of boundary) (lon += x), (lat += y);
    return { ...rest, boundary, centre: [lon / boundary.length, lat / boundary.length] as LonLat };
  });
  territory.roads = layers.roads.map(({ geometry, ...rest }) => ({ ...rest, coordinates: geometry as LonLat[] }));
  territory.waterways = layers.waterways.map(({ geometry, ...rest }) => ({ ...rest, coordinates: geometry as LonLat[] }));
  territory.buildings = layers.buildings.map(({ geometry, ...rest }) => {
    if (Array.isArray((geometry as unknown[])[0])) {
      // A footprint: its outer ring, and its centre for labels, selection and the info card.
      const footprint = (geometry as LonLat[][])[0];
      const ring = footprint.length > 1 && footprint[0][0] === footprint.at(-1)![0] && footprint[0][1] === footprint.at(-1)![1] ? footprint.slice(0, -1) : footprint;
      let lon = 0;
      let lat = 0;
      for (const [x, y] of ring) (lon += x), (lat += y);
      return { ...rest, position: [lon / ring.length, lat / ring.length] as LonLat, footprint };
    }
    return { ...rest, position: geometry as LonLat };
  });
  territory.streetLights = layers.streetLights.map(({ geometry, ...rest }) => ({ ...rest, position: geometry as LonLat }));
  territory.cabinets = layers.cabinets.map(({ geometry, ...rest }) => ({ ...rest, position: geometry as LonLat }));
  territory.lightingZones = layers.lightingZones.map(({ geometry: _geometry, ...rest }) => rest);
  territory.collectionPoints = layers.collectionPoints.map(({ geometry, ...rest }) => ({ ...rest, position: geometry as LonLat }));
  territory.facilities = layers.facilities.map(({ geometry, ...rest }) => ({ ...rest, position: geometry as LonLat }));
  territory.sensors = layers.sensors.map(({ geometry, ...rest }) => ({ ...rest, position: geometry as LonLat }));
  checkReferences(territory, manifest, problems);
  const imageryTiles = await loadTileImagery(manifest.imagery.tiles, source, problems);
  return { manifest, territory, heightmap, landCover, problems, imageryTiles };
}

/** Reads every tile of each tile set; tiles that cannot be read are counted in one problem per set. */
async function loadTileImagery(specs: readonly TileImagery[], source: FileSource, problems: Problem[]): Promise<LoadedTileImagery[]> {
  const loaded: LoadedTileImagery[] = [];
  for (const spec of specs) {
    const absent = new Set(spec.absent);
    const tiles = new Map<string, Uint8Array>();
    const jobs: Array<Promise<void>> = [];
    let failed = 0;
    let firstFailure = '';
    for (let y = spec.yMin; y <= spec.yMax; y++) {
      for (let x = spec.xMin; x <= spec.xMax; x++) {
        if (absent.has(`${x}/${y}`)) continue;
        const path = spec.path.replace('{z}', String(spec.zoom)).replace('{x}', String(x)).replace('{y}', String(y));
        jobs.push(
          source.readBinary(path).then(
            (buffer) => void tiles.set(`${x}/${y}`, new Uint8Array(buffer)),
            (error: unknown) => {
              failed++;
              firstFailure ||= `${path}: ${(error as Error).message}`;
            },
          ),
        );
      }
    }
    await Promise.all(jobs);
    if (failed > 0) problems.push({ code: 'missing-file', file: spec.path, detail: `${failed} tuile(s) illisible(s), dont ${firstFailure}` });
    loaded.push({ spec, tiles });
  }
  return loaded;
}
