/**
 * One engine for routes as collection rounds really are: each vehicle's route is a sequence of
 * trips separated by reloads (unloading at the tip, or reloading at the depot), with
 *
 * - time windows with waiting (early: wait; late: not allowed), several windows per place;
 * - a capacity per trip, release dates (a trip leaves the reload no earlier than its clients' latest
 *   release), the reload's own hours and service time, a final unloading before going home;
 * - a mixed fleet: per vehicle type its count, capacity, its own cost and time matrices (the roads
 *   it may take) and the places it may serve (streams);
 * - the route's latest return (shift length) and a driver's break taken once out long enough.
 *
 * Search: SISR ruin and recreate (Christiaens and Vanden Berghe 2020: string removals, greedy
 * insertion with blinks, simulated annealing) on routes that carry forward times and backward
 * latest starts, so that an insertion is filtered in O(1) and only the best candidates are
 * checked exactly. Deterministic for a seed with an iteration budget (`maxIterations`): the cooling
 * follows the iterations done; the clock (`timeLimitMs`) is only an optional extra stop.
 */
import { seededRandom } from '../../src/domain/random';

export interface RoutingType {
  count: number;
  capacity: number;
  /** Row-major size × size arc costs and travel times for this type; Infinity where it cannot go. */
  cost: Float64Array;
  time: Float64Array;
  /** Places it may serve (1), all when absent. */
  allowed?: Uint8Array;
  /** Cost of using one vehicle of this type. */
  fixedCost?: number;
}

export interface RoutingProblem {
  size: number;
  /** Where routes start and end, and where trips reload (may be the same place). */
  start: number;
  end: number;
  reload: number;
  /** True when the last trip unloads at the reload place before going to `end` (a round to the tip). */
  finalReload: boolean;
  demand: Float64Array;
  service: Float64Array;
  /** Per place, earliest and latest start of service (the hull of its windows). */
  earliest: Float64Array;
  latest: Float64Array;
  /** Per place, several windows when it has them (sorted); the hull above must enclose them. */
  windows?: ReadonlyArray<ReadonlyArray<readonly [number, number]> | undefined>;
  /** Per place, release date: a trip carrying it leaves the reload (or the start) no earlier. */
  release?: Float64Array;
  reloadService: number;
  reloadOpen: number;
  reloadClose: number;
  /** When routes leave the start, and the latest return at the end. */
  departure: number;
  latestReturn: number;
  /** A break of `breakSeconds` once `breakAfter` seconds after the departure (after a stop). */
  breakSeconds?: number;
  breakAfter?: number;
  types: RoutingType[];
}

export type Infeasibility = 'time-window' | 'reload-closed' | 'late-return' | 'over-capacity' | 'unreachable' | 'not-allowed';

