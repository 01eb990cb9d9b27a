import { describe, expect, it } from 'vitest';
import { checkMtvrptw, toRoutingProblem, type MtvrptwFile } from './mtvrptw';
import { solveRoundsPopulation } from './roundsPopulation';

/** 40 clients on a 100 × 100 square with windows and release dates, 4 vehicles of capacity 50, from a fixed generator. */
function square(): MtvrptwFile {
  let state = 23;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 41;
  const file: MtvrptwFile = {
    name: 'square',
    vehicles: 4,
    capacity: 50,
    x: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 50 : Math.floor(next() * 100))),
    y: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 50 : Math.floor(next() * 100))),
    demand: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 1 + Math.floor(next() * 15))),
    ready: new Float64Array(n),
    due: new Float64Array(n).fill(10_000),
    release: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.floor(next() * 5) * 100)),
    service: new Float64Array(n).fill(50),
    depot: 0,
  };
  for (let i = 1; i < n; i++) {
    const open = Math.floor(next() * 400) * 10;
    file.ready[i] = open;
    file.due[i] = open + 1500;
  }
  file.service[0] = 0;
  return file;
}

describe('rounds population', () => {
  const file = square();
  const problem = toRoutingProblem(file);
  const options = { seed: 3, maxIterations: 12, populationSize: 3, generationSize: 3, initialSize: 3, childIterations: 300, initialIterations: 500 };

  it('gives feasible plans under the independent checker, the same for a seed and a budget', () => {
    const a = solveRoundsPopulation(problem, options);
    const b = solveRoundsPopulation(problem, options);
    expect(a.routes).toEqual(b.routes);
    expect(a.unassigned).toEqual([]);
    const checked = checkMtvrptw(file, a.routes.map((route) => route.sequence));
    expect(checked.problems).toEqual([]);
    expect(checked.cost).toBeCloseTo(a.cost, 6);
    // Its engine iterations are counted: 3 first plans and 9 children.
    expect(a.iterations).toBe(3 * 500 + 9 * 300);
  });

  it('a larger budget goes on from the same population: never worse, still feasible', () => {
    const longer = solveRoundsPopulation(problem, { ...options, maxIterations: 30 });
    expect(checkMtvrptw(file, longer.routes.map((route) => route.sequence)).problems).toEqual([]);
    expect(longer.cost).toBeLessThanOrEqual(solveRoundsPopulation(problem, options).cost + 1e-9);
  });
});
