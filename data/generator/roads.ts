/**
 * Roads of the demo: departmental roads between villages found by least-cost paths over the terrain
 * (they follow valleys and avoid steep slopes), then village streets grown from them, then farm and
 * forest tracks.
 */
import type { RoadClass } from '../../src/domain/territory';
import { distance, polylineLength, simplify, smooth, type Point } from './geometry';
import { RoadNetwork, type NetworkEdge } from './network';
import type { Random } from './random';
import { slopeAt, type Landform } from './terrain';

export interface Village {
  index: number;
  id: string;
  name: string;
  population: number;
  centre: Point;
  /** Radius of the built-up area in metres. */
  radiusMetres: number;
  isSeat: boolean;
}

const CLASS_RANK: Record<RoadClass, number> = { primary: 5, secondary: 4, tertiary: 3, residential: 2, service: 1, track: 0 };
const CLASS_SPEED: Record<RoadClass, number> = { primary: 80, secondary: 80, tertiary: 70, residential: 30, service: 20, track: 20 };

class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(value: number, key: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      let i = 0;
      const n = keys.length;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= lastKey) break;
        keys[i] = keys[child];
        values[i] = values[child];
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/** Least-cost paths on a grid over the terrain, sharing cells already used by earlier roads. */
class TerrainGrid {
  readonly cell = 100;
  readonly gw: number;
  readonly gh: number;
  private readonly stepCost: Float32Array;
  private readonly used: Uint8Array;

  constructor(private readonly landform: Landform) {
    this.gw = Math.floor(landform.widthMetres / this.cell) + 1;
    this.gh = Math.floor(landform.heightMetres / this.cell) + 1;
    this.stepCost = new Float32Array(this.gw * this.gh);
    this.used = new Uint8Array(this.gw * this.gh);
    for (let gy = 0; gy < this.gh; gy++) {
      for (let gx = 0; gx < this.gw; gx++) {
        const x = gx * this.cell;
        const y = gy * this.cell;
        const slope = slopeAt(landform, x, y, 60);
        const water = landform.riverDistanceAt(x, y) < 40 ? 6 : 0;
        this.stepCost[gy * this.gw + gx] = 1 + 60 * slope * slope + water;
      }
    }
  }

  nodeOf(point: Point): number {
    const gx = Math.max(0, Math.min(this.gw - 1, Math.round(point.x / this.cell)));
    const gy = Math.max(0, Math.min(this.gh - 1, Math.round(point.y / this.cell)));
    return gy * this.gw + gx;
  }

  pointOf(node: number): Point {
    return { x: (node % this.gw) * this.cell, y: Math.floor(node / this.gw) * this.cell };
  }

  path(from: number, to: number): number[] {
    const n = this.gw * this.gh;
    const cost = new Float64Array(n).fill(Infinity);
    const previous = new Int32Array(n).fill(-1);
    const heap = new MinHeap();
    const target = this.pointOf(to);
    cost[from] = 0;
    heap.push(from, 0);
    while (heap.size > 0) {
      const node = heap.pop();
      if (node === to) break;
      const gx = node % this.gw;
      const gy = Math.floor(node / this.gw);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          const nx = gx + dx;
          const ny = gy + dy;
          if (nx < 0 || ny < 0 || nx >= this.gw || ny >= this.gh) continue;
          const next = ny * this.gw + nx;
          const length = dx !== 0 && dy !== 0 ? Math.SQRT2 : 1;
          const reuse = this.used[next] ? 0.3 : 1;
          const step = length * this.cell * 0.5 * (this.stepCost[node] + this.stepCost[next]) * reuse;
          const candidate = cost[node] + step;
          if (candidate < cost[next]) {
            cost[next] = candidate;
            previous[next] = node;
            const p = this.pointOf(next);
            heap.push(next, candidate + 0.3 * distance(p, target));
          }
        }
      }
    }
    const path: number[] = [];
    for (let node = to; node !== -1; node = previous[node]) path.push(node);
    path.reverse();
    for (const node of path) this.used[node] = 1;
    return path;
  }
}

