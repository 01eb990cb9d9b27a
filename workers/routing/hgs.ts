/**
 * A population search for plain CVRP in the spirit of HGS (Vidal et al. 2012, Vidal 2022): plans kept
 * as giant tours (every customer once, the routes one after the other), children made by ordered
 * crossover (OX) of two parents picked by binary tournament, cut into routes by an optimal split,
 * then educated (by default a short SISR run from the child, sisr.ts, ending with the granular local
 * search with SWAP*; or that local search alone, as HGS, far worse here), and survivors chosen by biased fitness: rank by cost plus rank by diversity
 * (mean broken-pairs distance to the closest plans), clones first out.
 *
 * Deterministic for a seed with an iteration budget (children made); a time limit on `clock` is an
 * extra stop for the benchmarks. Only feasible plans enter the population: split keeps each route
 * within capacity (over a fleet limit it prices the excess, and a child still over it after
 * education is dropped). Unlike HGS there is no infeasible subpopulation and the local search
 * never goes over capacity; under a fleet limit SISR's own adaptive excess price plays that part.
 */
import { seededRandom } from '../../src/domain/random';
import { improveRoutes } from './localSearch';
import { neighbourLists, solutionCost, solveCvrp, type CvrpInstance, type CvrpSolution } from './sisr';

export interface HgsOptions {
  seed?: number;
  /** Children made (the iteration budget; deterministic). */
  maxIterations?: number;
  timeLimitMs?: number;
  clock?: () => number;
  shouldStop?: () => boolean;
  /** Population kept after each survivor selection (μ) and children added before one (λ): default 8 and 8 with SISR education, 25 and 40 with local search. */
  populationSize?: number;
  generationSize?: number;
  /** Plans always kept by the diversity part of the fitness (default 4) and closest plans its distance is averaged over (default 5). */
  elite?: number;
  closest?: number;
  /** Neighbours per customer of the local search (default 20). */
  granularity?: number;
  /**
   * How a child is educated: 'local-search' (granular moves and SWAP* to a local optimum, as HGS) or
   * 'sisr' (the default: that many SISR iterations from the child, then the same local search): `sisrIterations`.
   * Measured on the 14 X-n1* at 10 s CPU, each instance run with plain SISR then with this search
   * (interleaved, load average 3–10): SISR 0.153 % and 0.212 % mean gap (seeds 1, 2), this search with
   * SISR education (20,000 iterations, μ = λ = 8) 0.124 % and 0.124 %; seed 3, 0.146 % against
   * 0.119 %; seed 4, 0.144 % against 0.179 % (X-n153-k22 at 0.69 % with seeds 1–3); with 50,000 iterations and
   * μ = λ = 4, 0.157 % (seed 1). With the local search alone, 1.19 % and 1.47 % on X-n101-k25 and
   * X-n134-k13 at 5 s (about 400 children a second: far too few for HGS's way in this engine).
   */
  education?: 'local-search' | 'sisr';
  /**
   * SISR iterations per child when education is 'sisr' (default 10,000: twice the children). Measured
   * on the 14 X-n1* at 10 s CPU against 20,000: seeds 3 and 4 interleaved (load average 1–4), 0.141 %
   * and 0.072 % against 0.141 % and 0.133 %; seeds 1 and 2 run apart, 0.095 % and 0.097 % (load
   * 1–2) against 0.136 % and 0.086 % (load 4–8); seed 5 interleaved, 0.106 % against 0.121 %; five
   * seeds, 0.102 % against 0.123 %.
   */
  sisrIterations?: number;
  /**
   * Without a fleet limit, the share of children made and educated with one route fewer than the best
   * plan so far (split and SISR with that fleet limit, SISR's adaptive excess price, kept only within
   * capacity), while that is above the least number of routes the loads allow: a search that adds
   * routes freely seldom takes one away (X-n153-k22 ends with 24 routes where 23 cost less).
   * Default 0 (off): measured on the 14 X-n1* at 10 s CPU, `cvrp.bench.ts --cpu-time --seed N
   * [--fleet-reduction 0.25]`, default then 0.25 per seed (load average 4–5): seed 1, 0.066 %
   * against 0.074 %; seed 2, 0.133 % against 0.084 % (X-n148-k46 0.63 % against 0.00 %: the best
   * plan's 47 routes leave room for 46, so a quarter of the children went there); X-n153-k22 had 23
   * routes with both seeds either way.
   */
  fleetReduction?: number;
  /** Random giant tours educated to seed the population (default 4μ for local search, μ for SISR). */
  initialSize?: number;
  /**
   * SISR education may go over capacity at an adaptive price (sisr.ts `excessPenalty`, the part of
   * HGS's infeasible plans this engine can take: the children stay within capacity). Off: measured on
   * the 14 X-n1* at 10 s CPU against the default (load average 4–8): seed 1, 0.213 % for the whole
   * child run against 0.136 % (X-n153-k22 0.06 % with 23 routes against 0.74 % with 24, but half the
   * children and worse on X-n148-k46, X-n143-k7, X-n134-k13), 0.145 % for a quarter of the children
   * (`excessShare`), 0.175 % aiming at 60–80 % feasible (`feasibleShare`), 0.109 % for the first half
   * of each run (`excessUntil` 0.5); seed 2, interleaved, that last 0.149 % against 0.086 %.
   */
  excessPenalty?: boolean;
  /** The share of children educated so (the others within capacity; default 1 when excessPenalty). */
  excessShare?: number;
  /** The adaptive price's target share of feasible accepted plans in that education (sisr.ts `feasibleShare`). */
  feasibleShare?: [number, number];
  /** sisr.ts `excessUntil` for that education. */
  excessUntil?: number;
  onProgress?: (progress: { iteration: number; best: number }) => void;
}

