/**
 * BD TOPO from the IGN Géoplateforme WFS (`data.geopf.fr/wfs/ows`, WFS 2.0.0, GeoJSON output in
 * Lambert-93 to avoid the axis-order ambiguity of EPSG:4326): buildings (`BDTOPO_V3:batiment`,
 * real footprints with `hauteur`, `usage_1`, `nature`, `nombre_d_etages`, `cleabs`) and road
 * sections (`BDTOPO_V3:troncon_de_route` with `nature`, `importance`, `sens_de_circulation`,
 * `vitesse_moyenne_vl`, `nom_1_gauche`). Results are paged with COUNT/STARTINDEX until a page
 * comes back short or `numberMatched` is reached.
 */
import type { BuildingUsage, LonLat, RoadClass } from '../../domain/territory';
import { fromWgs84, toWgs84 } from '../crs';
import { fetchJson, UnexpectedAnswer, type HttpOptions } from './http';
import { insideOutlines, type Bounds, type CommuneOutline } from './outline';

export const WFS_PAGE = 1000;

export interface WfsFeature {
  type: 'Feature';
  id?: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> | null;
}

interface WfsPage {
  type: 'FeatureCollection';
  features: WfsFeature[];
  numberMatched?: number | 'unknown';
  numberReturned?: number;
  totalFeatures?: number | 'unknown';
}

export function lambertBox(bounds: Bounds): [number, number, number, number] {
  const corners = [
    fromWgs84('EPSG:2154', bounds.west, bounds.south),
    fromWgs84('EPSG:2154', bounds.west, bounds.north),
    fromWgs84('EPSG:2154', bounds.east, bounds.south),
    fromWgs84('EPSG:2154', bounds.east, bounds.north),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys)), Math.ceil(Math.max(...xs)), Math.ceil(Math.max(...ys))];
}

export function getFeatureUrl(geopf: string, typeName: string, box: readonly number[], count: number, startIndex: number): string {
  const params = [
    'SERVICE=WFS',
    'VERSION=2.0.0',
    'REQUEST=GetFeature',
    `TYPENAMES=${typeName}`,
    'OUTPUTFORMAT=application/json',
    'SRSNAME=EPSG:2154',
    `BBOX=${box.join(',')},EPSG:2154`,
    `COUNT=${count}`,
    `STARTINDEX=${startIndex}`,
  ];
  return `${geopf}/wfs/ows?${params.join('&')}`;
}

/** Every feature of a type in a box, page after page. */
export async function fetchAllFeatures(
  geopf: string,
  typeName: string,
  bounds: Bounds,
  http: HttpOptions,
  onPage?: (received: number, matched: number | null) => void,
  pageSize = WFS_PAGE,
): Promise<WfsFeature[]> {
  const box = lambertBox(bounds);
  const all: WfsFeature[] = [];
  for (let start = 0; ; start += pageSize) {
    const page = await fetchJson<WfsPage>(getFeatureUrl(geopf, typeName, box, pageSize, start), http);
    if (!page || !Array.isArray(page.features)) throw new UnexpectedAnswer('noFeatures', { layer: typeName });
    all.push(...page.features);
    const matched = typeof page.numberMatched === 'number' ? page.numberMatched : typeof page.totalFeatures === 'number' ? page.totalFeatures : null;
    onPage?.(all.length, matched);
    if (page.features.length < pageSize) break;
    if (matched !== null && all.length >= matched) break;
    if (start > 200_000) break;
  }
  return all;
}

const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

function toLonLat(position: unknown): LonLat | null {
  if (!Array.isArray(position) || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) return null;
  const [lon, lat] = toWgs84('EPSG:2154', position[0] as number, position[1] as number);
  return [round7(lon), round7(lat)];
}

// --- Buildings ---------------------------------------------------------------------------------

const USAGES: Record<string, BuildingUsage> = {
  résidentiel: 'residential',
  annexe: 'residential',
  indifférencié: 'residential',
  'commercial et services': 'commercial',
  industriel: 'industrial',
  agricole: 'agricultural',
  religieux: 'religious',
  sportif: 'public',
};