const STREET_NAMES = [
  "Rue de l'Église", 'Rue des Jardins', 'Grande Rue', 'Rue du Moulin', 'Rue du Stade', 'Rue des Écoles', 'Rue de la Fontaine',
  'Rue des Vergers', 'Rue du Lavoir', 'Rue des Tilleuls', 'Rue Pasteur', 'Rue Victor-Hugo', 'Rue des Prés', 'Rue de la Gare',
  'Rue du Château', 'Rue des Vignes', 'Impasse des Lilas', 'Rue des Acacias', 'Chemin de la Côte', 'Rue du Four',
  'Rue de la Forge', 'Rue des Roses', 'Rue Jeanne-d’Arc', 'Rue du Général-Leclerc', 'Rue de la Paix', 'Rue des Sources',
  'Allée des Chênes', 'Rue de la Libération', 'Rue du Presbytère', 'Rue des Hirondelles', 'Impasse du Verger', 'Rue Saint-Nicolas',
  'Rue des Champs', 'Rue de la Mairie', 'Rue du Pont', 'Rue des Bleuets', 'Rue du Ruisseau', 'Rue des Noyers', 'Rue du Calvaire',
  'Rue des Peupliers', 'Rue de Lorraine', 'Rue des Mésanges', 'Rue des Artisans', 'Rue du Parc', 'Chemin des Écoliers',
];

export interface RoadBuildResult {
  network: RoadNetwork;
  /** Roads that leave the territory, by the edge they cross. */
  exits: Point[];
}

function chainsFromPaths(paths: Array<{ nodes: number[]; roadClass: RoadClass }>, keep: Set<number>): Array<{ nodes: number[]; roadClass: RoadClass }> {
  const neighbours = new Map<number, Set<number>>();
  const edgeClass = new Map<string, RoadClass>();
  const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  for (const { nodes, roadClass } of paths) {
    for (let i = 1; i < nodes.length; i++) {
      const a = nodes[i - 1];
      const b = nodes[i];
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      if (!neighbours.has(b)) neighbours.set(b, new Set());
      neighbours.get(a)!.add(b);
      neighbours.get(b)!.add(a);
      const k = key(a, b);
      const existing = edgeClass.get(k);
      if (!existing || CLASS_RANK[roadClass] > CLASS_RANK[existing]) edgeClass.set(k, roadClass);
    }
  }
  const isJunction = (node: number) => keep.has(node) || neighbours.get(node)!.size !== 2;
  const visited = new Set<string>();
  const chains: Array<{ nodes: number[]; roadClass: RoadClass }> = [];
  const sortedNodes = [...neighbours.keys()].sort((a, b) => a - b);
  for (const start of sortedNodes) {
    if (!isJunction(start)) continue;
    for (const first of [...neighbours.get(start)!].sort((a, b) => a - b)) {
      if (visited.has(key(start, first))) continue;
      const nodes = [start, first];
      visited.add(key(start, first));
      let rank = CLASS_RANK[edgeClass.get(key(start, first))!];
      let roadClass = edgeClass.get(key(start, first))!;
      let current = first;
      let previous = start;
      while (!isJunction(current)) {
        const next = [...neighbours.get(current)!].find((n) => n !== previous)!;
        visited.add(key(current, next));
        const cls = edgeClass.get(key(current, next))!;
        if (CLASS_RANK[cls] > rank) (rank = CLASS_RANK[cls]), (roadClass = cls);
        nodes.push(next);
        previous = current;
        current = next;
      }
      chains.push({ nodes, roadClass });
    }
  }
  // Loops with no junction (a ring of degree-2 nodes) are not produced by paths between villages.
  return chains;
}

function roadName(roadClass: RoadClass, random: Random, villages: Village[], a: Point, b: Point): string {
  const number = roadClass === 'primary' ? random.int(400, 420) : roadClass === 'secondary' ? random.int(20, 99) * 10 + random.int(1, 9) : random.int(100, 399);
  const nearest = (p: Point) => villages.reduce((best, v) => (distance(v.centre, p) < distance(best.centre, p) ? v : best));
  const va = nearest(a);
  const vb = nearest(b);
  return va === vb ? `RD ${number}` : `RD ${number}, de ${va.name} à ${vb.name}`;
}