/**
 * The optimal cut of a giant tour into routes (Prins' split, by shortest path over the cut points):
 * each route within capacity, fewest cost; with `maxRoutes`, at most that many routes, and when that
 * is impossible within capacity, excess load priced at `excessPrice` per unit (routes up to twice the
 * capacity). Returns null when no cut fits.
 */
export function splitTour(instance: CvrpInstance, tour: ArrayLike<number>, maxRoutes?: number, excessPrice?: number): number[][] | null {
  const { size, cost, demand, capacity, depot } = instance;
  const n = tour.length;
  if (n === 0) return [];
  const limit = excessPrice !== undefined ? 2 * capacity : capacity;
  const price = excessPrice ?? 0;
  // Distances along the tour: from the depot to tour[i], and between consecutive customers.
  const segment = (i: number, j: number, load: number, inner: number) =>
    cost[depot * size + tour[i]] + inner + cost[tour[j] * size + depot] + (load > capacity ? (load - capacity) * price : 0);
  const fleet = maxRoutes === undefined || !Number.isFinite(maxRoutes) ? 0 : Math.max(1, Math.floor(maxRoutes));
  if (fleet === 0) {
    // best[j]: cheapest cut of the first j customers; from[j]: where its last route starts.
    const best = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(best[i])) continue;
      let load = 0;
      let inner = 0;
      for (let j = i; j < n; j++) {
        load += demand[tour[j]];
        if (j > i) inner += cost[tour[j - 1] * size + tour[j]];
        if (load > limit + 1e-9) break;
        const total = best[i] + segment(i, j, load, inner);
        if (total < best[j + 1]) {
          best[j + 1] = total;
          from[j + 1] = i;
        }
      }
    }
    if (!Number.isFinite(best[n])) return null;
    const routes: number[][] = [];
    for (let j = n; j > 0; j = from[j]) routes.unshift(Array.from({ length: j - from[j] }, (_, k) => tour[from[j] + k]));
    return routes;
  }
  // With a fleet: best[m][j] over m routes.
  const width = n + 1;
  const best = new Float64Array((fleet + 1) * width).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array((fleet + 1) * width).fill(-1);
  best[0] = 0;
  for (let m = 0; m < fleet; m++) {
    for (let i = 0; i < n; i++) {
      const base = best[m * width + i];
      if (!Number.isFinite(base)) continue;
      let load = 0;
      let inner = 0;
      for (let j = i; j < n; j++) {
        load += demand[tour[j]];
        if (j > i) inner += cost[tour[j - 1] * size + tour[j]];
        if (load > limit + 1e-9) break;
        const total = base + segment(i, j, load, inner);
        const at = (m + 1) * width + j + 1;
        if (total < best[at]) {
          best[at] = total;
          from[at] = i;
        }
      }
    }
  }
  let bestM = -1;
  for (let m = 1; m <= fleet; m++) if (best[m * width + n] < (bestM < 0 ? Number.POSITIVE_INFINITY : best[bestM * width + n])) bestM = m;
  if (bestM < 0) return null;
  const routes: number[][] = [];
  for (let j = n, m = bestM; j > 0; m--) {
    const i = from[m * width + j];
    routes.unshift(Array.from({ length: j - i }, (_, k) => tour[i + k]));
    j = i;
  }
  return routes;
}

