import { describe, expect, it } from 'vitest';
import { brokenPairs, orderedCrossover, solveHgs, splitTour } from './hgs';
import { solutionCost, type CvrpInstance } from './sisr';
import { checkSolution, parseVrp, toInstance } from './vrp';

function randomInstance(n: number, seed: number, capacity = 100): CvrpInstance {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = [`NAME : r${n}`, `DIMENSION : ${n + 1}`, 'EDGE_WEIGHT_TYPE : EUC_2D', `CAPACITY : ${capacity}`, 'NODE_COORD_SECTION'];
  for (let i = 1; i <= n + 1; i++) lines.push(`${i} ${Math.floor(next() * 1000)} ${Math.floor(next() * 1000)}`);
  lines.push('DEMAND_SECTION');
  for (let i = 1; i <= n + 1; i++) lines.push(`${i} ${i === 1 ? 0 : 1 + Math.floor(next() * 30)}`);
  lines.push('DEPOT_SECTION', '1', '-1', 'EOF');
  return toInstance(parseVrp(lines.join('\n')));
}

/** Every way of cutting the tour (2^(n−1)), the cheapest within capacity and the fleet. */
function bruteForceSplit(instance: CvrpInstance, tour: number[], maxRoutes = Number.POSITIVE_INFINITY): number {
  let best = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 1 << (tour.length - 1); mask++) {
    const routes: number[][] = [[tour[0]]];
    for (let i = 1; i < tour.length; i++) {
      if (mask & (1 << (i - 1))) routes.push([]);
      routes[routes.length - 1].push(tour[i]);
    }
    const fits = routes.length <= maxRoutes && routes.every((route) => route.reduce((load, c) => load + instance.demand[c], 0) <= instance.capacity);
    if (fits) best = Math.min(best, solutionCost(instance, routes));
  }
  return best;
}

describe('split', () => {
  it('cuts a giant tour as the best of all 2^(n−1) cuts, with and without a fleet limit', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const instance = randomInstance(11, seed, 60);
      const tour = [7, 2, 9, 11, 1, 4, 10, 3, 8, 6, 5];
      const routes = splitTour(instance, tour)!;
      expect(routes.flat()).toEqual(tour);
      expect(checkSolution(instance, routes)).toEqual([]);
      expect(solutionCost(instance, routes)).toBe(bruteForceSplit(instance, tour));
      const fewest = Math.ceil(tour.reduce((load, c) => load + instance.demand[c], 0) / instance.capacity);
      for (const fleet of [fewest, fewest + 1]) {
        const limited = splitTour(instance, tour, fleet);
        const expected = bruteForceSplit(instance, tour, fleet);
        if (!Number.isFinite(expected)) expect(limited).toBeNull();
        else {
          expect(limited!.length).toBeLessThanOrEqual(fleet);
          expect(limited!.flat()).toEqual(tour);
          expect(solutionCost(instance, limited!)).toBe(expected);
        }
      }
    }
  });

  it('prices excess load when the fleet cannot carry the tour within capacity', () => {
    const instance = randomInstance(6, 9, 40);
    const tour = [1, 2, 3, 4, 5, 6];
    expect(splitTour(instance, tour, 1)).toBeNull();
    const priced = splitTour(instance, tour, 2, 1e6);
    // Total demand within twice the capacity of two routes: two routes, the excess as small as it can be.
    const total = tour.reduce((load, c) => load + instance.demand[c], 0);
    if (total <= 4 * instance.capacity) {
      expect(priced!.length).toBeLessThanOrEqual(2);
      expect(priced!.flat()).toEqual(tour);
    }
  });
});