export interface RoutingOptions {
  /** The stop rule: iterations (deterministic); the clock only as an extra stop. */
  maxIterations?: number;
  timeLimitMs?: number;
  /** The clock the time limit is read on, in ms (default Date.now; the benchmarks can pass the process's CPU time, fair on a loaded machine). */
  clock?: () => number;
  seed?: number;
  shouldStop?: () => boolean;
  averageRemoved?: number;
  maxStringLength?: number;
  initialTemperature?: number;
  /**
   * The initial temperature when not given, in multiples of the mean cost to the nearest place
   * (default 10). Measured at 30 s / 60 s CPU, seed 1: 3 gave 0.84 % against 0.94 % mean gap on
   * C202R0.25, R202R0.5, RC202R0.75, R206R0.25 (100 clients; better on two, worse on one), but
   * 2.07 % against 1.40 % on R2_2_02R0.5 and RC2_2_03R0.25 (200 clients): 10 stays.
   */
  temperatureScale?: number;
  finalTemperature?: number;
  /** Neighbours for the string removals by distance and time-window compatibility, or by distance only (default: 4.1 % against 2.8 % mean gap on 4 instances × 2 seeds at 15,000 iterations, temperatures included). */
  timeRelatedness?: boolean;
  /** Price of leaving a place unserved during the search, in multiples of the longest out-and-back (the best plan serves the most places first). */
  unassignedWeight?: number;
  /**
   * Granular local search on each new best: neighbours tried per customer (0, the default: off).
   * Measured on 6 MTVRPTWR instances of 100 clients at 30 s CPU, seed 1: 1.58 % mean gap with 10
   * neighbours against 1.20 % without, so it stays off.
   */
  granularity?: number;
  /** The slice of the cooling schedule this run covers (fractions of the whole, default 0 to 1): an island's epoch cools from where the previous one stopped. */
  coolingFrom?: number;
  coolingTo?: number;
  /**
   * The cooling schedule run this many times over the budget, each run restarting from the best plan
   * (default 1). Measured at CPU-time limits, seed 1, on a loaded shared machine: 3 cycles gave
   * 1.34 % against 1.51 % mean gap on 4 MTVRPTWR instances of 100 clients at 30 s, but 0.70 % against
   * 0.40 % on 2 of 200 clients at 60 s: not a clear gain, so it stays at 1.
   */
  cycles?: number;
  /**
   * Ruin also merges trips whose loads fit in one (see `merged`); off by default. Measured at 30 s
   * CPU, seed 1, on 8 MTVRPTWR instances of 100 clients (C202R0.25, R202R0.5, RC202R0.75,
   * R206R0.25, C204R0.75, R203R0.25, RC204R0.5, R201R0.75): 1.13 % mean gap against 1.17 %, better
   * on 4 and worse on 4, with the same number of trips on every one (the trips are set by the loads,
   * not stuck): no gain beyond the noise; on 4 of 200 clients at 60 s (R2_2_02R0.5, RC2_2_03R0.25,
   * C2_2_04R0.5, R2_2_05R0.75), 1.70 % against 1.40 %. Also measured there, on the first 4: c̄ (averageRemoved)
   * 15 gave 1.30 % and 6 gave 1.42 % against 0.94 % with 10.
   */
  mergeTrips?: boolean;
  /**
   * The share of iterations that move one whole trip instead of a ruin and recreate: a trip taken
   * from a vehicle and put between two trips of another (or of the same one, elsewhere), or two trips
   * of two vehicles swapped, kept when both sequences stay feasible (exact simulation). With one
   * vehicle type such a move costs nothing: it changes which vehicle's day has slack for the next
   * insertions, which string removals of at most maxStringLength customers seldom do. Default 0.1,
   * with tripSplits: measured at 30 s CPU, seed 1, on 8 MTVRPTWR instances of 100 clients (C202R0.25,
   * R202R0.5, RC202R0.75, R206R0.25, C204R0.75, R203R0.25, RC204R0.5, R201R0.75), each run three
   * ways one after the other (load average 3–5): without either 0.957 % mean gap, tripSplits alone
   * 1.109 %, both 0.477 % (better on 6, worse on RC202R0.75 and R206R0.25).
   */
  tripMoves?: number;
  /**
   * Recreate may also split a trip with the customer at the end of its first part (…, customer,
   * reload, …), besides at the start of its second part (…, reload, customer, …). Default true, with
   * tripMoves (alone it measured worse: see tripMoves).
   */
  tripSplits?: boolean;
  /** A plan to start from (per vehicle, its sequence with reloads). */
  initial?: number[][];
  onProgress?: (progress: { iteration: number; best: number; unassigned: number; fraction: number }) => void;
}

export interface RoutingSolution {
  /** Per vehicle (types in order, `count` each): type and sequence (the reload place between trips). */
  routes: Array<{ type: number; sequence: number[] }>;
  unassigned: number[];
  cost: number;
  iterations: number;
}

interface Route {
  type: number;
  seq: number[];
  cost: number;
  /** Per position: start of service and departure (break included). */
  begin: Float64Array;
  depart: Float64Array;
  /** Per gap 0..L (before position p): latest start at the node after the gap (L: the virtual end). */
  latestNext: Float64Array;
  /** Per position: load of its trip up to and including it; per gap: its trip. */
  prefixLoad: Float64Array;
  tripOfGap: Int32Array;
  tripLoads: number[];
  /** Departure from the start. */
  leave: number;
}

const EMPTY = new Float64Array(0);

/** What is wrong with a vehicle's sequence under the rules, or null; and its schedule end. */
export function checkSequence(problem: RoutingProblem, typeIndex: number, seq: readonly number[]): Infeasibility | null {
  return simulate(problem, typeIndex, seq, null);
}