/**
 * Ordered crossover (OX) of two permutations: the child keeps parent A's slice [start, end] (cyclic
 * when end < start) in place and fills the rest with B's order, read from just after the slice.
 */
export function orderedCrossover(a: ArrayLike<number>, b: ArrayLike<number>, start: number, end: number, size: number): number[] {
  const n = a.length;
  const child = new Array<number>(n);
  const taken = new Uint8Array(size);
  const length = ((end - start + n) % n) + 1;
  for (let k = 0; k < length; k++) {
    const p = (start + k) % n;
    child[p] = a[p];
    taken[a[p]] = 1;
  }
  let write = (end + 1) % n;
  for (let k = 0; k < n && length < n; k++) {
    const customer = b[(end + 1 + k) % n];
    if (taken[customer]) continue;
    child[write] = customer;
    taken[customer] = 1;
    write = (write + 1) % n;
  }
  return child;
}

/** A plan as the population sees it: its cost (lower better) and each place's successor and predecessor (`end` for a route's ends). */
export interface Member {
  cost: number;
  next: Int32Array;
  previous: Int32Array;
}

/** Broken-pairs distance (HGS's): the share of customers whose neighbours in a are not theirs in b (`end` marks a route's ends). */
export function brokenPairs(a: { next: Int32Array; previous: Int32Array }, b: { next: Int32Array; previous: Int32Array }, end: number, customers: number): number {
  let broken = 0;
  for (let i = 0; i < a.next.length; i++) {
    if (i === end) continue;
    if (a.next[i] !== b.next[i] && a.next[i] !== b.previous[i]) broken++;
    else if (a.previous[i] === end && b.previous[i] !== end && b.next[i] !== end) broken++;
  }
  return broken / Math.max(1, customers);
}

/**
 * The population: survivors by biased fitness (rank by cost + (1 − elite/size) × rank by diversity,
 * the mean broken-pairs distance to the `closest` nearest plans), clones out first, the best never;
 * parents by binary tournament on that fitness.
 */
export class Population<T extends Member> {
  readonly plans: T[] = [];
  best: T | null = null;
  private readonly distances = new Map<T, Map<T, number>>();
  private fitness = new Map<T, number>();

  constructor(
    private readonly settings: { size: number; generation: number; elite: number; closest: number; end: number; customers: number; random: () => number },
  ) {}

  add(plan: T): void {
    const own = new Map<T, number>();
    for (const other of this.plans) {
      const distance = brokenPairs(plan, other, this.settings.end, this.settings.customers);
      own.set(other, distance);
      this.distances.get(other)!.set(plan, distance);
    }
    this.distances.set(plan, own);
    this.plans.push(plan);
    if (!this.best || plan.cost < this.best.cost - 1e-9) this.best = plan;
    if (this.plans.length >= this.settings.size + this.settings.generation) this.survivors();
    this.rank();
  }

  private remove(index: number): void {
    const [gone] = this.plans.splice(index, 1);
    this.distances.delete(gone);
    for (const other of this.plans) this.distances.get(other)!.delete(gone);
  }

