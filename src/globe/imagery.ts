/**
 * Imagery drawn in the browser from the territory's own data, tile by tile: land cover that reads as
 * an aerial view (fields in parcels, woods, meadows, villages, rivers), and transparent overlays for
 * roads and commune boundaries, each an imagery layer that can be shown or hidden.
 */
import { Event, GeographicTilingScheme, Math as CesiumMath, type Rectangle, type ImageryProvider } from 'cesium';
import type { LandCover, LonLat, Road, RoadClass, Waterway } from '../domain/territory';

export interface TileRectangle {
  west: number;
  south: number;
  east: number;
  north: number;
}

const TILE_SIZE = 256;

/** Metres per degree of latitude, and of longitude at the given latitude. */
function metresPerDegree(latitude: number): { lon: number; lat: number } {
  return { lat: 111_320, lon: 111_320 * Math.cos(CesiumMath.toRadians(latitude)) };
}

/**
 * Base for providers that draw each tile on a canvas. Implements the members of Cesium's
 * ImageryProvider interface that ImageryLayer reads.
 *
 * Every provider covers the whole tiling scheme (what lies outside the territory is drawn as the
 * globe's base colour or left transparent), not the territory's rectangle: Cesium then gives every
 * terrain tile exactly one texture per shown layer, so the globe is drawn with the same few surface
 * shaders everywhere. With a layer bounded to the territory, a tile across its edge or outside it had
 * a different texture count, hence another shader program (each keeps some 0.5 MB of sources in the
 * page for good), and a kiosk roaming for days kept meeting new ones.
 */
abstract class CanvasImageryProvider {
  readonly tilingScheme = new GeographicTilingScheme();
  readonly tileWidth = TILE_SIZE;
  readonly tileHeight = TILE_SIZE;
  readonly minimumLevel = 0;
  readonly errorEvent = new Event();
  readonly credit = undefined;
  readonly proxy = undefined;
  readonly tileDiscardPolicy = undefined;
  readonly hasAlphaChannel: boolean = true;
  readonly rectangle: Rectangle = this.tilingScheme.rectangle;

  constructor(readonly maximumLevel: number) {}

  getTileCredits(): undefined {
    return undefined;
  }

  pickFeatures(): undefined {
    return undefined;
  }

  requestImage(x: number, y: number, level: number): Promise<HTMLCanvasElement> {
    const rectangle = this.tilingScheme.tileXYToRectangle(x, y, level);
    const tile = {
      west: CesiumMath.toDegrees(rectangle.west),
      south: CesiumMath.toDegrees(rectangle.south),
      east: CesiumMath.toDegrees(rectangle.east),
      north: CesiumMath.toDegrees(rectangle.north),
    };
    const canvas = document.createElement('canvas');
    canvas.width = TILE_SIZE;
    canvas.height = TILE_SIZE;
    const context = canvas.getContext('2d')!;
    this.draw(context, tile);
    return Promise.resolve(canvas);
  }

  protected abstract draw(context: CanvasRenderingContext2D, tile: TileRectangle): void;

