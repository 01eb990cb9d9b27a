/**
 * The demo's landform: a main river and its tributaries carve valleys (300–420 m) between wooded
 * ridges (up to about 900 m), as in the hills of the Grand Est.
 */
import { distance, segmentDistance, smooth, type Point } from './geometry';
import { fractalNoise, type Random } from './random';

export interface River {
  name: string;
  points: Point[];
  /** Width of the water in metres. */
  widthMetres: number;
}

export interface Landform {
  widthMetres: number;
  heightMetres: number;
  rivers: River[];
  /** Height of the ground in metres at a local point. */
  heightAt(x: number, y: number): number;
  /** Distance to the nearest river in metres, from a precomputed grid (bilinear). */
  riverDistanceAt(x: number, y: number): number;
}

const RIVER_NAMES = ["l'Argence", 'le ruisseau de Vaux', 'la Combelle', 'le Rupt', 'la Noire-Eau', 'le Grandrupt'];

function meander(random: Random, from: Point, to: Point, amplitude: number): Point[] {
  const noise = fractalNoise(random, 3);
  const length = distance(from, to);
  const steps = Math.max(8, Math.round(length / 250));
  const nx = -(to.y - from.y) / length;
  const ny = (to.x - from.x) / length;
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    // No sideways drift at the ends, so tributaries meet the river where they were aimed.
    const taper = Math.sin(Math.PI * t);
    const offset = amplitude * taper * noise(t * length, 0, 3500);
    points.push({ x: from.x + (to.x - from.x) * t + nx * offset, y: from.y + (to.y - from.y) * t + ny * offset });
  }
  return smooth(points, 2);
}

function nearestOn(points: Point[], target: Point): Point {
  let best = points[0];
  let bestDistance = Infinity;
  for (const point of points) {
    const d = distance(point, target);
    if (d < bestDistance) (best = point), (bestDistance = d);
  }
  return best;
}

export function buildLandform(random: Random, widthMetres: number, heightMetres: number): Landform {
  const W = widthMetres;
  const H = heightMetres;
  const rivers: River[] = [];
  const main = meander(random.fork('main'), { x: -500, y: H * random.range(0.4, 0.55) }, { x: W + 500, y: H * random.range(0.38, 0.52) }, 1800);
  rivers.push({ name: RIVER_NAMES[0], points: main, widthMetres: 28 });
  // Tributaries: alternately from the north and the south edges, joining the main river.
  const tributaryCount = Math.max(3, Math.round((W * H) / (20000 * 20000) * 4));
  for (let i = 0; i < tributaryCount; i++) {
    const fromNorth = i % 2 === 0;
    const x = W * ((i + 0.5) / tributaryCount) + random.range(-0.08, 0.08) * W;
    const source = { x, y: fromNorth ? H + 300 : -300 };
    const mouth = nearestOn(main, { x: x + random.range(-0.1, 0.1) * W, y: H / 2 });
    rivers.push({
      name: RIVER_NAMES[1 + (i % (RIVER_NAMES.length - 1))],
      points: meander(random.fork(`trib${i}`), source, mouth, 900),
      widthMetres: 10,
    });
  }

  // Distance to the nearest river on a 50 m grid, by brute force over river segments.
  const cell = 50;
  const gw = Math.ceil(W / cell) + 1;
  const gh = Math.ceil(H / cell) + 1;
  const riverDistance = new Float32Array(gw * gh);
  const segments: Array<[Point, Point]> = [];
  for (const river of rivers) for (let i = 1; i < river.points.length; i++) segments.push([river.points[i - 1], river.points[i]]);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const p = { x: gx * cell, y: gy * cell };
      let best = Infinity;
      for (const [a, b] of segments) {
        // Cheap reject before the exact distance.
        const minX = Math.min(a.x, b.x) - best;
        const maxX = Math.max(a.x, b.x) + best;
        if (p.x < minX || p.x > maxX) continue;
        const minY = Math.min(a.y, b.y) - best;
        const maxY = Math.max(a.y, b.y) + best;
        if (p.y < minY || p.y > maxY) continue;
        const d = segmentDistance(p, a, b).distance;
        if (d < best) best = d;
      }
      riverDistance[gy * gw + gx] = best;
    }
  }
  const riverDistanceAt = (x: number, y: number): number => {
    const fx = Math.max(0, Math.min(gw - 1.001, x / cell));
    const fy = Math.max(0, Math.min(gh - 1.001, y / cell));
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const tx = fx - ix;
    const ty = fy - iy;
    const i = iy * gw + ix;
    return (
      riverDistance[i] * (1 - tx) * (1 - ty) +
      riverDistance[i + 1] * tx * (1 - ty) +
      riverDistance[i + gw] * (1 - tx) * ty +
      riverDistance[i + gw + 1] * tx * ty
    );
  };

  const ridgeNoise = fractalNoise(random.fork('ridge'), 4);
  const detailNoise = fractalNoise(random.fork('detail'), 4);
  const heightAt = (x: number, y: number): number => {
    const d = riverDistanceAt(x, y);
    // The valley floor falls gently from west to east.
    const floor = 420 - 110 * (x / W);
    const ridge = 260 + 300 * (0.5 + 0.5 * ridgeNoise(x, y, 9000));
    const flat = Math.max(0, d - 120);
    const rise = 1 - Math.exp(-(flat * flat) / (1600 * 1600));
    const detail = 35 * detailNoise(x, y, 1800) * Math.min(1, flat / 400);
    return floor + ridge * rise + detail;
  };

  return { widthMetres: W, heightMetres: H, rivers, heightAt, riverDistanceAt };
}

/** Steepness of the ground, as rise over run, by central differences. */
export function slopeAt(landform: Landform, x: number, y: number, step = 40): number {
  const dx = landform.heightAt(x + step, y) - landform.heightAt(x - step, y);
  const dy = landform.heightAt(x, y + step) - landform.heightAt(x, y - step);
  return Math.hypot(dx, dy) / (2 * step);
}
