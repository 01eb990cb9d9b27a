/**
 * `npm run bench:cvrp -- [--time-limit SECONDS] [--seed N] [--granularity K] [--cpu-time] [--out DIR] FILE.vrp...`
 * Solves standard CVRP instances (read where they are, e.g. ../shared/bench/cvrp/) with the SISR
 * engine on one thread, prints one JSON line per instance
 * {"instance","n","cost","routes","feasible","seconds","bks","gapPercent"}, writes DIR/NAME.sol,
 * and ends with a summary line: mean gap to the best-known costs of BKS.tsv beside the instances.
 * `--granularity K` turns on the local search on new bests (K neighbours; off by default, it did not pay),
 * `--polish-current` lets the annealing go on from the polished best, `--swap-star` adds SWAP* to that local search,
 * `--polish-accepted` polishes every accepted plan instead of only new bests; `--final-polish K` the
 * neighbours of the last polish of the best plan (default 40, 0: none); `--late-acceptance L` late
 * acceptance with a history of L instead of the annealing; `--insertion-neighbours K` recreate tries only
 * the routes of each customer's K nearest neighbours; `--average-removed C` and `--max-string-length L` SISR's
 * c̄ and L_max (default 10 and 10).
 * `--hgs sisr|ls|off`: the population search of hgs.ts, its children educated by SISR or by the local search, or
 * plain SISR; by default `sisr` from 100 to 200 customers, `off` elsewhere (where it was not measured better);
 * `--hgs-sisr N` SISR iterations per child, `--population`, `--generation`, `--initial-size` μ, λ and the first plans;
 * with the population search `--iterations N` counts its children (first plans included).
 * `--fleet-reduction S`: that share of its children made with one route fewer than its best plan (hgs.ts `fleetReduction`).
 * Default time limit by size, as in the targets of issue 12: 2 s below 100 customers (A and B: at most
 * 79), 10 s from 100 to 200 (X-n101-k25 has 100), 60 s above.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { solveHgs } from './hgs';
import { solveCvrp } from './sisr';
import { checkSolution, formatSol, parseVrp, toInstance } from './vrp';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const timeLimit = option('time-limit');
const seed = Number(option('seed') ?? 1);
const granularity = option('granularity') !== undefined ? Number(option('granularity')) : undefined;
const out = option('out') ?? 'bench-results/cvrp';
// `--cpu-time`: the time limit is read on this process's CPU time, not the wall clock (fair on a shared machine).
const cpuTime = args.includes('--cpu-time');
const cpuClock = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const numeric = (name: string): number | undefined => {
  const value = option(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    console.error(`bench:cvrp: --${name} must be a number, got ${value}`);
    process.exit(2);
  }
  return number;
};
const iterations = numeric('iterations');
const tuning = { maxIterations: iterations, initialTemperature: numeric('t0'), finalTemperature: numeric('tf'), cycles: numeric('cycles') };
const files = args.filter((arg, index) => arg.endsWith('.vrp') && !['--time-limit', '--seed', '--out', '--granularity', '--t0', '--tf', '--cycles', '--iterations', '--final-polish', '--late-acceptance', '--insertion-neighbours', '--average-removed', '--max-string-length', '--hgs', '--hgs-sisr', '--population', '--generation', '--initial-size', '--excess-share', '--feasible-share', '--excess-until', '--fleet-reduction'].includes(args[index - 1] ?? ''));
if (files.length === 0) {
  console.error('usage: npm run bench:cvrp -- [--time-limit SECONDS] [--seed N] [--granularity K] [--cpu-time] [--out DIR] FILE.vrp...');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

/** Best-known costs from a BKS.tsv next to the instances or one folder up. */
function bestKnown(file: string): Map<string, number> {
  const costs = new Map<string, number>();
  for (const folder of [dirname(file), dirname(dirname(file))]) {
    const path = join(folder, 'BKS.tsv');
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
      const [instance, , , cost] = line.split('\t');
      if (instance && cost) costs.set(instance, Number(cost));
    }
    break;
  }
  return costs;
}

const gaps: number[] = [];
for (const file of files) {
  const parsed = parseVrp(readFileSync(file, 'utf8'));
  const name = parsed.name || basename(file, '.vrp');
  const instance = toInstance(parsed);
  const customers = instance.size - 1;
  const seconds = timeLimit ? Number(timeLimit) : customers < 100 ? 2 : customers <= 200 ? 10 : 60;
  const started = performance.now();
  // The population search (hgs.ts) where it measured better at equal CPU time: 100 to 200 customers.
  const hgs = option('hgs') ?? (customers >= 100 && customers <= 200 ? 'sisr' : 'off');
  if (!['sisr', 'ls', 'off'].includes(hgs)) {
    console.error(`bench:cvrp: --hgs must be sisr, ls or off, got ${hgs}`);
    process.exit(2);
  }
  const solution = hgs !== 'off'
    ? solveHgs(instance, { timeLimitMs: iterations ? undefined : seconds * 1000, maxIterations: iterations, seed, education: hgs === 'sisr' ? 'sisr' : 'local-search', sisrIterations: numeric('hgs-sisr'), populationSize: numeric('population'), generationSize: numeric('generation'), initialSize: numeric('initial-size'), excessPenalty: args.includes('--excess'), excessShare: numeric('excess-share'), excessUntil: numeric('excess-until'), fleetReduction: numeric('fleet-reduction'), feasibleShare: option('feasible-share')?.split(',').map(Number) as [number, number] | undefined, granularity, clock: cpuTime ? cpuClock : undefined })
    : solveCvrp(instance, { timeLimitMs: iterations ? undefined : seconds * 1000, seed, granularity, ...tuning, polishCurrent: args.includes('--polish-current'), swapStar: args.includes('--swap-star'), polishAccepted: args.includes('--polish-accepted'), finalPolish: numeric('final-polish'), lateAcceptance: numeric('late-acceptance'), insertionNeighbours: numeric('insertion-neighbours'), averageRemoved: numeric('average-removed'), maxStringLength: numeric('max-string-length'), adaptivePenalty: args.includes('--prohibitive-penalty') ? false : undefined, excessPenalty: args.includes('--excess'), clock: cpuTime ? cpuClock : undefined });
  const elapsed = (performance.now() - started) / 1000;
  const problems = checkSolution(instance, solution.routes);
  writeFileSync(join(out, `${name}.sol`), formatSol(solution.routes, solution.cost, instance.depot));
  const bks = bestKnown(file).get(name);
  const gap = bks ? ((solution.cost - bks) / bks) * 100 : null;
  if (gap !== null) gaps.push(gap);
  console.log(
    JSON.stringify({
      instance: name,
      n: customers,
      cost: Math.round(solution.cost),
      routes: solution.routes.length,
      feasible: problems.length === 0,
      seconds: Math.round(elapsed * 100) / 100,
      iterations: solution.iterations,
      bks: bks ?? null,
      gapPercent: gap === null ? null : Math.round(gap * 100) / 100,
      ...(problems.length > 0 ? { problems: problems.slice(0, 3) } : {}),
    }),
  );
}
const mean = gaps.length ? gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length : null;
console.log(JSON.stringify({ summary: true, instances: files.length, withBks: gaps.length, meanGapPercent: mean === null ? null : Math.round(mean * 100) / 100, maxGapPercent: gaps.length ? Math.round(Math.max(...gaps) * 100) / 100 : null, seed }));
