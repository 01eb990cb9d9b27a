/**
 * Runs a lighting scenario in Node on a territory and prints the totals as JSON:
 *
 *   npm run lighting -- --scenario FILE [--year YYYY] [--manifest public/demo/manifest.json] [--baseline FILE]
 *
 * The baseline is the scenario's `baseline`: `as-today` is built in; any other id needs --baseline.
 * --year sets the calendar year when the scenario names no period (default: the current year).
 * Exit codes: 0 done, 1 invalid scenario or territory, 2 wrong usage.
 */
import { readFile } from 'node:fs/promises';
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { asTodayScenario } from '../../src/domain/lighting/presets';
import { AS_TODAY_SCENARIO_ID, validateScenario, type Scenario } from '../../src/domain/lighting/scenario';
import { runComparison, type LightingResult, type LightingTerritory } from './engine';

const USAGE = 'Usage: npm run lighting -- --scenario FILE [--year YYYY] [--manifest public/demo/manifest.json] [--baseline FILE]';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

async function readScenario(path: string, territory: LightingTerritory): Promise<Scenario> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    fail(`${path}: cannot read the scenario as JSON (${(error as Error).message})`, 1);
  }
  const validation = validateScenario(json, territory);
  if (!validation.ok) fail(`${path}: invalid scenario\n${validation.problems.map((problem) => `  - ${problem.message}`).join('\n')}`, 1);
  return validation.scenario;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

function summary(result: LightingResult) {
  const totals = result.totals;
  return {
    id: result.scenarioId,
    name: result.scenarioName,
    period: result.period,
    nights: result.nightCount,
    lamps: totals.lampCount,
    installedKw: round(totals.installedKw),
    peakKw: round(totals.peakKw),
    meanBurningHoursPerLamp: round(totals.meanBurningHoursPerLamp, 1),
    meanFullPowerEquivalentHoursPerLamp: round(totals.meanFullPowerEquivalentHoursPerLamp, 1),
    meanDarkHoursPerLamp: round(totals.meanDarkHoursPerLamp, 1),
    energyKwh: round(totals.energyKwh, 0),
    costEuros: round(totals.costEuros, 0),
    emissionsKgCo2e: round(totals.emissionsKgCo2e, 0),
    retrofit: {
      lamps: result.retrofit.total.lampCount,
      investmentEuros: round(result.retrofit.total.investmentEuros, 0),
      costSavedEurosPerYear: round(result.retrofit.total.costSavedEurosPerYear, 0),
      paybackYears: result.retrofit.total.paybackYears === null ? null : round(result.retrofit.total.paybackYears, 1),
    },
    regulatory: regulatorySummary(result),
  };
}

/** Per rule: how many lamps and which zones; the full lists are in the engine's result. */
function regulatorySummary(result: LightingResult) {
  const byRule: Record<string, { lamps: number; zones: string[] }> = {};
  for (const finding of result.regulatory.findings) {
    const entry = (byRule[finding.rule] ??= { lamps: 0, zones: [] });
    entry.lamps += finding.lampIds.length;
    if (!entry.zones.includes(finding.zoneId)) entry.zones.push(finding.zoneId);
  }
  const notChecked: Record<string, { lamps: number; zones: string[] }> = {};
  for (const item of result.regulatory.notChecked) {
    const entry = (notChecked[item.rule] ??= { lamps: 0, zones: [] });
    entry.lamps += item.lampCount;
    entry.zones.push(item.zoneId);
  }
  return { findings: byRule, notChecked };
}

async function main(): Promise<void> {
  const scenarioPath = option('scenario');
  if (scenarioPath === undefined) fail(USAGE, 2);
  const yearText = option('year');
  const year = yearText === undefined ? new Date().getFullYear() : Number(yearText);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) fail(`--year: expected a year such as 2026, got "${yearText}"\n${USAGE}`, 2);
  const manifestPath = option('manifest') ?? 'public/demo/manifest.json';

  const loaded = await loadTerritoryFromFile(manifestPath);
  if (loaded.problems.length > 0) {
    console.error(`${manifestPath}: ${loaded.problems.length} problem(s) while loading; the valid features are used`);
    for (const problem of loaded.problems.slice(0, 5)) console.error(`  - ${JSON.stringify(problem)}`);
  }
  const territory = loaded.territory;
  if (territory.streetLights.length === 0) fail(`${manifestPath}: no street lights loaded`, 1);

  const scenario = await readScenario(scenarioPath, territory);
  const baselinePath = option('baseline');
  let baseline: Scenario;
  if (baselinePath !== undefined) baseline = await readScenario(baselinePath, territory);
  else if (scenario.baseline === AS_TODAY_SCENARIO_ID) baseline = asTodayScenario(territory);
  else fail(`${scenarioPath}: baseline "${scenario.baseline}" is not built in; pass its file with --baseline`, 2);

  const started = performance.now();
  const comparison = runComparison(scenario, baseline, territory, { year });
  const milliseconds = performance.now() - started;
  if (comparison === null) fail('stopped', 1);

  const difference = comparison.difference;
  const output = {
    territory: territory.name,
    manifest: manifestPath,
    parameters: Object.fromEntries(
      Object.entries(comparison.scenario.parameters).map(([key, value]) => [key, { value: value.value, unit: value.unit, unverified: value.unverified, source: value.source }]),
    ),
    scenario: summary(comparison.scenario),
    baseline: summary(comparison.baseline),
    difference: {
      energyKwh: round(difference.totals.energyKwh, 0),
      costEuros: round(difference.totals.costEuros, 0),
      emissionsKgCo2e: round(difference.totals.emissionsKgCo2e, 0),
      meanBurningHoursPerLamp: round(difference.totals.meanBurningHoursPerLamp, 1),
      meanDarkHoursPerLamp: round(difference.totals.meanDarkHoursPerLamp, 1),
      peakKw: round(difference.totals.peakKw),
      energySavedPercent: round(difference.energySavedRatio * 100, 1),
      costSavedPercent: round(difference.costSavedRatio * 100, 1),
      burningHoursSavedPercent: round(difference.burningHoursSavedRatio * 100, 1),
      combinedPaybackYears: difference.combinedPaybackYears === null ? null : round(difference.combinedPaybackYears, 1),
    },
    milliseconds: round(milliseconds, 0),
  };
  console.log(JSON.stringify(output, null, 2));
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1));
