/**
 * Capacitated vehicle routing by SISR — Slack Induction by String Removals (Christiaens and Vanden
 * Berghe, Transportation Science 2020): a ruin-and-recreate search that removes strings of nearby
 * customers from several routes and reinserts them greedily with "blinks" (positions skipped at
 * random), under simulated annealing. Anytime: it keeps the best solution and returns it at its
 * time limit, when asked to stop, or after `maxIterations` (deterministic for a seed then).
 *
 * Data kept cheap to evaluate: the cost matrix as one Float64Array, routes as arrays of customer
 * indices with their loads, neighbour lists sorted once, insertion deltas in O(1).
 */

import { seededRandom } from '../../src/domain/random';
import { improveRoutes } from './localSearch';

export interface CvrpInstance {
  /** Places, depot included. */
  size: number;
  /** Row-major size × size, cost of going from row to column. */
  cost: Float64Array;
  demand: Float64Array;
  capacity: number;
  depot: number;
  /** Fleet size; unlimited when absent. */
  maxRoutes?: number;
}

export interface SisrOptions {
  /** An optional extra stop on the clock; the search is deterministic for a seed without it. */
  timeLimitMs?: number;
  /** The clock the time limit is read on, in ms (default Date.now; the benchmarks can pass the process's CPU time, fair on a loaded machine). */
  clock?: () => number;
  /** Stops after this many iterations even before the time limit (deterministic runs). */
  maxIterations?: number;
  seed?: number;
  onProgress?: (progress: { iteration: number; best: number; fraction: number }) => void;
  shouldStop?: () => boolean;
  /**
   * Mean number of customers removed per ruin (c̄, default 10 as in the paper), longest string (L_max,
   * default 10). Measured on the 14 X-n1* at 10 s CPU, seed 1: c̄ 5 gave 1.64 % mean gap (stuck on
   * the instances with long routes, up to 5.7 %), c̄ 15 gave 0.21 % (the best-known cost on 6, but
   * 1.21 % on X-n125-k30) against 0.23 % with 10; seed 2: 0.24 % against 0.22 %. No gain: 10 stays.
   */
  averageRemoved?: number;
  maxStringLength?: number;
  initialTemperature?: number;
  finalTemperature?: number;
  /**
   * Granular local search (localSearch.ts) on each new best, its neighbours per customer; 0 (the
   * default) turns it off: measured on A and B at 2 s CPU with the fleet fixed, seed 1, it did not
   * pay (mean gap 0.15 % with 20 neighbours, 0.11 % when the annealing also goes on from the
   * polished best, against 0.10 % without); nor at an equal iteration budget (its time not counted)
   * with the adaptive excess price: 0.18 % with and without on 15 A/B instances at 100,000 iterations.
   */
  granularity?: number;
  /**
   * SWAP* in that local search (localSearch.ts), between routes that hold granular neighbours.
   * Measured at 2 s CPU with the fleet fixed, seed 1, on the 8 A/B instances SISR misses most
   * (A-n60-k9, A-n65-k9, A-n69-k9, A-n80-k10, B-n50-k8, B-n66-k9, B-n68-k9, B-n78-k10): 0.29 % mean
   * gap without any polish; 0.59 % polishing every accepted plan (granularity 20), 0.48 % with SWAP*
   * too; polishing new bests with SWAP* and going on from them was worse on the whole A and B sets
   * (20 neighbours; stopped after 34 instances: 0.10 % mean gap and 8 missed, against 0.03 % and 4).
   * The search loses more iterations than the moves gain, so SWAP* serves in the last polish only
   * (`finalPolish`).
   */
  swapStar?: boolean;
  /**
   * Late acceptance instead of the annealing: the length of its history (0, the default: annealing).
   * Measured at 2 s CPU on the 8 A/B instances named above: history 1000 gave 0.17 % and 0.23 %
   * (seeds 1, 2) against 0.23 % and 0.30 % annealing; 300 gave 0.15, 0.40, 0.28 % against 0.23, 0.30,
   * 0.24 %; 2000 and 5000, 0.44 % and 0.42 % (seed 1). On all 50 A/B instances, seed 1: 0.067 %
   * (history 1000) against 0.081 %; on 5 X-n1* at 10 s, seed 1: 0.54 % against 0.25 %. Not clearly
   * better on small instances, worse on X: off.
   */
  lateAcceptance?: number;
  /** Neighbours per customer of the local search (with SWAP*) run once on the best plan at the end (default 40; 0: none). */
  finalPolish?: number;
  /** The annealing goes on from the polished best (true) or from the unpolished one (false, default). */
  polishCurrent?: boolean;
  /** Every accepted feasible plan is polished by the local search before the annealing goes on from it (needs granularity). */
  polishAccepted?: boolean;
  /**
   * With a fleet limit, the price of excess load adapts to keep a share of the accepted plans feasible
   * (default true; false: a prohibitive price). Measured on 15 A/B instances at 100,000 iterations,
   * seed 1: 0.18 % against 0.30 % mean gap.
   */
  adaptivePenalty?: boolean;
  /**
   * Without a fleet limit too, recreate may put a customer over a route's capacity at the adaptive
   * price of excess load (a new route is opened only when it costs less than the cheapest priced
   * insertion); only plans within capacity are kept as best. Off by default (measured in hgs.ts).
   */
  excessPenalty?: boolean;
  /** The share of accepted plans within capacity the adaptive excess price aims at (default 0.2 to 0.4). */
  feasibleShare?: [number, number];
  /** With excessPenalty, the share of the run (by the cooling's progress) after which capacity is strict again, from the best plan (default 1: never). */
  excessUntil?: number;
  /**
   * Recreate tries only the routes that hold one of the customer's this many nearest neighbours
   * (all routes when none of those has room); 0 (the default) tries every route, as SISR does.
   * Measured on X-n251-k28, X-n401-k29, X-n801-k40 at 60 s CPU, seed 1: 30 neighbours gave 0.47,
   * 0.24, 0.72 % (mean 0.48 %) against 0.38, 0.23, 0.24 % (0.29 %) trying every route; it did 1.0×,
   * 1.4×, 1.2× the iterations (on tight instances the nearest routes are often full, so the search
   * falls back to every route), and the plans were worse for it: off.
   */
  insertionNeighbours?: number;
  /**
   * The cooling schedule run this many times over the budget, each run restarting from the best plan
   * (default 1). Measured at CPU-time limits, seed 1: 3 cycles gave 0.06 % against 0.07 % on A and B
   * at 2 s, but 0.28 % against 0.15 % on 5 X-n1* instances at 10 s, so it stays at 1.
   */
  cycles?: number;
  /** A plan to start from (routes of customer indices, every customer once) instead of the greedy construction; hgs.ts educates its children so. */
  initial?: number[][];
  /** The customers' neighbour lists, nearest first, when the caller has them already (hgs.ts: computed once, not per child). */
  neighbours?: Int32Array[];
}