  /** Strokes a line in lon/lat onto the tile's canvas. */
  protected path(context: CanvasRenderingContext2D, tile: TileRectangle, coordinates: readonly LonLat[]): void {
    const sx = TILE_SIZE / (tile.east - tile.west);
    const sy = TILE_SIZE / (tile.north - tile.south);
    context.beginPath();
    for (let i = 0; i < coordinates.length; i++) {
      const px = (coordinates[i][0] - tile.west) * sx;
      const py = (tile.north - coordinates[i][1]) * sy;
      if (i === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
  }

  protected metresPerPixel(tile: TileRectangle): number {
    const perDegree = metresPerDegree((tile.north + tile.south) / 2);
    return ((tile.north - tile.south) * perDegree.lat) / TILE_SIZE;
  }

  asProvider(): ImageryProvider {
    return this as unknown as ImageryProvider;
  }
}

/** Lines indexed by a grid of buckets in degrees, to draw only what crosses a tile. */
class LineIndex<T extends { coordinates: LonLat[] }> {
  private readonly buckets = new Map<number, T[]>();
  private readonly cellDegrees = 0.01;

  constructor(items: readonly T[]) {
    for (const item of items) {
      let west = Infinity;
      let east = -Infinity;
      let south = Infinity;
      let north = -Infinity;
      for (const [lon, lat] of item.coordinates) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
      for (let cx = Math.floor(west / this.cellDegrees); cx <= Math.floor(east / this.cellDegrees); cx++) {
        for (let cy = Math.floor(south / this.cellDegrees); cy <= Math.floor(north / this.cellDegrees); cy++) {
          const key = cx * 100_000 + cy;
          const bucket = this.buckets.get(key);
          if (bucket) bucket.push(item);
          else this.buckets.set(key, [item]);
        }
      }
    }
  }

  query(tile: TileRectangle, margin: number): T[] {
    const found = new Set<T>();
    const x0 = Math.floor((tile.west - margin) / this.cellDegrees);
    const x1 = Math.floor((tile.east + margin) / this.cellDegrees);
    const y0 = Math.floor((tile.south - margin) / this.cellDegrees);
    const y1 = Math.floor((tile.north + margin) / this.cellDegrees);
    if ((x1 - x0) * (y1 - y0) > 40_000) {
      for (const bucket of this.buckets.values()) for (const item of bucket) found.add(item);
      return [...found];
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const bucket = this.buckets.get(cx * 100_000 + cy);
        if (bucket) for (const item of bucket) found.add(item);
      }
    }
    return [...found];
  }
}

/** Integer hash to [0, 1), for textures that stay put from one tile to the next. */
function hash2(x: number, y: number): number {
  let h = Math.imul(x, 374761393) + Math.imul(y, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1) at a scale of one lattice cell per unit. */
function valueNoise(x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(ix, iy);
  const b = hash2(ix + 1, iy);
  const c = hash2(ix, iy + 1);
  const d = hash2(ix + 1, iy + 1);
  return (a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + d * sx) * sy;
}

/** Colours per land-cover class (index in LAND_COVER_CLASSES), as an aerial photograph shows them. */
export const LAND_COVER_COLOURS: ReadonlyArray<[number, number, number]> = [
  [74, 112, 138], // water
  [52, 82, 48], // forest
  [196, 182, 122], // field
  [128, 160, 88], // meadow
  [178, 168, 156], // built
  [112, 146, 78], // orchard
];

const FIELD_CROPS: ReadonlyArray<[number, number, number]> = [
  [206, 190, 122],
  [170, 140, 100],
  [146, 168, 92],
  [214, 200, 96],
  [188, 176, 130],
  [120, 150, 80],
];

export class LandCoverImageryProvider extends CanvasImageryProvider {
  override readonly hasAlphaChannel = false;
  private readonly waterways: LineIndex<Waterway>;

  constructor(
    private readonly landCover: LandCover,
    waterways: readonly Waterway[],
  ) {
    super(17);
    this.waterways = new LineIndex(waterways);
  }

  protected draw(context: CanvasRenderingContext2D, tile: TileRectangle): void {
    const { landCover } = this;
    const image = context.createImageData(TILE_SIZE, TILE_SIZE);
    const pixels = image.data;
    const perDegree = metresPerDegree((landCover.north + landCover.south) / 2);
    const cellLon = (landCover.east - landCover.west) / landCover.width;
    const cellLat = (landCover.north - landCover.south) / landCover.height;
    const metresPerPixel = this.metresPerPixel(tile);
    // Fine textures fade out when a pixel covers more than they vary over.
    const fine = Math.max(0, Math.min(1, (12 - metresPerPixel) / 8));
    for (let py = 0; py < TILE_SIZE; py++) {
      const lat = tile.north - ((py + 0.5) / TILE_SIZE) * (tile.north - tile.south);
      const y = (lat - landCover.south) * perDegree.lat;
      for (let px = 0; px < TILE_SIZE; px++) {
        const lon = tile.west + ((px + 0.5) / TILE_SIZE) * (tile.east - tile.west);
        const x = (lon - landCover.west) * perDegree.lon;
        const offset = (py * TILE_SIZE + px) * 4;
        if (lon < landCover.west || lon > landCover.east || lat < landCover.south || lat > landCover.north) {
          pixels[offset] = 38;
          pixels[offset + 1] = 44;
          pixels[offset + 2] = 48;
          pixels[offset + 3] = 255;
          continue;
        }
        // Warp the lookup so that class edges are organic rather than raster steps.
        const warpX = (valueNoise(x / 35, y / 35) - 0.5) * 34 + (valueNoise(x / 9, y / 9) - 0.5) * 8;
        const warpY = (valueNoise(x / 35 + 71, y / 35 + 13) - 0.5) * 34 + (valueNoise(x / 9 + 5, y / 9 + 3) - 0.5) * 8;
        const col = Math.min(landCover.width - 1, Math.max(0, Math.floor((lon + warpX / perDegree.lon - landCover.west) / cellLon)));
        const row = Math.min(landCover.height - 1, Math.max(0, Math.floor((landCover.north - lat - warpY / perDegree.lat) / cellLat)));
        const landClass = landCover.classes[row * landCover.width + col];
        let [r, g, b] = LAND_COVER_COLOURS[landClass] ?? LAND_COVER_COLOURS[3];
        let shade = 1;
        if (landClass === 1) {
          // Forest: tree crowns.
          shade = 0.8 + 0.35 * valueNoise(x / 6, y / 6) * fine + 0.2 * valueNoise(x / 60, y / 60);
        } else if (landClass === 2 || landClass === 3) {
          // Fields and meadows in parcels on a slightly rotated grid, each with its own crop.
          const u = x * 0.96 + y * 0.28;
          const v = -x * 0.28 + y * 0.96;
          const parcelU = Math.floor(u / 190 + valueNoise(v / 400, 3) * 0.6);
          const parcelV = Math.floor(v / 95 + valueNoise(u / 400, 7) * 0.6);
          const crop = hash2(parcelU, parcelV);
          if (landClass === 2) [r, g, b] = FIELD_CROPS[Math.floor(crop * FIELD_CROPS.length)];
          shade = 0.9 + 0.14 * crop + 0.06 * valueNoise(x / 14, y / 14) * fine;
          // Furrows, and a darker hedge at parcel edges.
          if (landClass === 2) shade *= 1 - 0.05 * fine * (Math.sin(v / 2.2) > 0.6 ? 1 : 0);
          const edgeU = Math.abs((u / 190) % 1) < 0.02 || Math.abs((v / 95) % 1) < 0.035;
          if (edgeU && fine > 0.2) shade *= 0.86;
        } else if (landClass === 5) {
          // Orchards and gardens: rows of trees.
          const tree = valueNoise(x / 4, y / 4) > 0.62 ? 0.78 : 1.04;
          shade = (fine > 0 ? tree : 1) * (0.95 + 0.1 * valueNoise(x / 50, y / 50));
        } else if (landClass === 4) {
          shade = 0.92 + 0.16 * valueNoise(x / 8, y / 8) * fine + 0.05 * valueNoise(x / 80, y / 80);
          // Gardens between the houses.
          if (valueNoise(x / 18 + 40, y / 18) > 0.58) [r, g, b] = [124, 150, 92];
        } else if (landClass === 0) {
          shade = 0.95 + 0.08 * valueNoise(x / 30, y / 30);
        }
        pixels[offset] = Math.min(255, r * shade);
        pixels[offset + 1] = Math.min(255, g * shade);
        pixels[offset + 2] = Math.min(255, b * shade);
        pixels[offset + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    // Rivers as vectors, so they stay continuous and sharp close up.
    context.lineCap = 'round';
    context.lineJoin = 'round';
    for (const waterway of this.waterways.query(tile, 0.002)) {
      context.strokeStyle = 'rgb(70, 108, 134)';
      context.lineWidth = Math.max(1.2, waterway.widthMetres / metresPerPixel);
      this.path(context, tile, waterway.coordinates);
      context.stroke();
    }
  }
}

const ROAD_STYLE: Record<RoadClass, { widthMetres: number; minPixels: number; fill: string; casing: string | null; dash?: number[] }> = {
  primary: { widthMetres: 9, minPixels: 2.6, fill: '#f6d57e', casing: '#8a6d2b' },
  secondary: { widthMetres: 8, minPixels: 2.1, fill: '#fbf3dc', casing: '#6f6a5d' },
  tertiary: { widthMetres: 7, minPixels: 1.7, fill: '#fbf7ea', casing: '#6f6a5d' },
  residential: { widthMetres: 6, minPixels: 1.1, fill: '#ffffff', casing: '#7b7770' },
  service: { widthMetres: 4, minPixels: 0.8, fill: '#f4f1ea', casing: null },
  track: { widthMetres: 3.5, minPixels: 1, fill: 'rgba(120, 92, 60, 0.85)', casing: null, dash: [4, 3] },
};

const DRAW_ORDER: RoadClass[] = ['track', 'service', 'residential', 'tertiary', 'secondary', 'primary'];

export class RoadsImageryProvider extends CanvasImageryProvider {
  private readonly roads: LineIndex<Road>;

  constructor(roads: readonly Road[]) {
    super(18);
    this.roads = new LineIndex(roads);
  }

  protected draw(context: CanvasRenderingContext2D, tile: TileRectangle): void {
    const metresPerPixel = this.metresPerPixel(tile);
    const roads = this.roads.query(tile, 0.001);
    context.lineCap = 'round';
    context.lineJoin = 'round';
    // Casings first, then fills, so that junctions merge cleanly.
    for (const pass of ['casing', 'fill'] as const) {
      for (const roadClass of DRAW_ORDER) {
        const style = ROAD_STYLE[roadClass];
        // Tracks and streets only once they are wider than a hair.
        if (metresPerPixel > 60 && (roadClass === 'track' || roadClass === 'service')) continue;
        const width = Math.max(style.minPixels * (metresPerPixel > 40 ? 0.7 : 1), style.widthMetres / metresPerPixel);
        if (pass === 'casing' && !style.casing) continue;
        context.strokeStyle = pass === 'casing' ? style.casing! : style.fill;
        context.lineWidth = pass === 'casing' ? width + Math.max(1, width * 0.35) : width;
        context.setLineDash(pass === 'fill' && style.dash ? style.dash : []);
        context.beginPath();
        for (const road of roads) {
          if (road.roadClass !== roadClass) continue;
          this.appendPath(context, tile, road.coordinates);
        }
        context.stroke();
      }
    }
  }

  private appendPath(context: CanvasRenderingContext2D, tile: TileRectangle, coordinates: readonly LonLat[]): void {
    const sx = TILE_SIZE / (tile.east - tile.west);
    const sy = TILE_SIZE / (tile.north - tile.south);
    for (let i = 0; i < coordinates.length; i++) {
      const px = (coordinates[i][0] - tile.west) * sx;
      const py = (tile.north - coordinates[i][1]) * sy;
      if (i === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
  }
}

export class BoundariesImageryProvider extends CanvasImageryProvider {
  private readonly boundaries: LineIndex<{ coordinates: LonLat[] }>;

  constructor(rings: ReadonlyArray<readonly LonLat[]>) {
    super(16);
    this.boundaries = new LineIndex(rings.map((ring) => ({ coordinates: ring.slice() })));
  }

  protected draw(context: CanvasRenderingContext2D, tile: TileRectangle): void {
    context.lineJoin = 'round';
    for (const pass of [0, 1]) {
      context.strokeStyle = pass === 0 ? 'rgba(255, 255, 255, 0.55)' : 'rgba(122, 46, 132, 0.9)';
      context.lineWidth = pass === 0 ? 4 : 1.8;
      context.setLineDash(pass === 0 ? [] : [7, 4]);
      for (const boundary of this.boundaries.query(tile, 0.001)) {
        this.path(context, tile, boundary.coordinates);
        context.stroke();
      }
    }
  }
}
