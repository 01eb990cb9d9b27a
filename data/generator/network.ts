/**
 * The road network under construction: nodes (junctions and dead ends) and edges (polylines between
 * two nodes). Roads are added by branching from existing edges, so the network stays connected.
 */
import type { RoadClass } from '../../src/domain/territory';
import { SpatialHash, distance, pointAlong, polylineLength, segmentDistance, type Point } from './geometry';

export interface NetworkEdge {
  id: number;
  from: number;
  to: number;
  /** From the `from` node's position to the `to` node's, inclusive. */
  points: Point[];
  roadClass: RoadClass;
  speedKmh: number;
  oneway: boolean;
  name: string;
  alive: boolean;
  /** Index of the village it serves, or -1 in the countryside. */
  village: number;
}

interface SegmentRef {
  edge: number;
  segment: number;
}

export class RoadNetwork {
  readonly nodes: Point[] = [];
  readonly edges: NetworkEdge[] = [];
  private readonly index = new SpatialHash<SegmentRef>(100);
  private readonly nodeIndex = new Map<string, number>();

  addNode(point: Point): number {
    const key = `${point.x.toFixed(3)},${point.y.toFixed(3)}`;
    const existing = this.nodeIndex.get(key);
    if (existing !== undefined) return existing;
    this.nodes.push({ x: point.x, y: point.y });
    this.nodeIndex.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  addEdge(points: Point[], attributes: Pick<NetworkEdge, 'roadClass' | 'speedKmh' | 'oneway' | 'name' | 'village'>): NetworkEdge {
    const from = this.addNode(points[0]);
    const to = this.addNode(points[points.length - 1]);
    const snapped = points.slice();
    snapped[0] = this.nodes[from];
    snapped[snapped.length - 1] = this.nodes[to];
    const edge: NetworkEdge = { id: this.edges.length, from, to, points: snapped, alive: true, ...attributes };
    this.edges.push(edge);
    for (let i = 1; i < snapped.length; i++) {
      const a = snapped[i - 1];
      const b = snapped[i];
      this.index.insert({ edge: edge.id, segment: i - 1 }, Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y));
    }
    return edge;
  }

  /** The closest point on a live edge within `radius`, or null. */
  nearest(point: Point, radius: number, accept: (edge: NetworkEdge) => boolean = () => true): { edge: NetworkEdge; segment: number; t: number; distance: number } | null {
    let best: { edge: NetworkEdge; segment: number; t: number; distance: number } | null = null;
    this.index.query(point.x, point.y, radius, ({ edge: edgeId, segment }) => {
      const edge = this.edges[edgeId];
      if (!edge.alive || !accept(edge)) return;
      const { distance: d, t } = segmentDistance(point, edge.points[segment], edge.points[segment + 1]);
      if (d <= radius && (!best || d < best.distance)) best = { edge, segment, t, distance: d };
    });
    return best;
  }

  /** Splits an edge at a point on one of its segments; returns the node there. */
  split(edge: NetworkEdge, segment: number, t: number): number {
    const a = edge.points[segment];
    const b = edge.points[segment + 1];
    const at = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    // Close to an existing vertex: use it rather than making a sliver.
    if (distance(at, edge.points[0]) < 1) return edge.from;
    if (distance(at, edge.points[edge.points.length - 1]) < 1) return edge.to;
    edge.alive = false;
    const first = [...edge.points.slice(0, segment + 1), at];
    const second = [at, ...edge.points.slice(segment + 1)];
    const attributes = { roadClass: edge.roadClass, speedKmh: edge.speedKmh, oneway: edge.oneway, name: edge.name, village: edge.village };
    const one = this.addEdge(first.filter((p, i) => i === 0 || distance(p, first[i - 1]) > 0.01), attributes);
    this.addEdge(second.filter((p, i) => i === 0 || distance(p, second[i - 1]) > 0.01), attributes);
    return one.to;
  }

  /** True when a new road along `points` keeps `clearance` metres from every road but near its start. */
  isClear(points: Point[], clearance: number, ignoreNear: Point, ignoreRadius: number, endIgnore?: Point): boolean {
    for (const point of points) {
      if (distance(point, ignoreNear) < ignoreRadius) continue;
      if (endIgnore && distance(point, endIgnore) < ignoreRadius) continue;
      if (this.nearest(point, clearance)) return false;
    }
    return true;
  }

  liveEdges(): NetworkEdge[] {
    return this.edges.filter((edge) => edge.alive);
  }

  totalLengthMetres(): number {
    let total = 0;
    for (const edge of this.liveEdges()) total += polylineLength(edge.points);
    return total;
  }
}

/** Evenly spaced points along a polyline, every `step` metres, with the direction there. */
export function* walk(points: Point[], step: number, start = step / 2): Generator<{ point: Point; dx: number; dy: number; along: number }> {
  const length = polylineLength(points);
  for (let along = start; along < length; along += step) {
    const { point, dx, dy } = pointAlong(points, along);
    yield { point, dx, dy, along };
  }
}
