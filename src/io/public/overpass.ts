/**
 * Street lights and waste points from OpenStreetMap through an Overpass API instance: one POST to
 * `/api/interpreter` with `[out:json]`, answer `{"elements":[{"type","id","lat","lon","tags"}]}`
 * (ways and relations carry `center` with `out center`). Asked once per build, kept with the
 * territory, as the public instances ask.
 */
import type { LonLat } from '../../domain/territory';
import { fetchJson, UnexpectedAnswer, type HttpOptions } from './http';
import { LAMP_DEFAULTS, WASTE_DEFAULTS } from './defaults';
import { insideOutlines, type Bounds, type CommuneOutline } from './outline';

export interface OverpassElement {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  center?: { lat: number; lon: number };
  tags?: Record<string, string>;
}

export function overpassQuery(bounds: Bounds): string {
  const box = `${bounds.south.toFixed(6)},${bounds.west.toFixed(6)},${bounds.north.toFixed(6)},${bounds.east.toFixed(6)}`;
  return (
    `[out:json][timeout:25];(` +
    `node["highway"="street_lamp"](${box});` +
    `nwr["amenity"="recycling"](${box});` +
    `nwr["amenity"="waste_disposal"](${box});` +
    `nwr["amenity"="waste_basket"](${box});` +
    `);out center;`
  );
}

export async function fetchOsm(overpass: string, bounds: Bounds, http: HttpOptions): Promise<OverpassElement[]> {
  const body = `data=${encodeURIComponent(overpassQuery(bounds))}`;
  const answer = await fetchJson<{ elements?: OverpassElement[]; remark?: string }>(`${overpass}/api/interpreter`, {
    ...http,
    init: { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  });
  if (!Array.isArray(answer.elements)) throw answer.remark ? new UnexpectedAnswer('overpassRemark', { remark: String(answer.remark).slice(0, 200) }) : new UnexpectedAnswer('noElements', {});
  // A query that timed out on the server still answers 200, with a remark and what it had.
  if (answer.remark && /runtime error|timed out/i.test(answer.remark)) throw new UnexpectedAnswer('overpassRemark', { remark: answer.remark.slice(0, 200) });
  return answer.elements;
}

function position(element: OverpassElement): LonLat | null {
  const lat = element.lat ?? element.center?.lat;
  const lon = element.lon ?? element.center?.lon;
  return Number.isFinite(lat) && Number.isFinite(lon) ? [lon!, lat!] : null;
}

const TECHNOLOGIES: Record<string, 'sodium' | 'mercury' | 'led'> = {
  led: 'led',
  LED: 'led',
  sodium: 'sodium',
  high_pressure_sodium: 'sodium',
  low_pressure_sodium: 'sodium',
  mercury: 'mercury',
};

export interface LampFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: LonLat };
  properties: Record<string, string | number | boolean | string[]> & { id: string; assumed: string[] };
}

export interface PointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: LonLat };
  properties: Record<string, string | number | boolean | string[]> & { id: string; assumed: string[] };
}

/** OSM street lamps → street lights; fields OSM does not give take the labelled defaults (listed in `assumed`). */
export function toStreetLights(elements: readonly OverpassElement[], outlines: readonly CommuneOutline[]): LampFeature[] {
  const lamps: LampFeature[] = [];
  for (const element of elements) {
    const tags = element.tags ?? {};
    if (tags.highway !== 'street_lamp') continue;
    const at = position(element);
    if (!at) continue;
    const commune = insideOutlines(outlines, at[0], at[1]);
    if (!commune) continue;
    const assumed: string[] = [];
    const technology = TECHNOLOGIES[tags['light:method'] ?? ''] ?? TECHNOLOGIES[tags.lamp_type ?? ''];
    if (!technology) assumed.push('technology');
    const height = Number.parseFloat(tags.height ?? tags['light:height'] ?? '');
    if (!(height > 0 && height <= 40)) assumed.push('mountingHeightMetres');
    assumed.push('powerWatts', 'colourTemperatureKelvin', 'cabinetId', 'zoneId');
    lamps.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: {
        id: `osm-node-${element.id}`,
        technology: technology ?? (LAMP_DEFAULTS.technology.value as string),
        powerWatts: LAMP_DEFAULTS.powerWatts.value,
        colourTemperatureKelvin: LAMP_DEFAULTS.colourTemperatureKelvin.value,
        mountingHeightMetres: height > 0 && height <= 40 ? height : LAMP_DEFAULTS.mountingHeightMetres.value,
        cabinetId: LAMP_DEFAULTS.cabinetId.value,
        zoneId: `${LAMP_DEFAULTS.zoneId.value}-${commune.code}`,
        communeId: commune.code,
        usage: 'road',
        ref: tags.ref ?? '',
        source: 'OpenStreetMap',
        assumed,
      },
    });
  }
  return lamps;
}

/** OSM recycling, waste disposal and waste baskets → collection points, with labelled defaults for volumes and days. */
export function toCollectionPoints(elements: readonly OverpassElement[], outlines: readonly CommuneOutline[]): PointFeature[] {
  const points: PointFeature[] = [];
  for (const element of elements) {
    const tags = element.tags ?? {};
    const amenity = tags.amenity;
    if (amenity !== 'recycling' && amenity !== 'waste_disposal' && amenity !== 'waste_basket') continue;
    // A recycling centre (déchèterie) is not a point a truck empties.
    if (amenity === 'recycling' && tags.recycling_type === 'centre') continue;
    const at = position(element);
    if (!at) continue;
    const commune = insideOutlines(outlines, at[0], at[1]);
    if (!commune) continue;
    const glass = tags['recycling:glass_bottles'] === 'yes' || tags['recycling:glass'] === 'yes';
    const otherRecycling = Object.entries(tags).some(([key, value]) => key.startsWith('recycling:') && !key.startsWith('recycling:glass') && value === 'yes');
    const stream = amenity === 'recycling' ? (glass && !otherRecycling ? 'glass' : 'recyclables') : 'residual';
    const container = amenity === 'recycling' ? 'column' : 'bin';
    const volume =
      amenity === 'recycling' ? WASTE_DEFAULTS.columnVolumeLitres.value : amenity === 'waste_basket' ? WASTE_DEFAULTS.basketVolumeLitres.value : WASTE_DEFAULTS.binVolumeLitres.value;
    const kindName = amenity === 'recycling' ? (stream === 'glass' ? 'Colonne à verre' : 'Point de tri') : amenity === 'waste_basket' ? 'Corbeille' : 'Conteneur à ordures';
    points.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: {
        id: `osm-${element.type}-${element.id}`,
        name: tags.name ?? `${kindName} (OSM ${element.id})`,
        stream,
        container,
        volumeLitres: volume,
        containerCount: 1,
        collectionWeekday: WASTE_DEFAULTS.collectionWeekday.value,
        collectionPeriodWeeks: WASTE_DEFAULTS.collectionPeriodWeeks.value,
        communeId: commune.code,
        amenity,
        source: 'OpenStreetMap',
        assumed: ['volumeLitres', 'collectionWeekday', 'collectionPeriodWeeks'],
      },
    });
  }
  return points;
}
