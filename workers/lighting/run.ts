/**
 * Runs of a scenario over its period, and the comparison of a scenario with its baseline.
 */
import { resolvePeriod, type Scenario } from '../../src/domain/lighting/scenario';
import { dateFromEpochDay, formatIsoDate } from '../../src/domain/lighting/localTime';
import type { Nights } from './nights';
import { computeProfile, levelAt, type ScheduleProfile } from './schedules';
import { checkRegulations } from './regulations';
import { DISCHARGE, nightsFor, prepareScenario } from './plan';
import type { GroupResults, LightingComparison, LightingResult, LightingTerritory, LightingTotals, RetrofitPlanSummary, RetrofitSummary, TotalsDifference } from './api';

export interface RunOptions {
  /** The calendar year used when the scenario names no period. */
  year: number;
  /** Called with a fraction 0–1 as the work advances. */
  onProgress?: (fraction: number) => void;
  /** Polled between chunks of work; returning true stops the run, which then returns null. */
  shouldStop?: () => boolean;
}

const LAMP_CHUNK = 16_384;


function emptyGroups(ids: string[]): GroupResults {
  const size = ids.length;
  return {
    ids,
    lampCount: new Int32Array(size),
    installedKw: new Float64Array(size),
    lampBurningHours: new Float64Array(size),
    energyKwh: new Float64Array(size),
    costEuros: new Float64Array(size),
    emissionsKgCo2e: new Float64Array(size),
    lampDarkHours: new Float64Array(size),
  };
}

/** Highest total power of several schedules drawing `kw` each at full level, over all nights. */
function combinedPeakKw(scheduleIndices: number[], kw: number[], profiles: ScheduleProfile[], nightCount: number): number {
  if (scheduleIndices.length === 1) return kw[0] * profiles[scheduleIndices[0]].maxLevel;
  let peak = 0;
  for (let night = 0; night < nightCount; night++) {
    for (const scheduleIndex of scheduleIndices) {
      const profile = profiles[scheduleIndex];
      for (let segment = profile.nightSegmentStart[night]; segment < profile.nightSegmentStart[night + 1]; segment++) {
        const time = profile.segmentStartSeconds[segment];
        let sum = 0;
        for (let k = 0; k < scheduleIndices.length; k++) sum += kw[k] * levelAt(profiles[scheduleIndices[k]], night, time);
        if (sum > peak) peak = sum;
      }
    }
  }
  return peak;
}

/**
 * The run as a generator: yields progress fractions between chunks of work and returns the
 * result. `runScenario` drives it synchronously; the worker drives it with pauses, so that a
 * cancel message can arrive. Pass `nights` to share them between runs over the same period.
 */
