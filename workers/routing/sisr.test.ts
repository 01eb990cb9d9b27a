import { describe, expect, it } from 'vitest';
import { solveCvrp, solutionCost } from './sisr';
import { checkSolution, formatSol, parseSol, parseVrp, toInstance } from './vrp';

const TINY = [
  'NAME : tiny-n7',
  'TYPE : CVRP',
  'DIMENSION : 7',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10',
  'NODE_COORD_SECTION',
  '1 0 0',
  '2 10 0',
  '3 10 3',
  '4 -10 0',
  '5 -10 3',
  '6 0 10',
  '7 3 10',
  'DEMAND_SECTION',
  '1 0',
  '2 5',
  '3 5',
  '4 5',
  '5 5',
  '6 5',
  '7 5',
  'DEPOT_SECTION',
  '1',
  '-1',
  'EOF',
].join('\n');

function randomInstance(n: number, seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = [`NAME : r${n}`, `DIMENSION : ${n + 1}`, 'EDGE_WEIGHT_TYPE : EUC_2D', 'CAPACITY : 100', 'NODE_COORD_SECTION'];
  for (let i = 1; i <= n + 1; i++) lines.push(`${i} ${Math.floor(next() * 1000)} ${Math.floor(next() * 1000)}`);
  lines.push('DEMAND_SECTION');
  for (let i = 1; i <= n + 1; i++) lines.push(`${i} ${i === 1 ? 0 : 1 + Math.floor(next() * 30)}`);
  lines.push('DEPOT_SECTION', '1', '-1', 'EOF');
  return toInstance(parseVrp(lines.join('\n')));
}

describe('CVRPLIB files', () => {
  it('reads an instance with rounded Euclidean costs and writes and reads back a solution', () => {
    const instance = toInstance(parseVrp(TINY));
    expect(instance.size).toBe(7);
    expect(instance.capacity).toBe(10);
    // nint(sqrt(10^2 + 3^2)) = nint(10.44) = 10.
    expect(instance.cost[0 * 7 + 2]).toBe(10);
    const text = formatSol([[1, 2], [3, 4], [5, 6]], 76, 0);
    expect(text).toBe('Route #1: 1 2\nRoute #2: 3 4\nRoute #3: 5 6\nCost 76\n');
    expect(parseSol(text)).toEqual({ routes: [[1, 2], [3, 4], [5, 6]], cost: 76 });
  });
});

