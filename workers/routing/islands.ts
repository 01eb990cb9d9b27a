/**
 * N searches at once: islands of the rounds engine (rounds.ts) exchanging their best plans.
 *
 * The search is cut into epochs. In each epoch every island runs the ruin-and-recreate search from
 * its plan with its own seed (derived from the seed, the island and the epoch) over its slice of
 * the cooling schedule; at the end of the epoch island i takes the plan of island i − 1 (a ring)
 * when it is better than its own. The answer is the best plan of the last epoch (lowest island
 * first on a tie). With an iteration budget nothing depends on the clock or on which island
 * finishes first, so the result is the same for a given seed and number of islands whether the
 * islands run one after the other (`solveRoundsIslands`) or on N threads (`solveRoundsIslandsWith`
 * and a runner that sends each task to a worker, as the benchmark does with worker_threads).
 */
import { solveRounds, type RoutingOptions, type RoutingProblem, type RoutingSolution } from './rounds';

export interface IslandOptions extends Omit<RoutingOptions, 'seed' | 'initial' | 'coolingFrom' | 'coolingTo' | 'onProgress'> {
  /** Number of islands (threads); 1 is the plain search. */
  threads: number;
  seed?: number;
  /** Epochs the budget is cut into (exchanges = epochs − 1); default 8. */
  epochs?: number;
}

/** One island's work for one epoch: what the runner executes (structured-clone friendly). */
export interface IslandTask {
  island: number;
  epoch: number;
  options: RoutingOptions;
}

export type IslandRunner = (tasks: IslandTask[]) => Promise<RoutingSolution[]>;

/** A seed per island and epoch, spread over 31 bits (island 0 of epoch 0 keeps the given seed). */
export function islandSeed(seed: number, island: number, epoch: number): number {
  if (island === 0 && epoch === 0) return seed;
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (island + 1), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (epoch + 1) ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return (h % 2147483646) + 1;
}

/** Fewer unserved places first, then the lower cost. */
export function better(a: RoutingSolution, b: RoutingSolution): boolean {
  return a.unassigned.length < b.unassigned.length || (a.unassigned.length === b.unassigned.length && a.cost < b.cost - 1e-9);
}

class Schedule {
  readonly threads: number;
  readonly epochs: number;
  private plans: Array<RoutingSolution | null>;
  iterations = 0;

  constructor(private readonly options: IslandOptions) {
    if (!(Number.isInteger(options.threads) && options.threads >= 1)) throw new Error(`islands: threads must be a whole number ≥ 1, got ${options.threads}`);
    this.threads = options.threads;
    this.epochs = Math.max(1, Math.floor(options.epochs ?? 8));
    this.plans = new Array(this.threads).fill(null);
    if (options.maxIterations === undefined && options.timeLimitMs === undefined) throw new Error('islands: give maxIterations or timeLimitMs');
  }

  tasks(epoch: number): IslandTask[] {
    const { threads: _threads, epochs: _epochs, seed, maxIterations, timeLimitMs, shouldStop: _shouldStop, ...rest } = this.options;
    const share = (total: number | undefined) => (total === undefined ? undefined : Math.floor((total * (epoch + 1)) / this.epochs) - Math.floor((total * epoch) / this.epochs));
    return this.plans.map((plan, island) => ({
      island,
      epoch,
      options: {
        ...rest,
        seed: islandSeed(seed ?? 1, island, epoch),
        maxIterations: share(maxIterations),
        timeLimitMs: share(timeLimitMs),
        coolingFrom: epoch / this.epochs,
        coolingTo: (epoch + 1) / this.epochs,
        initial: plan ? plan.routes.map((route) => route.sequence) : undefined,
      },
    }));
  }

  /** Keeps the epoch's plans, then each island takes its predecessor's plan when better. */
  merge(results: RoutingSolution[]): void {
    if (results.length !== this.threads) throw new Error(`islands: ${results.length} results for ${this.threads} islands`);
    for (const result of results) this.iterations += result.iterations;
    const next = results.slice();
    if (this.threads > 1) {
      for (let island = 0; island < this.threads; island++) {
        const from = results[(island + this.threads - 1) % this.threads];
        if (better(from, results[island])) next[island] = from;
      }
    }
    this.plans = next;
  }

  best(): RoutingSolution {
    let best = this.plans[0]!;
    for (const plan of this.plans) if (plan && better(plan, best)) best = plan;
    return { ...best, iterations: this.iterations };
  }
}

/** The islands one after the other on this thread: the same result as on N threads. */
export function solveRoundsIslands(problem: RoutingProblem, options: IslandOptions): RoutingSolution {
  if (options.threads === 1) return solveRounds(problem, { ...options, seed: options.seed });
  const schedule = new Schedule(options);
  for (let epoch = 0; epoch < schedule.epochs; epoch++) {
    // The first epoch always runs (each search returns at least its construction when stopped).
    if (epoch > 0 && options.shouldStop?.()) break;
    schedule.merge(schedule.tasks(epoch).map((task) => solveRounds(problem, { ...task.options, shouldStop: options.shouldStop })));
  }
  return schedule.best();
}

/** The islands through a runner (e.g. one worker per island), epoch by epoch. */
export async function solveRoundsIslandsWith(problem: RoutingProblem, options: IslandOptions, run: IslandRunner): Promise<RoutingSolution> {
  const schedule = new Schedule(options);
  for (let epoch = 0; epoch < schedule.epochs; epoch++) {
    // The first epoch always runs (each search returns at least its construction when stopped).
    if (epoch > 0 && options.shouldStop?.()) break;
    schedule.merge(await run(schedule.tasks(epoch)));
  }
  return schedule.best();
}