  private rank(): void {
    const plans = this.plans;
    const count = plans.length;
    this.fitness = new Map();
    if (count <= 1) {
      for (const plan of plans) this.fitness.set(plan, 0);
      return;
    }
    const diversity = plans.map((plan) => {
      const list = Array.from(this.distances.get(plan)!.values()).sort((a, b) => a - b);
      const k = Math.min(this.settings.closest, list.length);
      let sum = 0;
      for (let i = 0; i < k; i++) sum += list[i];
      return k > 0 ? sum / k : 0;
    });
    const byCost = plans.map((_, i) => i).sort((a, b) => plans[a].cost - plans[b].cost || a - b);
    const byDiversity = plans.map((_, i) => i).sort((a, b) => diversity[b] - diversity[a] || a - b);
    const costRank = new Float64Array(count);
    const diversityRank = new Float64Array(count);
    byCost.forEach((p, r) => (costRank[p] = r / (count - 1)));
    byDiversity.forEach((p, r) => (diversityRank[p] = r / (count - 1)));
    const weight = count > this.settings.elite ? 1 - this.settings.elite / count : 0;
    plans.forEach((plan, i) => this.fitness.set(plan, costRank[i] + weight * diversityRank[i]));
  }

  private survivors(): void {
    while (this.plans.length > this.settings.size) {
      // A clone (distance 0 to another plan) goes first, else the worst biased fitness.
      let out = this.plans.findIndex((plan) => plan !== this.best && Array.from(this.distances.get(plan)!.values()).some((d) => d === 0));
      if (out < 0) {
        this.rank();
        for (let i = 0; i < this.plans.length; i++) {
          if (this.plans[i] !== this.best && (out < 0 || this.fitness.get(this.plans[i])! > this.fitness.get(this.plans[out])!)) out = i;
        }
      }
      this.remove(out);
    }
  }

  /** Binary tournament: the fitter of two plans drawn at random. */
  parent(): T {
    const { random } = this.settings;
    const a = this.plans[Math.floor(random() * this.plans.length)];
    const b = this.plans[Math.floor(random() * this.plans.length)];
    return this.fitness.get(a)! <= this.fitness.get(b)! ? a : b;
  }
}

interface Plan extends Member {
  routes: number[][];
  tour: number[];
}

