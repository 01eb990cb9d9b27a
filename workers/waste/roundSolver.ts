/**
 * One day's collection rounds for one stream: trips that start at the depot or at the tip, visit
 * stops up to the truck's capacity and end at the tip (where the truck unloads and goes on), packed
 * into the fleet's shifts. The open-source peer VROOM cannot send a truck back to the tip in the
 * middle of a round; this is what that needs.
 *
 * Trips: a capacitated routing problem from the tip back to the tip, on the day's cost (distance
 * and time, service included), solved by the SISR engine of workers/routing within the time limit;
 * then trips are packed into trucks by duration (first fit decreasing) within the shift. Points that
 * cannot be served are named with the reason; the rest still gets a plan. Seeded: with
 * `maxPasses` the result does not depend on the clock.
 */
import type { RoundPlan, RoundProblem, UnassignedReason } from '../../src/domain/waste/policy';
import { solveCvrp } from '../routing/sisr';

export interface RoundSolverOptions {
  timeLimitMs: number;
  shouldStop?: () => boolean;
  /** Bounds the search (× 200 iterations) so that tests do not depend on the clock. */
  maxPasses?: number;
}

interface Trip {
  stops: number[];
  load: number;
}

export function solveRounds(problem: RoundProblem, options: RoundSolverOptions): RoundPlan {
  const { size, depot, tip } = problem;
  const started = Date.now();
  const cost = (a: number, b: number) => problem.metres[a * size + b] * problem.costPerMetre + problem.seconds[a * size + b] * problem.costPerSecond;
  const time = (a: number, b: number) => problem.seconds[a * size + b];
  const unassigned: RoundPlan['unassigned'] = [];
  const candidates: number[] = [];
  for (let place = 0; place < size; place++) {
    if (place === depot || place === tip) continue;
    let reason: UnassignedReason | null = null;
    if (!Number.isFinite(time(depot, place)) || !Number.isFinite(time(place, tip)) || !Number.isFinite(time(tip, place))) reason = 'unreachable';
    else if (problem.demandKg[place] > problem.capacityKg) reason = 'demand-exceeds-capacity';
    else if (time(depot, place) + problem.serviceSeconds[place] + time(place, tip) + problem.tipSeconds + time(tip, depot) > problem.shiftSeconds) reason = 'shift-too-short';
    if (reason) unassigned.push({ place, reason });
    else candidates.push(place);
  }

  // Trips from the tip back to the tip, each within capacity: a CVRP with the tip as its depot,
  // solved by SISR (workers/routing) on the day's cost (distance and time).
  const local = [tip, ...candidates];
  const m = local.length;
  const costMatrix = new Float64Array(m * m);
  const demand = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    demand[a] = a === 0 ? 0 : problem.demandKg[local[a]];
    for (let b = 0; b < m; b++) costMatrix[a * m + b] = a === b ? 0 : cost(local[a], local[b]) + (b === 0 ? 0 : problem.serviceSeconds[local[b]] * problem.costPerSecond);
  }
  const solved = solveCvrp(
    { size: m, cost: costMatrix, demand, capacity: problem.capacityKg, depot: 0 },
    { timeLimitMs: Math.max(1, options.timeLimitMs - (Date.now() - started)), maxIterations: options.maxPasses === undefined ? undefined : options.maxPasses * 200, seed: 1, shouldStop: options.shouldStop },
  );
  const list: Trip[] = solved.routes.map((route) => ({ stops: route.map((k) => local[k]), load: route.reduce((sum, k) => sum + demand[k], 0) }));

  // Pack trips into trucks by duration: the first trip of a truck leaves from the depot, the last
  // one ends at the tip before the drive back.
  const duration = (trip: Trip) => {
    let seconds = time(tip, trip.stops[0]) + problem.tipSeconds;
    for (let k = 0; k < trip.stops.length; k++) {
      seconds += problem.serviceSeconds[trip.stops[k]];
      seconds += k === trip.stops.length - 1 ? time(trip.stops[k], tip) : time(trip.stops[k], trip.stops[k + 1]);
    }
    return seconds;
  };
  const order = list.map((trip, index) => ({ trip, index, seconds: duration(trip) })).sort((a, b) => b.seconds - a.seconds || a.index - b.index);
  const trucks: Array<{ trips: Trip[]; seconds: number }> = [];
  for (const { trip, seconds } of order) {
    // The first trip's leg from the depot replaces the one from the tip; the drive home is added once.
    const firstLeg = (t: Trip) => time(depot, t.stops[0]) - time(tip, t.stops[0]) + time(tip, depot);
    const host = trucks.find((truck) => truck.seconds + seconds <= problem.shiftSeconds);
    if (host) {
      host.trips.push(trip);
      host.seconds += seconds;
    } else if (trucks.length < problem.vehicles && seconds + firstLeg(trip) <= problem.shiftSeconds) {
      trucks.push({ trips: [trip], seconds: seconds + firstLeg(trip) });
    } else {
      for (const place of trip.stops) unassigned.push({ place, reason: 'fleet-too-small' });
    }
  }
  return {
    trucks: trucks.map((truck) => ({ stops: truck.trips.flatMap((trip, k) => (k < truck.trips.length - 1 ? [...trip.stops, tip] : trip.stops)) })),
    unassigned: unassigned.sort((a, b) => a.place - b.place),
  };
}
