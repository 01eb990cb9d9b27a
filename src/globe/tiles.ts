/**
 * Imagery tiles stored with the territory (IGN aerial photo, Plan IGN: Web Mercator "PM" tiles at
 * one zoom level) draped on the terrain. Tiles at the stored level are drawn as they are; coarser
 * levels are composed from the stored tiles (or from a small overview of all of them), finer ones
 * are left to Cesium, which enlarges the stored level. Nothing is fetched: the bytes are in memory.
 */
import { Event, Rectangle, WebMercatorTilingScheme, type ImageryProvider } from 'cesium';
import type { LoadedTileImagery } from '../domain/manifest';

const TILE = 256;
const OVERVIEW_TILE = 32;

export class StoredTilesImageryProvider {
  readonly tilingScheme = new WebMercatorTilingScheme();
  readonly tileWidth = TILE;
  readonly tileHeight = TILE;
  readonly minimumLevel = 0;
  readonly maximumLevel: number;
  readonly errorEvent = new Event();
  readonly credit = undefined;
  readonly proxy = undefined;
  readonly tileDiscardPolicy = undefined;
  readonly hasAlphaChannel: boolean;
  readonly rectangle: Rectangle;
  private readonly bitmaps = new Map<string, Promise<ImageBitmap | null>>();
  private overview: Promise<HTMLCanvasElement> | null = null;

  constructor(private readonly imagery: LoadedTileImagery) {
    const { spec } = imagery;
    this.maximumLevel = spec.zoom;
    this.hasAlphaChannel = spec.format === 'png';
    const nw = this.tilingScheme.tileXYToRectangle(spec.xMin, spec.yMin, spec.zoom);
    const se = this.tilingScheme.tileXYToRectangle(spec.xMax, spec.yMax, spec.zoom);
    this.rectangle = new Rectangle(nw.west, se.south, se.east, nw.north);
  }

  getTileCredits(): undefined {
    return undefined;
  }

  pickFeatures(): undefined {
    return undefined;
  }

  private bitmap(x: number, y: number): Promise<ImageBitmap | null> {
    const key = `${x}/${y}`;
    let found = this.bitmaps.get(key);
    if (!found) {
      const bytes = this.imagery.tiles.get(key);
      const type = this.imagery.spec.format === 'png' ? 'image/png' : 'image/jpeg';
      found = bytes ? createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type })).catch(() => null) : Promise.resolve(null);
      this.bitmaps.set(key, found);
    }
    return found;
  }

  private buildOverview(): Promise<HTMLCanvasElement> {
    this.overview ??= (async () => {
      const { spec } = this.imagery;
      const canvas = document.createElement('canvas');
      canvas.width = (spec.xMax - spec.xMin + 1) * OVERVIEW_TILE;
      canvas.height = (spec.yMax - spec.yMin + 1) * OVERVIEW_TILE;
      const context = canvas.getContext('2d')!;
      const jobs: Array<Promise<void>> = [];
      for (let y = spec.yMin; y <= spec.yMax; y++) {
        for (let x = spec.xMin; x <= spec.xMax; x++) {
          jobs.push(
            this.bitmap(x, y).then((image) => {
              if (image) context.drawImage(image, (x - spec.xMin) * OVERVIEW_TILE, (y - spec.yMin) * OVERVIEW_TILE, OVERVIEW_TILE, OVERVIEW_TILE);
            }),
          );
        }
      }
      await Promise.all(jobs);
      // The full-size bitmaps are decoded again on demand when the camera comes close.
      return canvas;
    })();
    return this.overview;
  }

  async requestImage(x: number, y: number, level: number): Promise<HTMLCanvasElement | ImageBitmap> {
    const { spec } = this.imagery;
    if (level === spec.zoom) {
      const image = await this.bitmap(x, y);
      if (image) return image;
    }
    const canvas = document.createElement('canvas');
    canvas.width = TILE;
    canvas.height = TILE;
    if (level > spec.zoom) return canvas;
    const context = canvas.getContext('2d')!;
    const scale = 2 ** (spec.zoom - level);
    const x0 = x * scale;
    const y0 = y * scale;
    const size = TILE / scale;
    if (scale <= 4) {
      const jobs: Array<Promise<void>> = [];
      for (let cy = Math.max(y0, spec.yMin); cy <= Math.min(y0 + scale - 1, spec.yMax); cy++) {
        for (let cx = Math.max(x0, spec.xMin); cx <= Math.min(x0 + scale - 1, spec.xMax); cx++) {
          jobs.push(
            this.bitmap(cx, cy).then((image) => {
              if (image) context.drawImage(image, (cx - x0) * size, (cy - y0) * size, size, size);
            }),
          );
        }
      }
      await Promise.all(jobs);
      return canvas;
    }
    const overview = await this.buildOverview();
    context.drawImage(overview, (x0 - spec.xMin) * OVERVIEW_TILE, (y0 - spec.yMin) * OVERVIEW_TILE, scale * OVERVIEW_TILE, scale * OVERVIEW_TILE, 0, 0, TILE, TILE);
    return canvas;
  }

  asProvider(): ImageryProvider {
    return this as unknown as ImageryProvider;
  }
}