export function* runScenarioSteps(
  scenario: Scenario,
  territory: LightingTerritory,
  year: number,
  sharedNights?: Nights,
): Generator<number, LightingResult, void> {
  const plan = prepareScenario(scenario, territory);
  yield 0.05;
  const nights = sharedNights ?? nightsFor(scenario, territory, year);
  const period = resolvePeriod(scenario, year);
  yield 0.2;

  const profiles: ScheduleProfile[] = [];
  for (let index = 0; index < plan.schedules.length; index++) {
    profiles.push(computeProfile(plan.schedules[index], nights));
    if (index % 16 === 15) yield 0.2 + (0.2 * index) / plan.schedules.length;
  }
  yield 0.4;

  const { parameters } = plan;
  const price = parameters.electricityPriceEurPerKwh.value;
  const emissionFactor = parameters.electricityEmissionKgPerKwh.value;
  const lampCount = territory.streetLights.length;
  const scheduleCount = plan.schedules.length;
  const scheduleBurning = Float64Array.from(profiles, (profile) => profile.burningHours);
  const scheduleFullPower = Float64Array.from(profiles, (profile) => profile.fullPowerEquivalentHours);
  const scheduleDark = Float64Array.from(profiles, (profile) => profile.darkHours);
  const scheduleLampCount = new Int32Array(scheduleCount);
  const scheduleKw = new Float64Array(scheduleCount);

  const lamps: LightingResult['lamps'] = {
    scheduleIndex: plan.lampScheduleIndex.slice(),
    retrofitIndex: plan.lampRetrofitIndex.slice(),
    powerWatts: plan.lampPowerWatts.slice(),
    colourTemperatureKelvin: plan.lampColourTemperatureKelvin.slice(),
    burningHours: new Float64Array(lampCount),
    fullPowerEquivalentHours: new Float64Array(lampCount),
    energyKwh: new Float64Array(lampCount),
    costEuros: new Float64Array(lampCount),
    emissionsKgCo2e: new Float64Array(lampCount),
    darkHours: new Float64Array(lampCount),
  };
  const cabinets = { ...emptyGroups(territory.cabinets.map((cabinet) => cabinet.id)), peakKw: new Float64Array(territory.cabinets.length) };
  const zones = emptyGroups(territory.lightingZones.map((zone) => zone.id));
  const communes = emptyGroups(territory.communes.map((commune) => commune.id));
  const groupsOf = [cabinets, zones, communes];
  const indicesOf = [plan.lampCabinetIndex, plan.lampZoneIndex, plan.lampCommuneIndex];

  const nightsPerYear = nights.count > 0 ? 365 / nights.count : 0;
  const retrofitCount = scenario.retrofits.length;
  const retrofitLamps = new Float64Array(retrofitCount);
  const retrofitKwhSaved = new Float64Array(retrofitCount);

  // Cabinets fed by a single schedule (the usual case) have their peak from that schedule's level.
  const cabinetFirstSchedule = new Int32Array(territory.cabinets.length).fill(-1);
  const cabinetMixed = new Uint8Array(territory.cabinets.length);

  let totalEnergy = 0;
  let totalBurning = 0;
  let totalFullPower = 0;
  let totalDark = 0;
  let totalInstalledKw = 0;
  for (let chunkStart = 0; chunkStart < lampCount; chunkStart += LAMP_CHUNK) {
    const chunkEnd = Math.min(lampCount, chunkStart + LAMP_CHUNK);
    for (let lamp = chunkStart; lamp < chunkEnd; lamp++) {
      const schedule = plan.lampScheduleIndex[lamp];
      const kw = (plan.lampPowerWatts[lamp] * plan.lampElectricalFactor[lamp]) / 1000;
      const burning = scheduleBurning[schedule];
      const fullPower = scheduleFullPower[schedule];
      const dark = scheduleDark[schedule];
      const energy = kw * fullPower;
      lamps.burningHours[lamp] = burning;
      lamps.fullPowerEquivalentHours[lamp] = fullPower;
      lamps.energyKwh[lamp] = energy;
      lamps.costEuros[lamp] = energy * price;
      lamps.emissionsKgCo2e[lamp] = energy * emissionFactor;
      lamps.darkHours[lamp] = dark;
      scheduleLampCount[schedule]++;
      scheduleKw[schedule] += kw;
      totalEnergy += energy;
      totalBurning += burning;
      totalFullPower += fullPower;
      totalDark += dark;
      totalInstalledKw += kw;
      for (let level = 0; level < 3; level++) {
        const group = indicesOf[level][lamp];
        if (group < 0) continue;
        const groups = groupsOf[level];
        groups.lampCount[group]++;
        groups.installedKw[group] += kw;
        groups.lampBurningHours[group] += burning;
        groups.energyKwh[group] += energy;
        groups.lampDarkHours[group] += dark;
      }
      const cabinet = plan.lampCabinetIndex[lamp];
      if (cabinet >= 0) {
        if (cabinetFirstSchedule[cabinet] === -1) cabinetFirstSchedule[cabinet] = schedule;
        else if (cabinetFirstSchedule[cabinet] !== schedule) cabinetMixed[cabinet] = 1;
      }
      const retrofit = plan.lampRetrofitIndex[lamp];
      if (retrofit >= 0) {
        const oldKw = (plan.lampOriginalPowerWatts[lamp] * plan.lampOriginalElectricalFactor[lamp]) / 1000;
        retrofitLamps[retrofit]++;
        retrofitKwhSaved[retrofit] += (oldKw - kw) * fullPower;
      }
    }
    yield 0.4 + (0.45 * chunkEnd) / lampCount;
  }
  for (const groups of groupsOf) {
    for (let index = 0; index < groups.ids.length; index++) {
      groups.costEuros[index] = groups.energyKwh[index] * price;
      groups.emissionsKgCo2e[index] = groups.energyKwh[index] * emissionFactor;
    }
  }

  // Peaks: per cabinet, and for the whole territory.
  const mixedCabinetSchedules = new Map<number, Map<number, number>>();
  for (let lamp = 0; lamp < lampCount; lamp++) {
    const cabinet = plan.lampCabinetIndex[lamp];
    if (cabinet < 0 || cabinetMixed[cabinet] === 0) continue;
    let bySchedule = mixedCabinetSchedules.get(cabinet);
    if (bySchedule === undefined) {
      bySchedule = new Map();
      mixedCabinetSchedules.set(cabinet, bySchedule);
    }
    const schedule = plan.lampScheduleIndex[lamp];
    bySchedule.set(schedule, (bySchedule.get(schedule) ?? 0) + (plan.lampPowerWatts[lamp] * plan.lampElectricalFactor[lamp]) / 1000);
  }
  for (let cabinet = 0; cabinet < territory.cabinets.length; cabinet++) {
    const first = cabinetFirstSchedule[cabinet];
    if (first < 0) continue;
    if (cabinetMixed[cabinet] === 0) {
      cabinets.peakKw[cabinet] = cabinets.installedKw[cabinet] * profiles[first].maxLevel;
    } else {
      const bySchedule = mixedCabinetSchedules.get(cabinet)!;
      cabinets.peakKw[cabinet] = combinedPeakKw([...bySchedule.keys()], [...bySchedule.values()], profiles, nights.count);
    }
  }
  const usedSchedules: number[] = [];
  const usedKw: number[] = [];
  for (let schedule = 0; schedule < scheduleCount; schedule++) {
    if (scheduleLampCount[schedule] > 0) {
      usedSchedules.push(schedule);
      usedKw.push(scheduleKw[schedule]);
    }
  }
  const peakKw = usedSchedules.length === 0 ? 0 : combinedPeakKw(usedSchedules, usedKw, profiles, nights.count);
  yield 0.9;

  const nightlyEnergy = new Float64Array(nights.count);
  for (let schedule = 0; schedule < scheduleCount; schedule++) {
    const kw = scheduleKw[schedule];
    if (kw === 0) continue;
    const fullPowerSeconds = profiles[schedule].fullPowerSeconds;
    for (let night = 0; night < nights.count; night++) nightlyEnergy[night] += (kw * fullPowerSeconds[night]) / 3600;
  }
  const eveningDates: string[] = [];
  const sunsetMs = new Float64Array(nights.count);
  const sunriseMs = new Float64Array(nights.count);
  for (let night = 0; night < nights.count; night++) {
    eveningDates.push(formatIsoDate(dateFromEpochDay(nights.eveningEpochDay[night])));
    sunsetMs[night] = nights.noonMs[night] + nights.sunsetSeconds[night] * 1000;
    sunriseMs[night] = nights.noonMs[night] + nights.sunriseSeconds[night] * 1000;
  }

  const summarise = (label: string, lampsReplaced: number, investment: number, kwhSaved: number): RetrofitPlanSummary => {
    const energySavedKwhPerYear = kwhSaved * nightsPerYear;
    const costSavedEurosPerYear = energySavedKwhPerYear * price;
    return {
      label,
      lampCount: lampsReplaced,
      investmentEuros: investment,
      energySavedKwhPerYear,
      costSavedEurosPerYear,
      paybackYears: costSavedEurosPerYear > 0 ? investment / costSavedEurosPerYear : null,
    };
  };
  const planSummaries = scenario.retrofits.map((retrofit, index) =>
    summarise(retrofit.label, retrofitLamps[index], retrofitLamps[index] * retrofit.unitCostEuros, retrofitKwhSaved[index]),
  );
  const retrofit: RetrofitSummary = {
    plans: planSummaries,
    total: summarise(
      'all retrofits',
      planSummaries.reduce((sum, summary) => sum + summary.lampCount, 0),
      planSummaries.reduce((sum, summary) => sum + summary.investmentEuros, 0),
      retrofitKwhSaved.reduce((sum, value) => sum + value, 0),
    ),
  };

  const regulatory = checkRegulations(scenario, territory, plan, profiles, nights);
  yield 1;

  return {
    scenarioId: scenario.id,
    scenarioName: scenario.name,
    period,
    nightCount: nights.count,
    parameters,
    lamps,
    cabinets,
    zones,
    communes,
    schedules: {
      sources: plan.schedules.map((schedule) => [...schedule.sources]),
      lampCount: scheduleLampCount,
      burningHours: scheduleBurning,
      fullPowerEquivalentHours: scheduleFullPower,
      darkHours: scheduleDark,
    },
    nights: { eveningDates, sunsetMs, sunriseMs, energyKwh: nightlyEnergy },
    totals: {
      lampCount,
      installedKw: totalInstalledKw,
      peakKw,
      lampBurningHours: totalBurning,
      meanBurningHoursPerLamp: lampCount > 0 ? totalBurning / lampCount : 0,
      meanFullPowerEquivalentHoursPerLamp: lampCount > 0 ? totalFullPower / lampCount : 0,
      energyKwh: totalEnergy,
      costEuros: totalEnergy * price,
      emissionsKgCo2e: totalEnergy * emissionFactor,
      lampDarkHours: totalDark,
      meanDarkHoursPerLamp: lampCount > 0 ? totalDark / lampCount : 0,
    },
    retrofit,
    regulatory,
  };
}