export function solveHgs(instance: CvrpInstance, options: HgsOptions): CvrpSolution {
  const { size, demand, capacity, depot } = instance;
  const random = seededRandom(options.seed ?? 1);
  const clock = options.clock ?? Date.now;
  const timeLimit = options.timeLimitMs ?? Number.POSITIVE_INFINITY;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxIterations) && !Number.isFinite(timeLimit)) throw new Error('solveHgs: give maxIterations or timeLimitMs');
  const started = clock();
  const customers: number[] = [];
  for (let i = 0; i < size; i++) if (i !== depot) customers.push(i);
  if (customers.length === 0) return { routes: [], cost: 0, iterations: 0 };
  const n = customers.length;
  const neighbours = neighbourLists(instance, customers);

  const elite = Math.max(0, Math.floor(options.elite ?? 4));
  const closest = Math.max(1, Math.floor(options.closest ?? 5));
  const granularity = Math.max(1, Math.floor(options.granularity ?? 20));
  const education = options.education ?? 'sisr';
  // With SISR as education, fewer and stronger children: 10,000 iterations each, μ = λ = 8 (HGS's μ = 25, λ = 40 with local search).
  const sisrIterations = Math.max(1, Math.floor(options.sisrIterations ?? 10_000));
  const mu = Math.max(2, Math.floor(options.populationSize ?? (education === 'sisr' ? 8 : 25)));
  const lambda = Math.max(1, Math.floor(options.generationSize ?? (education === 'sisr' ? 8 : 40)));
  const maxRoutes = instance.maxRoutes;
  const excessShare = options.excessShare ?? 1;
  const lsData = { size, cost: instance.cost, demand, capacity, depot, neighbours, granularity, swapStar: true };
  let scale = 0;
  for (const c of customers) scale += instance.cost[c * size + neighbours[c][0]] || 0;
  scale = Math.max(1e-9, scale / n);
  let meanDemand = 0;
  for (const c of customers) meanDemand += demand[c];
  meanDemand = Math.max(1e-9, meanDemand / n);
  const excessPrice = (10 * scale) / meanDemand;
  const timeUp = () => (Number.isFinite(timeLimit) && clock() - started >= timeLimit) || (options.shouldStop?.() ?? false);

  const loadsOf = (routes: number[][]) => routes.map((route) => route.reduce((load, c) => load + demand[c], 0));
  const feasible = (routes: number[][]) => (maxRoutes === undefined || routes.length <= maxRoutes) && loadsOf(routes).every((load) => load <= capacity + 1e-9);
  /** A child's routes to a local optimum; null when it stays infeasible. `fleet`: a fleet limit for this child only. */
  const educate = (routes: number[][], fleet?: number): number[][] | null => {
    let result = routes;
    if (education === 'sisr') {
      result = solveCvrp(fleet === undefined ? instance : { ...instance, maxRoutes: fleet }, { initial: routes, maxIterations: sisrIterations, seed: Math.floor(random() * 2147483646) + 1, neighbours, finalPolish: granularity, excessPenalty: options.excessPenalty && random() < excessShare, feasibleShare: options.feasibleShare, excessUntil: options.excessUntil, initialTemperature: scale, finalTemperature: scale / 100 }).routes;
    } else if (loadsOf(routes).every((load) => load <= capacity + 1e-9)) {
      const loads = loadsOf(routes);
      improveRoutes(lsData, routes, loads);
      result = routes.filter((route) => route.length > 0);
    }
    return feasible(result) ? result : null;
  };
  const plan = (routes: number[][]): Plan => {
    const next = new Int32Array(size).fill(depot);
    const previous = new Int32Array(size).fill(depot);
    const tour: number[] = [];
    for (const route of routes) {
      for (let p = 0; p < route.length; p++) {
        tour.push(route[p]);
        if (p > 0) previous[route[p]] = route[p - 1];
        if (p < route.length - 1) next[route[p]] = route[p + 1];
      }
    }
    return { routes, cost: solutionCost(instance, routes), tour, next, previous };
  };
  const cut = (tour: number[], fleet = maxRoutes) => splitTour(instance, tour, fleet) ?? (fleet !== undefined ? splitTour(instance, tour, fleet, excessPrice) : null) ?? splitTour(instance, tour);
  const fleetReduction = maxRoutes === undefined && education === 'sisr' ? Math.max(0, Math.min(1, options.fleetReduction ?? 0)) : 0;
  let totalDemand = 0;
  for (const c of customers) totalDemand += demand[c];
  const leastRoutes = Math.max(1, Math.ceil(totalDemand / capacity - 1e-9));

  const population = new Population<Plan>({ size: mu, generation: lambda, elite, closest, end: depot, customers: n, random });

  // The first plans: random giant tours, split and educated.
  const initialSize = Math.max(2, Math.floor(options.initialSize ?? (education === 'sisr' ? mu : 4 * mu)));
  let iteration = 0;
  for (let k = 0; k < initialSize && iteration < maxIterations; k++, iteration++) {
    if (k > 0 && timeUp()) break;
    const tour = customers.slice();
    for (let i = tour.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [tour[i], tour[j]] = [tour[j], tour[i]];
    }
    const routes = cut(tour);
    const educated = routes && educate(routes);
    if (educated) population.add(plan(educated));
  }
  for (; iteration < maxIterations; iteration++) {
    if (timeUp() || population.plans.length < 2) break;
    const a = population.parent();
    let b = population.parent();
    for (let tries = 0; b === a && tries < 5; tries++) b = population.parent();
    const start = Math.floor(random() * n);
    let end = Math.floor(random() * n);
    if (end === start) end = (start + 1) % n;
    const fewer = fleetReduction > 0 && population.best !== null && population.best.routes.length - 1 >= leastRoutes && random() < fleetReduction ? population.best.routes.length - 1 : undefined;
    const routes = cut(orderedCrossover(a.tour, b.tour, start, end, size), fewer);
    const educated = routes && educate(routes, fewer);
    if (educated) population.add(plan(educated));
    if ((iteration & 63) === 0 && population.best) options.onProgress?.({ iteration, best: population.best.cost });
  }
  const answer = population.best;
  if (!answer) {
    // Nothing feasible was found: the plain split of the identity tour (within capacity, fleet ignored).
    const routes = splitTour(instance, customers) ?? customers.map((c) => [c]);
    return { routes, cost: solutionCost(instance, routes), iterations: iteration };
  }
  return { routes: answer.routes.map((route) => route.slice()), cost: answer.cost, iterations: iteration };
}
