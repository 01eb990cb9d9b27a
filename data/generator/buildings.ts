/** The demo's buildings along the roads of each village. */
import type { BuildingUsage } from '../../src/domain/territory';
import { SpatialHash, distance, polylineLength, type Point } from './geometry';
import type { NetworkEdge, RoadNetwork } from './network';
import { walk } from './network';
import { Random } from './random';
import { type Village } from './roads';
import { type Landform } from './terrain';

export interface BuildingRecord {
  id: string;
  centre: Point;
  width: number;
  depth: number;
  angle: number;
  height: number;
  usage: BuildingUsage;
  village: number;
}

export class BuildingPlacer {
  readonly buildings: BuildingRecord[] = [];
  private readonly hash = new SpatialHash<number>(50);

  constructor(private readonly network: RoadNetwork, private readonly landform: Landform) {}

  /** Places a building if it overlaps neither another building, a road nor a river. */
  tryPlace(centre: Point, width: number, depth: number, angle: number, height: number, usage: BuildingUsage, village: number, roadClearance: number): boolean {
    const radius = Math.hypot(width, depth) / 2;
    let blocked = false;
    this.hash.query(centre.x, centre.y, radius + 30, (index) => {
      const other = this.buildings[index];
      if (distance(other.centre, centre) < radius + Math.hypot(other.width, other.depth) / 2 - 1.5) blocked = true;
    });
    if (blocked) return false;
    if (this.network.nearest(centre, Math.min(width, depth) / 2 + roadClearance)) return false;
    if (this.landform.riverDistanceAt(centre.x, centre.y) < radius + 25) return false;
    if (centre.x < 30 || centre.y < 30 || centre.x > this.landform.widthMetres - 30 || centre.y > this.landform.heightMetres - 30) return false;
    this.buildings.push({ id: `B${String(this.buildings.length + 1).padStart(5, '0')}`, centre, width, depth, angle, height, usage, village });
    this.hash.insert(this.buildings.length - 1, centre.x - radius, centre.y - radius, centre.x + radius, centre.y + radius);
    return true;
  }
}

export function edgeVillageDistance(edge: NetworkEdge, village: Village): number {
  return distance(edge.points[Math.floor(edge.points.length / 2)], village.centre);
}