export interface CvrpSolution {
  routes: number[][];
  cost: number;
  iterations: number;
}


interface State {
  routes: number[][];
  loads: number[];
  cost: number;
}

function routeCost(instance: CvrpInstance, route: number[]): number {
  const { cost, size, depot } = instance;
  if (route.length === 0) return 0;
  let total = cost[depot * size + route[0]];
  for (let i = 1; i < route.length; i++) total += cost[route[i - 1] * size + route[i]];
  return total + cost[route[route.length - 1] * size + depot];
}

export function solutionCost(instance: CvrpInstance, routes: number[][]): number {
  let total = 0;
  for (const route of routes) total += routeCost(instance, route);
  return total;
}

function clone(state: State): State {
  return { routes: state.routes.map((route) => route.slice()), loads: state.loads.slice(), cost: state.cost };
}

/** Each place's customers, nearest first (symmetric closeness: both directions' costs summed); the depot's list is empty. */
export function neighbourLists(instance: CvrpInstance, customers?: number[]): Int32Array[] {
  const { size, cost, depot } = instance;
  const all = customers ?? Array.from({ length: size }, (_, i) => i).filter((i) => i !== depot);
  const neighbours: Int32Array[] = [];
  for (let i = 0; i < size; i++) {
    if (i === depot) {
      neighbours.push(new Int32Array(0));
      continue;
    }
    const list = all.filter((j) => j !== i).sort((a, b) => cost[i * size + a] + cost[a * size + i] - cost[i * size + b] - cost[b * size + i]);
    neighbours.push(Int32Array.from(list));
  }
  return neighbours;
}

