/**
 * The routable road network: a directed graph over the roads' vertices (roads that share a vertex
 * meet there), one arc per segment and direction allowed (one-way roads only from their first
 * vertex to their last), with its length in metres and its travel time at the road's speed.
 * Stored as compressed adjacency in typed arrays, so that shortest paths over the whole territory
 * stay cheap.
 *
 * Places (collection points, the depot, the tip) are snapped to the nearest segment and joined to
 * its two ends as extra nodes; `travelMatrices` then runs one Dijkstra (fastest path) per place and
 * reports the distance and time between every pair, and which places cannot be reached.
 */
import type { LonLat, Road } from '../territory';
import { nearestOnLines } from '../geometry/geo';

export interface RoadGraph {
  nodeCount: number;
  /** Node positions, degrees. */
  lon: Float64Array;
  lat: Float64Array;
  /** Arcs leaving node i: offsets[i] … offsets[i+1]-1. */
  offsets: Int32Array;
  target: Int32Array;
  metres: Float64Array;
  seconds: Float64Array;
  /** Index of the road each arc belongs to. */
  road: Int32Array;
}

const METRES_PER_DEGREE = 111_320;

/** Metres between two points, by the local flat approximation (the territory spans ~20 km). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const cos = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * METRES_PER_DEGREE * cos, (b[1] - a[1]) * METRES_PER_DEGREE);
}

interface ArcList {
  from: number[];
  to: number[];
  metres: number[];
  seconds: number[];
  road: number[];
}

function compress(nodeCount: number, lon: number[], lat: number[], arcs: ArcList): RoadGraph {
  const count = arcs.from.length;
  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 0; i < count; i++) offsets[arcs.from[i] + 1]++;
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, nodeCount);
  const target = new Int32Array(count);
  const metres = new Float64Array(count);
  const seconds = new Float64Array(count);
  const road = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const at = fill[arcs.from[i]]++;
    target[at] = arcs.to[i];
    metres[at] = arcs.metres[i];
    seconds[at] = arcs.seconds[i];
    road[at] = arcs.road[i];
  }
  return { nodeCount, lon: Float64Array.from(lon), lat: Float64Array.from(lat), offsets, target, metres, seconds, road };
}

function addArc(arcs: ArcList, from: number, to: number, metres: number, seconds: number, road: number): void {
  arcs.from.push(from);
  arcs.to.push(to);
  arcs.metres.push(metres);
  arcs.seconds.push(seconds);
  arcs.road.push(road);
}

/** Builds the graph of the roads. */
export function buildRoadGraph(roads: readonly Road[]): RoadGraph {
  const index = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const node = ([x, y]: LonLat): number => {
    const key = `${x.toFixed(7)},${y.toFixed(7)}`;
    let id = index.get(key);
    if (id === undefined) {
      id = lon.length;
      index.set(key, id);
      lon.push(x);
      lat.push(y);
    }
    return id;
  };
  const arcs: ArcList = { from: [], to: [], metres: [], seconds: [], road: [] };
  roads.forEach((road, roadIndex) => {
    const speed = Math.max(1, road.speedKmh) / 3.6;
    for (let i = 1; i < road.coordinates.length; i++) {
      const a = node(road.coordinates[i - 1]);
      const b = node(road.coordinates[i]);
      if (a === b) continue;
      const metres = metresBetween(road.coordinates[i - 1], road.coordinates[i]);
      addArc(arcs, a, b, metres, metres / speed, roadIndex);
      if (!road.oneway) addArc(arcs, b, a, metres, metres / speed, roadIndex);
    }
  });
  return compress(lon.length, lon, lat, arcs);
}

export interface SnappedPlace {
  /** Node of the place in the extended graph. */
  node: number;
  /** Distance from the place to the road, metres. */
  offsetMetres: number;
  /** The road it stands on, or -1 when nothing is within reach. */
  road: number;
}

export interface PlacesGraph {
  graph: RoadGraph;
  places: SnappedPlace[];
}

/** A grid over the segments of the graph, for nearest-segment queries. */
class SegmentGrid {
  private readonly cells = new Map<string, number[]>();

  constructor(
    graph: RoadGraph,
    private readonly cellDegrees: number,
  ) {
    for (let from = 0; from < graph.nodeCount; from++) {
      for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) {
        const to = graph.target[arc];
        const minX = Math.floor(Math.min(graph.lon[from], graph.lon[to]) / cellDegrees);
        const maxX = Math.floor(Math.max(graph.lon[from], graph.lon[to]) / cellDegrees);
        const minY = Math.floor(Math.min(graph.lat[from], graph.lat[to]) / cellDegrees);
        const maxY = Math.floor(Math.max(graph.lat[from], graph.lat[to]) / cellDegrees);
        for (let x = minX; x <= maxX; x++) {
          for (let y = minY; y <= maxY; y++) {
            const key = `${x},${y}`;
            const list = this.cells.get(key);
            if (list) list.push(arc);
            else this.cells.set(key, [arc]);
          }
        }
      }
    }
  }

  /** Arcs whose box is within `rings` cells of the point. */
  near(lon: number, lat: number, rings: number): number[] {
    const cx = Math.floor(lon / this.cellDegrees);
    const cy = Math.floor(lat / this.cellDegrees);
    const found: number[] = [];
    for (let x = cx - rings; x <= cx + rings; x++) {
      for (let y = cy - rings; y <= cy + rings; y++) {
        const list = this.cells.get(`${x},${y}`);
        if (list) for (const arc of list) found.push(arc);
      }
    }
    return found;
  }
}