export function buildRoads(random: Random, landform: Landform, villages: Village[], targetStreetMetresPerInhabitant: number): RoadBuildResult {
  const grid = new TerrainGrid(landform);
  const W = landform.widthMetres;
  const H = landform.heightMetres;
  // Links between villages: each to its two nearest, plus the seat to the largest others.
  const links: Array<[number, number, RoadClass]> = [];
  const linked = new Set<string>();
  const link = (a: number, b: number, roadClass: RoadClass) => {
    const k = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || linked.has(k)) return;
    linked.add(k);
    links.push([a, b, roadClass]);
  };
  const byPopulation = villages.slice().sort((a, b) => b.population - a.population);
  const seat = byPopulation[0];
  for (const other of byPopulation.slice(1, 4)) link(seat.index, other.index, 'primary');
  for (const village of villages) {
    const nearest = villages
      .filter((other) => other !== village)
      .sort((a, b) => distance(a.centre, village.centre) - distance(b.centre, village.centre))
      .slice(0, 2);
    for (const [rank, other] of nearest.entries()) link(village.index, other.index, rank === 0 ? 'secondary' : 'tertiary');
  }
  const paths: Array<{ nodes: number[]; roadClass: RoadClass }> = [];
  const keep = new Set<number>(villages.map((v) => grid.nodeOf(v.centre)));
  // Primary roads first, so that the others share them.
  links.sort((a, b) => CLASS_RANK[b[2]] - CLASS_RANK[a[2]]);
  for (const [a, b, roadClass] of links) {
    paths.push({ nodes: grid.path(grid.nodeOf(villages[a].centre), grid.nodeOf(villages[b].centre)), roadClass });
  }
  // Roads leaving the territory: from the villages nearest to each edge.
  const exits: Point[] = [];
  const edgesOut: Array<[Point, RoadClass]> = [
    [{ x: 0, y: H * random.range(0.3, 0.7) }, 'primary'],
    [{ x: W, y: H * random.range(0.3, 0.7) }, 'primary'],
    [{ x: W * random.range(0.3, 0.7), y: H }, 'secondary'],
    [{ x: W * random.range(0.3, 0.7), y: 0 }, 'secondary'],
  ];
  for (const [exit, roadClass] of edgesOut) {
    const village = villages.reduce((best, v) => (distance(v.centre, exit) < distance(best.centre, exit) ? v : best));
    const exitNode = grid.nodeOf(exit);
    keep.add(exitNode);
    exits.push(grid.pointOf(exitNode));
    paths.push({ nodes: grid.path(grid.nodeOf(village.centre), exitNode), roadClass });
  }

  const network = new RoadNetwork();
  const nameRandom = random.fork('road-names');
  for (const chain of chainsFromPaths(paths, keep)) {
    const raw = chain.nodes.map((node) => grid.pointOf(node));
    const points = simplify(smooth(raw, 3), 2);
    network.addEdge(points, {
      roadClass: chain.roadClass,
      speedKmh: CLASS_SPEED[chain.roadClass],
      oneway: false,
      name: roadName(chain.roadClass, nameRandom, villages, raw[0], raw[raw.length - 1]),
      village: -1,
    });
  }
  // In villages, the departmental road is a street: 50 km/h and the village's name.
  assignVillages(network, villages);

  for (const village of villages) growStreets(random.fork(`streets-${village.id}`), network, landform, village, village.population * targetStreetMetresPerInhabitant);
  growTracks(random.fork('tracks'), network, landform, villages);
  return { network, exits };
}

