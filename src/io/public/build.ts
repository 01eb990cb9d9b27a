/**
 * Builds a real territory from the public services, in the browser or in Node: the commune
 * outline first (it gives the bounds), then elevation, aerial photo, Plan IGN, BD TOPO buildings
 * and roads, and OpenStreetMap lamps and waste points side by side. Each source reports its
 * progress; a source that fails or has nothing says why as a problem code with its values, which the
 * page words in its language and the manifest records, and the rest is kept. The result
 * is a manifest in the demo's format and its files, which the same loader validates.
 */
import { MANIFEST_FORMAT, MANIFEST_VERSION, type LayerSource, type SourceProblem, type TileImagery } from '../../domain/manifest';
import { LAMP_DEFAULTS, WASTE_DEFAULTS } from './defaults';
import { encodeHeightmap, fetchHeightGrid } from './altimetry';
import { CancelledError, ServiceError, UnexpectedAnswer, type AnswerFault, type HttpOptions } from './http';
import type { PublicHosts } from './hosts';
import { boundsOf, communeUrl, epciUrl, fetchOutlines, type Bounds, type CommuneOutline } from './outline';
import { fetchOsm, toCollectionPoints, toStreetLights } from './overpass';
import { fetchAllFeatures, toBuildings, toRoads } from './wfs';
import { chooseZoom, fetchTiles, tileCount, tileRange, type TileSet } from './wmts';

export const SOURCE_IDS = ['outline', 'elevation', 'photo', 'plan', 'buildings', 'roads', 'osm'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export type SourceStatus = 'waiting' | 'running' | 'done' | 'empty' | 'failed' | 'cancelled';

export interface SourceProgress {
  status: SourceStatus;
  /** Features (or height points) received. */
  count: number;
  bytes: number;
  tilesDone: number;
  tilesTotal: number;
  retries: number;
  /** What failed or what is missing (none when all went well). */
  problems: SourceProblem[];
}

/**
 * Why a source failed or has nothing: the page words each code (dictionary keys
 * `commune.problem.<code>`); answer faults keep the name `AnswerFault` gives them.
 */
export type SourceProblemCode =
  | 'cancelled'
  | 'rateLimited'
  | 'serviceDown'
  | 'unknownTerritory'
  | 'refused'
  | 'unreachable'
  | 'unexpected'
  | 'noOutline'
  | 'noTiles'
  | 'noBuildings'
  | 'noRoads'
  | 'noLamps'
  | 'noCollectionPoints'
  | 'heightsMissing'
  | 'tilesMissing'
  | AnswerFault;

const problem = (code: SourceProblemCode, values: SourceProblem['values'] = {}): SourceProblem => ({ code, values });

/** The outline failed, so nothing could be built: which problem, for the page to word. */
export class BuildError extends Error {
  constructor(readonly problem: SourceProblem) {
    super(`outline: ${problem.code} ${JSON.stringify(problem.values)}`);
  }
}

export interface BuildTarget {
  kind: 'commune' | 'epci';
  /** INSEE code or SIREN. */
  code: string;
  name: string;
}

export interface BuildOptions {
  hosts: PublicHosts;
  signal?: AbortSignal;
  onProgress?: (progress: Record<SourceId, SourceProgress>) => void;
  fetchImpl?: typeof fetch;
  /** At most this many photo tiles (the zoom is chosen to fit). */
  maxPhotoTiles?: number;
  /** Heightmap samples per side. */
  gridSize?: number;
  /** Backoff base for retries (tests make it short). */
  baseDelayMs?: number;
  now?: () => Date;
}

export interface TerritoryPackage {
  /** Storage key: `commune-51237` or `epci-200000172`. */
  id: string;
  name: string;
  /** Relative path → bytes; includes manifest.json. */
  files: Map<string, Uint8Array>;
  manifest: Record<string, unknown>;
  bytesFetched: number;
  /** Milliseconds spent converting what arrived (not waiting for the network). */
  processingMs: number;
  progress: Record<SourceId, SourceProgress>;
}

export const IGN_LICENCE = 'Licence Ouverte 2.0 (Etalab)';
export const IGN_ATTRIBUTION = '© IGN';
export const OSM_LICENCE = 'ODbL 1.0';
export const OSM_ATTRIBUTION = "© les contributeurs d'OpenStreetMap";

export const SOURCE_LABELS: Record<SourceId, string> = {
  outline: 'Contour de la commune (geo.api.gouv.fr)',
  elevation: 'Relief (IGN, altimétrie)',
  photo: 'Photo aérienne (IGN)',
  plan: 'Plan IGN',
  buildings: 'Bâtiments (IGN BD TOPO)',
  roads: 'Routes (IGN BD TOPO)',
  osm: 'Lampadaires et points de collecte (OpenStreetMap)',
};

/** Why a source failed, as a problem the page words. */
export function problemOf(error: unknown): SourceProblem {
  if (error instanceof CancelledError) return problem('cancelled');
  if (error instanceof UnexpectedAnswer) return problem(error.fault, error.values);
  if (error instanceof ServiceError) {
    if (error.status === 429) return problem('rateLimited');
    if (error.status !== null && error.status >= 500) return problem('serviceDown', { status: error.status });
    if (error.status === 404) return problem('unknownTerritory');
    if (error.status !== null) return problem('refused', { status: error.status });
    return problem('unreachable', { detail: error.message.slice(0, 200) });
  }
  return problem('unexpected', { detail: String((error as Error)?.message ?? error).slice(0, 200) });
}

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));