/**
 * Adds each place to the graph as a node on its nearest segment (within `maxSnapMetres`), joined
 * to the segment's ends in the directions the segment allows. A place with no road within reach
 * gets a node with no arc: every other place is unreachable from it.
 */
export function snapPlaces(graph: RoadGraph, positions: readonly LonLat[], maxSnapMetres = 250): PlacesGraph {
  const lon = Array.from(graph.lon);
  const lat = Array.from(graph.lat);
  const arcs: ArcList = { from: [], to: [], metres: [], seconds: [], road: [] };
  // Source arcs of the original graph, to rebuild the adjacency with the new ones.
  const source = new Int32Array(graph.target.length);
  for (let from = 0; from < graph.nodeCount; from++) for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) source[arc] = from;
  for (let arc = 0; arc < graph.target.length; arc++) addArc(arcs, source[arc], graph.target[arc], graph.metres[arc], graph.seconds[arc], graph.road[arc]);

  const grid = new SegmentGrid(graph, 0.003);
  const places: SnappedPlace[] = [];
  // Where each place stands: its arc and the fraction along it. Both directions of a two-way
  // segment count as one (the arc from the lower node), so that places on the same segment are
  // chained to each other in their order along it, not each joined to the ends alone.
  const onArc = new Map<number, Array<{ node: number; t: number }>>();
  for (const position of positions) {
    // Nearest point on the candidate segments (Turf), and where along its arc it falls.
    const candidates = grid.near(position[0], position[1], 1);
    const nearest = nearestOnLines(
      position,
      candidates.map((arc) => [
        [graph.lon[source[arc]], graph.lat[source[arc]]],
        [graph.lon[graph.target[arc]], graph.lat[graph.target[arc]]],
      ]),
    );
    const id = lon.length;
    if (nearest === null || nearest.metres > maxSnapMetres) {
      lon.push(position[0]);
      lat.push(position[1]);
      places.push({ node: id, offsetMetres: nearest?.metres ?? Number.POSITIVE_INFINITY, road: -1 });
      continue;
    }
    let arc = candidates[nearest.line];
    let t = nearest.t;
    const reverse = findArc(graph, graph.target[arc], source[arc], graph.road[arc]);
    if (reverse >= 0 && source[arc] > graph.target[arc]) {
      arc = reverse;
      t = 1 - t;
    }
    lon.push(nearest.point[0]);
    lat.push(nearest.point[1]);
    const list = onArc.get(arc);
    if (list) list.push({ node: id, t });
    else onArc.set(arc, [{ node: id, t }]);
    places.push({ node: id, offsetMetres: nearest.metres, road: graph.road[arc] });
  }
  // Along each arc: from → p1 → p2 → … → to, and back the other way when the segment is two-way.
  for (const [arc, list] of onArc) {
    list.sort((a, b) => a.t - b.t || a.node - b.node);
    const from = source[arc];
    const to = graph.target[arc];
    const metres = graph.metres[arc];
    const seconds = graph.seconds[arc];
    const road = graph.road[arc];
    const twoWay = findArc(graph, to, from, road) >= 0;
    const chain = [{ node: from, t: 0 }, ...list, { node: to, t: 1 }];
    for (let k = 1; k < chain.length; k++) {
      const share = chain[k].t - chain[k - 1].t;
      addArc(arcs, chain[k - 1].node, chain[k].node, metres * share, seconds * share, road);
      if (twoWay) addArc(arcs, chain[k].node, chain[k - 1].node, metres * share, seconds * share, road);
    }
  }
  return { graph: compress(lon.length, lon, lat, arcs), places };
}

/** The same places on the network without the roads `keep` refuses (a truck's weight or width). */
export function restrictGraph(placesGraph: PlacesGraph, keep: (road: number) => boolean): PlacesGraph {
  const { graph } = placesGraph;
  const arcs: ArcList = { from: [], to: [], metres: [], seconds: [], road: [] };
  for (let from = 0; from < graph.nodeCount; from++) {
    for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) {
      if (keep(graph.road[arc])) addArc(arcs, from, graph.target[arc], graph.metres[arc], graph.seconds[arc], graph.road[arc]);
    }
  }
  return { graph: compress(graph.nodeCount, Array.from(graph.lon), Array.from(graph.lat), arcs), places: placesGraph.places };
}

