/**
 * One day's collection rounds for one stream: trips that start at the depot or at the tip, visit
 * stops up to the truck's capacity and end at the tip (where the truck unloads and goes on), packed
 * into the fleet's shifts. The open-source peer VROOM cannot send a truck back to the tip in the
 * middle of a round; this is what that needs.
 *
 * Construction: Clarke and Wright savings on trips from the tip and back (capacity-feasible), then
 * an anytime local search — 2-opt inside each trip, and relocating a stop to the trip where it
 * costs least — until the time limit; finally trips are packed into trucks by duration (first fit
 * decreasing). Points that cannot be served are named with the reason; the rest still gets a plan.
 * Deterministic: no randomness, the time limit only cuts the improvement short.
 */
import type { RoundPlan, RoundProblem, UnassignedReason } from '../../src/domain/waste/policy';

export interface RoundSolverOptions {
  timeLimitMs: number;
  shouldStop?: () => boolean;
  /** Upper bound on improvement passes (for tests that must not depend on the clock). */
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

  // Savings on trips tip → stops → tip: merging the trip ending in i with the one starting in j
  // saves c(i, tip) + c(tip, j) − c(i, j).
  const trips = new Map<number, Trip>();
  const tripOf = new Int32Array(size).fill(-1);
  candidates.forEach((place, index) => {
    trips.set(index, { stops: [place], load: problem.demandKg[place] });
    tripOf[place] = index;
  });
  const savings: Array<[number, number, number]> = [];
  for (const i of candidates) {
    for (const j of candidates) {
      if (i === j) continue;
      const saving = cost(i, tip) + cost(tip, j) - cost(i, j);
      if (saving > 0) savings.push([saving, i, j]);
    }
  }
  savings.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  for (const [, i, j] of savings) {
    const a = tripOf[i];
    const b = tripOf[j];
    if (a === b) continue;
    const first = trips.get(a)!;
    const second = trips.get(b)!;
    if (first.stops[first.stops.length - 1] !== i || second.stops[0] !== j) continue;
    if (first.load + second.load > problem.capacityKg) continue;
    first.stops.push(...second.stops);
    first.load += second.load;
    for (const place of second.stops) tripOf[place] = a;
    trips.delete(b);
  }
  const list: Trip[] = [...trips.values()];

  // Local search.
  const tripCost = (stops: number[]): number => {
    let total = cost(tip, stops[0]);
    for (let k = 1; k < stops.length; k++) total += cost(stops[k - 1], stops[k]);
    return total + cost(stops[stops.length - 1], tip);
  };
  const outOfTime = () => Date.now() - started > options.timeLimitMs || options.shouldStop?.() === true;
  const maxPasses = options.maxPasses ?? 50;
  for (let pass = 0; pass < maxPasses && !outOfTime(); pass++) {
    let improved = false;
    // 2-opt inside each trip.
    for (const trip of list) {
      const s = trip.stops;
      for (let a = 0; a < s.length - 1; a++) {
        for (let b = a + 1; b < s.length; b++) {
          const before = a === 0 ? tip : s[a - 1];
          const after = b === s.length - 1 ? tip : s[b + 1];
          const delta = cost(before, s[b]) + cost(s[a], after) - cost(before, s[a]) - cost(s[b], after);
          // Reversal changes the direction of inner legs when the matrix is asymmetric: check in full.
          if (delta < -1e-9) {
            const candidate = s.slice(0, a).concat(s.slice(a, b + 1).reverse(), s.slice(b + 1));
            if (tripCost(candidate) < tripCost(s) - 1e-9) {
              trip.stops = candidate;
              improved = true;
              break;
            }
          }
        }
      }
    }
    // Relocate one stop to its cheapest position in any trip with room.
    for (let from = 0; from < list.length && !outOfTime(); from++) {
      const source = list[from];
      for (let k = 0; k < source.stops.length; k++) {
        const place = source.stops[k];
        const prev = k === 0 ? tip : source.stops[k - 1];
        const next = k === source.stops.length - 1 ? tip : source.stops[k + 1];
        const removal = source.stops.length === 1 ? cost(tip, place) + cost(place, tip) : cost(prev, place) + cost(place, next) - cost(prev, next);
        let best = { gain: 1e-9, to: -1, at: -1 };
        for (let to = 0; to < list.length; to++) {
          if (to === from) continue;
          const target = list[to];
          if (target.load + problem.demandKg[place] > problem.capacityKg) continue;
          for (let at = 0; at <= target.stops.length; at++) {
            const p = at === 0 ? tip : target.stops[at - 1];
            const q = at === target.stops.length ? tip : target.stops[at];
            const gain = removal - (cost(p, place) + cost(place, q) - cost(p, q));
            if (gain > best.gain) best = { gain, to, at };
          }
        }
        if (best.to >= 0) {
          source.stops.splice(k, 1);
          source.load -= problem.demandKg[place];
          list[best.to].stops.splice(best.at, 0, place);
          list[best.to].load += problem.demandKg[place];
          improved = true;
          k--;
        }
      }
    }
    for (let t = list.length - 1; t >= 0; t--) if (list[t].stops.length === 0) list.splice(t, 1);
    if (!improved) break;
  }

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