function assignVillages(network: RoadNetwork, villages: Village[]): void {
  // Split departmental roads exactly where they cross a village's circle, so the inner part gets
  // 50 km/h; each edge is then inside or outside as a whole.
  const queue = network.liveEdges();
  while (queue.length > 0) {
    const edge = queue.pop()!;
    if (!edge.alive || edge.village >= 0) continue;
    let didSplit = false;
    for (const village of villages) {
      const R = village.radiusMetres;
      for (let i = 1; i < edge.points.length && !didSplit; i++) {
        const a = edge.points[i - 1];
        const b = edge.points[i];
        const da = distance(a, village.centre);
        const db = distance(b, village.centre);
        if ((da < R - 0.5 && db > R + 0.5) || (da > R + 0.5 && db < R - 0.5)) {
          // Solve |a + t(b - a) - c| = R for t in (0, 1).
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const fx = a.x - village.centre.x;
          const fy = a.y - village.centre.y;
          const qa = dx * dx + dy * dy;
          const qb = 2 * (fx * dx + fy * dy);
          const qc = fx * fx + fy * fy - R * R;
          const root = Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc));
          const t1 = (-qb - root) / (2 * qa);
          const t = t1 > 0 && t1 < 1 ? t1 : (-qb + root) / (2 * qa);
          const before = network.edges.length;
          network.split(edge, i - 1, Math.min(0.999, Math.max(0.001, t)));
          for (let k = before; k < network.edges.length; k++) queue.push(network.edges[k]);
          didSplit = network.edges.length > before;
        }
      }
      if (didSplit) break;
    }
    if (didSplit) continue;
    const middle = edge.points[Math.floor(edge.points.length / 2)];
    const mid = edge.points.length === 2 ? { x: (edge.points[0].x + edge.points[1].x) / 2, y: (edge.points[0].y + edge.points[1].y) / 2 } : middle;
    for (const village of villages) {
      if (distance(mid, village.centre) < village.radiusMetres) {
        edge.village = village.index;
        edge.speedKmh = 50;
        break;
      }
    }
  }
}

function growStreets(random: Random, network: RoadNetwork, landform: Landform, village: Village, targetMetres: number): void {
  const R = village.radiusMetres;
  let built = 0;
  let names = 0;
  const inVillage = (edge: NetworkEdge) => edge.roadClass !== 'track' && edge.points.some((p) => distance(p, village.centre) < R);
  for (let attempt = 0; attempt < 4000 && built < targetMetres; attempt++) {
    const edges = network.liveEdges().filter(inVillage);
    if (edges.length === 0) return;
    const parent = random.pick(edges);
    const segment = random.int(0, parent.points.length - 2);
    const t = random.range(0.15, 0.85);
    const a = parent.points[segment];
    const b = parent.points[segment + 1];
    const start = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    const fromCentre = distance(start, village.centre);
    if (fromCentre > R || random.next() > 1.1 - fromCentre / R) continue;
    const length = distance(a, b);
    if (length < 1) continue;
    const side = random.chance(0.5) ? 1 : -1;
    let heading = Math.atan2((b.y - a.y) / length, (b.x - a.x) / length) + side * (Math.PI / 2 + random.range(-0.3, 0.3));
    const streetLength = random.range(90, 320) * (1 - 0.35 * (fromCentre / R));
    const points: Point[] = [start];
    let current = start;
    let joined: { edge: NetworkEdge; segment: number; t: number } | null = null;
    let ok = true;
    for (let along = 20; along <= streetLength; along += 20) {
      heading += random.range(-0.12, 0.12);
      const next = { x: current.x + 20 * Math.cos(heading), y: current.y + 20 * Math.sin(heading) };
      if (next.x < 50 || next.y < 50 || next.x > landform.widthMetres - 50 || next.y > landform.heightMetres - 50) ok = false;
      else if (distance(next, village.centre) > R * 1.15) ok = false;
      else if (landform.riverDistanceAt(next.x, next.y) < 30) ok = false;
      else if (slopeAt(landform, next.x, next.y) > 0.2) ok = false;
      if (!ok) break;
      points.push(next);
      current = next;
      if (along >= 100) {
        const hit = network.nearest(next, 30, (edge) => edge !== parent);
        if (hit) {
          joined = hit;
          break;
        }
      }
    }
    if (points.length < 4) continue;
    let end: Point | null = null;
    if (joined) {
      // Join the street to the road it met, making a loop.
      const { edge, segment: s, t: tt } = joined;
      const p = edge.points[s];
      const q = edge.points[s + 1];
      end = { x: p.x + (q.x - p.x) * tt, y: p.y + (q.y - p.y) * tt };
      points.push(end);
    }
    // Every street keeps clear of the others, except where it leaves its parent and meets its join.
    let clear = true;
    for (let i = 2; i < points.length && clear; i++) {
      const point = points[i];
      if (end && distance(point, end) < 45) continue;
      if (network.nearest(point, 34)) clear = false;
    }
    if (!clear) continue;
    if (distance(start, parent.points[0]) < 30 || distance(start, parent.points[parent.points.length - 1]) < 30) continue;
    const startNode = network.split(parent, segment, t);
    points[0] = network.nodes[startNode];
    if (joined) {
      const endNode = network.split(joined.edge, joined.segment, joined.t);
      points[points.length - 1] = network.nodes[endNode];
      if (endNode === startNode) continue;
    }
    const oneway = village.isSeat && joined !== null && fromCentre < R * 0.35 && random.chance(0.35);
    network.addEdge(simplify(points, 0.5), {
      roadClass: 'residential',
      speedKmh: fromCentre < R * 0.4 ? 30 : 50,
      oneway,
      name: STREET_NAMES[(names++ * 7 + village.index * 3) % STREET_NAMES.length],
      village: village.index,
    });
    built += polylineLength(points);
  }
}