function findArc(graph: RoadGraph, from: number, to: number, road: number): number {
  for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) if (graph.target[arc] === to && graph.road[arc] === road) return arc;
  return -1;
}

/** A binary heap of (key, node) for Dijkstra. */
class Heap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  /** Removes the smallest; returns its node (its key is in `lastKey`). */
  lastKey = 0;
  pop(): number {
    const top = this.nodes[0];
    this.lastKey = this.keys[0];
    const key = this.keys[--this.size];
    const node = this.nodes[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.nodes[i] = this.nodes[child];
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}

export interface ShortestPaths {
  seconds: Float64Array;
  metres: Float64Array;
  /** Arc used to reach each node, -1 for the source and unreached nodes. */
  via: Int32Array;
}

/** Fastest paths from one node to every node (Dijkstra on travel time). */
export function shortestPaths(graph: RoadGraph, from: number, scratch?: ShortestPaths): ShortestPaths {
  const n = graph.nodeCount;
  const result = scratch && scratch.seconds.length === n ? scratch : { seconds: new Float64Array(n), metres: new Float64Array(n), via: new Int32Array(n) };
  result.seconds.fill(Number.POSITIVE_INFINITY);
  result.metres.fill(Number.POSITIVE_INFINITY);
  result.via.fill(-1);
  result.seconds[from] = 0;
  result.metres[from] = 0;
  const heap = new Heap();
  heap.push(0, from);
  while (heap.size > 0) {
    const node = heap.pop();
    const time = heap.lastKey;
    if (time > result.seconds[node]) continue;
    for (let arc = graph.offsets[node]; arc < graph.offsets[node + 1]; arc++) {
      const next = graph.target[arc];
      const arrival = time + graph.seconds[arc];
      if (arrival < result.seconds[next]) {
        result.seconds[next] = arrival;
        result.metres[next] = result.metres[node] + graph.metres[arc];
        result.via[next] = arc;
        heap.push(arrival, next);
      }
    }
  }
  return result;
}

export interface TravelMatrices {
  size: number;
  /** Row-major size × size: from row to column; Infinity when unreachable. */
  metres: Float64Array;
  seconds: Float64Array;
}

/** Distance and time between every pair of places, along fastest paths. */
export function travelMatrices(placesGraph: PlacesGraph, onProgress?: (fraction: number) => void): TravelMatrices {
  const { graph, places } = placesGraph;
  const size = places.length;
  const metres = new Float64Array(size * size);
  const seconds = new Float64Array(size * size);
  let scratch: ShortestPaths | undefined;
  for (let i = 0; i < size; i++) {
    scratch = shortestPaths(graph, places[i].node, scratch);
    for (let j = 0; j < size; j++) {
      metres[i * size + j] = scratch.metres[places[j].node];
      seconds[i * size + j] = scratch.seconds[places[j].node];
    }
    if (onProgress && (i % 16 === 0 || i === size - 1)) onProgress((i + 1) / size);
  }
  return { size, metres, seconds };
}

/** The polyline of the fastest path between two places, for drawing a route on the map. */
export function pathBetween(placesGraph: PlacesGraph, fromPlace: number, toPlace: number): LonLat[] {
  const { graph, places } = placesGraph;
  const paths = shortestPaths(graph, places[fromPlace].node);
  const target = places[toPlace].node;
  if (!Number.isFinite(paths.seconds[target])) return [];
  const nodes: number[] = [target];
  let node = target;
  while (paths.via[node] >= 0) {
    const arc = paths.via[node];
    // The arc's source: search the offsets (arcs are grouped by source).
    let low = 0;
    let high = graph.nodeCount - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (graph.offsets[mid] <= arc) low = mid;
      else high = mid - 1;
    }
    node = low;
    nodes.push(node);
  }
  nodes.reverse();
  return nodes.map((id) => [graph.lon[id], graph.lat[id]] as LonLat);
}

export interface Reachability {
  /** Places the depot cannot reach, or that cannot come back to it. */
  unreachable: Array<{ place: number; reason: 'off-network' | 'not-reachable-from-depot' | 'cannot-return-to-depot' }>;
}

/** Which places a round from `depot` (a place index) cannot serve, and why. */
export function reachability(placesGraph: PlacesGraph, matrices: TravelMatrices, depot: number): Reachability {
  const unreachable: Reachability['unreachable'] = [];
  const { size, seconds } = matrices;
  for (let place = 0; place < size; place++) {
    if (place === depot) continue;
    if (placesGraph.places[place].road < 0) unreachable.push({ place, reason: 'off-network' });
    else if (!Number.isFinite(seconds[depot * size + place])) unreachable.push({ place, reason: 'not-reachable-from-depot' });
    else if (!Number.isFinite(seconds[place * size + depot])) unreachable.push({ place, reason: 'cannot-return-to-depot' });
  }
  return { unreachable };
}