function featureCollection(features: unknown[]): unknown {
  return { type: 'FeatureCollection', features };
}

export async function buildTerritory(target: BuildTarget, options: BuildOptions): Promise<TerritoryPackage> {
  const { hosts, signal } = options;
  const now = options.now?.() ?? new Date();
  const retrieved = now.toISOString().slice(0, 10);
  const progress = Object.fromEntries(
    SOURCE_IDS.map((id) => [id, { status: 'waiting', count: 0, bytes: 0, tilesDone: 0, tilesTotal: 0, retries: 0, problems: [] as SourceProblem[] } satisfies SourceProgress]),
  ) as Record<SourceId, SourceProgress>;
  let lastReport = 0;
  const report = (force = false) => {
    const t = Date.now();
    if (!force && t - lastReport < 100) return;
    lastReport = t;
    options.onProgress?.(structuredClone(progress));
  };
  let processingMs = 0;
  const httpFor = (id: SourceId): HttpOptions => ({
    signal,
    onParse: (ms) => {
      processingMs += ms;
    },
    fetchImpl: options.fetchImpl,
    baseDelayMs: options.baseDelayMs,
    onBytes: (bytes) => {
      progress[id].bytes += bytes;
      report();
    },
    onRetry: () => {
      progress[id].retries++;
      report(true);
    },
  });
  const timed = <T>(work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      processingMs += performance.now() - start;
    }
  };
  const files = new Map<string, Uint8Array>();
  const sources: Record<string, LayerSource> = {};
  const layers: Record<string, string> = {};
  const tileSets: TileImagery[] = [];
  let terrain: Record<string, unknown> | undefined;

  // 1. The outline: without it there are no bounds, so a failure here stops the build.
  progress.outline.status = 'running';
  report(true);
  let outlines: CommuneOutline[];
  try {
    outlines = await fetchOutlines(hosts.geo, target, httpFor('outline'));
  } catch (error) {
    progress.outline.status = error instanceof CancelledError ? 'cancelled' : 'failed';
    progress.outline.problems = [problemOf(error)];
    for (const id of SOURCE_IDS) if (progress[id].status === 'waiting') progress[id].status = 'cancelled';
    report(true);
    throw error instanceof CancelledError ? error : new BuildError(progress.outline.problems[0]);
  }
  if (outlines.length === 0) {
    progress.outline.status = 'failed';
    progress.outline.problems = [problem('noOutline')];
    report(true);
    throw new BuildError(progress.outline.problems[0]);
  }
  progress.outline.status = 'done';
  progress.outline.count = outlines.length;
  report(true);
  const bounds: Bounds = timed(() => boundsOf(outlines));
  const communesFeatures = outlines.map((outline) => {
    const largest = outline.rings.reduce((best, ring) => (ring.length > best.length ? ring : best), outline.rings[0]);
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [largest] },
      properties: { id: outline.code, name: outline.name, population: outline.population, surfaceHectares: outline.surface, departement: outline.departement },
    };
  });
  files.set('communes.geojson', json(featureCollection(communesFeatures)));
  layers.communes = 'communes.geojson';
  sources.communes = {
    name: 'API Découpage administratif (geo.api.gouv.fr)',
    url: target.kind === 'commune' ? communeUrl(hosts.geo, target.code) : epciUrl(hosts.geo, target.code),
    licence: IGN_LICENCE,
    attribution: 'geo.api.gouv.fr — Etalab, IGN Admin Express',
    retrieved,
    count: outlines.length,
    assumed: {},
    note: '',
    problems: [],
  };

  // 2. The rest, side by side; each one's failure is its own.
  const run = async (id: SourceId, work: () => Promise<void>) => {
    progress[id].status = 'running';
    report(true);
    try {
      await work();
      if (progress[id].status === 'running') progress[id].status = 'done';
    } catch (error) {
      progress[id].status = error instanceof CancelledError || signal?.aborted ? 'cancelled' : 'failed';
      progress[id].problems = [problemOf(error)];
    }
    report(true);
  };

  const elevation = run('elevation', async () => {
    const size = options.gridSize ?? 41;
    const grid = await fetchHeightGrid(hosts.geopf, bounds, size, httpFor('elevation'), (done, total) => {
      progress.elevation.tilesDone = done;
      progress.elevation.tilesTotal = total;
      progress.elevation.count = Math.min(size * size, done * 100);
      report();
    });
    files.set('terrain.bin', timed(() => encodeHeightmap(grid)));
    terrain = { heightmap: { file: 'terrain.bin', width: grid.width, height: grid.height, encoding: 'uint16-decimetres' } };
    sources.terrain = {
      name: 'IGN — RGE ALTI (service d’altimétrie)',
      url: `${hosts.geopf}/altimetrie/1.0/calcul/alti/rest/elevation.json`,
      licence: IGN_LICENCE,
      attribution: IGN_ATTRIBUTION,
      retrieved,
      count: grid.width * grid.height,
      assumed: {},
      note: '',
      problems: grid.noData > 0 ? [problem('heightsMissing', { count: grid.noData })] : [],
    };
  });

  const photoZoom = chooseZoom(bounds, options.maxPhotoTiles ?? 240);
  const imagery = (id: 'photo' | 'plan', layer: string, format: 'jpeg' | 'png', zoom: number, label: string, visible: boolean) =>
    run(id, async () => {
      const range = tileRange(bounds, zoom);
      progress[id].tilesTotal = tileCount(range);
      const set: TileSet = await fetchTiles(hosts.geopf, layer, `image/${format}`, range, httpFor(id), (done) => {
        progress[id].tilesDone = done;
        progress[id].count = done;
        report();
      });
      const absent: string[] = [];
      for (let y = range.yMin; y <= range.yMax; y++) for (let x = range.xMin; x <= range.xMax; x++) if (!set.tiles.has(`${x}/${y}`)) absent.push(`${x}/${y}`);
      for (const [key, bytes] of set.tiles) files.set(`imagery/${id}/${zoom}/${key}.${format === 'jpeg' ? 'jpg' : 'png'}`, bytes);
      if (set.tiles.size === 0) {
        progress[id].status = 'empty';
        progress[id].problems = [problem('noTiles')];
        return;
      }
      tileSets.push({
        id,
        label,
        layer,
        format,
        tileMatrixSet: 'PM',
        ...range,
        path: `imagery/${id}/{z}/{x}/{y}.${format === 'jpeg' ? 'jpg' : 'png'}`,
        absent,
        attribution: `${IGN_ATTRIBUTION} — ${IGN_LICENCE}`,
        visible,
      });
      sources[`imagery.${id}`] = {
        name: `IGN — ${layer} (WMTS)`,
        url: `${hosts.geopf}/wmts`,
        licence: IGN_LICENCE,
        attribution: IGN_ATTRIBUTION,
        retrieved,
        count: set.tiles.size,
        assumed: {},
        note: '',
        problems: set.missing > 0 ? [problem('tilesMissing', { count: set.missing })] : [],
      };
    });
  const photo = imagery('photo', 'ORTHOIMAGERY.ORTHOPHOTOS', 'jpeg', photoZoom, 'Photo aérienne (IGN)', true);
  const plan = imagery('plan', 'GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2', 'png', Math.max(10, photoZoom - 1), 'Plan IGN', false);

  const buildings = run('buildings', async () => {
    const features = await fetchAllFeatures(hosts.geopf, 'BDTOPO_V3:batiment', bounds, httpFor('buildings'), (received) => {
      progress.buildings.count = received;
      report();
    });
    const { buildings: footprints, withoutHeight } = timed(() => toBuildings(features, outlines));
    progress.buildings.count = footprints.length;
    files.set('buildings.geojson', timed(() => json(featureCollection(footprints))));
    layers.buildings = 'buildings.geojson';
    sources.buildings = {
      name: 'IGN — BD TOPO (WFS BDTOPO_V3:batiment)',
      url: `${hosts.geopf}/wfs/ows`,
      licence: IGN_LICENCE,
      attribution: IGN_ATTRIBUTION,
      retrieved,
      count: footprints.length,
      assumed: withoutHeight > 0 ? { heightMetres: { value: 6, source: `Hauteur absente de la BD TOPO pour ${withoutHeight} bâtiment(s)\u00a0: étages × 3 m, sinon 6 m`, unverified: true } } : {},
      note: '',
      problems: footprints.length === 0 ? [problem('noBuildings')] : [],
    };
    if (footprints.length === 0) {
      progress.buildings.status = 'empty';
      progress.buildings.problems = sources.buildings.problems;
    }
  });

  const roads = run('roads', async () => {
    const features = await fetchAllFeatures(hosts.geopf, 'BDTOPO_V3:troncon_de_route', bounds, httpFor('roads'), (received) => {
      progress.roads.count = received;
      report();
    });
    const lines = timed(() => toRoads(features, bounds));
    progress.roads.count = lines.length;
    files.set('roads.geojson', timed(() => json(featureCollection(lines))));
    layers.roads = 'roads.geojson';
    sources.roads = {
      name: 'IGN — BD TOPO (WFS BDTOPO_V3:troncon_de_route)',
      url: `${hosts.geopf}/wfs/ows`,
      licence: IGN_LICENCE,
      attribution: IGN_ATTRIBUTION,
      retrieved,
      count: lines.length,
      assumed: {},
      note: '',
      problems: lines.length === 0 ? [problem('noRoads')] : [],
    };
    if (lines.length === 0) {
      progress.roads.status = 'empty';
      progress.roads.problems = sources.roads.problems;
    }
  });

  const osm = run('osm', async () => {
    const elements = await fetchOsm(hosts.overpass, bounds, httpFor('osm'));
    const lamps = timed(() => toStreetLights(elements, outlines));
    const points = timed(() => toCollectionPoints(elements, outlines));
    progress.osm.count = lamps.length + points.length;
    const osmSource = (count: number, missing: SourceProblem[], assumed: LayerSource['assumed']): LayerSource => ({
      name: 'OpenStreetMap (Overpass API)',
      url: `${hosts.overpass}/api/interpreter`,
      licence: OSM_LICENCE,
      attribution: OSM_ATTRIBUTION,
      retrieved,
      count,
      assumed,
      note: '',
      problems: missing,
    });
    const missing: SourceProblem[] = [];
    if (lamps.length > 0) {
      files.set('street-lights.geojson', timed(() => json(featureCollection(lamps))));
      layers.streetLights = 'street-lights.geojson';
      const zones = outlines
        .filter((outline) => lamps.some((lamp) => lamp.properties.communeId === outline.code))
        .map((outline) => ({
          type: 'Feature',
          geometry: null,
          properties: { id: `${LAMP_DEFAULTS.zoneId.value}-${outline.code}`, name: `${outline.name} — zone par défaut`, communeId: outline.code, usage: 'road' },
        }));
      files.set('lighting-zones.geojson', json(featureCollection(zones)));
      layers.lightingZones = 'lighting-zones.geojson';
      sources.streetLights = osmSource(lamps.length, [], { ...LAMP_DEFAULTS });
    } else {
      missing.push(problem('noLamps'));
      sources.streetLights = osmSource(0, [problem('noLamps')], {});
    }
    if (points.length > 0) {
      files.set('collection-points.geojson', timed(() => json(featureCollection(points))));
      layers.collectionPoints = 'collection-points.geojson';
      sources.collectionPoints = osmSource(points.length, [], { ...WASTE_DEFAULTS });
    } else {
      missing.push(problem('noCollectionPoints'));
      sources.collectionPoints = osmSource(0, [problem('noCollectionPoints')], {});
    }
    if (lamps.length === 0 && points.length === 0) progress.osm.status = 'empty';
    progress.osm.problems = missing;
  });

  await Promise.all([elevation, photo, plan, buildings, roads, osm]);
  if (signal?.aborted) throw new CancelledError();

  for (const id of SOURCE_IDS) {
    if (progress[id].status !== 'failed') continue;
    const key = id === 'photo' || id === 'plan' ? `imagery.${id}` : id === 'elevation' ? 'terrain' : id;
    const problems = progress[id].problems;
    if (id === 'osm') {
      for (const layer of ['streetLights', 'collectionPoints']) sources[layer] = { name: 'OpenStreetMap (Overpass API)', url: `${hosts.overpass}/api/interpreter`, licence: OSM_LICENCE, attribution: OSM_ATTRIBUTION, retrieved, assumed: {}, note: '', problems };
    } else {
      sources[key] = { name: SOURCE_LABELS[id], url: '', licence: IGN_LICENCE, attribution: IGN_ATTRIBUTION, retrieved, assumed: {}, note: '', problems };
    }
  }

  const usesIgn = Object.values(sources).some((source) => source.attribution === IGN_ATTRIBUTION && source.count !== undefined);
  const usesOsm = Object.values(sources).some((source) => source.attribution === OSM_ATTRIBUTION && (source.count ?? 0) > 0);
  const attribution = [usesIgn ? `${IGN_ATTRIBUTION} — ${IGN_LICENCE}` : '', usesOsm ? `${OSM_ATTRIBUTION} — ${OSM_LICENCE}` : '', 'geo.api.gouv.fr']
    .filter(Boolean)
    .join(' · ');
  tileSets.sort((a, b) => (a.id === 'photo' ? -1 : b.id === 'photo' ? 1 : 0));
  const manifest: Record<string, unknown> = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    name: target.name || (target.kind === 'commune' ? outlines[0].name : `EPCI ${target.code} (${outlines.length} communes)`),
    fictitious: false,
    attribution,
    bounds,
    ...(terrain ? { terrain } : {}),
    imagery: { tiles: tileSets },
    layers,
    parameters: {},
    sources,
    services: [],
    built: { target, at: now.toISOString(), by: 'Vigie', progress: Object.fromEntries(SOURCE_IDS.map((id) => [id, { status: progress[id].status, problems: progress[id].problems }])) },
  };
  files.set('manifest.json', encoder.encode(JSON.stringify(manifest, null, 2)));
  const bytesFetched = SOURCE_IDS.reduce((sum, id) => sum + progress[id].bytes, 0);
  report(true);
  return { id: `${target.kind}-${target.code}`, name: manifest.name as string, files, manifest, bytesFetched, processingMs, progress };
}