describe('SISR', () => {
  it('finds the obvious optimum of a tiny instance, feasible', () => {
    const instance = toInstance(parseVrp(TINY));
    const solution = solveCvrp(instance, { timeLimitMs: 2000, maxIterations: 3000, seed: 3 });
    expect(checkSolution(instance, solution.routes)).toEqual([]);
    expect(solution.routes.length).toBe(3);
    expect(solution.cost).toBe(solutionCost(instance, solution.routes));
    // Each pair in its own route: out 10, across 3, back 10 (rounded): 3 × 23.
    expect(solution.cost).toBe(69);
  });

  it('is deterministic for a seed and an iteration budget, and feasible on a random instance', () => {
    const instance = randomInstance(60, 7);
    const a = solveCvrp(instance, { timeLimitMs: 60_000, maxIterations: 2000, seed: 11 });
    const b = solveCvrp(instance, { timeLimitMs: 60_000, maxIterations: 2000, seed: 11 });
    expect(a.routes).toEqual(b.routes);
    expect(checkSolution(instance, a.routes)).toEqual([]);
    const longer = solveCvrp(instance, { timeLimitMs: 60_000, maxIterations: 20_000, seed: 11 });
    expect(longer.cost).toBeLessThanOrEqual(a.cost);
  });

  it('stops when asked and returns its best solution so far, with progress reports', () => {
    const instance = randomInstance(80, 3);
    let calls = 0;
    const progress: number[] = [];
    const solution = solveCvrp(instance, { timeLimitMs: 60_000, seed: 1, shouldStop: () => ++calls > 200, onProgress: (report) => progress.push(report.iteration) });
    expect(solution.iterations).toBeLessThan(20_000);
    expect(checkSolution(instance, solution.routes)).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('with a tight fleet and an adaptive price of excess load, ends within the fleet and capacity, the same for a seed', () => {
    const instance = randomInstance(50, 5);
    let total = 0;
    for (let i = 1; i < instance.size; i++) total += instance.demand[i];
    // As few routes as the demand allows: the search has to pass through overloaded plans.
    const tight = { ...instance, maxRoutes: Math.ceil(total / instance.capacity) };
    const options = { maxIterations: 6000, seed: 4, adaptivePenalty: true, cycles: 3 };
    const a = solveCvrp(tight, options);
    const b = solveCvrp(tight, options);
    expect(a.routes).toEqual(b.routes);
    expect(a.routes.length).toBeLessThanOrEqual(tight.maxRoutes);
    expect(checkSolution(tight, a.routes)).toEqual([]);
    expect(a.cost).toBe(solutionCost(tight, a.routes));
  });

  it('without a fleet limit, excess load priced for the first half of the run: ends within capacity, the same for a seed, another search than the strict one', () => {
    const instance = randomInstance(60, 8);
    const options = { maxIterations: 4000, seed: 9, excessPenalty: true, excessUntil: 0.5 };
    const a = solveCvrp(instance, options);
    const b = solveCvrp(instance, options);
    const strict = solveCvrp(instance, { maxIterations: 4000, seed: 9 });
    expect(a.routes).toEqual(b.routes);
    expect(checkSolution(instance, a.routes)).toEqual([]);
    expect(a.cost).toBe(solutionCost(instance, a.routes));
    expect(a.routes).not.toEqual(strict.routes);
    // Priced excess for the whole run: the plan returned is still within capacity.
    const whole = solveCvrp(instance, { maxIterations: 4000, seed: 9, excessPenalty: true });
    expect(checkSolution(instance, whole.routes)).toEqual([]);
  });

  it('the last polish (granular moves and SWAP*) never makes the returned plan worse, and keeps it feasible', () => {
    const instance = randomInstance(60, 9);
    let strictly = 0;
    for (const seed of [1, 2, 3]) {
      // A short search stops short of a local optimum: the polish has something to do.
      const raw = solveCvrp(instance, { maxIterations: 300, seed, finalPolish: 0 });
      const polished = solveCvrp(instance, { maxIterations: 300, seed, finalPolish: 40 });
      expect(polished.cost).toBeLessThanOrEqual(raw.cost);
      if (polished.cost < raw.cost) strictly++;
      expect(checkSolution(instance, polished.routes)).toEqual([]);
      expect(polished.cost).toBe(solutionCost(instance, polished.routes));
    }
    expect(strictly).toBeGreaterThan(0);
  });

  it('late acceptance is deterministic for a seed and returns a feasible plan', () => {
    const instance = randomInstance(50, 2);
    const a = solveCvrp(instance, { maxIterations: 3000, seed: 5, lateAcceptance: 300 });
    const b = solveCvrp(instance, { maxIterations: 3000, seed: 5, lateAcceptance: 300 });
    expect(a.routes).toEqual(b.routes);
    expect(checkSolution(instance, a.routes)).toEqual([]);
  });

  it('the granular recreate (routes of the nearest neighbours only) is deterministic, feasible under a fleet limit, and changes the search', () => {
    const instance = randomInstance(60, 4);
    let total = 0;
    for (let i = 1; i < instance.size; i++) total += instance.demand[i];
    const tight = { ...instance, maxRoutes: Math.ceil(total / instance.capacity) + 1 };
    const a = solveCvrp(tight, { maxIterations: 3000, seed: 6, insertionNeighbours: 5 });
    const b = solveCvrp(tight, { maxIterations: 3000, seed: 6, insertionNeighbours: 5 });
    const all = solveCvrp(tight, { maxIterations: 3000, seed: 6 });
    expect(a.routes).toEqual(b.routes);
    expect(checkSolution(tight, a.routes)).toEqual([]);
    expect(a.cost).toBe(solutionCost(tight, a.routes));
    expect(a.routes).not.toEqual(all.routes);
  });

  it('the checker catches an infeasible solution', () => {
    const instance = toInstance(parseVrp(TINY));
    expect(checkSolution(instance, [[1, 2, 3], [4, 5]])).toEqual(['route 1: load 15 over capacity 10', 'customer 6 not visited']);
  });
});