function drive<T>(steps: Generator<number, T, void>, options: Pick<RunOptions, 'onProgress' | 'shouldStop'>): T | null {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    options.onProgress?.(step.value);
    if (options.shouldStop?.() === true) return null;
  }
}

/** Runs one scenario over its period; null when `shouldStop` said so. */
export function runScenario(scenario: Scenario, territory: LightingTerritory, options: RunOptions): LightingResult | null {
  return drive(runScenarioSteps(scenario, territory, options.year), options);
}

function subtractColumns(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let index = 0; index < a.length; index++) out[index] = a[index] - b[index];
  return out;
}

/** Scenario minus baseline. Both must come from the same territory and period. */
export function compareResults(scenario: LightingResult, baseline: LightingResult): TotalsDifference {
  if (scenario.nightCount !== baseline.nightCount || scenario.totals.lampCount !== baseline.totals.lampCount) {
    throw new Error(
      `compareResults: results differ in period (${scenario.nightCount} and ${baseline.nightCount} nights) or lamps (${scenario.totals.lampCount} and ${baseline.totals.lampCount}); compare runs of the same territory and period`,
    );
  }
  const totals = {} as LightingTotals;
  for (const key of Object.keys(scenario.totals) as (keyof LightingTotals)[]) totals[key] = scenario.totals[key] - baseline.totals[key];
  const ratio = (saved: number, base: number): number => (base > 0 ? saved / base : 0);
  const groupDifference = (a: GroupResults, b: GroupResults) => ({
    energyKwh: subtractColumns(a.energyKwh, b.energyKwh),
    costEuros: subtractColumns(a.costEuros, b.costEuros),
    lampDarkHours: subtractColumns(a.lampDarkHours, b.lampDarkHours),
  });
  const costSavedPerYear = scenario.nightCount > 0 ? ((baseline.totals.costEuros - scenario.totals.costEuros) * 365) / scenario.nightCount : 0;
  const investment = scenario.retrofit.total.investmentEuros - baseline.retrofit.total.investmentEuros;
  return {
    totals,
    energySavedRatio: ratio(baseline.totals.energyKwh - scenario.totals.energyKwh, baseline.totals.energyKwh),
    costSavedRatio: ratio(baseline.totals.costEuros - scenario.totals.costEuros, baseline.totals.costEuros),
    burningHoursSavedRatio: ratio(baseline.totals.lampBurningHours - scenario.totals.lampBurningHours, baseline.totals.lampBurningHours),
    cabinets: groupDifference(scenario.cabinets, baseline.cabinets),
    zones: groupDifference(scenario.zones, baseline.zones),
    communes: groupDifference(scenario.communes, baseline.communes),
    lampDarkHours: subtractColumns(scenario.lamps.darkHours, baseline.lamps.darkHours),
    combinedPaybackYears: investment > 0 && costSavedPerYear > 0 ? investment / costSavedPerYear : null,
  };
}