export function solveCvrp(instance: CvrpInstance, options: SisrOptions): CvrpSolution {
  const { size, cost, demand, capacity, depot } = instance;
  const random = seededRandom(options.seed ?? 1);
  const timeLimit = options.timeLimitMs ?? Number.POSITIVE_INFINITY;
  const clock = options.clock ?? Date.now;
  const started = Number.isFinite(timeLimit) ? clock() : 0;
  const customers: number[] = [];
  for (let i = 0; i < size; i++) if (i !== depot) customers.push(i);
  if (customers.length === 0) return { routes: [], cost: 0, iterations: 0 };

  // Neighbours of each customer, nearest first (symmetric closeness).
  const neighbours: Int32Array[] = options.neighbours ?? neighbourLists(instance, customers);

  const averageRemoved = options.averageRemoved ?? 10;
  const maxStringLength = options.maxStringLength ?? 10;
  const blinkRate = 0.01;
  const splitRate = 0.5;
  const splitDepth = 0.01;
  // Temperatures relative to the mean cost from a customer to its nearest one: SISR's 100 and 1 were
  // set on X instances (mean nearest cost about 40–50 on 100–200 customers), and were far too hot on
  // A and B (about 6). Measured at CPU-time limits, seed 1 (shared machine): on 15 A/B instances at
  // 2 s, 0.47 % mean gap with 100 and 1, 0.38 % with these; on 5 X-n1* at 10 s, 0.20 % and 0.15 %;
  // on the 14 X-n1* at 10 s, 0.17 % with 100 and 1, 0.31 % and 0.13 % with these in two runs at
  // different loads (run-to-run noise of that size: on X, neither is clearly better).
  let scale = 0;
  for (const c of customers) {
    const nearest = neighbours[c].length > 0 ? (cost[c * size + neighbours[c][0]] + cost[neighbours[c][0] * size + c]) / 2 : 0;
    if (Number.isFinite(nearest)) scale += nearest;
  }
  scale = Math.max(1e-9, scale / customers.length);
  const t0 = options.initialTemperature ?? 2 * scale;
  const tf = options.finalTemperature ?? t0 / 100;

  const maxRoutes = instance.maxRoutes ?? Number.POSITIVE_INFINITY;
  // With a fleet limit a customer may have to go over a route's capacity for a while: the excess is
  // paid at a price above any detour, and only solutions without excess are kept as best.
  let maxCost = 0;
  for (let i = 0; i < cost.length; i++) if (Number.isFinite(cost[i]) && cost[i] > maxCost) maxCost = cost[i];
  const prohibitive = (2 * maxCost + 1) / Math.max(1, Math.min(...customers.map((c) => demand[c]).filter((d) => d > 0), capacity));
  // Adaptive (as HGS does): the price per unit of excess starts at the nearest-cost scale per mean
  // demand and follows the share of accepted plans that are feasible, aiming at 20 to 40 %.
  let excessEverywhere = (options.excessPenalty ?? false) && !Number.isFinite(maxRoutes);
  let adaptive = (options.adaptivePenalty ?? true) && (Number.isFinite(maxRoutes) || excessEverywhere);
  const excessUntil = options.excessUntil ?? 1;
  const [feasibleLow, feasibleHigh] = options.feasibleShare ?? [0.2, 0.4];
  let meanDemand = 0;
  for (const c of customers) meanDemand += demand[c];
  meanDemand = Math.max(1e-9, meanDemand / customers.length);
  let excessPrice = adaptive ? (10 * scale) / meanDemand : prohibitive;
  const penalty = (load: number) => (load > capacity ? (load - capacity) * excessPrice : 0);
  const priced = (state: State) => {
    let total = solutionCost(instance, state.routes);
    for (const load of state.loads) total += penalty(load);
    state.cost = total;
  };
  const feasible = (state: State) => state.routes.length <= maxRoutes && state.loads.every((load) => load <= capacity + 1e-9);

  const insertionNeighbours = Math.max(0, Math.floor(options.insertionNeighbours ?? 0));
  const routeStamp = new Int32Array(size + 1);
  let stamp = 0;
  const routeOf = new Int32Array(size).fill(-1);
  const positionOf = new Int32Array(size).fill(-1);
  const index = (state: State) => {
    routeOf.fill(-1);
    for (let r = 0; r < state.routes.length; r++) {
      const route = state.routes[r];
      for (let p = 0; p < route.length; p++) {
        routeOf[route[p]] = r;
        positionOf[route[p]] = p;
      }
    }
  };

  // The local search reverses segments: only with symmetric costs (recreate reads them on one row then).
  let symmetric = true;
  for (let i = 0; i < size && symmetric; i++) for (let j = i + 1; j < size; j++) if (cost[i * size + j] !== cost[j * size + i]) {
    symmetric = false;
    break;
  }
  const logKeep = Math.log(1 - blinkRate);
  /** Places evaluated before the next blink (geometric law of parameter blinkRate). */
  const nextBlink = () => Math.floor(Math.log(1 - random()) / logKeep);
  // The best place found so far for the customer being inserted, and the places left before the next blink.
  let bestRoute = -1;
  let bestPosition = -1;
  let bestDelta = Number.POSITIVE_INFINITY;
  let untilBlink = 0;
  /** Every place of route r for the customer, blinks skipped; keeps the best in bestRoute, bestPosition, bestDelta. */
  const tryRoute = (state: State, r: number, customer: number, full: boolean) => {
    const row = customer * size;
    const overload = penalty(state.loads[r] + demand[customer]) - penalty(state.loads[r]);
    // Over capacity, a route whose excess price alone is above the best place so far cannot win.
    if (overload > 0 && (!full || (excessEverywhere && overload >= bestDelta))) return;
    const route = state.routes[r];
    let previous = depot;
    for (let p = 0; p <= route.length; p++) {
      const next = p === route.length ? depot : route[p];
      if (untilBlink-- > 0) {
        // With symmetric costs both arcs are read on the customer's row (fewer cache misses).
        const delta = (symmetric ? cost[row + previous] : cost[previous * size + customer]) + cost[row + next] - cost[previous * size + next] + overload;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestRoute = r;
          bestPosition = p;
        }
      } else untilBlink = nextBlink();
      previous = next;
    }
  };
  /** Greedy insertion with blinks of the given customers, in place. */
  const recreate = (state: State, removed: number[]) => {
    // Orders from the paper: random, demand (largest first), far from depot, close to depot.
    const order = random();
    if (order < 4 / 11) shuffle(removed);
    else if (order < 8 / 11) removed.sort((a, b) => demand[b] - demand[a]);
    else if (order < 10 / 11) removed.sort((a, b) => cost[depot * size + b] - cost[depot * size + a]);
    else removed.sort((a, b) => cost[depot * size + a] - cost[depot * size + b]);
    // Blinks: each place is skipped with probability blinkRate, independently. The gap to the next
    // skipped place is drawn from the geometric law (the same process, one random number per ~1/blinkRate places).
    // With the copy on write and no allocation in ruin: 1.3× the iterations per CPU second on A/B
    // (median 143,000 → 190,000 at 2 s), 1.5× on X-n1* (632,000 → 934,000 at 10 s), 1.5–2.2× on
    // X-n251/401/801 at 60 s.
    untilBlink = nextBlink();
    for (const customer of removed) {
      bestRoute = -1;
      bestPosition = -1;
      const alone = cost[depot * size + customer] + cost[customer * size + depot];
      // Without a fleet limit and with excess priced, a new route is one more place, at its cost.
      bestDelta = excessEverywhere ? alone : Number.POSITIVE_INFINITY;
      const atFleet = state.routes.length >= maxRoutes;
      const full = atFleet || excessEverywhere;
      if (insertionNeighbours > 0) {
        // Only the routes of the nearest neighbours (routeOf is kept up to date through ruin and recreate).
        stamp++;
        const near = neighbours[customer];
        const count = Math.min(insertionNeighbours, near.length);
        for (let k = 0; k < count; k++) {
          const r = routeOf[near[k]];
          if (r < 0 || routeStamp[r] === stamp) continue;
          routeStamp[r] = stamp;
          tryRoute(state, r, customer, full);
        }
        if (bestRoute < 0) for (let r = 0; r < state.routes.length; r++) if (routeStamp[r] !== stamp) tryRoute(state, r, customer, full);
      } else for (let r = 0; r < state.routes.length; r++) tryRoute(state, r, customer, full);
      if (bestRoute < 0) {
        const route = [customer];
        state.routes.push(route);
        owned.add(route);
        state.loads.push(demand[customer]);
        state.cost += alone;
        routeOf[customer] = state.routes.length - 1;
      } else {
        let route = state.routes[bestRoute];
        if (!owned.has(route)) {
          route = route.slice();
          state.routes[bestRoute] = route;
          owned.add(route);
        }
        route.splice(bestPosition, 0, customer);
        routeOf[customer] = bestRoute;
        state.loads[bestRoute] += demand[customer];
        state.cost += bestDelta;
      }
    }
  };

  const shuffle = (list: number[]) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
  };

  const touched: number[] = [];
  const removeFlags = new Uint8Array(size);
  /** The route arrays the candidate of this iteration has of its own (the others are shared with the current plan, copied before a change). */
  const owned = new Set<number[]>();
  /** String removals around a random seed customer, in place; returns the removed customers. */
  const ruin = (state: State): number[] => {
    index(state);
    const meanRouteLength = customers.length / Math.max(1, state.routes.length);
    const lMax = Math.min(maxStringLength, meanRouteLength);
    const ksMax = (4 * averageRemoved) / (1 + lMax) - 1;
    const strings = Math.floor(random() * ksMax) + 1;
    const seed = customers[Math.floor(random() * customers.length)];
    const removed: number[] = [];
    // Reused buffers (no allocation per iteration): the routes touched in order, the flags of removed customers.
    touched.length = 0;
    const near = neighbours[seed];
    for (let k = -1; k < near.length; k++) {
      const candidate = k < 0 ? seed : near[k];
      if (touched.length >= strings) break;
      const r = routeOf[candidate];
      if (r < 0 || removeFlags[candidate] || touched.includes(r)) continue;
      const route = state.routes[r];
      const lsMax = Math.min(route.length, lMax);
      const length = Math.floor(random() * lsMax) + 1;
      const at = positionOf[candidate];
      if (length < route.length && random() < splitRate && length > 1) {
        // Split string: remove a string of length + m customers but keep m of them in its middle.
        let m = 1;
        while (length + m < route.length && random() > splitDepth) m++;
        const total = Math.min(route.length, length + m);
        const start = Math.max(0, Math.min(at - Math.floor(random() * total), route.length - total));
        const keepFrom = start + Math.floor(random() * (total - m + 1));
        for (let p = start; p < start + total; p++) if (p < keepFrom || p >= keepFrom + m) removeFlags[route[p]] = 1;
      } else {
        const start = Math.max(0, Math.min(at - Math.floor(random() * length), route.length - length));
        for (let p = start; p < start + length; p++) removeFlags[route[p]] = 1;
      }
      touched.push(r);
    }
    for (const r of touched) {
      const route = state.routes[r];
      const kept: number[] = [];
      let removedLoad = 0;
      for (const customer of route) {
        if (removeFlags[customer]) {
          removed.push(customer);
          removedLoad += demand[customer];
        } else kept.push(customer);
      }
      state.loads[r] -= removedLoad;
      state.cost += routeCost(instance, kept) - routeCost(instance, route) + penalty(state.loads[r]) - penalty(state.loads[r] + removedLoad);
      state.routes[r] = kept;
      owned.add(kept);
    }
    for (const customer of removed) {
      removeFlags[customer] = 0;
      routeOf[customer] = -1;
    }
    // Drop emptied routes (the routes after them move down: routeOf follows).
    let dropped = false;
    for (let r = state.routes.length - 1; r >= 0; r--) {
      if (state.routes[r].length === 0) {
        state.routes.splice(r, 1);
        state.loads.splice(r, 1);
        dropped = true;
      }
    }
    if (dropped && insertionNeighbours > 0) for (let r = 0; r < state.routes.length; r++) for (const c of state.routes[r]) routeOf[c] = r;
    return removed;
  };

  const granularity = symmetric ? (options.granularity ?? 0) : 0;
  const finalGranularity = symmetric ? (options.finalPolish ?? 40) : 0;
  // Under a time limit the last polish gets the last 1 % of it (it takes a few ms to some tens on 100–200 customers).
  const searchLimit = finalGranularity > 0 ? timeLimit * 0.99 : timeLimit;
  const polishCurrent = options.polishCurrent ?? false;
  const polishAccepted = options.polishAccepted ?? false;
  const dropEmpty = (state: State) => {
    for (let r = state.routes.length - 1; r >= 0; r--) {
      if (state.routes[r].length === 0) {
        state.routes.splice(r, 1);
        state.loads.splice(r, 1);
      }
    }
  };
  const lsData = { size, cost, demand, capacity, depot, neighbours, granularity, swapStar: options.swapStar ?? false };

  // Construction: everything inserted by the same greedy procedure (or the given plan).
  let current: State = { routes: [], loads: [], cost: 0 };
  if (options.initial) {
    current.routes = options.initial.filter((route) => route.length > 0).map((route) => route.slice());
    current.loads = current.routes.map((route) => route.reduce((load, customer) => load + demand[customer], 0));
    priced(current);
  } else recreate(current, customers.slice());
  let best = clone(current);
  let bestFeasible = feasible(best);
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxIterations) && !Number.isFinite(timeLimit)) throw new Error('solveCvrp: give maxIterations or timeLimitMs');
  let iteration = 0;
  let temperature = t0;
  const lateLength = Math.max(0, Math.floor(options.lateAcceptance ?? 0));
  const history = new Float64Array(lateLength).fill(current.cost);
  const cycles = Math.max(1, Math.floor(options.cycles ?? 1));
  let accepted = 0;
  let acceptedFeasible = 0;
  let cycle = 0;
  for (; iteration < maxIterations; iteration++) {
    if ((iteration & 63) === 0) {
      const elapsed = Number.isFinite(timeLimit) ? clock() - started : 0;
      if (elapsed >= searchLimit || options.shouldStop?.()) break;
      // The cooling follows iterations when they are bounded (deterministic runs), else the clock.
      const fraction = Math.min(1, Number.isFinite(maxIterations) ? iteration / maxIterations : elapsed / searchLimit);
      // Several cycles: each new one starts again hot, from the best plan.
      const at = Math.min(cycles - 1, Math.floor(fraction * cycles));
      if (at > cycle) {
        cycle = at;
        if (bestFeasible || !feasible(current)) current = clone(best);
      }
      temperature = t0 * Math.pow(tf / t0, fraction * cycles - cycle);
      if (excessEverywhere && fraction >= excessUntil) {
        // Capacity strict again for the rest of the run: from the best plan (within capacity) when the current one is not.
        excessEverywhere = false;
        adaptive = false;
        excessPrice = prohibitive;
        if (!feasible(current)) current = clone(best);
        priced(current);
      }
      if (adaptive && iteration > 0 && (iteration & 255) === 0) {
        const share = acceptedFeasible / Math.max(1, accepted);
        const factor = share < feasibleLow ? 1.3 : share > feasibleHigh ? 1 / 1.3 : 1;
        if (factor !== 1 && accepted > 0) {
          excessPrice = Math.min(prohibitive, Math.max(1e-6 * scale, excessPrice * factor));
          priced(current);
          if (!bestFeasible) priced(best);
        }
        accepted = 0;
        acceptedFeasible = 0;
      }
      if ((iteration & 4095) === 0) options.onProgress?.({ iteration, best: best.cost, fraction });
    }
    // The candidate shares the current plan's untouched routes (copy on write: ruin and recreate copy a route before changing it).
    const candidate: State = { routes: current.routes.slice(), loads: current.loads.slice(), cost: current.cost };
    owned.clear();
    const removed = ruin(candidate);
    recreate(candidate, removed);
    let accept: boolean;
    if (lateLength > 0) {
      // Late acceptance (Burke and Bykov): better than the current plan or than the one of lateLength iterations ago.
      const slot = iteration % lateLength;
      accept = candidate.cost <= current.cost || candidate.cost < history[slot];
      const next = accept ? candidate.cost : current.cost;
      if (next < history[slot]) history[slot] = next;
    } else accept = candidate.cost < current.cost - temperature * Math.log(random());
    if (accept) {
      current = candidate;
      let ok = feasible(current);
      accepted++;
      if (ok) acceptedFeasible++;
      if (ok && granularity > 0 && polishAccepted) {
        current.cost -= improveRoutes(lsData, current.routes, current.loads);
        dropEmpty(current);
      } else if (ok && granularity > 0 && current.cost < best.cost - 1e-9) {
        // A new best: polished by the local search (the annealing goes on from there when polishCurrent).
        const polished = polishCurrent ? current : clone(current);
        polished.cost -= improveRoutes(lsData, polished.routes, polished.loads);
        for (let r = polished.routes.length - 1; r >= 0; r--) {
          if (polished.routes[r].length === 0) {
            polished.routes.splice(r, 1);
            polished.loads.splice(r, 1);
          }
        }
        if (!polishCurrent) {
          best = polished;
          bestFeasible = true;
          continue;
        }
        ok = feasible(current);
      }
      if ((ok && (!bestFeasible || current.cost < best.cost - 1e-9)) || (!bestFeasible && current.cost < best.cost - 1e-9)) {
        best = clone(current);
        bestFeasible = ok;
      }
    }
  }
  // A last polish of the best feasible plan by the granular local search with SWAP*: it only ever
  // gains and costs one local search. Measured offline on the plans of a run at 2 s / 10 s CPU
  // (seed 1): it improved A-n69-k9 by 1 (to the optimum), X-n134-k13 by 1, X-n153-k22 by 5,
  // X-n157-k13 by 3, and left the 60 others unchanged (SWAP* added nothing over the granular moves there).
  if (finalGranularity > 0 && bestFeasible) {
    improveRoutes({ ...lsData, granularity: finalGranularity, swapStar: true }, best.routes, best.loads);
  }
  // Recompute exactly (deltas accumulate rounding).
  best.cost = solutionCost(instance, best.routes);
  return { routes: best.routes.filter((route) => route.length > 0), cost: best.cost, iterations: iteration };
}
