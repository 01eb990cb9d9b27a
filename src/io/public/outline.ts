/**
 * Commune outlines from geo.api.gouv.fr (API Découpage administratif): one commune by its INSEE
 * code, or the member communes of an EPCI by its SIREN, as GeoJSON with the `contour` geometry
 * (Polygon or MultiPolygon, WGS84). `population` in inhabitants, `surface` in hectares.
 */
import type { LonLat } from '../../domain/territory';
import { fetchJson, type HttpOptions } from './http';

export const OUTLINE_FIELDS = 'nom,code,codesPostaux,centre,surface,contour,population,codeEpci,codeDepartement';

export interface CommuneOutline {
  code: string;
  name: string;
  population: number;
  /** Hectares. */
  surface: number;
  departement: string;
  /** Every polygon's outer ring (a commune may have detached parts). */
  rings: LonLat[][];
}

interface GeoFeature {
  type: 'Feature';
  properties: { nom?: string; code?: string; population?: number; surface?: number; codeDepartement?: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } | null;
}

export function communeUrl(geo: string, insee: string): string {
  return `${geo}/communes/${encodeURIComponent(insee)}?format=geojson&geometry=contour&fields=${OUTLINE_FIELDS}`;
}

export function epciUrl(geo: string, siren: string): string {
  return `${geo}/epcis/${encodeURIComponent(siren)}/communes?format=geojson&geometry=contour&fields=${OUTLINE_FIELDS}`;
}

/** Reads one geo.api.gouv.fr feature; null when it has no usable contour. */
export function parseOutline(feature: GeoFeature): CommuneOutline | null {
  const p = feature.properties ?? {};
  const g = feature.geometry;
  if (!g || !p.code) return null;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const rings = polygons
    .map((polygon) => (polygon[0] ?? []).filter((c) => Number.isFinite(c[0]) && Number.isFinite(c[1])).map((c) => [c[0], c[1]] as LonLat))
    .filter((ring) => ring.length >= 4);
  if (rings.length === 0) return null;
  return {
    code: p.code,
    name: p.nom ?? p.code,
    population: Math.max(0, Math.round(p.population ?? 0)),
    surface: p.surface ?? 0,
    departement: p.codeDepartement ?? '',
    rings,
  };
}

export async function fetchOutlines(geo: string, target: { kind: 'commune' | 'epci'; code: string }, http: HttpOptions): Promise<CommuneOutline[]> {
  if (target.kind === 'commune') {
    const feature = await fetchJson<GeoFeature>(communeUrl(geo, target.code), http);
    const outline = parseOutline(feature);
    return outline ? [outline] : [];
  }
  const collection = await fetchJson<{ features?: GeoFeature[] } | GeoFeature[]>(epciUrl(geo, target.code), http);
  const features = Array.isArray(collection) ? collection : collection.features ?? [];
  return features.map(parseOutline).filter((outline): outline is CommuneOutline => outline !== null);
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The outlines' extent plus a margin in metres. */
export function boundsOf(outlines: readonly CommuneOutline[], marginMetres = 100): Bounds {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const outline of outlines) {
    for (const ring of outline.rings) {
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  const dLat = marginMetres / 111_320;
  const dLon = marginMetres / (111_320 * Math.cos(((south + north) / 2) * (Math.PI / 180)));
  return { west: west - dLon, south: south - dLat, east: east + dLon, north: north + dLat };
}

/** Ray casting: is the point inside any of the outlines' rings? */
export function insideOutlines(outlines: readonly CommuneOutline[], lon: number, lat: number): CommuneOutline | null {
  for (const outline of outlines) {
    for (const ring of outline.rings) {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
      if (inside) return outline;
    }
  }
  return null;
}