export function buildingUsage(usage: unknown, nature: unknown): BuildingUsage {
  const n = typeof nature === 'string' ? nature.toLowerCase() : '';
  if (/église|eglise|chapelle|temple|mosquée|synagogue/.test(n)) return 'religious';
  const u = typeof usage === 'string' ? usage.toLowerCase() : '';
  return USAGES[u] ?? (n.includes('industriel') ? 'industrial' : 'residential');
}

export interface BuildingFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: LonLat[][] };
  properties: {
    id: string;
    widthMetres: number;
    depthMetres: number;
    headingDegrees: number;
    heightMetres: number;
    usage: BuildingUsage;
    communeId: string;
    nature: string;
    floors: number | null;
    /** True when BD TOPO gives no height and the default was used. */
    heightAssumed: boolean;
    source: 'BD TOPO';
  };
}

/** Default height when BD TOPO has none: floors × 3 m, else 6 m (a two-storey house). Labelled in the manifest. */
export const DEFAULT_BUILDING_HEIGHT = 6;

/** Width along the longest side, depth across it, and that side's heading, from a ring in metres. */
function orientedSize(ring: Array<[number, number]>): { width: number; depth: number; heading: number } {
  let best = 0;
  let angle = 0;
  for (let i = 1; i < ring.length; i++) {
    const dx = ring[i][0] - ring[i - 1][0];
    const dy = ring[i][1] - ring[i - 1][1];
    const length = Math.hypot(dx, dy);
    if (length > best) (best = length), (angle = Math.atan2(dx, dy));
  }
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
  for (const [x, y] of ring) {
    const u = x * sin + y * cos;
    const v = x * cos - y * sin;
    minU = Math.min(minU, u), maxU = Math.max(maxU, u), minV = Math.min(minV, v), maxV = Math.max(maxV, v);
  }
  const heading = ((angle * 180) / Math.PI + 360) % 180;
  return { width: Math.max(1, maxU - minU), depth: Math.max(1, maxV - minV), heading: Math.round(heading * 10) / 10 };
}

/** BD TOPO buildings → footprints in WGS84 whose centre lies in one of the outlines. */
export function toBuildings(features: readonly WfsFeature[], outlines: readonly CommuneOutline[]): { buildings: BuildingFeature[]; withoutHeight: number } {
  const buildings: BuildingFeature[] = [];
  let withoutHeight = 0;
  features.forEach((feature, index) => {
    const g = feature.geometry;
    const p = feature.properties ?? {};
    if (!g) return;
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as unknown[][][];
    const baseId = String(p.cleabs ?? feature.id ?? `batiment-${index + 1}`);
    polygons.forEach((polygon, part) => {
      const outer = polygon[0] as unknown[] | undefined;
      if (!Array.isArray(outer) || outer.length < 4) return;
      const metres: Array<[number, number]> = [];
      const ring: LonLat[] = [];
      for (const position of outer) {
        const lonLat = toLonLat(position);
        if (!lonLat) return;
        ring.push(lonLat);
        metres.push([(position as number[])[0], (position as number[])[1]]);
      }
      let cx = 0, cy = 0;
      for (const [x, y] of metres.slice(0, -1)) (cx += x), (cy += y);
      const n = Math.max(1, metres.length - 1);
      const [lon, lat] = toWgs84('EPSG:2154', cx / n, cy / n);
      const commune = insideOutlines(outlines, lon, lat);
      if (!commune) return;
      const { width, depth, heading } = orientedSize(metres);
      const floors = typeof p.nombre_d_etages === 'number' && p.nombre_d_etages > 0 ? p.nombre_d_etages : null;
      const hauteur = typeof p.hauteur === 'number' && p.hauteur > 0 ? p.hauteur : null;
      if (hauteur === null) withoutHeight++;
      const height = Math.min(300, hauteur ?? (floors ? floors * 3 : DEFAULT_BUILDING_HEIGHT));
      buildings.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: {
          id: polygons.length > 1 ? `${baseId}-${part + 1}` : baseId,
          widthMetres: Math.min(500, Math.round(width * 10) / 10),
          depthMetres: Math.min(500, Math.round(depth * 10) / 10),
          headingDegrees: heading,
          heightMetres: Math.round(height * 10) / 10,
          usage: buildingUsage(p.usage_1, p.nature),
          communeId: commune.code,
          nature: typeof p.nature === 'string' ? p.nature : '',
          floors,
          heightAssumed: hauteur === null,
          source: 'BD TOPO',
        },
      });
    });
  });
  return { buildings, withoutHeight };
}

