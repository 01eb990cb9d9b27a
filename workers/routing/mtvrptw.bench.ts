/**
 * `npm run bench:mtvrptw -- [--time-limit SECONDS] [--seed N] [--iterations N] [--threads N] [--cpu-time] [--out DIR] FILE.vrp...`
 * Solves MTVRPTWR instances (read where they are, e.g. ../shared/bench/mtvrptw/) with the rounds
 * engine (workers/routing/rounds.ts) on one thread; prints one JSON line per instance
 * {"instance","n","cost","vehicles","trips","feasible","seconds","iterations","optimal","gapPercent"},
 * writes DIR/NAME.sol in the files' format (trips separated by 0, "Cost: N" in tenths), and ends
 * with the mean gap to the optimal costs of the .sol files beside the instances. Feasibility and
 * cost are those of the independent checker (mtvrptw.ts), not the solver's own.
 * Default time limit: 30 s up to 100 clients, 60 s above. `--threads N` runs N islands (islands.ts) on N
 * worker threads, each with the time limit (or the iterations) given; deterministic with `--iterations`.
 * `--population on|off|N`: the population search of roundsPopulation.ts (N: its μ) instead of one engine run, on one
 * thread; off by default (not measured better: see roundsPopulation.ts). `--iterations` then counts its children;
 * `--generation`, `--initial-size`, `--initial-iterations`, `--child-iterations`, `--child-t0-scale` its settings.
 * `--trip-moves P` the share of the engine's iterations that move or swap whole trips (rounds.ts `tripMoves`, default 0.1;
 * 0: none), `--no-trip-splits` without recreate's splits that end a trip's first part with the customer (`tripSplits`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkMtvrptw, formatMtvrptwSol, parseMtvrptw, parseMtvrptwSol, toRoutingProblem } from './mtvrptw';
import { solveRounds } from './rounds';
import { solveRoundsPopulation } from './roundsPopulation';
import { solveRoundsIslandsWith } from './islands';
import { createIslandPool } from './nodeIslandPool';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const valued = ['--granularity', '--time-limit', '--seed', '--out', '--iterations', '--t0', '--tf', '--threads', '--cycles', '--t0-scale', '--average-removed', '--max-string-length', '--population', '--child-iterations', '--generation', '--initial-size', '--initial-iterations', '--child-t0-scale', '--trip-moves'];
const threads = Number(option('threads') ?? 1);
if (!(Number.isInteger(threads) && threads >= 1)) {
  console.error(`bench:mtvrptw: --threads must be a whole number ≥ 1, got ${option('threads')}`);
  process.exit(2);
}
const timeLimit = option('time-limit');
const iterations = option('iterations');
const seed = Number(option('seed') ?? 1);
const out = option('out') ?? 'bench-results/mtvrptw';
// `--cpu-time`: the time limit is read on this process's CPU time, not the wall clock (fair on a shared machine).
const cpuTime = args.includes('--cpu-time');
const cpuClock = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const files = args.filter((arg, index) => arg.endsWith('.vrp') && !valued.includes(args[index - 1] ?? ''));
if (files.length === 0) {
  console.error('usage: npm run bench:mtvrptw -- [--time-limit SECONDS] [--seed N] [--iterations N] [--threads N] [--cpu-time] [--out DIR] FILE.vrp...');
  process.exit(2);
}
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`bench:mtvrptw: ${file} does not exist`);
    process.exit(2);
  }
}
mkdirSync(out, { recursive: true });

const gaps: number[] = [];
let infeasible = 0;
for (const file of files) {
  const name = basename(file, '.vrp');
  const parsed = parseMtvrptw(readFileSync(file, 'utf8'), file);
  const clients = parsed.x.length - 1;
  const seconds = timeLimit ? Number(timeLimit) : clients <= 100 ? 30 : 60;
  const started = performance.now();
  const tuning = { granularity: option('granularity') !== undefined ? Number(option('granularity')) : undefined, initialTemperature: option('t0') ? Number(option('t0')) : undefined, finalTemperature: option('tf') ? Number(option('tf')) : undefined, cycles: option('cycles') ? Number(option('cycles')) : undefined, temperatureScale: option('t0-scale') ? Number(option('t0-scale')) : undefined, averageRemoved: option('average-removed') ? Number(option('average-removed')) : undefined, maxStringLength: option('max-string-length') ? Number(option('max-string-length')) : undefined, mergeTrips: args.includes('--merge-trips') ? true : undefined, tripMoves: option('trip-moves') ? Number(option('trip-moves')) : undefined, tripSplits: args.includes('--no-trip-splits') ? false : args.includes('--trip-splits') ? true : undefined };
  const problem = toRoutingProblem(parsed);
  const stop = iterations ? { maxIterations: Number(iterations), seed, ...tuning } : { timeLimitMs: seconds * 1000, seed, ...tuning, clock: cpuTime && threads === 1 ? cpuClock : undefined };
  let solution;
  // The population search (roundsPopulation.ts) only when asked: it did not measure better at equal CPU time (roundsPopulation.ts).
  const chosen = option('population') ?? 'off';
  if (chosen !== 'on' && chosen !== 'off' && !(Number.isInteger(Number(chosen)) && Number(chosen) >= 2)) {
    console.error(`bench:mtvrptw: --population must be on, off or a whole number ≥ 2, got ${chosen}`);
    process.exit(2);
  }
  const population = chosen === 'off' ? undefined : chosen;
  const numeric = (name: string) => (option(name) !== undefined ? Number(option(name)) : undefined);
  if (population !== undefined && threads === 1) solution = solveRoundsPopulation(problem, { ...stop, populationSize: population === 'on' ? undefined : Number(population), generationSize: numeric('generation'), initialSize: numeric('initial-size'), childIterations: numeric('child-iterations'), initialIterations: numeric('initial-iterations'), childTemperatureScale: numeric('child-t0-scale') });
  else if (threads === 1) solution = solveRounds(problem, stop);
  else {
    const pool = createIslandPool(problem, threads);
    solution = await solveRoundsIslandsWith(problem, { ...stop, threads }, pool.run);
    await pool.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  const routes = solution.routes.map((route) => route.sequence);
  const checked = checkMtvrptw(parsed, routes);
  writeFileSync(join(out, `${name}.sol`), formatMtvrptwSol(routes, parsed.depot, checked.cost));
  const solFile = file.replace(/\.vrp$/, '.sol');
  const optimal = existsSync(solFile) ? parseMtvrptwSol(readFileSync(solFile, 'utf8')).cost : null;
  const feasible = checked.problems.length === 0;
  if (!feasible) infeasible++;
  const gap = optimal && feasible ? ((checked.cost - optimal) / optimal) * 100 : null;
  if (gap !== null) gaps.push(gap);
  console.log(
    JSON.stringify({
      instance: name,
      n: clients,
      cost: checked.cost,
      vehicles: routes.filter((route) => route.length > 0).length,
      trips: routes.reduce((sum, route) => sum + (route.length > 0 ? 1 + route.filter((node) => node === parsed.depot).length : 0), 0),
      feasible,
      seconds: Math.round(elapsed * 100) / 100,
      iterations: solution.iterations,
      optimal,
      gapPercent: gap === null ? null : Math.round(gap * 1000) / 1000,
      ...(feasible ? {} : { problems: checked.problems.slice(0, 3) }),
    }),
  );
}
const mean = gaps.length ? gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length : null;
console.log(JSON.stringify({ summary: true, instances: files.length, withOptimal: gaps.length, infeasible, meanGapPercent: mean === null ? null : Math.round(mean * 1000) / 1000, maxGapPercent: gaps.length ? Math.round(Math.max(...gaps) * 1000) / 1000 : null, seed, threads }));