export function placeBuildings(random: Random, network: RoadNetwork, landform: Landform, villages: Village[]): BuildingPlacer {
  const placer = new BuildingPlacer(network, landform);
  // Landmarks first: church and town hall by the centre, a school, shops in the seat.
  for (const village of villages) {
    const near = network.nearest(village.centre, 400, (edge) => edge.village === village.index);
    const edge = near?.edge;
    const dir = edge ? Math.atan2(edge.points[near.segment + 1].y - edge.points[near.segment].y, edge.points[near.segment + 1].x - edge.points[near.segment].x) : 0;
    const normal = dir + Math.PI / 2;
    const at = (offset: number, along: number) => ({
      x: village.centre.x + Math.cos(dir) * along + Math.cos(normal) * offset,
      y: village.centre.y + Math.sin(dir) * along + Math.sin(normal) * offset,
    });
    placer.tryPlace(at(24, 0), 14, 30, dir, 16, 'religious', village.index, 4);
    placer.tryPlace(at(22, 30), 7, 7, dir, 34, 'religious', village.index, 4);
    placer.tryPlace(at(-20, 10), 22, 14, dir, 11, 'public', village.index, 4);
    placer.tryPlace(at(-24, 60), 40, 16, dir, 8, 'public', village.index, 4);
    if (village.population > 3000) {
      placer.tryPlace(at(-40, -90), 60, 40, dir, 7, 'commercial', village.index, 6);
      placer.tryPlace(at(40, -80), 30, 18, dir, 9, 'public', village.index, 4);
    }
  }
  // Houses along the village streets, denser and taller near the centre.
  const edges = network.liveEdges().filter((edge) => edge.village >= 0 && edge.roadClass !== 'track');
  for (const edge of edges) {
    const village = villages[edge.village];
    for (const side of [1, -1]) {
      let along = random.range(4, 12);
      const length = polylineLength(edge.points);
      while (along < length - 6) {
        const position = walkAt(edge.points, along);
        const fromCentre = distance(position.point, village.centre) / village.radiusMetres;
        const core = fromCentre < 0.3;
        const frontage = core ? random.range(8, 12) : random.range(12, 19);
        const width = core ? frontage - random.range(0, 1) : random.range(8, Math.min(13, frontage - 2));
        const depth = core ? random.range(9, 14) : random.range(8, 12);
        const setback = core ? random.range(0.5, 2) : random.range(4, 10);
        const offset = 4 + setback + depth / 2;
        const nx = -position.dy * side;
        const ny = position.dx * side;
        const centre = { x: position.point.x + nx * offset, y: position.point.y + ny * offset };
        if (random.next() < 1.25 - 0.5 * fromCentre) {
          const commercial = core && (edge.roadClass === 'primary' || edge.roadClass === 'secondary' || edge.roadClass === 'tertiary') && random.chance(0.3);
          const height = core ? random.range(8, 12.5) : random.range(5.5, 7.8);
          placer.tryPlace(centre, width, depth, Math.atan2(position.dy, position.dx), height, commercial ? 'commercial' : 'residential', village.index, 3 + setback - 1);
          // Behind a house in the outskirts: a garden shed or garage now and then.
          if (!core && random.chance(0.55)) {
            const back = offset + depth / 2 + 6;
            placer.tryPlace(
              { x: position.point.x + nx * back, y: position.point.y + ny * back },
              random.range(4, 7), random.range(4, 6), Math.atan2(position.dy, position.dx), random.range(2.6, 3.4), 'residential', village.index, 8,
            );
          }
        }
        along += frontage;
      }
    }
  }
  // A business park on the seat's main road, and farms along the tracks.
  const seat = villages.find((v) => v.isSeat)!;
  const mainRoads = network.liveEdges().filter((e) => (e.roadClass === 'primary' || e.roadClass === 'secondary') && e.village < 0);
  const nearSeat = mainRoads
    .map((edge) => ({ edge, d: Math.min(...edge.points.map((p) => Math.abs(distance(p, seat.centre) - seat.radiusMetres * 1.3))) }))
    .sort((a, b) => a.d - b.d)[0]?.edge;
  if (nearSeat) {
    for (const { point, dx, dy } of walk(nearSeat.points, 55)) {
      const d = distance(point, seat.centre);
      if (d < seat.radiusMetres * 1.05 || d > seat.radiusMetres * 2.2) continue;
      for (const side of [1, -1]) {
        const w = random.range(25, 60);
        const dep = random.range(18, 40);
        const offset = 12 + dep / 2;
        placer.tryPlace({ x: point.x - dy * side * offset, y: point.y + dx * side * offset }, w, dep, Math.atan2(dy, dx), random.range(7, 11), 'industrial', seat.index, 8);
      }
    }
  }
  const tracks = network.liveEdges().filter((e) => e.roadClass === 'track');
  for (const track of tracks) {
    if (!random.chance(0.45)) continue;
    const { point, dx, dy } = walkAt(track.points, polylineLength(track.points) * random.range(0.3, 0.95));
    const nearest = villages.reduce((best, v) => (distance(v.centre, point) < distance(best.centre, point) ? v : best));
    const angle = Math.atan2(dy, dx);
    placer.tryPlace({ x: point.x - dy * 22, y: point.y + dx * 22 }, random.range(28, 45), random.range(14, 20), angle, random.range(8, 11), 'agricultural', nearest.index, 10);
    placer.tryPlace({ x: point.x - dy * 22 + dx * 35, y: point.y + dx * 22 + dy * 35 }, random.range(12, 16), random.range(10, 13), angle, random.range(7, 9), 'residential', nearest.index, 10);
    placer.tryPlace({ x: point.x + dy * 25, y: point.y - dx * 25 }, random.range(18, 30), random.range(10, 15), angle, random.range(6, 8), 'agricultural', nearest.index, 10);
  }
  return placer;
}

export function walkAt(points: Point[], along: number): { point: Point; dx: number; dy: number } {
  for (const step of walk(points, Number.POSITIVE_INFINITY, along)) return step;
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const length = distance(last, before) || 1;
  return { point: last, dx: (last.x - before.x) / length, dy: (last.y - before.y) / length };
}

