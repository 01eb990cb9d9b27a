import { describe, expect, it } from 'vitest';
import { checkMtvrptw, toRoutingProblem } from './mtvrptw';
import { squareInstance } from './squareInstance';
import { solveRoundsPopulation } from './roundsPopulation';

describe('rounds population', () => {
  const file = squareInstance(23, true);
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
