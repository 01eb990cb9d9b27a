/** The demo's local frame: metres on the ground ↔ WGS84 through Lambert-93, and rasters resampled onto it. */
import { fromWgs84, toWgs84 } from '../../src/io/crs';
import { type Point } from './geometry';

export const CENTRE_LON = 6.92;
export const CENTRE_LAT = 48.31;
export const SIDE_METRES = 20_000;

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Local metres ↔ WGS84, through Lambert-93 (EPSG:2154), the frame French inventories use. */
export class Frame {
  readonly originX: number;
  readonly originY: number;

  constructor(readonly widthMetres: number, readonly heightMetres: number) {
    const [x, y] = fromWgs84('EPSG:2154', CENTRE_LON, CENTRE_LAT);
    this.originX = Math.round(x - widthMetres / 2);
    this.originY = Math.round(y - heightMetres / 2);
  }

  lonLat(point: Point): [number, number] {
    const [lon, lat] = toWgs84('EPSG:2154', this.originX + point.x, this.originY + point.y);
    return [round(lon, 7), round(lat, 7)];
  }

  local(lon: number, lat: number): Point {
    const [x, y] = fromWgs84('EPSG:2154', lon, lat);
    return { x: x - this.originX, y: y - this.originY };
  }

  bounds(): { west: number; south: number; east: number; north: number } {
    const corners = [
      this.lonLat({ x: 0, y: 0 }),
      this.lonLat({ x: this.widthMetres, y: 0 }),
      this.lonLat({ x: 0, y: this.heightMetres }),
      this.lonLat({ x: this.widthMetres, y: this.heightMetres }),
    ];
    return {
      west: round(Math.min(...corners.map((c) => c[0])), 6),
      east: round(Math.max(...corners.map((c) => c[0])), 6),
      south: round(Math.min(...corners.map((c) => c[1])), 6),
      north: round(Math.max(...corners.map((c) => c[1])), 6),
    };
  }
}

/** Maps a regular lon/lat raster onto local metres through a grid of exact control points. */
export function rasterSampler(frame: Frame, bounds: ReturnType<Frame['bounds']>, width: number, height: number): (col: number, row: number) => Point {
  const n = 32;
  const control: Point[] = [];
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      const lon = bounds.west + ((bounds.east - bounds.west) * i) / n;
      const lat = bounds.north - ((bounds.north - bounds.south) * j) / n;
      control.push(frame.local(lon, lat));
    }
  }
  return (col, row) => {
    const fi = (col / (width - 1)) * n;
    const fj = (row / (height - 1)) * n;
    const i = Math.min(n - 1, Math.floor(fi));
    const j = Math.min(n - 1, Math.floor(fj));
    const ti = fi - i;
    const tj = fj - j;
    const a = control[j * (n + 1) + i];
    const b = control[j * (n + 1) + i + 1];
    const c = control[(j + 1) * (n + 1) + i];
    const d = control[(j + 1) * (n + 1) + i + 1];
    return {
      x: (a.x * (1 - ti) + b.x * ti) * (1 - tj) + (c.x * (1 - ti) + d.x * ti) * tj,
      y: (a.y * (1 - ti) + b.y * ti) * (1 - tj) + (c.y * (1 - ti) + d.y * ti) * tj,
    };
  };
}

