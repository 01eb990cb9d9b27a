import type { Heightmap } from './territory';

/** Ground height in metres at a WGS84 position, bilinear between samples; clamped at the edges. */
export function sampleHeight(heightmap: Heightmap, lon: number, lat: number): number {
  const { width, height, west, east, south, north, heightsMetres } = heightmap;
  const fx = Math.min(width - 1.000001, Math.max(0, ((lon - west) / (east - west)) * (width - 1)));
  const fy = Math.min(height - 1.000001, Math.max(0, ((north - lat) / (north - south)) * (height - 1)));
  const ix = Math.floor(fx);
  const iy = Math.floor(fy);
  const tx = fx - ix;
  const ty = fy - iy;
  const i = iy * width + ix;
  const top = heightsMetres[i] * (1 - tx) + heightsMetres[i + 1] * tx;
  const bottom = heightsMetres[i + width] * (1 - tx) + heightsMetres[i + width + 1] * tx;
  return top * (1 - ty) + bottom * ty;
}
