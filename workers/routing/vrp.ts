/**
 * CVRPLIB / TSPLIB files: `.vrp` instances (EUC_2D coordinates, demands, capacity, depot) and
 * `.sol` solutions ("Route #1: 3 7 12" lines, "Cost 27591"). Costs follow the instances'
 * convention: Euclidean distances rounded to the nearest integer.
 */
import type { CvrpInstance } from './sisr';

export interface VrpFile {
  name: string;
  capacity: number;
  /** Coordinates and demands in file order; node 1 of the file is index 0. */
  x: Float64Array;
  y: Float64Array;
  demand: Float64Array;
  depot: number;
  /** The fleet size when the file sets one (Augerat's "No of trucks"), else null: unlimited. */
  vehicles: number | null;
}

export function parseVrp(text: string): VrpFile {
  const lines = text.split(/\r?\n/);
  let name = '';
  let dimension = 0;
  let capacity = 0;
  let section = '';
  let edgeType = 'EUC_2D';
  let x = new Float64Array(0);
  let y = new Float64Array(0);
  let demand = new Float64Array(0);
  let depot = 0;
  let vehicles: number | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      const [, key, value] = header;
      if (key === 'NAME') name = value.trim();
      else if (key === 'COMMENT') {
        const trucks = /No of trucks:\s*(\d+)/i.exec(value);
        if (trucks) vehicles = Number(trucks[1]);
      }
      else if (key === 'DIMENSION') {
        dimension = Number(value);
        x = new Float64Array(dimension);
        y = new Float64Array(dimension);
        demand = new Float64Array(dimension);
      } else if (key === 'CAPACITY') capacity = Number(value);
      else if (key === 'EDGE_WEIGHT_TYPE') edgeType = value.trim();
      continue;
    }
    if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = line;
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (section === 'NODE_COORD_SECTION') {
      x[parts[0] - 1] = parts[1];
      y[parts[0] - 1] = parts[2];
    } else if (section === 'DEMAND_SECTION') demand[parts[0] - 1] = parts[1];
    else if (section === 'DEPOT_SECTION' && parts[0] > 0) depot = parts[0] - 1;
  }
  if (edgeType !== 'EUC_2D') throw new Error(`${name}: EDGE_WEIGHT_TYPE ${edgeType} is not supported (EUC_2D only)`);
  if (dimension === 0 || capacity <= 0) throw new Error(`${name || 'instance'}: DIMENSION and CAPACITY are required`);
  return { name, capacity, x, y, demand, depot, vehicles };
}

/** The instance with rounded Euclidean costs (nint of the distance). */
export function toInstance(file: VrpFile): CvrpInstance {
  const size = file.x.length;
  const cost = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) cost[i * size + j] = Math.round(Math.hypot(file.x[i] - file.x[j], file.y[i] - file.y[j]));
  }
  return { size, cost, demand: file.demand, capacity: file.capacity, depot: file.depot, maxRoutes: file.vehicles ?? undefined };
}

export interface SolFile {
  /** Customers per route as numbered in the .sol convention (depot = 0, customers 1…n). */
  routes: number[][];
  cost: number;
}

export function parseSol(text: string): SolFile {
  const routes: number[][] = [];
  let cost = Number.NaN;
  for (const line of text.split(/\r?\n/)) {
    const route = /^Route\s*#\d+\s*:\s*(.*)$/i.exec(line.trim());
    if (route) routes.push(route[1].trim() === '' ? [] : route[1].trim().split(/\s+/).map(Number));
    const total = /^Cost\s+([\d.]+)/i.exec(line.trim());
    if (total) cost = Number(total[1]);
  }
  return { routes, cost };
}

/** A solution in the .sol format: customers numbered from 1 with the depot at index 0 of the file. */
export function formatSol(routes: number[][], cost: number, depot: number): string {
  const number = (index: number) => (index < depot ? index + 1 : index);
  return `${routes.map((route, r) => `Route #${r + 1}: ${route.map(number).join(' ')}`).join('\n')}\nCost ${Math.round(cost)}\n`;
}

/** An independent check: every customer once, every route within capacity; returns what is wrong. */
export function checkSolution(instance: CvrpInstance, routes: number[][]): string[] {
  const problems: string[] = [];
  const seen = new Uint8Array(instance.size);
  routes.forEach((route, r) => {
    let load = 0;
    for (const customer of route) {
      if (customer === instance.depot || customer < 0 || customer >= instance.size) problems.push(`route ${r + 1}: bad customer ${customer}`);
      else if (seen[customer]++) problems.push(`customer ${customer} visited twice`);
      load += instance.demand[customer] ?? 0;
    }
    if (load > instance.capacity) problems.push(`route ${r + 1}: load ${load} over capacity ${instance.capacity}`);
  });
  if (instance.maxRoutes !== undefined && routes.length > instance.maxRoutes) problems.push(`${routes.length} routes for a fleet of ${instance.maxRoutes}`);
  for (let i = 0; i < instance.size; i++) if (i !== instance.depot && !seen[i]) problems.push(`customer ${i} not visited`);
  return problems;
}
