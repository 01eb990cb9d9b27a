/** The demo's waste collection points by the buildings. */
import type { WasteStream } from '../../src/domain/territory';
import { SpatialHash, distance, polylineLength, type Point } from './geometry';
import type { RoadNetwork } from './network';
import { walk } from './network';
import { Random } from './random';
import { type Village } from './roads';

export interface CollectionRecord {
  id: string;
  name: string;
  position: Point;
  stream: WasteStream;
  container: 'bin' | 'column';
  volumeLitres: number;
  containerCount: number;
  collectionWeekday: number;
  collectionPeriodWeeks: number;
  village: number;
}

export function placeCollectionPoints(random: Random, network: RoadNetwork, villages: Village[], targets: Record<WasteStream, number>): CollectionRecord[] {
  const edges = network.liveEdges().filter((edge) => edge.village >= 0);
  const streetLength = edges.reduce((sum, edge) => sum + polylineLength(edge.points), 0);
  const points: CollectionRecord[] = [];
  const taken = new SpatialHash<Point>(40);
  const isFree = (p: Point, radius: number) => {
    let free = true;
    taken.query(p.x, p.y, radius, (q) => {
      if (distance(p, q) < radius) free = false;
    });
    return free;
  };
  const weekdayOf = (village: Village, stream: WasteStream) => {
    const base = 1 + (village.index % 5);
    return stream === 'residual' ? base : stream === 'recyclables' ? 1 + ((village.index + 2) % 5) : 1 + ((village.index + 4) % 5);
  };
  for (const stream of ['glass', 'recyclables', 'residual'] as const) {
    const spacing = streetLength / (targets[stream] * 1.12);
    const count = new Map<number, number>();
    for (const edge of edges) {
      const village = villages[edge.village];
      for (const { point, dx, dy } of walk(edge.points, spacing, random.range(0, spacing))) {
        const side = random.chance(0.5) ? 1 : -1;
        const position = { x: point.x - dy * side * 4.5, y: point.y + dx * side * 4.5 };
        if (!isFree(position, 25)) continue;
        const column = stream === 'glass' || (stream === 'recyclables' && random.chance(0.35)) || (stream === 'residual' && village.isSeat && random.chance(0.1));
        const containerCount = column ? 1 : random.int(2, 5);
        const volumeLitres = column ? (stream === 'glass' ? random.pick([3000, 4000]) : stream === 'residual' ? 5000 : 4000) : containerCount * random.pick(stream === 'residual' ? [240, 340, 660] : [340, 660]);
        const n = (count.get(village.index) ?? 0) + 1;
        count.set(village.index, n);
        const label = { residual: 'Ordures ménagères', recyclables: 'Emballages', glass: 'Verre' }[stream];
        const street = edge.name.startsWith('RD') ? edge.name.split(',')[0] : edge.name;
        points.push({
          id: `P${{ residual: 'R', recyclables: 'E', glass: 'V' }[stream]}${village.id.slice(1)}-${String(n).padStart(3, '0')}`,
          name: `${label} — ${street}, ${village.name}`,
          position,
          stream,
          container: column ? 'column' : 'bin',
          volumeLitres,
          containerCount,
          collectionWeekday: weekdayOf(village, stream),
          collectionPeriodWeeks: stream === 'residual' ? 1 : stream === 'recyclables' ? 2 : 4,
          village: village.index,
        });
        taken.insert(position, position.x, position.y, position.x, position.y);
      }
    }
  }
  return points;
}

