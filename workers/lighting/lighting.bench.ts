/**
 * Benchmark of the lighting engine: `npm run bench:lighting`. Seeded synthetic territories of 1k,
 * 10k and 100k lamps, a scenario with several schedules, cabinet overrides and a retrofit, run over
 * the 365 nights of 2026 (sun times, profiles, per-lamp columns, groups, peaks, regulatory checks).
 * One JSON line per size, the median of the timed runs after a warm-up. Target: 100k < 1 s.
 * `ms` is one scenario run; `comparisonMs` is a scenario and its baseline, as the UI asks for.
 */
import { asTodayScenario } from '../../src/domain/lighting/presets';
import { runComparison, runScenario } from './engine';
import { syntheticScenario, syntheticTerritory } from './fixtures';

const SIZES = [1_000, 10_000, 100_000];
const SEED = 20261123;
const YEAR = 2026;
const WARM_UP_RUNS = 2;
const TIMED_RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const lamps of SIZES) {
  const territory = syntheticTerritory(lamps, SEED);
  const scenario = syntheticScenario(territory);
  const baseline = asTodayScenario(territory);
  // Fresh copies per run, so that the per-(scenario, territory) plan cache does not hide the preparation.
  const freshScenario = () => structuredClone(scenario);
  for (let run = 0; run < WARM_UP_RUNS; run++) runComparison(freshScenario(), baseline, territory, { year: YEAR });
  const single: number[] = [];
  const comparison: number[] = [];
  let schedules = 0;
  for (let run = 0; run < TIMED_RUNS; run++) {
    let started = performance.now();
    const result = runScenario(freshScenario(), territory, { year: YEAR });
    single.push(performance.now() - started);
    schedules = result?.schedules.sources.length ?? 0;
    const freshBaseline = structuredClone(baseline);
    started = performance.now();
    runComparison(freshScenario(), freshBaseline, territory, { year: YEAR });
    comparison.push(performance.now() - started);
  }
  console.log(
    JSON.stringify({
      bench: 'lighting',
      lamps,
      nights: 365,
      schedules,
      ms: Number(median(single).toFixed(1)),
      comparisonMs: Number(median(comparison).toFixed(1)),
    }),
  );
}
