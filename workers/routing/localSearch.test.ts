import { describe, expect, it } from 'vitest';
import { improveRoutes } from './localSearch';
import { solutionCost } from './sisr';
import { checkSolution } from './vrp';

/** Points on a line: the depot at 0, customers at 1…n (cost = |i − j|), demands given. */
function line(demands: number[], capacity: number) {
  const size = demands.length + 1;
  const x = [0, ...demands.map((_, i) => i + 1)];
  const cost = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) cost[i * size + j] = Math.abs(x[i] - x[j]);
  const demand = Float64Array.from([0, ...demands]);
  const neighbours: Int32Array[] = [];
  for (let i = 0; i < size; i++) {
    const others = [];
    for (let j = 1; j < size; j++) if (j !== i) others.push(j);
    neighbours.push(Int32Array.from(i === 0 ? [] : others.sort((a, b) => cost[i * size + a] - cost[i * size + b])));
  }
  return { size, cost, demand, capacity, depot: 0, neighbours, granularity: 10, maxRoutes: undefined };
}

describe('granular local search', () => {
  it('untangles a route that goes back and forth (2-opt inside the route)', () => {
    const data = line([1, 1, 1, 1], 10);
    const routes = [[1, 3, 2, 4]];
    const loads = [4];
    const before = solutionCost(data, routes);
    const gained = improveRoutes(data, routes, loads);
    // 0→1→3→2→4→0 costs 1+2+1+2+4 = 10; the best order 1,2,3,4 costs 8.
    expect(before).toBe(10);
    expect(gained).toBe(2);
    expect(solutionCost(data, routes)).toBe(8);
  });

  it('exchanges customers between routes without going over capacity', () => {
    // Capacity 2: two routes of two; the near pair and the far pair belong together.
    const data = line([1, 1, 1, 1], 2);
    const routes = [[1, 3], [2, 4]];
    const loads = [2, 2];
    const before = solutionCost(data, routes);
    const gained = improveRoutes(data, routes, loads);
    const after = solutionCost(data, routes.filter((route) => route.length > 0));
    expect(before - after).toBeCloseTo(gained, 9);
    // {1,2} costs 4 and {3,4} costs 8: 12, against 6 + 8 = 14 before.
    expect(after).toBe(12);
    expect(checkSolution(data, routes.filter((route) => route.length > 0))).toEqual([]);
    expect(loads).toEqual(routes.map((route) => route.reduce((sum, c) => sum + data.demand[c], 0)));
  });

  it('SWAP* finds more than relocate, swap and 2-opt* on full routes (a plan of 12 customers)', () => {
    // Capacity 4 and three routes of 4: no relocation fits; the granular moves stop at 107, SWAP* goes on to 100.
    const px = [10, 5, 4, 15, 9, 3, 0, 3, 17, 16, 5, 1, 0];
    const py = [14, 10, 5, 5, 1, 8, 6, 1, 3, 12, 6, 18, 13];
    const base = line(Array.from({ length: 12 }, () => 1), 4);
    const size = 13;
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) base.cost[i * size + j] = Math.round(Math.hypot(px[i] - px[j], py[i] - py[j]));
    for (let i = 1; i < size; i++) base.neighbours[i] = Int32Array.from([...base.neighbours[i]].sort((a, b) => base.cost[i * size + a] - base.cost[i * size + b]));
    const plan = () => ({ routes: [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], loads: [4, 4, 4] });
    const without = plan();
    improveRoutes({ ...base, granularity: 12 }, without.routes, without.loads);
    const withSwapStar = plan();
    const before = solutionCost(base, withSwapStar.routes);
    const gained = improveRoutes({ ...base, granularity: 12, swapStar: true }, withSwapStar.routes, withSwapStar.loads);
    expect(solutionCost(base, without.routes)).toBe(107);
    expect(solutionCost(base, withSwapStar.routes)).toBe(100);
    expect(before - gained).toBeCloseTo(100, 9);
    expect(checkSolution(base, withSwapStar.routes)).toEqual([]);
    expect(withSwapStar.loads).toEqual([4, 4, 4]);
  });

  it('never makes a random plan worse or infeasible, and reports the gain exactly', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 20; trial++) {
      const n = 30;
      const px = Array.from({ length: n + 1 }, () => Math.floor(next() * 100));
      const py = Array.from({ length: n + 1 }, () => Math.floor(next() * 100));
      const base = line(Array.from({ length: n }, () => 1 + Math.floor(next() * 9)), 30);
      for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) base.cost[i * (n + 1) + j] = Math.round(Math.hypot(px[i] - px[j], py[i] - py[j]));
      for (let i = 1; i <= n; i++) base.neighbours[i] = Int32Array.from([...base.neighbours[i]].sort((a, b) => base.cost[i * (n + 1) + a] - base.cost[i * (n + 1) + b]));
      // Customers in index order, cut when full.
      const routes: number[][] = [[]];
      const loads = [0];
      for (let c = 1; c <= n; c++) {
        if (loads[loads.length - 1] + base.demand[c] > base.capacity) {
          routes.push([]);
          loads.push(0);
        }
        routes[routes.length - 1].push(c);
        loads[loads.length - 1] += base.demand[c];
      }
      const before = solutionCost(base, routes);
      const gained = improveRoutes({ ...base, swapStar: trial % 2 === 1 }, routes, loads);
      const kept = routes.filter((route) => route.length > 0);
      expect(gained).toBeGreaterThanOrEqual(0);
      expect(solutionCost(base, kept)).toBeCloseTo(before - gained, 6);
      expect(checkSolution(base, kept)).toEqual([]);
    }
  });
});
