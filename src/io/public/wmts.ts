/**
 * Imagery tiles from the IGN Géoplateforme WMTS (`data.geopf.fr/wmts`, KVP GetTile, tile matrix set
 * `PM` = Web Mercator, 256 px tiles): the aerial photo (`ORTHOIMAGERY.ORTHOPHOTOS`, JPEG) and Plan
 * IGN (`GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2`, PNG). The tiles covering the territory at one zoom
 * level are downloaded once and kept with the territory, so that it opens offline.
 */
import type { HttpOptions } from './http';
import { fetchBytes, pool, ServiceError, UnexpectedAnswer } from './http';
import type { Bounds } from './outline';

export interface TileRange {
  zoom: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function lonToTileX(lon: number, zoom: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** zoom);
}

export function latToTileY(lat: number, zoom: number): number {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** zoom);
}

/** The west, south, east, north (degrees) of a tile's range. */
export function tileRangeBounds(range: TileRange): Bounds {
  const n = 2 ** range.zoom;
  const lon = (x: number) => (x / n) * 360 - 180;
  const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return { west: lon(range.xMin), east: lon(range.xMax + 1), north: lat(range.yMin), south: lat(range.yMax + 1) };
}

export function tileRange(bounds: Bounds, zoom: number): TileRange {
  return {
    zoom,
    xMin: lonToTileX(bounds.west, zoom),
    xMax: lonToTileX(bounds.east, zoom),
    yMin: latToTileY(bounds.north, zoom),
    yMax: latToTileY(bounds.south, zoom),
  };
}

export const tileCount = (range: TileRange) => (range.xMax - range.xMin + 1) * (range.yMax - range.yMin + 1);

/** The deepest zoom (at most `maxZoom`) whose tiles over the bounds number at most `maxTiles`. */
export function chooseZoom(bounds: Bounds, maxTiles: number, maxZoom = 17, minZoom = 10): number {
  for (let zoom = maxZoom; zoom > minZoom; zoom--) if (tileCount(tileRange(bounds, zoom)) <= maxTiles) return zoom;
  return minZoom;
}

export function getTileUrl(geopf: string, layer: string, format: string, zoom: number, x: number, y: number): string {
  return `${geopf}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=normal&FORMAT=${format}&TILEMATRIXSET=PM&TILEMATRIX=${zoom}&TILEROW=${y}&TILECOL=${x}`;
}

export interface TileSet {
  range: TileRange;
  /** `x/y` → the tile's bytes as served. */
  tiles: Map<string, Uint8Array>;
  /** Tiles the service does not have (404: outside its coverage). */
  missing: number;
}

/** Downloads every tile of a range, a few at a time; a 404 tile is counted missing, other failures stop. */
export async function fetchTiles(
  geopf: string,
  layer: string,
  format: string,
  range: TileRange,
  http: HttpOptions,
  onTile: (done: number, total: number) => void,
  concurrency = 6,
): Promise<TileSet> {
  const jobs: Array<[number, number]> = [];
  for (let y = range.yMin; y <= range.yMax; y++) for (let x = range.xMin; x <= range.xMax; x++) jobs.push([x, y]);
  const tiles = new Map<string, Uint8Array>();
  let missing = 0;
  let done = 0;
  await pool(jobs, concurrency, async ([x, y]) => {
    try {
      const { body, contentType } = await fetchBytes(getTileUrl(geopf, layer, format, range.zoom, x, y), http);
      // The service answers errors as XML (ows:ExceptionReport) with status 200 sometimes.
      if (!contentType.startsWith('image/')) throw new UnexpectedAnswer('notImage', { tile: `${range.zoom}/${x}/${y}`, type: contentType || '?' });
      tiles.set(`${x}/${y}`, body);
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) missing++;
      else throw error;
    }
    onTile(++done, jobs.length);
  });
  return { range, tiles, missing };
}