/** Exact forward simulation; fills begin/depart when given. */
function simulate(problem: RoutingProblem, typeIndex: number, seq: readonly number[], out: { begin: Float64Array; depart: Float64Array; leave: number } | null): Infeasibility | null {
  const type = problem.types[typeIndex];
  const { size, reload, release, windows } = problem;
  const time = type.time;
  const breakSeconds = problem.breakSeconds ?? 0;
  const breakAfter = problem.breakAfter ?? 0;
  // Release of each trip.
  let tripRelease = 0;
  if (release) for (let i = 0; i < seq.length && seq[i] !== reload; i++) tripRelease = Math.max(tripRelease, release[seq[i]]);
  const leave = Math.max(problem.departure, tripRelease);
  let clock = leave;
  let at = problem.start;
  let load = 0;
  let rested = breakSeconds <= 0;
  let problemFound: Infeasibility | null = null;
  for (let i = 0; i < seq.length; i++) {
    const node = seq[i];
    const travel = time[at * size + node];
    if (!(travel < Infinity)) return 'unreachable';
    const arrival = clock + travel;
    let begin: number;
    if (node === reload) {
      let next = 0;
      if (release) for (let k = i + 1; k < seq.length && seq[k] !== reload; k++) next = Math.max(next, release[seq[k]]);
      begin = Math.max(arrival, problem.reloadOpen, next);
      if (begin > problem.reloadClose + 1e-9) problemFound ??= 'reload-closed';
      load = 0;
      clock = begin + problem.reloadService;
    } else {
      if (type.allowed && type.allowed[node] === 0) return 'not-allowed';
      const list = windows?.[node];
      if (list && list.length > 0) {
        const window = list.find((w) => w[1] + 1e-9 >= arrival);
        if (!window) problemFound ??= 'time-window';
        begin = window ? Math.max(arrival, window[0]) : arrival;
      } else {
        begin = Math.max(arrival, problem.earliest[node]);
        if (begin > problem.latest[node] + 1e-9) problemFound ??= 'time-window';
      }
      load += problem.demand[node];
      if (load > type.capacity + 1e-9) problemFound ??= 'over-capacity';
      clock = begin + problem.service[node];
    }
    if (!rested && clock - leave >= breakAfter) {
      clock += breakSeconds;
      rested = true;
    }
    if (out) {
      out.begin[i] = begin;
      out.depart[i] = clock;
    }
    at = node;
  }
  if (out) out.leave = leave;
  if (seq.length === 0) return problemFound;
  if (problem.finalReload && at !== reload) {
    const travel = time[at * size + reload];
    if (!(travel < Infinity)) return 'unreachable';
    const begin = Math.max(clock + travel, problem.reloadOpen);
    if (begin > problem.reloadClose + 1e-9) problemFound ??= 'reload-closed';
    clock = begin + problem.reloadService;
    if (!rested && clock - leave >= breakAfter) clock += breakSeconds;
    at = reload;
  }
  const home = time[at * size + problem.end];
  if (!(home < Infinity)) return 'unreachable';
  if (clock + home > problem.latestReturn + 1e-9) problemFound ??= 'late-return';
  return problemFound;
}

/** Cost of a vehicle's sequence (arcs of its type, its fixed cost when used). */
export function sequenceCost(problem: RoutingProblem, typeIndex: number, seq: readonly number[]): number {
  if (seq.length === 0) return 0;
  const type = problem.types[typeIndex];
  const { size, reload } = problem;
  let total = type.fixedCost ?? 0;
  let at = problem.start;
  for (const node of seq) {
    total += type.cost[at * size + node];
    at = node;
  }
  if (problem.finalReload && at !== reload) {
    total += type.cost[at * size + reload];
    at = reload;
  }
  return total + type.cost[at * size + problem.end];
}

/** Removes leading, trailing and doubled reloads. */
function normalise(seq: number[], reload: number): number[] {
  const out: number[] = [];
  for (const node of seq) {
    if (node === reload && (out.length === 0 || out[out.length - 1] === reload)) continue;
    out.push(node);
  }
  while (out.length > 0 && out[out.length - 1] === reload) out.pop();
  return out;
}