// --- Roads -------------------------------------------------------------------------------------

const SKIPPED_NATURES = new Set(['sentier', 'escalier', 'piste cyclable', 'bac ou liaison maritime', 'bac auto', 'bac piéton']);

export function roadClass(nature: string, importance: string): RoadClass {
  const n = nature.toLowerCase();
  if (n === 'chemin' || n === 'route empierrée') return 'track';
  if (n === 'type autoroutier') return 'primary';
  switch (importance) {
    case '1':
    case '2':
      return 'primary';
    case '3':
      return 'secondary';
    case '4':
      return 'tertiary';
    case '5':
      return 'residential';
    default:
      return 'service';
  }
}

const DEFAULT_SPEED: Record<RoadClass, number> = { primary: 80, secondary: 70, tertiary: 50, residential: 30, service: 20, track: 15 };

export interface RoadFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: LonLat[] };
  properties: { id: string; name: string; roadClass: RoadClass; speedKmh: number; oneway: boolean; nature: string; source: 'BD TOPO' };
}

/** BD TOPO road sections → roads in WGS84, clipped to the bounds (plus a small margin); footpaths left out. */
export function toRoads(features: readonly WfsFeature[], bounds: Bounds): RoadFeature[] {
  const mLon = (bounds.east - bounds.west) * 0.05;
  const mLat = (bounds.north - bounds.south) * 0.05;
  const inside = ([lon, lat]: LonLat) => lon >= bounds.west - mLon && lon <= bounds.east + mLon && lat >= bounds.south - mLat && lat <= bounds.north + mLat;
  const roads: RoadFeature[] = [];
  features.forEach((feature, index) => {
    const g = feature.geometry;
    const p = feature.properties ?? {};
    if (!g) return;
    const nature = typeof p.nature === 'string' ? p.nature : '';
    if (SKIPPED_NATURES.has(nature.toLowerCase())) return;
    const lines = (g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []) as unknown[][];
    const klass = roadClass(nature, String(p.importance ?? ''));
    const speed = typeof p.vitesse_moyenne_vl === 'number' && p.vitesse_moyenne_vl > 0 ? Math.min(150, p.vitesse_moyenne_vl) : DEFAULT_SPEED[klass];
    const direction = typeof p.sens_de_circulation === 'string' ? p.sens_de_circulation.toLowerCase() : '';
    const oneway = direction === 'sens direct' || direction === 'sens inverse';
    const name = [p.nom_1_gauche, p.nom_1_droite, p.cpx_toponyme_route_nommee].find((value) => typeof value === 'string' && value.length > 0) as string | undefined;
    const baseId = String(p.cleabs ?? feature.id ?? `troncon-${index + 1}`);
    let part = 0;
    for (const line of lines) {
      let points = (line ?? []).map(toLonLat).filter((point): point is LonLat => point !== null);
      if (direction === 'sens inverse') points = points.reverse();
      // Split into runs inside the bounds.
      let run: LonLat[] = [];
      const flush = () => {
        if (run.length >= 2) {
          part++;
          roads.push({
            type: 'Feature',
            geometry: { type: 'LineString', coordinates: run },
            properties: { id: `${baseId}${part > 1 ? `-${part}` : ''}`, name: name ?? '', roadClass: klass, speedKmh: speed, oneway, nature, source: 'BD TOPO' },
          });
        }
        run = [];
      };
      for (const point of points) {
        if (inside(point)) run.push(point);
        else flush();
      }
      flush();
    }
  });
  // Ids must stay unique when a section was split or repeated across pages.
  const seen = new Set<string>();
  return roads.filter((road) => (seen.has(road.properties.id) ? false : (seen.add(road.properties.id), true)));
}
