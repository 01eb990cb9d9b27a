/**
 * The collection rounds of one day and stream, solved by the routing engine (workers/routing/
 * rounds.ts) with the tip, the shift, the windows, the break and the mixed fleet inside the
 * search: each truck leaves the depot at the shift's start, does trips that end at the tip (within
 * its hours), unloads a last time and goes home within the shift.
 *
 * The stop rule and the seed are inputs (as PyVRP's `solve(data, stop, seed)`): an iteration budget,
 * so that the same problem gives the same plan on any machine; the clock is not read.
 * Points that cannot be served are named with the true reason, found by scheduling each alone
 * with the rules of `scheduleRound` (independent of the engine): unreachable for every truck that
 * takes its stream, heavier than any truck, outside its windows, tip closed, shift too short;
 * when it could be served alone but not with the others, the fleet is too small.
 */
import { scheduleRound, type RoundPlan, type RoundProblem, type UnassignedReason } from '../../src/domain/waste/policy';
import type { RoutingProblem } from '../routing/rounds';
import { solveRoundsIslands } from '../routing/islands';

export interface RoundSolverOptions {
  /** The stop rule: ruin-and-recreate iterations. */
  iterations: number;
  seed: number;
  /**
   * Islands (workers/routing/islands.ts): N searches of `iterations` each, exchanging their best
   * plans; the plan depends on the seed and N only. Default 1 (the plain search).
   */
  threads?: number;
  /** Checked now and then: true stops the search with the best plan so far. */
  shouldStop?: () => boolean;
}

/** The engine's problem for a day's rounds: depot → trips ending at the tip → depot. */
export function toRoutingProblem(problem: RoundProblem): RoutingProblem {
  const { size } = problem;
  const earliest = new Float64Array(size);
  const latest = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  problem.windows.forEach((windows, place) => {
    if (windows.length === 0) return;
    earliest[place] = windows[0][0];
    latest[place] = windows[windows.length - 1][1];
  });
  return {
    size,
    start: problem.depot,
    end: problem.depot,
    reload: problem.tip,
    finalReload: true,
    demand: problem.demandKg,
    service: problem.serviceSeconds,
    earliest,
    latest,
    windows: problem.windows.map((windows) => (windows.length > 1 ? windows : undefined)),
    reloadService: problem.tipSeconds,
    reloadOpen: problem.tipHours[0],
    reloadClose: problem.tipHours[1],
    departure: problem.shiftStartSeconds,
    latestReturn: problem.shiftStartSeconds + problem.shiftSeconds,
    breakSeconds: problem.breakSeconds,
    breakAfter: problem.breakAfterSeconds,
    types: problem.types.map((type) => {
      const cost = new Float64Array(size * size);
      for (let k = 0; k < cost.length; k++) cost[k] = type.metres[k] * type.costPerMetre + type.seconds[k] * type.costPerSecond;
      return { count: type.count, capacity: type.capacityKg, cost, time: type.seconds };
    }),
  };
}

/** Why a place no plan serves is left out: the first rule it breaks on its own, else the fleet. */
export function unservedReason(problem: RoundProblem, place: number): UnassignedReason {
  const { size, depot, tip } = problem;
  if (problem.types.length === 0) return 'no-vehicle-type';
  const reachable = problem.types.filter((type) => [type.seconds[depot * size + place], type.seconds[place * size + tip], type.seconds[tip * size + depot]].every(Number.isFinite));
  if (reachable.length === 0) return 'unreachable';
  const big = reachable.filter((type) => problem.demandKg[place] <= type.capacityKg);
  if (big.length === 0) return 'demand-exceeds-capacity';
  // The reason that holds for every truck type, in this order: windows, shift, tip hours.
  const faults = big.map((type) => scheduleRound(problem, type, [place, tip]).problems);
  if (faults.some((list) => list.length === 0)) return 'fleet-too-small';
  for (const reason of ['unreachable', 'time-window', 'shift-too-short', 'tip-closed'] as const) if (faults.every((list) => list.includes(reason))) return reason;
  const first = faults[0][0];
  return first === 'over-capacity' ? 'demand-exceeds-capacity' : first;
}

export function solveRounds(problem: RoundProblem, options: RoundSolverOptions): RoundPlan {
  const routing = toRoutingProblem(problem);
  const solution = solveRoundsIslands(routing, { threads: options.threads ?? 1, maxIterations: options.iterations, seed: options.seed, shouldStop: options.shouldStop });
  const trucks: RoundPlan['trucks'] = [];
  let vehicle = 0;
  problem.types.forEach((type) => {
    for (let k = 0; k < type.count; k++) {
      const route = solution.routes[vehicle++];
      if (route && route.sequence.length > 0) trucks.push({ type: type.type, stops: [...route.sequence, problem.tip] });
    }
  });
  return { trucks, unassigned: solution.unassigned.map((place) => ({ place, reason: unservedReason(problem, place) })) };
}
