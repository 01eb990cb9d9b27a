/**
 * Multi-trip vehicle routing with time windows and release dates (MTVRPTWR, Yang 2023/2024, as
 * PyVRP/Instances ships them): `.vrp` files with VEHICLES, CAPACITY, SERVICE_TIME, coordinates,
 * demands, time windows, release times; `.sol` files with one route per vehicle, trips separated
 * by `0`, client c being node c+1, and "Cost: N" (ten times the total distance).
 *
 * Rules (../shared/bench/README.md): distance = Euclidean truncated to one decimal, travel time =
 * distance; at most VEHICLES vehicles; each trip within CAPACITY and leaving the depot no earlier
 * than its clients' largest release time; waiting allowed, arriving after a window's end not; back
 * at the depot by its window's end. Everything here is in tenths (integers) so that it is exact.
 */
import type { RoutingProblem } from './rounds';

export interface MtvrptwFile {
  name: string;
  vehicles: number;
  capacity: number;
  /** Per node (node 1 of the file is index 0, the depot), in tenths. */
  x: Float64Array;
  y: Float64Array;
  demand: Float64Array;
  ready: Float64Array;
  due: Float64Array;
  release: Float64Array;
  service: Float64Array;
  depot: number;
}

export function parseMtvrptw(text: string, where = 'instance'): MtvrptwFile {
  let name = '';
  let vehicles = 0;
  let capacity = 0;
  let serviceTime = 0;
  let dimension = 0;
  let section = '';
  let x = new Float64Array(0);
  let y = new Float64Array(0);
  let demand = new Float64Array(0);
  let ready = new Float64Array(0);
  let due = new Float64Array(0);
  let release = new Float64Array(0);
  let depot = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      const [, key, value] = header;
      if (key === 'NAME') name = value.trim();
      else if (key === 'VEHICLES') vehicles = Number(value);
      else if (key === 'CAPACITY') capacity = Number(value);
      else if (key === 'SERVICE_TIME') serviceTime = Number(value);
      else if (key === 'EDGE_WEIGHT_TYPE' && value.trim() !== 'EUC_2D') throw new Error(`${where}: EDGE_WEIGHT_TYPE ${value.trim()} is not supported (EUC_2D only)`);
      else if (key === 'DIMENSION') {
        dimension = Number(value);
        x = new Float64Array(dimension);
        y = new Float64Array(dimension);
        demand = new Float64Array(dimension);
        ready = new Float64Array(dimension);
        due = new Float64Array(dimension).fill(Number.POSITIVE_INFINITY);
        release = new Float64Array(dimension);
      }
      continue;
    }
    if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = line;
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    const node = parts[0] - 1;
    if (section !== 'DEPOT_SECTION' && section !== 'VEHICLES_RELOAD_DEPOT_SECTION' && (!(node >= 0) || node >= dimension)) throw new Error(`${where}: ${section}: node ${parts[0]} outside DIMENSION ${dimension}`);
    if (section === 'NODE_COORD_SECTION') {
      x[node] = parts[1];
      y[node] = parts[2];
    } else if (section === 'DEMAND_SECTION') demand[node] = parts[1];
    else if (section === 'TIME_WINDOW_SECTION') {
      ready[node] = parts[1] * 10;
      due[node] = parts[2] * 10;
    } else if (section === 'RELEASE_TIME_SECTION') release[node] = parts[1] * 10;
    else if (section === 'DEPOT_SECTION' && parts[0] > 0) depot = parts[0] - 1;
  }
  if (dimension === 0 || capacity <= 0 || vehicles <= 0) throw new Error(`${where}: DIMENSION, CAPACITY and VEHICLES are required`);
  const service = new Float64Array(dimension).fill(serviceTime * 10);
  service[depot] = 0;
  return { name, vehicles, capacity, x, y, demand, ready, due, release, service, depot };
}

/** Distance in tenths: the Euclidean distance truncated to one decimal, times ten. */
export function tenths(file: MtvrptwFile, a: number, b: number): number {
  return Math.floor(Math.hypot(file.x[a] - file.x[b], file.y[a] - file.y[b]) * 10 + 1e-7);
}

