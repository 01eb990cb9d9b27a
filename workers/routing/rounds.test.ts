import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMtvrptw, formatMtvrptwSol, parseMtvrptw, parseMtvrptwSol, toRoutingProblem, type MtvrptwFile } from './mtvrptw';
import { checkSequence, solveRounds } from './rounds';

const BENCH = '../shared/bench/mtvrptw';

/** A hand-made instance: depot at the origin, clients on a line, tenths everywhere. */
function line(clients: Array<{ x: number; demand: number; ready?: number; due?: number; release?: number }>, vehicles: number, capacity: number, depotDue = 1000): MtvrptwFile {
  const n = clients.length + 1;
  const file: MtvrptwFile = {
    name: 'line',
    vehicles,
    capacity,
    x: Float64Array.from([0, ...clients.map((c) => c.x)]),
    y: new Float64Array(n),
    demand: Float64Array.from([0, ...clients.map((c) => c.demand)]),
    ready: Float64Array.from([0, ...clients.map((c) => (c.ready ?? 0) * 10)]),
    due: Float64Array.from([depotDue * 10, ...clients.map((c) => (c.due ?? depotDue) * 10)]),
    release: Float64Array.from([0, ...clients.map((c) => (c.release ?? 0) * 10)]),
    service: new Float64Array(n),
    depot: 0,
  };
  return file;
}

