/**
 * Which coordinate system an inventory is written in: from what the file says (a `.prj`, a GeoJSON
 * `crs` member) or from its values. Every supported system is tried on a sample of positions and
 * the one that puts them inside the territory (with a margin) wins; without a territory, plain
 * value ranges decide. The user confirms or changes the answer before import.
 */
import { SUPPORTED_CRS, type SupportedCrs } from '../../domain/manifest';
import { toWgs84 } from '../crs';
import type { Position } from './types';

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Names and parameters a .prj (ESRI WKT) uses for each system. */
export function crsFromPrj(wkt: string): SupportedCrs | null {
  const text = wkt.replace(/\s+/g, ' ');
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(text) ?? /ID\["EPSG",\s*(\d+)\]\s*\]\s*$/i.exec(text);
  if (authority) {
    const code = `EPSG:${authority[1]}` as SupportedCrs;
    if ((SUPPORTED_CRS as readonly string[]).includes(code)) return code;
  }
  const name = (/^\s*(?:PROJCS|PROJCRS|GEOGCS|GEOGCRS)\["([^"]+)"/i.exec(text)?.[1] ?? '').toLowerCase();
  if (/^(?:geogcs|geogcrs)\[/i.test(text.trim())) {
    // A geographic system: WGS84 or RGF93 (the same to the centimetre for our purpose).
    if (/wgs.?(19)?84|rgf.?(19)?93|rgaf.?09|rgfg.?95|rgr.?92|rgm.?04|etrs.?(19)?89/.test(name) || /wgs.?(19)?84/i.test(text)) return 'EPSG:4326';
    return null;
  }
  if (/lambert.?93|rgf93.?(?:v2b?.?)?.?lambert/.test(name)) return 'EPSG:2154';
  const cc = /cc\s*_?(4[2-9]|50)\b/.exec(name);
  if (cc) return `EPSG:39${cc[1]}` as SupportedCrs;
  if (/utm.?zone.?20\s*n|utm_zone_20n/.test(name)) return 'EPSG:5490';
  if (/utm.?zone.?22\s*n|utm_zone_22n/.test(name)) return 'EPSG:2972';
  if (/utm.?zone.?40\s*s|utm_zone_40s/.test(name)) return 'EPSG:2975';
  if (/utm.?zone.?38\s*s|utm_zone_38s/.test(name)) return 'EPSG:4471';
  // Unnamed Lambert conformal conic: read its parameters.
  const parameter = (key: string) => {
    const match = new RegExp(`PARAMETER\\["${key}",\\s*(-?[\\d.]+)`, 'i').exec(text);
    return match ? Number(match[1]) : Number.NaN;
  };
  if (/lambert_conformal_conic/i.test(text)) {
    const p1 = parameter('standard_parallel_1');
    const p2 = parameter('standard_parallel_2');
    const falseNorthing = parameter('false_northing');
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
    if ((near(p1, 49) && near(p2, 44)) || (near(p1, 44) && near(p2, 49))) return 'EPSG:2154';
    if (near(parameter('false_easting'), 1_700_000)) {
      const zone = Math.round((falseNorthing - 1_200_000) / 1_000_000) + 42;
      if (zone >= 42 && zone <= 50) return `EPSG:39${zone}` as SupportedCrs;
    }
  }
  return null;
}

/** The `crs` member of old GeoJSON files (`urn:ogc:def:crs:EPSG::2154`, `EPSG:2154`, `CRS84`). */
export function crsFromGeoJsonMember(crs: unknown): SupportedCrs | null {
  if (typeof crs !== 'object' || crs === null) return null;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  if (/crs84|4326/i.test(name)) return 'EPSG:4326';
  const code = /EPSG:{1,2}(\d+)/i.exec(name)?.[1];
  if (!code) return null;
  const candidate = `EPSG:${code}` as SupportedCrs;
  return (SUPPORTED_CRS as readonly string[]).includes(candidate) ? candidate : null;
}

/** Systems whose values could hold `[x, y]`, by plain ranges. */
function plausible(crs: SupportedCrs, [x, y]: Position): boolean {
  switch (crs) {
    case 'EPSG:4326':
      return Math.abs(x) <= 180 && Math.abs(y) <= 90;
    case 'EPSG:2154':
      return x > 50_000 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000;
    case 'EPSG:5490':
    case 'EPSG:2972':
      return x > 100_000 && x < 900_000 && y > 0 && y < 2_000_000;
    case 'EPSG:2975':
    case 'EPSG:4471':
      return x > 100_000 && x < 900_000 && y > 7_000_000 && y < 10_000_000;
    default: {
      // CC zones: false easting 1,700 km, northing (zone − 41) × 1,000 km + 200 km near the origin.
      const zone = Number(crs.slice(-2));
      const centre = (zone - 41) * 1_000_000 + 200_000;
      return x > 1_000_000 && x < 2_400_000 && Math.abs(y - centre) < 250_000;
    }
  }
}

export interface CrsGuess {
  crs: SupportedCrs | null;
  /** Share of sampled positions inside the territory once converted (0–1). */
  inside: number;
  /** The systems that fit too (a near-tie, for the confirmation list). */
  alternatives: SupportedCrs[];
}

/** The system that puts most of `positions` inside `bounds` (widened by `marginDegrees`). */
export function detectCrs(positions: readonly Position[], bounds: Bounds | null, marginDegrees = 0.05): CrsGuess {
  const sample = positions.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).slice(0, 200);
  if (sample.length === 0) return { crs: null, inside: 0, alternatives: [] };
  const scores: Array<{ crs: SupportedCrs; plausible: number; inside: number }> = [];
  for (const crs of SUPPORTED_CRS) {
    const fits = sample.filter((position) => plausible(crs, position));
    if (fits.length === 0) continue;
    let inside = 0;
    if (bounds) {
      for (const [x, y] of fits) {
        const [lon, lat] = toWgs84(crs, x, y);
        if (lon >= bounds.west - marginDegrees && lon <= bounds.east + marginDegrees && lat >= bounds.south - marginDegrees && lat <= bounds.north + marginDegrees) inside++;
      }
    }
    scores.push({ crs, plausible: fits.length / sample.length, inside: inside / sample.length });
  }
  if (scores.length === 0) return { crs: null, inside: 0, alternatives: [] };
  scores.sort((a, b) => b.inside - a.inside || b.plausible - a.plausible);
  const best = scores[0];
  return {
    crs: best.inside > 0 || !bounds ? best.crs : best.plausible >= 0.5 ? best.crs : null,
    inside: best.inside,
    alternatives: scores.slice(1).filter((score) => score.plausible >= 0.5).map((score) => score.crs),
  };
}