export function toRoutingProblem(file: MtvrptwFile): RoutingProblem {
  const size = file.x.length;
  const cost = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) cost[a * size + b] = tenths(file, a, b);
  const d = file.depot;
  return {
    size,
    start: d,
    end: d,
    reload: d,
    finalReload: false,
    demand: file.demand,
    service: file.service,
    earliest: file.ready,
    latest: file.due,
    release: file.release,
    reloadService: 0,
    reloadOpen: file.ready[d],
    reloadClose: file.due[d],
    departure: file.ready[d],
    latestReturn: file.due[d],
    types: [{ count: file.vehicles, capacity: file.capacity, cost, time: cost }],
  };
}

/** The `.sol` text: one line per used vehicle, trips separated by 0, clients numbered from 1. */
export function formatMtvrptwSol(routes: number[][], depot: number, cost: number): string {
  const number = (node: number) => (node === depot ? 0 : node < depot ? node + 1 : node);
  const lines = routes.filter((route) => route.length > 0).map((route, r) => `Route #${r + 1}: ${route.map(number).join(' ')}`);
  return `${lines.join('\n')}\nCost: ${Math.round(cost)}\n`;
}

/** Routes of a `.sol` file, as node indexes (the depot between trips). */
export function parseMtvrptwSol(text: string, depot = 0): { routes: number[][]; cost: number } {
  const routes: number[][] = [];
  let cost = Number.NaN;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const route = /^Route\s*#\d+\s*:\s*(.*)$/i.exec(line);
    if (route) routes.push(route[1].trim() === '' ? [] : route[1].trim().split(/\s+/).map((token) => (Number(token) === 0 ? depot : Number(token) >= depot + 1 ? Number(token) : Number(token) - 1)));
    const total = /^Cost\s*:?\s*([\d.]+)/i.exec(line);
    if (total) cost = Number(total[1]);
  }
  return { routes, cost };
}

/**
 * An independent check of a plan against the rules, from the file's data alone (not the solver's
 * evaluation): every client once, vehicles, capacity per trip, releases, windows, return. Returns
 * the plan's cost (tenths) and what is wrong.
 */
export function checkMtvrptw(file: MtvrptwFile, routes: number[][]): { cost: number; problems: string[] } {
  const problems: string[] = [];
  const size = file.x.length;
  const d = file.depot;
  const seen = new Uint16Array(size);
  let cost = 0;
  const used = routes.filter((route) => route.length > 0);
  if (used.length > file.vehicles) problems.push(`${used.length} vehicles used, ${file.vehicles} allowed`);
  used.forEach((route, r) => {
    // Split into trips at the depot.
    const trips: number[][] = [[]];
    for (const node of route) {
      if (node === d) trips.push([]);
      else trips[trips.length - 1].push(node);
    }
    let clock = file.ready[d];
    trips.forEach((trip, k) => {
      if (trip.length === 0) return;
      let load = 0;
      let releaseAt = 0;
      for (const node of trip) {
        if (node < 0 || node >= size) {
          problems.push(`vehicle ${r + 1}: node ${node} does not exist`);
          return;
        }
        load += file.demand[node];
        releaseAt = Math.max(releaseAt, file.release[node]);
        seen[node]++;
      }
      if (load > file.capacity) problems.push(`vehicle ${r + 1} trip ${k + 1}: load ${load} > ${file.capacity}`);
      clock = Math.max(clock, releaseAt);
      let at = d;
      for (const node of trip) {
        const leg = tenths(file, at, node);
        cost += leg;
        const arrival = clock + leg;
        if (arrival > file.due[node]) problems.push(`vehicle ${r + 1}: client ${node} reached at ${arrival / 10} after its window ends at ${file.due[node] / 10}`);
        clock = Math.max(arrival, file.ready[node]) + file.service[node];
        at = node;
      }
      const back = tenths(file, at, d);
      cost += back;
      clock += back;
      if (clock > file.due[d]) problems.push(`vehicle ${r + 1}: back at the depot at ${clock / 10}, after ${file.due[d] / 10}`);
    });
  });
  for (let node = 0; node < size; node++) {
    if (node === d) continue;
    if (seen[node] === 0) problems.push(`client ${node} not served`);
    if (seen[node] > 1) problems.push(`client ${node} served ${seen[node]} times`);
  }
  return { cost, problems };
}