describe('multi-trip routing with windows and releases', () => {
  it('a window forces waiting, and the checker counts distance only', () => {
    const file = line([{ x: 10, demand: 1, ready: 50, due: 60 }], 1, 10);
    const problem = toRoutingProblem(file);
    const solution = solveRounds(problem, { maxIterations: 200, seed: 1 });
    expect(solution.routes[0].sequence).toEqual([1]);
    expect(checkMtvrptw(file, solution.routes.map((route) => route.sequence))).toEqual({ cost: 200, problems: [] });
    // Arriving at 10 for a window that ends at 5 is refused by both the engine and the checker.
    const late = line([{ x: 10, demand: 1, ready: 0, due: 5 }], 1, 10);
    expect(checkSequence(toRoutingProblem(late), 0, [1])).toBe('time-window');
    expect(checkMtvrptw(late, [[1]]).problems[0]).toMatch(/after its window ends/);
  });

  it('a window forces the order: the far client first when the near one opens late', () => {
    const file = line([{ x: 5, demand: 1, ready: 40, due: 100 }, { x: 20, demand: 1, ready: 0, due: 25 }], 1, 10);
    const solution = solveRounds(toRoutingProblem(file), { maxIterations: 300, seed: 1 });
    expect(solution.routes[0].sequence).toEqual([2, 1]);
    expect(checkMtvrptw(file, [solution.routes[0].sequence]).problems).toEqual([]);
  });

  it('a reload lets one vehicle do the work of two', () => {
    // Two full loads: one vehicle, two trips (0 between them in the .sol).
    const file = line([{ x: 10, demand: 10 }, { x: -10, demand: 10 }], 1, 10);
    const solution = solveRounds(toRoutingProblem(file), { maxIterations: 300, seed: 1 });
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes[0].sequence.filter((node) => node === 0)).toHaveLength(1);
    const text = formatMtvrptwSol(solution.routes.map((route) => route.sequence), 0, solution.cost);
    expect(text).toMatch(/^Route #1: (1 0 2|2 0 1)\nCost: 400\n$/);
    expect(checkMtvrptw(file, parseMtvrptwSol(text).routes)).toEqual({ cost: 400, problems: [] });
  });

  it('a customer that fits nowhere else opens a new trip after the last one', () => {
    // Capacity 1: client 2 (released at 100, due at 130) cannot join client 1's trip, nor go before
    // it (client 1 is due at 30): only a second trip after the first serves both. Construction only
    // (no iteration), from the plan [1].
    const file = line([{ x: 10, demand: 1, due: 30 }, { x: -10, demand: 1, ready: 100, release: 100, due: 130 }], 1, 1);
    const solution = solveRounds(toRoutingProblem(file), { maxIterations: 0, seed: 1, initial: [[1]] });
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes[0].sequence).toEqual([1, 0, 2]);
    expect(checkMtvrptw(file, [solution.routes[0].sequence])).toEqual({ cost: 400, problems: [] });
  });

  it('trip moves (whole trips moved or swapped between vehicles), with and without trip splits, keep every plan feasible and the run deterministic', () => {
    const clients = Array.from({ length: 40 }, (_, k) => ({ x: ((k * 37) % 50) - 25, demand: 1 + (k % 4), ready: (k * 13) % 100, due: 200 + ((k * 17) % 300), release: (k * 7) % 60 }));
    const file = line(clients, 3, 12, 2000);
    const problem = toRoutingProblem(file);
    for (const options of [{ maxIterations: 3000, seed: 2, tripMoves: 0.3 }, { maxIterations: 3000, seed: 2, tripMoves: 0.3, tripSplits: true }]) {
    const a = solveRounds(problem, options);
    expect(solveRounds(problem, options)).toEqual(a);
    expect(a.unassigned).toEqual([]);
    const routes = a.routes.map((route) => route.sequence);
    expect(routes.some((route) => route.includes(0))).toBe(true);
    expect(checkMtvrptw(file, routes)).toEqual({ cost: Math.round(a.cost), problems: [] });
    }
  });

  it('with tripSplits, a customer may end the first part of a trip it splits', () => {
    // Capacity 2, plan [1, 2]: client 3 (next to 1, due right after it) fits only as 1, 3, reload, 2.
    const file = line([{ x: 10, demand: 1, due: 10 }, { x: 20, demand: 1 }, { x: 11, demand: 1, due: 12 }], 1, 2);
    const problem = toRoutingProblem(file);
    const split = solveRounds(problem, { maxIterations: 0, seed: 1, initial: [[1, 2]], tripSplits: true });
    expect(split.routes[0].sequence).toEqual([1, 3, 0, 2]);
    expect(checkMtvrptw(file, [split.routes[0].sequence]).problems).toEqual([]);
    expect(solveRounds(problem, { maxIterations: 0, seed: 1, initial: [[1, 2]], tripSplits: false }).unassigned).toEqual([3]);
  });

  it('a release date holds a trip back at the depot', () => {
    // Client 1 is released at 100 and due at 115: the trip waits at the depot until 100.
    const file = line([{ x: 10, demand: 1, release: 100, due: 115 }], 1, 10, 300);
    const problem = toRoutingProblem(file);
    expect(checkSequence(problem, 0, [1])).toBeNull();
    const tight = line([{ x: 10, demand: 1, release: 100, due: 105 }], 1, 10, 300);
    expect(checkSequence(toRoutingProblem(tight), 0, [1])).toBe('time-window');
    expect(checkMtvrptw(tight, [[1]]).problems).toHaveLength(1);
  });

  it('names what it cannot serve and is deterministic for a seed', () => {
    const file = line([{ x: 10, demand: 1 }, { x: 600, demand: 1 }], 1, 10, 1000);
    const problem = toRoutingProblem(file);
    const solution = solveRounds(problem, { maxIterations: 100, seed: 3 });
    expect(solution.unassigned).toEqual([2]);
    const clients = Array.from({ length: 40 }, (_, k) => ({ x: ((k * 37) % 50) - 25, demand: 1 + (k % 4), ready: (k * 13) % 100, due: 200 + ((k * 17) % 300) }));
    const many = toRoutingProblem(line(clients, 4, 15, 2000));
    const a = solveRounds(many, { maxIterations: 500, seed: 5 });
    expect(solveRounds(many, { maxIterations: 500, seed: 5 })).toEqual(a);
  });

  it('trip merging joins two trips whose loads fit in one, which a ruin of short strings cannot do, and stays feasible and deterministic', () => {
    // Two trips of six clients (one up, one down the line), capacity 20: one trip would do.
    const clients = Array.from({ length: 12 }, (_, k) => ({ x: 20 + 5 * (k % 6), demand: 1 }));
    const file = line(clients, 1, 20, 10000);
    for (let k = 0; k < 12; k++) file.y[k + 1] = k < 6 ? 10 : -10;
    const problem = toRoutingProblem(file);
    const initial = [[1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12]];
    for (const seed of [1, 2, 3]) {
      // One ruin and recreate (no trip move in its place).
      const plain = solveRounds(problem, { maxIterations: 1, seed, initial, tripMoves: 0 });
      const merging = solveRounds(problem, { maxIterations: 1, seed, initial, mergeTrips: true, tripMoves: 0 });
      expect(plain.routes[0].sequence).toContain(0);
      expect(merging.routes[0].sequence).not.toContain(0);
      expect(merging.cost).toBeLessThan(plain.cost);
      expect(checkMtvrptw(file, merging.routes.map((route) => route.sequence))).toEqual({ cost: merging.cost, problems: [] });
    }
    const many = Array.from({ length: 40 }, (_, k) => ({ x: ((k * 37) % 50) - 25, demand: 1 + (k % 4), ready: (k * 13) % 100, due: 250 + ((k * 17) % 300), release: (k * 7) % 60 }));
    const busy = line(many, 3, 15, 2000);
    const a = solveRounds(toRoutingProblem(busy), { maxIterations: 500, seed: 2, mergeTrips: true });
    expect(solveRounds(toRoutingProblem(busy), { maxIterations: 500, seed: 2, mergeTrips: true })).toEqual(a);
    expect(checkMtvrptw(busy, a.routes.map((route) => route.sequence)).problems).toEqual([]);
  });

  it('the granular polish of new bests keeps plans feasible and never ends above the same search without it', () => {
    // The polish uses no random draws: the annealing walks the same way, so its best can only be lower.
    for (const seed of [1, 2, 3]) {
      const clients = Array.from({ length: 40 }, (_, k) => ({ x: ((k * 37 + seed * 11) % 50) - 25, demand: 1 + ((k + seed) % 4), ready: (k * 13) % 100, due: 250 + ((k * 17) % 300) }));
      const file = line(clients, 4, 15, 2000);
      const problem = toRoutingProblem(file);
      const plain = solveRounds(problem, { maxIterations: 300, seed });
      const polished = solveRounds(problem, { maxIterations: 300, seed, granularity: 10 });
      const checked = checkMtvrptw(file, polished.routes.map((route) => route.sequence));
      expect(checked.problems).toEqual([]);
      expect(checked.cost).toBe(polished.cost);
      expect(polished.cost).toBeLessThanOrEqual(plain.cost);
    }
  });
});

