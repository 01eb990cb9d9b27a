import { describe, expect, it } from 'vitest';
import { checkMtvrptw, toRoutingProblem } from './mtvrptw';
import { squareInstance } from './squareInstance';
import { islandSeed, solveRoundsIslands, solveRoundsIslandsWith, type IslandTask } from './islands';
import { solveRounds, type RoutingSolution } from './rounds';

const sequences = (solution: RoutingSolution) => solution.routes.map((route) => route.sequence);

describe('islands', () => {
  const file = squareInstance(11, false);
  const problem = toRoutingProblem(file);
  const options = { threads: 3, seed: 5, maxIterations: 600, epochs: 4 };

  it('give the same plan for the same seed and thread count, on one thread or through a runner finishing in any order', async () => {
    const first = solveRoundsIslands(problem, options);
    const second = solveRoundsIslands(problem, options);
    expect(sequences(second)).toEqual(sequences(first));
    expect(second.cost).toBe(first.cost);
    // A runner that runs the tasks last first and answers after delays that differ per island.
    const runner = async (tasks: IslandTask[]) => {
      const results: RoutingSolution[] = new Array(tasks.length);
      await Promise.all(
        tasks
          .slice()
          .reverse()
          .map(async (task) => {
            await new Promise((resolve) => setTimeout(resolve, (tasks.length - task.island) * 3));
            results[task.island] = solveRounds(problem, task.options);
          }),
      );
      return results;
    };
    const parallel = await solveRoundsIslandsWith(problem, options, runner);
    expect(sequences(parallel)).toEqual(sequences(first));
    expect(first.iterations).toBe(3 * 600);
    expect(checkMtvrptw(file, sequences(first)).problems).toEqual([]);
    expect(first.unassigned).toEqual([]);
  });

  it('a different seed explores differently, and one thread is the plain search', () => {
    const seeds = new Set([1, 2, 3].map((seed) => islandSeed(seed, 1, 2)));
    expect(seeds.size).toBe(3);
    expect(islandSeed(9, 0, 0)).toBe(9);
    const single = solveRoundsIslands(problem, { threads: 1, seed: 5, maxIterations: 300 });
    expect(sequences(single)).toEqual(sequences(solveRounds(problem, { seed: 5, maxIterations: 300 })));
    expect(() => solveRoundsIslands(problem, { threads: 0, seed: 1, maxIterations: 10 })).toThrow(/threads/);
  });
});