/**
 * Baseline results kept by their real inputs: the territory (the object given to the worker: its
 * lamps, cabinets, zones and parameters), the baseline scenario as run (schedules, retrofits,
 * parameters) and its period, which is the compared scenario's. A session compares several
 * scenarios with the same "today" over the same year: the baseline is then run once. Results go
 * in and out as copies, so that transferring a comparison to the page never empties the cache.
 */
export class BaselineCache {
  private territory: LightingTerritory | null = null;
  private readonly results = new Map<string, LightingResult>();
  /** Runs saved by the cache since it was made (for the tests). */
  hits = 0;

  constructor(private readonly capacity = 4) {}

  static key(baselineOnPeriod: Scenario, year: number): string {
    return `${year}|${JSON.stringify(baselineOnPeriod)}`;
  }

  get(territory: LightingTerritory, key: string): LightingResult | null {
    if (territory !== this.territory) return null;
    const found = this.results.get(key);
    if (!found) return null;
    this.hits++;
    // Most recently used last.
    this.results.delete(key);
    this.results.set(key, found);
    return structuredClone(found);
  }

  set(territory: LightingTerritory, key: string, result: LightingResult): void {
    if (territory !== this.territory) {
      this.results.clear();
      this.territory = territory;
    }
    this.results.set(key, structuredClone(result));
    while (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value!);
  }
}