describe.runIf(existsSync(`${BENCH}/C201R0.25.vrp`))('on the MTVRPTWR benchmark files', () => {
  it('the independent checker accepts the proven optimal solutions at their cost', () => {
    for (const name of ['C201R0.25', 'R201R0.5', 'RC2_2_01R0.75']) {
      const file = parseMtvrptw(readFileSync(`${BENCH}/${name}.vrp`, 'utf8'), name);
      const sol = parseMtvrptwSol(readFileSync(`${BENCH}/${name}.sol`, 'utf8'));
      const checked = checkMtvrptw(file, sol.routes);
      expect(checked.problems).toEqual([]);
      expect(checked.cost).toBe(sol.cost);
      // And the engine's own rules agree.
      for (const route of sol.routes) expect(checkSequence(toRoutingProblem(file), 0, route)).toBeNull();
    }
  });

  it('the engine returns a plan the checker accepts, at the cost the checker computes', () => {
    const file = parseMtvrptw(readFileSync(`${BENCH}/C201R0.25.vrp`, 'utf8'));
    const solution = solveRounds(toRoutingProblem(file), { maxIterations: 300, seed: 1 });
    expect(solution.unassigned).toEqual([]);
    const checked = checkMtvrptw(file, solution.routes.map((route) => route.sequence));
    expect(checked.problems).toEqual([]);
    expect(checked.cost).toBe(solution.cost);
  });
});
