/** The demo's land-cover raster and the GeoJSON writer. */
import { LAND_COVER_CLASSES } from '../../src/domain/territory';
import { distance, type Point } from './geometry';
import { Random, fractalNoise } from './random';
import { type Village } from './roads';
import { slopeAt, type Landform } from './terrain';
import { BuildingRecord } from './buildings';

export function landCoverRaster(
  random: Random,
  landform: Landform,
  villages: Village[],
  buildings: BuildingRecord[],
  sample: (col: number, row: number) => Point,
  size: number,
): Uint8Array {
  const classes = new Uint8Array(size * size);
  const WATER = LAND_COVER_CLASSES.indexOf('water');
  const FOREST = LAND_COVER_CLASSES.indexOf('forest');
  const FIELD = LAND_COVER_CLASSES.indexOf('field');
  const MEADOW = LAND_COVER_CLASSES.indexOf('meadow');
  const BUILT = LAND_COVER_CLASSES.indexOf('built');
  const ORCHARD = LAND_COVER_CLASSES.indexOf('orchard');
  // Built-up: within 30 m of a building, on a 10 m grid.
  const cell = 10;
  const bw = Math.ceil(landform.widthMetres / cell) + 1;
  const bh = Math.ceil(landform.heightMetres / cell) + 1;
  const built = new Uint8Array(bw * bh);
  for (const building of buildings) {
    const reach = 22 + Math.max(building.width, building.depth) / 2;
    const x0 = Math.max(0, Math.floor((building.centre.x - reach) / cell));
    const x1 = Math.min(bw - 1, Math.ceil((building.centre.x + reach) / cell));
    const y0 = Math.max(0, Math.floor((building.centre.y - reach) / cell));
    const y1 = Math.min(bh - 1, Math.ceil((building.centre.y + reach) / cell));
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (Math.hypot(x * cell - building.centre.x, y * cell - building.centre.y) < reach) built[y * bw + x] = 1;
  }
  const forestNoise = fractalNoise(random.fork('forest'), 5);
  const fieldNoise = fractalNoise(random.fork('fields'), 3);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const p = sample(col, row);
      const i = row * size + col;
      const bx = Math.round(p.x / cell);
      const by = Math.round(p.y / cell);
      const river = landform.riverDistanceAt(p.x, p.y);
      if (river < 16) {
        classes[i] = WATER;
        continue;
      }
      if (bx >= 0 && by >= 0 && bx < bw && by < bh && built[by * bw + bx]) {
        classes[i] = BUILT;
        continue;
      }
      const slope = slopeAt(landform, p.x, p.y, 40);
      const height = landform.heightAt(p.x, p.y);
      const nearestVillage = villages.reduce((d, v) => Math.min(d, distance(v.centre, p) / v.radiusMetres), Infinity) + 0.5 * fieldNoise(p.x - 3000, p.y, 700);
      const wooded = forestNoise(p.x, p.y, 2500) + 2.2 * slope + (height - 600) / 350 - (nearestVillage < 2 ? 0.5 : 0);
      if (wooded > 0.5) classes[i] = FOREST;
      else if (nearestVillage < 1.5 && fieldNoise(p.x, p.y, 300) > 0.25) classes[i] = ORCHARD;
      else if (river < 260 || fieldNoise(p.x + 5000, p.y, 900) > 0.1) classes[i] = MEADOW;
      else classes[i] = FIELD;
    }
  }
  return classes;
}

export function featureCollection(features: unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