describe('ordered crossover', () => {
  it('keeps the slice of the first parent in place and gives a permutation', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [8, 6, 4, 2, 7, 5, 3, 1];
    const child = orderedCrossover(a, b, 2, 4, 9);
    expect(child.slice(2, 5)).toEqual([3, 4, 5]);
    // The rest in b's order read from after the slice (from index 5 of b: 5, 3, 1, 8, 6, 4, 2, 7),
    // skipping 3, 4, 5, written from after the slice too (positions 5, 6, 7, 0, 1): 1, 8, 6, 2, 7.
    expect(child).toEqual([2, 7, 3, 4, 5, 1, 8, 6]);
    // A wrapping slice (end before start).
    const wrapped = orderedCrossover(a, b, 6, 1, 9);
    expect([wrapped[6], wrapped[7], wrapped[0], wrapped[1]]).toEqual([7, 8, 1, 2]);
    expect(wrapped.slice().sort((x, y) => x - y)).toEqual(a);
  });
});

describe('broken pairs', () => {
  it('is 0 between a plan and itself or its reversal, 1 when no customer keeps a neighbour', () => {
    const make = (routes: number[][]) => {
      const next = new Int32Array(7).fill(0);
      const previous = new Int32Array(7).fill(0);
      for (const route of routes) route.forEach((c, p) => {
        if (p > 0) previous[c] = route[p - 1];
        if (p < route.length - 1) next[c] = route[p + 1];
      });
      return { next, previous };
    };
    expect(brokenPairs(make([[1, 2, 3], [4, 5, 6]]), make([[1, 2, 3], [4, 5, 6]]), 0, 6)).toBe(0);
    expect(brokenPairs(make([[1, 2, 3], [4, 5, 6]]), make([[3, 2, 1], [6, 5, 4]]), 0, 6)).toBe(0);
    expect(brokenPairs(make([[1, 2, 3], [4, 5, 6]]), make([[1, 4], [2, 5], [3, 6]]), 0, 6)).toBeGreaterThan(0.5);
  });
});

describe('HGS', () => {
  for (const education of ['local-search', 'sisr'] as const) {
    it(`(${education}) gives feasible plans, the same for a seed and an iteration budget, never worse with a larger one`, () => {
      const instance = randomInstance(50, 7);
      const options = { seed: 5, maxIterations: 60, education, sisrIterations: 300, populationSize: 6, generationSize: 6, initialSize: 8 };
      const a = solveHgs(instance, options);
      const b = solveHgs(instance, options);
      expect(a.routes).toEqual(b.routes);
      expect(checkSolution(instance, a.routes)).toEqual([]);
      expect(a.cost).toBe(solutionCost(instance, a.routes));
      const longer = solveHgs(instance, { ...options, maxIterations: 200 });
      expect(checkSolution(instance, longer.routes)).toEqual([]);
      expect(longer.cost).toBeLessThanOrEqual(a.cost);
    });
  }

  it('with fleet reduction (every child one route below the best plan): plans within capacity, the same for a seed', () => {
    // Tight loads (capacity 60, demands 1–30): a child with one route fewer is often over capacity at first.
    const instance = randomInstance(40, 3, 60);
    const options = { seed: 4, maxIterations: 40, sisrIterations: 300, populationSize: 4, generationSize: 4, fleetReduction: 1 };
    const a = solveHgs(instance, options);
    expect(checkSolution(instance, a.routes)).toEqual([]);
    expect(a.cost).toBe(solutionCost(instance, a.routes));
    expect(solveHgs(instance, options).routes).toEqual(a.routes);
    const total = Array.from(instance.demand).reduce((sum, d) => sum + d, 0);
    expect(a.routes.length).toBeGreaterThanOrEqual(Math.ceil(total / instance.capacity));
  });

  it('respects a fleet limit', () => {
    const instance = { ...randomInstance(30, 4), maxRoutes: 0 };
    const total = Array.from(instance.demand).reduce((sum, d) => sum + d, 0);
    instance.maxRoutes = Math.ceil(total / instance.capacity) + 1;
    const solution = solveHgs(instance, { seed: 2, maxIterations: 80, populationSize: 6, generationSize: 6 });
    expect(checkSolution(instance, solution.routes)).toEqual([]);
  });
});