/**
 * Runs a scenario and its baseline over the scenario's period (the baseline's own period is not
 * used) and compares them. The nights are computed once for both; with a `cache`, a baseline
 * already run on the same inputs is taken from it instead of being run again.
 */
export function* runComparisonSteps(
  scenario: Scenario,
  baseline: Scenario,
  territory: LightingTerritory,
  year: number,
  cache?: BaselineCache,
): Generator<number, LightingComparison, void> {
  const nights = nightsFor(scenario, territory, year);
  const baselineOnSamePeriod: Scenario = { ...baseline, period: resolvePeriod(scenario, year) };
  const key = BaselineCache.key(baselineOnSamePeriod, year);
  const cached = cache?.get(territory, key) ?? null;
  const share = cached ? 1 : 0.5;
  const scenarioSteps = runScenarioSteps(scenario, territory, year, nights);
  let step = scenarioSteps.next();
  while (step.done !== true) {
    yield step.value * share;
    step = scenarioSteps.next();
  }
  const scenarioResult = step.value;
  let baselineResult = cached;
  if (baselineResult === null) {
    const baselineSteps = runScenarioSteps(baselineOnSamePeriod, territory, year, nights);
    let baselineStep = baselineSteps.next();
    while (baselineStep.done !== true) {
      yield 0.5 + baselineStep.value * 0.5;
      baselineStep = baselineSteps.next();
    }
    baselineResult = baselineStep.value;
    cache?.set(territory, key, baselineResult);
  }
  return { scenario: scenarioResult, baseline: baselineResult, difference: compareResults(scenarioResult, baselineResult) };
}

/** Runs and compares a scenario with its baseline; null when `shouldStop` said so. */
export function runComparison(scenario: Scenario, baseline: Scenario, territory: LightingTerritory, options: RunOptions & { cache?: BaselineCache }): LightingComparison | null {
  return drive(runComparisonSteps(scenario, baseline, territory, options.year, options.cache), options);
}

/** Every ArrayBuffer of a result, to pass as transferables. */
export function resultTransferables(result: LightingResult | LightingComparison): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(result);
  return [...buffers];
}