export function solveRounds(problem: RoutingProblem, options: RoutingOptions = {}): RoutingSolution {
  const { size, reload, demand, service, earliest, latest } = problem;
  const random = seededRandom(options.seed ?? 1);
  // The clock is read only when a time limit is given (an optional extra stop).
  const clock = options.clock ?? Date.now;
  const started = options.timeLimitMs !== undefined ? clock() : 0;
  const vehicleTypes: number[] = [];
  problem.types.forEach((type, index) => {
    for (let k = 0; k < type.count; k++) vehicleTypes.push(index);
  });
  const customers: number[] = [];
  for (let i = 0; i < size; i++) if (i !== problem.start && i !== problem.end && i !== reload) customers.push(i);
  if (customers.length === 0 || vehicleTypes.length === 0) return { routes: vehicleTypes.map((type) => ({ type, sequence: [] })), unassigned: customers.slice(), cost: 0, iterations: 0 };

  // Neighbours by the first type's costs (both directions), for the string removals.
  const reference = problem.types[0].cost;
  // Relatedness in space and time (as in VRPTW string removals): the distance both ways, plus the
  // wait or the lateness that serving one right after the other would cause.
  const referenceTime = problem.types[0].time;
  const timed = options.timeRelatedness ?? false;
  const gapInTime = (a: number, b: number) => {
    const t = referenceTime[a * size + b];
    return Math.max(0, earliest[b] - (latest[a] + service[a] + t)) + Math.max(0, earliest[a] + service[a] + t - latest[b]);
  };
  const closeness = (a: number, b: number) => {
    let value = reference[a * size + b] + reference[b * size + a];
    if (timed && Number.isFinite(value)) {
      const wait = Math.min(gapInTime(a, b), gapInTime(b, a));
      if (Number.isFinite(wait)) value += wait * (reference[a * size + b] / Math.max(1e-9, referenceTime[a * size + b]) || 0);
    }
    return Number.isFinite(value) ? value : Number.MAX_VALUE;
  };
  const neighbours: Int32Array[] = new Array(size);
  for (const c of customers) neighbours[c] = Int32Array.from(customers.filter((d) => d !== c).sort((a, b) => closeness(c, a) - closeness(c, b)));

  // Scale of the costs: mean cost to the nearest neighbour.
  let scale = 0;
  for (const c of customers) {
    const nearest = neighbours[c].length > 0 ? closeness(c, neighbours[c][0]) / 2 : 0;
    scale += Number.isFinite(nearest) && nearest < Number.MAX_VALUE / 4 ? nearest : 0;
  }
  scale = Math.max(1e-9, scale / customers.length);
  let maxArc = 0;
  for (const type of problem.types) for (const c of customers) {
    const there = type.cost[problem.start * size + c] + type.cost[c * size + problem.end] + type.cost[c * size + reload] + type.cost[reload * size + c];
    if (Number.isFinite(there) && there > maxArc) maxArc = there;
  }
  const unassignedPrice = (options.unassignedWeight ?? 1) * (maxArc + 1) + 10 * Math.max(0, ...problem.types.map((type) => type.fixedCost ?? 0));
  const t0 = options.initialTemperature ?? (options.temperatureScale ?? 10) * scale;
  const tf = options.finalTemperature ?? t0 / 100;
  const averageRemoved = options.averageRemoved ?? 10;
  // Shorter strings than SISR's 10 measured better here (4 instances × 2 seeds, 15,000 iterations: 3.2 % against 4.3 % mean gap).
  const maxStringLength = options.maxStringLength ?? 5;
  const blinkRate = 0.01;

  const build = (type: number, seq: number[]): Route => {
    const length = seq.length;
    // One buffer for the four number arrays (fewer allocations: this runs for every changed route).
    const buffer = new Float64Array(4 * length + 1);
    const route: Route = {
      type,
      seq,
      cost: sequenceCost(problem, type, seq),
      begin: length ? buffer.subarray(0, length) : EMPTY,
      depart: length ? buffer.subarray(length, 2 * length) : EMPTY,
      latestNext: buffer.subarray(2 * length, 3 * length + 1),
      prefixLoad: length ? buffer.subarray(3 * length + 1, 4 * length + 1) : EMPTY,
      tripOfGap: new Int32Array(length + 1),
      tripLoads: [],
      leave: problem.departure,
    };
    simulate(problem, type, seq, route);
    const t = problem.types[type].time;
    // Backward: latest start at the node after each gap, ignoring breaks and releases (a relaxation).
    let latestEnd = problem.latestReturn;
    let lastNode = problem.end;
    if (problem.finalReload) {
      latestEnd = Math.min(problem.reloadClose, problem.latestReturn - problem.reloadService - t[reload * size + problem.end]);
      lastNode = reload;
    }
    route.latestNext[length] = latestEnd;
    let nextNode = lastNode;
    for (let p = length - 1; p >= 0; p--) {
      const node = seq[p];
      const own = node === reload ? problem.reloadClose : latest[node];
      const svc = node === reload ? problem.reloadService : service[node];
      route.latestNext[p] = Math.min(own, route.latestNext[p + 1] - svc - t[node * size + nextNode]);
      nextNode = node;
    }
    let trip = 0;
    let load = 0;
    for (let p = 0; p < length; p++) {
      route.tripOfGap[p] = trip;
      if (seq[p] === reload) {
        route.tripLoads.push(load);
        trip++;
        load = 0;
        route.prefixLoad[p] = 0;
      } else {
        load += demand[seq[p]];
        route.prefixLoad[p] = load;
      }
    }
    route.tripOfGap[length] = trip;
    route.tripLoads.push(load);
    return route;
  };

  interface Solution {
    routes: Route[];
    unassigned: number[];
    cost: number;
  }
  const total = (routes: Route[], unassigned: number[]) => routes.reduce((sum, route) => sum + route.cost, 0) + unassigned.length * unassignedPrice;

  // Candidates of one insertion: delta, route, gap, kind (0: alone, 1: reload before, 2: reload after).
  let candidateDelta = new Float64Array(256);
  let candidateRoute = new Int32Array(256);
  let candidateGap = new Int32Array(256);
  let candidateKind = new Int8Array(256);
  let candidateCount = 0;
  const pushCandidate = (delta: number, r: number, gap: number, kind: number) => {
    if (candidateCount === candidateDelta.length) {
      const grow = <T extends Float64Array | Int32Array | Int8Array>(array: T, make: (n: number) => T): T => {
        const next = make(array.length * 2);
        next.set(array);
        return next;
      };
      candidateDelta = grow(candidateDelta, (n) => new Float64Array(n));
      candidateRoute = grow(candidateRoute, (n) => new Int32Array(n));
      candidateGap = grow(candidateGap, (n) => new Int32Array(n));
      candidateKind = grow(candidateKind, (n) => new Int8Array(n));
    }
    candidateDelta[candidateCount] = delta;
    candidateRoute[candidateCount] = r;
    candidateGap[candidateCount] = gap;
    candidateKind[candidateCount] = kind;
    candidateCount++;
  };

  const withInsertion = (seq: number[], gap: number, kind: number, customer: number): number[] => {
    const next = seq.slice(0, gap);
    if (kind === 1) next.push(reload, customer);
    else if (kind === 2) next.push(customer, reload);
    else next.push(customer);
    for (let p = gap; p < seq.length; p++) next.push(seq[p]);
    return next;
  };

  const tripMoves = Math.max(0, Math.min(1, options.tripMoves ?? 0.1));
  const tripSplits = options.tripSplits ?? true;
  const seenEmpty = new Uint8Array(problem.types.length);
  const flags = new Uint8Array(size);
  /** Inserts the customers greedily with blinks; those that fit nowhere stay unassigned. */
  const recreate = (solution: Solution, removed: number[]) => {
    const choice = random();
    if (choice < 4 / 11) shuffle(removed);
    else if (choice < 8 / 11) removed.sort((a, b) => demand[b] - demand[a]);
    else if (choice < 10 / 11) removed.sort((a, b) => reference[problem.start * size + b] - reference[problem.start * size + a]);
    else removed.sort((a, b) => earliest[a] - earliest[b] || latest[a] - latest[b]);
    for (const customer of removed) {
      candidateCount = 0;
      seenEmpty.fill(0);
      for (let r = 0; r < solution.routes.length; r++) {
        const route = solution.routes[r];
        const type = problem.types[route.type];
        if (type.allowed && type.allowed[customer] === 0) continue;
        if (demand[customer] > type.capacity) continue;
        const c = type.cost;
        const t = type.time;
        const seq = route.seq;
        const length = seq.length;
        if (length === 0) {
          if (seenEmpty[route.type]) continue;
          seenEmpty[route.type] = 1;
          const delta = sequenceCost(problem, route.type, [customer]);
          if (Number.isFinite(delta)) pushCandidate(delta, r, 0, 0);
          continue;
        }
        const lastNode = problem.finalReload ? reload : problem.end;
        for (let gap = 0; gap <= length; gap++) {
          if (random() < blinkRate) continue;
          const prev = gap === 0 ? problem.start : seq[gap - 1];
          const next = gap === length ? lastNode : seq[gap];
          const prevDepart = gap === 0 ? route.leave : route.depart[gap - 1];
          const latestNext = route.latestNext[gap];
          const base = c[prev * size + next];
          // Alone in the gap's trip.
          const tripLoad = route.tripLoads[route.tripOfGap[gap]];
          if (tripLoad + demand[customer] <= type.capacity + 1e-9) {
            const delta = c[prev * size + customer] + c[customer * size + next] - base;
            if (delta < Infinity) {
              const begin = Math.max(prevDepart + t[prev * size + customer], earliest[customer]);
              if (begin <= latest[customer] + 1e-9 && begin + service[customer] + t[customer * size + next] <= latestNext + 1e-9) pushCandidate(delta, r, gap, 0);
            }
          }
          // A new trip: reload, then the customer (splitting the gap's trip, or after the last one:
          // at the last gap `next` is the route's end, which is the reload place when they are one).
          if (gap > 0 && prev !== reload && (next !== reload || gap === length)) {
            const rest = tripLoad - route.prefixLoad[gap - 1];
            if (rest + demand[customer] <= type.capacity + 1e-9) {
              const delta = c[prev * size + reload] + c[reload * size + customer] + c[customer * size + next] - base;
              if (delta < Infinity) {
                const atReload = Math.max(prevDepart + t[prev * size + reload], problem.reloadOpen);
                if (atReload <= problem.reloadClose + 1e-9) {
                  const begin = Math.max(atReload + problem.reloadService + t[reload * size + customer], earliest[customer]);
                  if (begin <= latest[customer] + 1e-9 && begin + service[customer] + t[customer * size + next] <= latestNext + 1e-9) pushCandidate(delta, r, gap, 1);
                }
              }
            }
          }
          // A new trip of its own before the gap's trip: the customer, then reload; or, with
          // tripSplits, the gap's trip split with the customer ending its first part.
          const splits = tripSplits && gap > 0 && prev !== reload && next !== reload;
          if (gap === 0 || prev === reload || (splits && route.prefixLoad[gap - 1] + demand[customer] <= type.capacity + 1e-9)) {
            const delta = c[prev * size + customer] + c[customer * size + reload] + c[reload * size + next] - base;
            if (delta < Infinity) {
              const begin = Math.max(prevDepart + t[prev * size + customer], earliest[customer]);
              if (begin <= latest[customer] + 1e-9) {
                const atReload = Math.max(begin + service[customer] + t[customer * size + reload], problem.reloadOpen);
                if (atReload <= problem.reloadClose + 1e-9 && atReload + problem.reloadService + t[reload * size + next] <= latestNext + 1e-9) pushCandidate(delta, r, gap, 2);
              }
            }
          }
        }
      }
      // Best first; each is checked exactly (several windows, releases, breaks) before it is taken.
      let placed = false;
      while (candidateCount > 0 && !placed) {
        let best = 0;
        for (let k = 1; k < candidateCount; k++) if (candidateDelta[k] < candidateDelta[best]) best = k;
        const r = candidateRoute[best];
        const route = solution.routes[r];
        const seq = withInsertion(route.seq, candidateGap[best], candidateKind[best], customer);
        if (simulate(problem, route.type, seq, null) === null) {
          const rebuilt = build(route.type, seq);
          solution.cost += rebuilt.cost - route.cost;
          solution.routes[r] = rebuilt;
          placed = true;
        } else {
          candidateCount--;
          candidateDelta[best] = candidateDelta[candidateCount];
          candidateRoute[best] = candidateRoute[candidateCount];
          candidateGap[best] = candidateGap[candidateCount];
          candidateKind[best] = candidateKind[candidateCount];
        }
      }
      if (!placed) {
        solution.unassigned.push(customer);
        solution.cost += unassignedPrice;
      }
    }
  };

  const shuffle = (list: number[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
  };

  /**
   * Granular local search on a new best (in place): each customer moved next to one of its nearest
   * (after or before it, in any vehicle's sequence) or swapped with it, at the first move that
   * lowers the cost and keeps both sequences feasible under the exact simulation.
   */
  const granularity = options.granularity ?? 0;
  const polish = (solution: Solution) => {
    const where = new Int32Array(size).fill(-1);
    const index = () => {
      where.fill(-1);
      solution.routes.forEach((route, r) => {
        for (const node of route.seq) if (node !== reload) where[node] = r;
      });
    };
    index();
    const without = (seq: readonly number[], node: number) => normalise(seq.filter((other) => other !== node), reload);
    const allowedIn = (type: number, node: number) => {
      const allowed = problem.types[type].allowed;
      return !allowed || allowed[node] !== 0;
    };
    const tryPair = (r1: number, seq1: number[], r2: number, seq2: number[] | null): boolean => {
      const a = solution.routes[r1];
      const before = a.cost + (seq2 && r2 !== r1 ? solution.routes[r2].cost : 0);
      const after = sequenceCost(problem, a.type, seq1) + (seq2 && r2 !== r1 ? sequenceCost(problem, solution.routes[r2].type, seq2) : 0);
      if (!(after < before - 1e-7)) return false;
      if (simulate(problem, a.type, seq1, null) !== null) return false;
      if (seq2 && r2 !== r1 && simulate(problem, solution.routes[r2].type, seq2, null) !== null) return false;
      solution.routes[r1] = build(a.type, seq1);
      if (seq2 && r2 !== r1) solution.routes[r2] = build(solution.routes[r2].type, seq2);
      solution.cost += after - before;
      return true;
    };
    let improved = true;
    let passes = 0;
    while (improved && passes++ < 50) {
      improved = false;
      for (const u of customers) {
        const ru = where[u];
        if (ru < 0) continue;
        const list = neighbours[u];
        for (let k = 0; k < Math.min(granularity, list.length); k++) {
          const v = list[k];
          const rv = where[v];
          if (rv < 0) continue;
          const routeU = solution.routes[ru];
          const routeV = solution.routes[rv];
          if (!allowedIn(routeV.type, u)) continue;
          // Relocate u after v, then before v.
          let moved = false;
          for (const shift of [1, 0]) {
            const base = ru === rv ? without(routeU.seq, u) : routeV.seq;
            const at = base.indexOf(v) + shift;
            const seqV = base.slice(0, at).concat([u], base.slice(at));
            if (ru === rv ? tryPair(rv, seqV, rv, null) : tryPair(rv, seqV, ru, without(routeU.seq, u))) {
              moved = true;
              break;
            }
          }
          // Swap u and v.
          if (!moved && allowedIn(routeU.type, v)) {
            const swap = (seq: number[]) => seq.map((node) => (node === u ? v : node === v ? u : node));
            moved = ru === rv ? tryPair(ru, swap(routeU.seq), ru, null) : tryPair(ru, swap(routeU.seq), rv, swap(routeV.seq));
          }
          if (moved) {
            improved = true;
            index();
            break;
          }
        }
      }
    }
  };

  /**
   * Trips merged where their loads fit together: each reload between two trips is dropped when the
   * sequence without it is feasible and cheaper (exact simulation). Without it two trips become
   * one only when a ruin empties one of them, which strings of at most maxStringLength customers
   * never do to a longer trip.
   */
  const mergeTrips = options.mergeTrips ?? false;
  const merged = (type: number, seq: number[]): number[] => {
    const capacity = problem.types[type].capacity;
    let current = seq;
    let before = 0;
    for (let p = 0; p < current.length; p++) {
      if (current[p] !== reload) {
        before += demand[current[p]];
        continue;
      }
      let after = 0;
      for (let q = p + 1; q < current.length && current[q] !== reload; q++) after += demand[current[q]];
      if (before + after <= capacity + 1e-9) {
        const candidate = current.slice(0, p).concat(current.slice(p + 1));
        if (sequenceCost(problem, type, candidate) < sequenceCost(problem, type, current) - 1e-9 && simulate(problem, type, candidate, null) === null) {
          current = candidate;
          // The next trip's customers are now this trip's: the loop adds their loads from here.
          p--;
          continue;
        }
      }
      before = 0;
    }
    return current;
  };
  const routeOf = new Int32Array(size);
  const rankOf = new Int32Array(size);
  /** String removals around a random customer (SISR), on the customers of each route (reloads skipped). */
  const ruin = (solution: Solution): number[] => {
    routeOf.fill(-1);
    let served = 0;
    let usedRoutes = 0;
    const customerLists: number[][] = solution.routes.map((route, r) => {
      const list: number[] = [];
      for (const node of route.seq) {
        if (node === reload) continue;
        routeOf[node] = r;
        rankOf[node] = list.length;
        list.push(node);
      }
      served += list.length;
      if (list.length > 0) usedRoutes++;
      return list;
    });
    const removed = solution.unassigned.slice();
    solution.cost -= removed.length * unassignedPrice;
    solution.unassigned = [];
    if (served === 0) return removed;
    const meanLength = served / Math.max(1, usedRoutes);
    const lMax = Math.min(maxStringLength, meanLength);
    const ksMax = (4 * averageRemoved) / (1 + lMax) - 1;
    const strings = Math.floor(random() * ksMax) + 1;
    let seed = customers[Math.floor(random() * customers.length)];
    while (routeOf[seed] < 0) seed = customers[Math.floor(random() * customers.length)];
    const touched: number[] = [];
    const visit = (candidate: number) => {
      const r = routeOf[candidate];
      if (r < 0 || touched.includes(r) || flags[candidate]) return;
      const list = customerLists[r];
      const lsMax = Math.min(list.length, lMax);
      const length = Math.floor(random() * lsMax) + 1;
      const at = rankOf[candidate];
      if (length < list.length && length > 1 && random() < 0.5) {
        let m = 1;
        while (length + m < list.length && random() > 0.01) m++;
        const count = Math.min(list.length, length + m);
        const from = Math.max(0, Math.min(at - Math.floor(random() * count), list.length - count));
        const keepFrom = from + Math.floor(random() * (count - m + 1));
        for (let p = from; p < from + count; p++) if (p < keepFrom || p >= keepFrom + m) flags[list[p]] = 1;
      } else {
        const from = Math.max(0, Math.min(at - Math.floor(random() * length), list.length - length));
        for (let p = from; p < from + length; p++) flags[list[p]] = 1;
      }
      touched.push(r);
    };
    visit(seed);
    for (const candidate of neighbours[seed]) {
      if (touched.length >= strings) break;
      visit(candidate);
    }
    for (const r of touched) {
      const route = solution.routes[r];
      const kept: number[] = [];
      for (const node of route.seq) {
        if (node !== reload && flags[node]) {
          removed.push(node);
          flags[node] = 0;
        } else kept.push(node);
      }
      const rebuilt = build(route.type, mergeTrips ? merged(route.type, normalise(kept, reload)) : normalise(kept, reload));
      solution.cost += rebuilt.cost - route.cost;
      solution.routes[r] = rebuilt;
    }
    return removed;
  };

  /** A vehicle's sequence as its trips (customers only, reloads between). */
  const tripsOf = (seq: readonly number[]): number[][] => {
    const trips: number[][] = [[]];
    for (const node of seq) {
      if (node === reload) trips.push([]);
      else trips[trips.length - 1].push(node);
    }
    return trips.filter((trip) => trip.length > 0);
  };
  const joined = (trips: number[][]): number[] => {
    const seq: number[] = [];
    trips.forEach((trip, k) => {
      if (k > 0) seq.push(reload);
      for (const node of trip) seq.push(node);
    });
    return seq;
  };
  const fits = (type: number, trip: readonly number[]) => {
    const allowed = problem.types[type].allowed;
    if (!allowed) return true;
    for (const node of trip) if (allowed[node] === 0) return false;
    return true;
  };
  /** One trip moved or two swapped (see tripMoves), in place; false when the move is not feasible. */
  const tripMove = (solution: Solution): boolean => {
    const routes = solution.routes;
    let used = 0;
    for (const route of routes) if (route.seq.length > 0) used++;
    if (used === 0) return false;
    let pick = Math.floor(random() * used);
    let r1 = 0;
    for (; r1 < routes.length; r1++) if (routes[r1].seq.length > 0 && pick-- === 0) break;
    const r2 = Math.floor(random() * routes.length);
    const trips1 = tripsOf(routes[r1].seq);
    const k = Math.floor(random() * trips1.length);
    const trip = trips1[k];
    let seq1: number[];
    let seq2: number[] | null = null;
    if (r2 === r1) {
      if (trips1.length < 2) return false;
      trips1.splice(k, 1);
      let at = Math.floor(random() * trips1.length);
      if (at >= k) at++;
      trips1.splice(at, 0, trip);
      seq1 = joined(trips1);
    } else {
      if (!fits(routes[r2].type, trip)) return false;
      const trips2 = tripsOf(routes[r2].seq);
      if (trips2.length > 0 && random() < 0.5) {
        // Swap with one of r2's trips.
        const j = Math.floor(random() * trips2.length);
        if (!fits(routes[r1].type, trips2[j])) return false;
        [trips1[k], trips2[j]] = [trips2[j], trips1[k]];
      } else {
        trips1.splice(k, 1);
        trips2.splice(Math.floor(random() * (trips2.length + 1)), 0, trip);
      }
      seq1 = joined(trips1);
      seq2 = joined(trips2);
    }
    if (simulate(problem, routes[r1].type, seq1, null) !== null) return false;
    if (seq2 && simulate(problem, routes[r2].type, seq2, null) !== null) return false;
    const rebuilt1 = build(routes[r1].type, seq1);
    solution.cost += rebuilt1.cost - routes[r1].cost;
    routes[r1] = rebuilt1;
    if (seq2) {
      const rebuilt2 = build(routes[r2].type, seq2);
      solution.cost += rebuilt2.cost - routes[r2].cost;
      routes[r2] = rebuilt2;
    }
    return true;
  };

  // Construction: from the given plan when there is one, then everything else inserted greedily.
  const initialRoutes = vehicleTypes.map((type, v) => {
    const given = options.initial?.[v];
    const seq = given ? normalise(given.slice(), reload) : [];
    return build(type, seq.length > 0 && simulate(problem, type, seq, null) === null ? seq : []);
  });
  let current: Solution = { routes: initialRoutes, unassigned: [], cost: 0 };
  const placed = new Uint8Array(size);
  for (const route of current.routes) for (const node of route.seq) if (node !== reload) placed[node] = 1;
  current.cost = total(current.routes, []);
  recreate(current, customers.filter((c) => !placed[c]));
  let best: Solution = { routes: current.routes.slice(), unassigned: current.unassigned.slice(), cost: current.cost };
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const timeLimit = options.timeLimitMs ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxIterations) && !Number.isFinite(timeLimit)) throw new Error('solveRounds: give maxIterations or timeLimitMs');
  let iteration = 0;
  const coolingFrom = options.coolingFrom ?? 0;
  const coolingTo = options.coolingTo ?? 1;
  let temperature = t0;
  const cycles = Math.max(1, Math.floor(options.cycles ?? 1));
  let cycle = Math.min(cycles - 1, Math.floor(coolingFrom * cycles));
  for (; iteration < maxIterations; iteration++) {
    if ((iteration & 31) === 0) {
      const elapsed = Number.isFinite(timeLimit) ? clock() - started : 0;
      if (elapsed >= timeLimit || options.shouldStop?.()) break;
      // Cooling by progress: iterations when they bound the search, else the clock.
      const fraction = Math.min(1, Number.isFinite(maxIterations) ? iteration / maxIterations : elapsed / timeLimit);
      const progress = coolingFrom + (coolingTo - coolingFrom) * fraction;
      // Several cycles: each new one starts again hot, from the best plan.
      const at = Math.min(cycles - 1, Math.floor(progress * cycles));
      if (at > cycle) {
        cycle = at;
        current = { routes: best.routes.slice(), unassigned: best.unassigned.slice(), cost: best.cost };
      }
      temperature = t0 * Math.pow(tf / t0, progress * cycles - cycle);
      if ((iteration & 4095) === 0) options.onProgress?.({ iteration, best: best.cost, unassigned: best.unassigned.length, fraction });
    }
    const candidate: Solution = { routes: current.routes.slice(), unassigned: current.unassigned.slice(), cost: current.cost };
    if (tripMoves > 0 && random() < tripMoves) {
      if (!tripMove(candidate)) continue;
    } else {
      const removed = ruin(candidate);
      recreate(candidate, removed);
    }
    if (candidate.cost < current.cost - temperature * Math.log(random())) {
      current = candidate;
      if (current.unassigned.length < best.unassigned.length || (current.unassigned.length === best.unassigned.length && current.cost < best.cost - 1e-9)) {
        best = { routes: current.routes.slice(), unassigned: current.unassigned.slice(), cost: current.cost };
        if (granularity > 0) polish(best);
      }
    }
  }
  const routes = best.routes.map((route) => ({ type: route.type, sequence: route.seq.slice() }));
  const cost = routes.reduce((sum, route) => sum + sequenceCost(problem, route.type, route.sequence), 0);
  return { routes, unassigned: best.unassigned.slice().sort((a, b) => a - b), cost, iterations: iteration };
}
