/**
 * Ground heights from the IGN altimetry API (`data.geopf.fr/altimetrie/1.0/calcul/alti/rest/elevation.json`,
 * resource `ign_rge_alti_wld`, 5 requests a second): a regular grid over the territory, asked in
 * small batches of points, written as the manifest's heightmap (unsigned 16-bit decimetres).
 * Points without data (the API answers -99999) take their neighbours' height.
 */
import { fetchJson, rateLimiter, UnexpectedAnswer, type HttpOptions } from './http';
import type { Bounds } from './outline';

export const ALTI_BATCH = 100;
export const NO_DATA = -99999;

export function elevationUrl(geopf: string, lons: readonly number[], lats: readonly number[]): string {
  const fmt = (values: readonly number[]) => values.map((value) => value.toFixed(6)).join('|');
  return `${geopf}/altimetrie/1.0/calcul/alti/rest/elevation.json?lon=${fmt(lons)}&lat=${fmt(lats)}&resource=ign_rge_alti_wld&zonly=false`;
}

export interface HeightGrid {
  width: number;
  height: number;
  heightsMetres: Float32Array;
  /** Points the API had no height for. */
  noData: number;
}

export async function fetchHeightGrid(geopf: string, bounds: Bounds, size: number, http: HttpOptions, onBatch: (done: number, total: number) => void): Promise<HeightGrid> {
  const lons: number[] = [];
  const lats: number[] = [];
  for (let row = 0; row < size; row++) {
    const lat = bounds.north - ((bounds.north - bounds.south) * row) / (size - 1);
    for (let col = 0; col < size; col++) {
      lons.push(bounds.west + ((bounds.east - bounds.west) * col) / (size - 1));
      lats.push(lat);
    }
  }
  const heights = new Float32Array(lons.length).fill(Number.NaN);
  const limit = rateLimiter(4);
  const batches = Math.ceil(lons.length / ALTI_BATCH);
  for (let b = 0; b < batches; b++) {
    const from = b * ALTI_BATCH;
    const to = Math.min(lons.length, from + ALTI_BATCH);
    await limit();
    const answer = await fetchJson<{ elevations?: Array<{ z?: number } | number> }>(elevationUrl(geopf, lons.slice(from, to), lats.slice(from, to)), http);
    const elevations = answer.elevations;
    if (!Array.isArray(elevations) || elevations.length !== to - from) throw new UnexpectedAnswer('heightCount', { got: Array.isArray(elevations) ? elevations.length : 0, asked: to - from });
    elevations.forEach((entry, i) => {
      const z = typeof entry === 'number' ? entry : entry.z;
      if (typeof z === 'number' && Number.isFinite(z) && z > NO_DATA + 1) heights[from + i] = z;
    });
    onBatch(b + 1, batches);
  }
  let noData = 0;
  let known = 0;
  let sum = 0;
  for (const h of heights) if (Number.isNaN(h)) noData++;
  else (known++, (sum += h));
  const mean = known > 0 ? sum / known : 0;
  for (let i = 0; i < heights.length; i++) if (Number.isNaN(heights[i])) heights[i] = mean;
  return { width: size, height: size, heightsMetres: heights, noData };
}

/** The manifest's encoding: unsigned 16-bit little-endian decimetres (heights below 0 m clamp to 0). */
export function encodeHeightmap(grid: HeightGrid): Uint8Array {
  const out = new Uint8Array(grid.heightsMetres.length * 2);
  const view = new DataView(out.buffer);
  grid.heightsMetres.forEach((h, i) => view.setUint16(i * 2, Math.max(0, Math.min(65535, Math.round(h * 10))), true));
  return out;
}