/** Farm and forest tracks from the roads outside villages: dead ends into fields and woods. */
function growTracks(random: Random, network: RoadNetwork, landform: Landform, villages: Village[]): void {
  const target = (landform.widthMetres * landform.heightMetres) / 1e6 * 0.45 * 1000;
  let built = 0;
  for (let attempt = 0; attempt < 3000 && built < target; attempt++) {
    const edges = network.liveEdges().filter((edge) => edge.village < 0 && edge.roadClass !== 'track');
    const parent = random.pick(edges);
    const segment = random.int(0, parent.points.length - 2);
    const t = random.range(0.2, 0.8);
    const a = parent.points[segment];
    const b = parent.points[segment + 1];
    const length = distance(a, b);
    if (length < 1) continue;
    const start = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    if (villages.some((v) => distance(v.centre, start) < v.radiusMetres * 1.1)) continue;
    let heading = Math.atan2(b.y - a.y, b.x - a.x) + (random.chance(0.5) ? 1 : -1) * (Math.PI / 2 + random.range(-0.4, 0.4));
    const trackLength = random.range(400, 1800);
    const points: Point[] = [start];
    let current = start;
    for (let along = 40; along <= trackLength; along += 40) {
      // Tracks bend towards the contour lines, as they do on hillsides.
      const upslope = Math.atan2(
        landform.heightAt(current.x, current.y + 30) - landform.heightAt(current.x, current.y - 30),
        landform.heightAt(current.x + 30, current.y) - landform.heightAt(current.x - 30, current.y),
      );
      const contour = upslope + Math.PI / 2;
      const delta = Math.atan2(Math.sin(contour - heading), Math.cos(contour - heading));
      const alongContour = Math.abs(delta) < Math.PI / 2 ? contour : contour + Math.PI;
      heading += 0.25 * Math.atan2(Math.sin(alongContour - heading), Math.cos(alongContour - heading)) + random.range(-0.15, 0.15);
      const next = { x: current.x + 40 * Math.cos(heading), y: current.y + 40 * Math.sin(heading) };
      if (next.x < 100 || next.y < 100 || next.x > landform.widthMetres - 100 || next.y > landform.heightMetres - 100) break;
      if (landform.riverDistanceAt(next.x, next.y) < 40) break;
      if (villages.some((v) => distance(v.centre, next) < v.radiusMetres)) break;
      points.push(next);
      current = next;
    }
    if (points.length < 6) continue;
    const body = points.slice(3);
    if (!network.isClear(body, 80, start, 130)) continue;
    const startNode = network.split(parent, segment, t);
    points[0] = network.nodes[startNode];
    const smoothPoints = simplify(smooth(points, 2), 1);
    network.addEdge(smoothPoints, { roadClass: 'track', speedKmh: 20, oneway: false, name: random.pick(['Chemin rural', 'Chemin forestier', "Chemin d'exploitation"]), village: -1 });
    built += polylineLength(smoothPoints);
  }
}
