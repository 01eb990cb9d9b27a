/**
 * The public-lighting what-if engine: pure, deterministic, stoppable.
 *
 * How it stays fast: the nights of the period (sun times, daylight saving) are computed once for
 * the territory's centre; each distinct schedule is turned into lit intervals night by night once
 * (`computeProfile`); per lamp, everything is then a multiply-add of the schedule's totals by the
 * lamp's power. Per-lamp and per-group results are Float64Array columns in the order of the
 * territory's arrays (`streetLights`, `cabinets`, `lightingZones`, `communes`), so that they cross a
 * worker boundary as transferables.
 *
 * Energy: kWh = power × (1 + ballast losses for sodium and mercury) × full-power-equivalent hours,
 * where a lamp dimmed to 50% for an hour counts half an hour (losses assumed proportional).
 */
import type { LampTechnology, Territory } from '../../src/domain/territory';
import { resolveLightingParameters, type LightingParameters } from '../../src/domain/lighting/parameters';
import { dateFromEpochDay, formatIsoDate, epochDay, parseIsoDate } from '../../src/domain/lighting/localTime';
import { DEFAULT_TIME_ZONE, instantToZonedTime } from '../../src/domain/time/zonedTime';
import { resolvePeriod, type RetrofitPlan, type Scenario, type Schedule } from '../../src/domain/lighting/scenario';
import { buildNights, nightContaining, type Nights } from './nights';
import { compileSchedule, computeProfile, evaluateNight, levelAt, SegmentBuffer, type CompiledSchedule, type ScheduleProfile } from './schedules';
import { checkRegulations, type RegulatoryReport } from './regulations';

/** The parts of a territory the engine reads. A whole `Territory` fits. */
export type LightingTerritory = Pick<Territory, 'bounds' | 'communes' | 'streetLights' | 'cabinets' | 'lightingZones' | 'parameters'> & {
  /** IANA time zone of the territory's clocks (the manifest's `timeZone`); Europe/Paris when absent. */
  timeZone?: string;
};

export interface RunOptions {
  /** The calendar year used when the scenario names no period. */
  year: number;
  /** Called with a fraction 0–1 as the work advances. */
  onProgress?: (fraction: number) => void;
  /** Polled between chunks of work; returning true stops the run, which then returns null. */
  shouldStop?: () => boolean;
}

/** How each lamp is simulated under a scenario: its schedule and its lamp after retrofit. */
export interface ScenarioPlan {
  schedules: CompiledSchedule[];
  lampScheduleIndex: Uint16Array;
  lampPowerWatts: Float64Array;
  /** 1 + ballast losses for discharge lamps, 1 for LED. */
  lampElectricalFactor: Float64Array;
  lampColourTemperatureKelvin: Float64Array;
  lampOriginalPowerWatts: Float64Array;
  lampOriginalElectricalFactor: Float64Array;
  /** Index into the scenario's retrofits, −1 when the lamp is kept. */
  lampRetrofitIndex: Int16Array;
  lampCabinetIndex: Int32Array;
  lampZoneIndex: Int32Array;
  lampCommuneIndex: Int32Array;
  parameters: LightingParameters;
}

export interface GroupResults {
  ids: string[];
  lampCount: Int32Array;
  /** Installed electrical power, ballast losses included, after retrofit. */
  installedKw: Float64Array;
  /** Sum over the group's lamps of their burning hours. */
  lampBurningHours: Float64Array;
  energyKwh: Float64Array;
  costEuros: Float64Array;
  emissionsKgCo2e: Float64Array;
  /** Sum over the group's lamps of their hours dark between sunset and sunrise. */
  lampDarkHours: Float64Array;
}

export interface LightingTotals {
  lampCount: number;
  installedKw: number;
  /** Highest power drawn at any moment of the period by the whole territory. */
  peakKw: number;
  lampBurningHours: number;
  meanBurningHoursPerLamp: number;
  meanFullPowerEquivalentHoursPerLamp: number;
  energyKwh: number;
  costEuros: number;
  emissionsKgCo2e: number;
  lampDarkHours: number;
  meanDarkHoursPerLamp: number;
}

export interface RetrofitPlanSummary {
  label: string;
  lampCount: number;
  investmentEuros: number;
  /** Saving of the new lamps against the old ones under this scenario's schedule, per 365 nights. */
  energySavedKwhPerYear: number;
  costSavedEurosPerYear: number;
  /** Investment over yearly saving; null when nothing is saved. */
  paybackYears: number | null;
}

export interface RetrofitSummary {
  plans: RetrofitPlanSummary[];
  total: RetrofitPlanSummary;
}

export interface LightingResult {
  scenarioId: string;
  scenarioName: string;
  period: { from: string; to: string };
  nightCount: number;
  /** The values used, with their sources. */
  parameters: LightingParameters;
  /** Per lamp, in the order of `territory.streetLights`. */
  lamps: {
    scheduleIndex: Uint16Array;
    retrofitIndex: Int16Array;
    powerWatts: Float64Array;
    colourTemperatureKelvin: Float64Array;
    burningHours: Float64Array;
    fullPowerEquivalentHours: Float64Array;
    energyKwh: Float64Array;
    costEuros: Float64Array;
    emissionsKgCo2e: Float64Array;
    darkHours: Float64Array;
  };
  cabinets: GroupResults & { peakKw: Float64Array };
  zones: GroupResults;
  communes: GroupResults;
  /** The distinct schedules, with where each comes from and its totals for one lamp. */
  schedules: {
    sources: string[][];
    lampCount: Int32Array;
    burningHours: Float64Array;
    fullPowerEquivalentHours: Float64Array;
    darkHours: Float64Array;
  };
  /** Per night: evening date, sun times (UTC ms) and the territory's energy. */
  nights: {
    eveningDates: string[];
    sunsetMs: Float64Array;
    sunriseMs: Float64Array;
    energyKwh: Float64Array;
  };
  totals: LightingTotals;
  retrofit: RetrofitSummary;
  regulatory: RegulatoryReport;
}

const DISCHARGE: Record<LampTechnology, boolean> = { sodium: true, mercury: true, led: false };
const LAMP_CHUNK = 16_384;

function territoryCentre(territory: LightingTerritory): { latitude: number; longitude: number } {
  const { west, south, east, north } = territory.bounds;
  return { latitude: (south + north) / 2, longitude: (west + east) / 2 };
}

function indexById(items: readonly { id: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, index) => map.set(item.id, index));
  return map;
}

function retrofitMatches(
  plan: RetrofitPlan,
  selectionIds: Set<string> | null,
  lamp: Territory['streetLights'][number],
): boolean {
  if (lamp.technology !== plan.from.technology) return false;
  if (plan.from.minPowerWatts !== undefined && lamp.powerWatts < plan.from.minPowerWatts) return false;
  if (plan.from.maxPowerWatts !== undefined && lamp.powerWatts > plan.from.maxPowerWatts) return false;
  if (selectionIds === null) return true;
  const selection = plan.selection;
  const key = selection.kind === 'zones' ? lamp.zoneId : selection.kind === 'cabinets' ? lamp.cabinetId : lamp.communeId;
  return selectionIds.has(key);
}

const planCache = new WeakMap<Scenario, WeakMap<LightingTerritory, ScenarioPlan>>();

/**
 * Resolves, for each lamp, its schedule and its lamp after retrofit. Cached per (scenario,
 * territory) object pair: treat both as immutable.
 */
export function prepareScenario(scenario: Scenario, territory: LightingTerritory): ScenarioPlan {
  let byTerritory = planCache.get(scenario);
  const cached = byTerritory?.get(territory);
  if (cached !== undefined) return cached;

  const parameters = resolveLightingParameters(territory.parameters);
  const lossFactor = 1 + parameters.dischargeBallastLossRatio.value;
  const lamps = territory.streetLights;
  const count = lamps.length;
  const cabinetIndex = indexById(territory.cabinets);
  const zoneIndex = indexById(territory.lightingZones);
  const communeIndex = indexById(territory.communes);

  const schedules: CompiledSchedule[] = [];
  const scheduleByContent = new Map<string, number>();
  const scheduleBySource = new Map<string, number>();
  const scheduleFor = (source: string, schedule: Schedule): number => {
    const known = scheduleBySource.get(source);
    if (known !== undefined) return known;
    const content = JSON.stringify(schedule);
    let index = scheduleByContent.get(content);
    if (index === undefined) {
      index = schedules.length;
      schedules.push(compileSchedule(schedule, [source]));
      scheduleByContent.set(content, index);
    } else {
      schedules[index].sources.push(source);
    }
    scheduleBySource.set(source, index);
    return index;
  };

  const selections = scenario.retrofits.map((plan) => (plan.selection.kind === 'all' ? null : new Set(plan.selection.ids)));
  const plan: ScenarioPlan = {
    schedules,
    lampScheduleIndex: new Uint16Array(count),
    lampPowerWatts: new Float64Array(count),
    lampElectricalFactor: new Float64Array(count),
    lampColourTemperatureKelvin: new Float64Array(count),
    lampOriginalPowerWatts: new Float64Array(count),
    lampOriginalElectricalFactor: new Float64Array(count),
    lampRetrofitIndex: new Int16Array(count),
    lampCabinetIndex: new Int32Array(count),
    lampZoneIndex: new Int32Array(count),
    lampCommuneIndex: new Int32Array(count),
    parameters,
  };
  // Schedules are compiled when a lamp first needs them; per lamp, one or two map look-ups.
  const cabinetSchedules = new Map(Object.entries(scenario.schedules.cabinets));
  const zoneSchedules = new Map(Object.entries(scenario.schedules.zones));
  /** Per cabinet: the index of its override, or −1 when it has none. */
  const scheduleOfCabinet = new Map<string, number>();
  /** Per zone: the index of its schedule, or of the default schedule. */
  const scheduleOfZone = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const lamp = lamps[index];
    let cabinetOverride = scheduleOfCabinet.get(lamp.cabinetId);
    if (cabinetOverride === undefined) {
      const schedule = cabinetSchedules.get(lamp.cabinetId);
      cabinetOverride = schedule === undefined ? -1 : scheduleFor(`cabinet ${lamp.cabinetId}`, schedule);
      scheduleOfCabinet.set(lamp.cabinetId, cabinetOverride);
    }
    let scheduleIndex = cabinetOverride;
    if (scheduleIndex === -1) {
      let zoneScheduleIndex = scheduleOfZone.get(lamp.zoneId);
      if (zoneScheduleIndex === undefined) {
        const schedule = zoneSchedules.get(lamp.zoneId);
        zoneScheduleIndex = schedule === undefined ? scheduleFor('default schedule', scenario.schedules.default) : scheduleFor(`zone ${lamp.zoneId}`, schedule);
        scheduleOfZone.set(lamp.zoneId, zoneScheduleIndex);
      }
      scheduleIndex = zoneScheduleIndex;
    }
    plan.lampScheduleIndex[index] = scheduleIndex;
    const originalFactor = DISCHARGE[lamp.technology] ? lossFactor : 1;
    plan.lampOriginalPowerWatts[index] = lamp.powerWatts;
    plan.lampOriginalElectricalFactor[index] = originalFactor;
    let retrofit = -1;
    for (let planIndex = 0; planIndex < scenario.retrofits.length; planIndex++) {
      if (retrofitMatches(scenario.retrofits[planIndex], selections[planIndex], lamp)) {
        retrofit = planIndex;
        break;
      }
    }
    plan.lampRetrofitIndex[index] = retrofit;
    if (retrofit === -1) {
      plan.lampPowerWatts[index] = lamp.powerWatts;
      plan.lampElectricalFactor[index] = originalFactor;
      plan.lampColourTemperatureKelvin[index] = lamp.colourTemperatureKelvin;
    } else {
      const target = scenario.retrofits[retrofit].to;
      plan.lampPowerWatts[index] = target.powerWatts;
      plan.lampElectricalFactor[index] = DISCHARGE[target.technology] ? lossFactor : 1;
      plan.lampColourTemperatureKelvin[index] = target.colourTemperatureKelvin;
    }
    plan.lampCabinetIndex[index] = cabinetIndex.get(lamp.cabinetId) ?? -1;
    plan.lampZoneIndex[index] = zoneIndex.get(lamp.zoneId) ?? -1;
    plan.lampCommuneIndex[index] = communeIndex.get(lamp.communeId) ?? -1;
  }
  if (schedules.length > 0xffff) throw new Error(`prepareScenario: ${schedules.length} distinct schedules, at most 65535`);

  if (byTerritory === undefined) {
    byTerritory = new WeakMap();
    planCache.set(scenario, byTerritory);
  }
  byTerritory.set(territory, plan);
  return plan;
}

/** The nights of a scenario's period for a territory (period from the scenario, else `year`). */
export function nightsFor(scenario: Pick<Scenario, 'period'>, territory: LightingTerritory, year: number): Nights {
  const period = resolvePeriod(scenario, year);
  const centre = territoryCentre(territory);
  return buildNights(period.from, period.to, centre.latitude, centre.longitude, territory.timeZone ?? DEFAULT_TIME_ZONE);
}

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

export interface TotalsDifference {
  /** Scenario minus baseline, for each total (negative energy = saving). */
  totals: LightingTotals;
  /** Share of the baseline saved: (baseline − scenario) / baseline; 0 when the baseline is 0. */
  energySavedRatio: number;
  costSavedRatio: number;
  burningHoursSavedRatio: number;
  /** Per group, scenario minus baseline. */
  cabinets: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  zones: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  communes: { energyKwh: Float64Array; costEuros: Float64Array; lampDarkHours: Float64Array };
  /** Per lamp: more hours dark than in the baseline (which streets go dark, and how long). */
  lampDarkHours: Float64Array;
  /** Retrofit investment over the yearly € saved against the baseline by all measures together. */
  combinedPaybackYears: number | null;
}

export interface LightingComparison {
  scenario: LightingResult;
  baseline: LightingResult;
  difference: TotalsDifference;
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
 * Runs a scenario and its baseline over the scenario's period (the baseline's own period is not
 * used) and compares them. The nights are computed once for both.
 */
export function* runComparisonSteps(
  scenario: Scenario,
  baseline: Scenario,
  territory: LightingTerritory,
  year: number,
): Generator<number, LightingComparison, void> {
  const nights = nightsFor(scenario, territory, year);
  const baselineOnSamePeriod: Scenario = { ...baseline, period: resolvePeriod(scenario, year) };
  const scenarioSteps = runScenarioSteps(scenario, territory, year, nights);
  let step = scenarioSteps.next();
  while (step.done !== true) {
    yield step.value * 0.5;
    step = scenarioSteps.next();
  }
  const scenarioResult = step.value;
  const baselineSteps = runScenarioSteps(baselineOnSamePeriod, territory, year, nights);
  let baselineStep = baselineSteps.next();
  while (baselineStep.done !== true) {
    yield 0.5 + baselineStep.value * 0.5;
    baselineStep = baselineSteps.next();
  }
  const baselineResult = baselineStep.value;
  return { scenario: scenarioResult, baseline: baselineResult, difference: compareResults(scenarioResult, baselineResult) };
}

/** Runs and compares a scenario with its baseline; null when `shouldStop` said so. */
export function runComparison(scenario: Scenario, baseline: Scenario, territory: LightingTerritory, options: RunOptions): LightingComparison | null {
  return drive(runComparisonSteps(scenario, baseline, territory, options.year), options);
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

export interface PowerProfile {
  eveningDate: string;
  /** UTC instant of local noon of the evening date: the start of bin 0. */
  startMs: number;
  binSeconds: number;
  /** 23 h, 24 h or 25 h (daylight saving nights). The last bin may be shorter than the others. */
  lengthSeconds: number;
  /** Mean power drawn during each bin, ballast losses included. */
  powerKw: Float64Array;
  /** Seconds since `startMs`. */
  sunsetSeconds: number;
  sunriseSeconds: number;
  civilDuskSeconds: number;
  civilDawnSeconds: number;
  /** Seconds since `startMs` when the clock changes that night, NaN when it does not. */
  offsetChangeSeconds: number;
}

function nightsOfOneEvening(territory: LightingTerritory, eveningDate: string): Nights {
  const centre = territoryCentre(territory);
  return buildNights(eveningDate, eveningDate, centre.latitude, centre.longitude, territory.timeZone ?? DEFAULT_TIME_ZONE);
}

/**
 * Power drawn over one night (noon of `eveningDate` to noon the next day), in bins of
 * `binMinutes`, by the lamps of `zoneId` (all lamps when null). For a chart.
 */
export function powerProfile(
  scenario: Scenario,
  territory: LightingTerritory,
  eveningDate: string,
  zoneId: string | null = null,
  binMinutes = 5,
): PowerProfile {
  if (parseIsoDate(eveningDate) === null) throw new Error(`powerProfile: expected an evening date YYYY-MM-DD, got "${eveningDate}"`);
  if (!(binMinutes > 0)) throw new Error(`powerProfile: expected binMinutes above 0, got ${binMinutes}`);
  const plan = prepareScenario(scenario, territory);
  const nights = nightsOfOneEvening(territory, eveningDate);
  const scheduleKw = new Float64Array(plan.schedules.length);
  const lamps = territory.streetLights;
  for (let lamp = 0; lamp < lamps.length; lamp++) {
    if (zoneId !== null && lamps[lamp].zoneId !== zoneId) continue;
    scheduleKw[plan.lampScheduleIndex[lamp]] += (plan.lampPowerWatts[lamp] * plan.lampElectricalFactor[lamp]) / 1000;
  }
  const binSeconds = binMinutes * 60;
  const lengthSeconds = nights.lengthSeconds[0];
  const binCount = Math.ceil(lengthSeconds / binSeconds - 1e-9);
  const energyKwSeconds = new Float64Array(binCount);
  const buffer = new SegmentBuffer();
  for (let schedule = 0; schedule < plan.schedules.length; schedule++) {
    const kw = scheduleKw[schedule];
    if (kw === 0) continue;
    buffer.clear();
    evaluateNight(plan.schedules[schedule], nights, 0, buffer);
    for (let segment = 0; segment < buffer.length; segment++) {
      const start = buffer.start[segment];
      const end = buffer.end[segment];
      const power = kw * buffer.level[segment];
      for (let bin = Math.floor(start / binSeconds); bin < binCount && bin * binSeconds < end; bin++) {
        const overlap = Math.min(end, (bin + 1) * binSeconds) - Math.max(start, bin * binSeconds);
        if (overlap > 0) energyKwSeconds[bin] += power * overlap;
      }
    }
  }
  const powerKw = new Float64Array(binCount);
  for (let bin = 0; bin < binCount; bin++) {
    const duration = Math.min(binSeconds, lengthSeconds - bin * binSeconds);
    powerKw[bin] = energyKwSeconds[bin] / duration;
  }
  return {
    eveningDate,
    startMs: nights.noonMs[0],
    binSeconds,
    lengthSeconds,
    powerKw,
    sunsetSeconds: nights.sunsetSeconds[0],
    sunriseSeconds: nights.sunriseSeconds[0],
    civilDuskSeconds: nights.civilDuskSeconds[0],
    civilDawnSeconds: nights.civilDawnSeconds[0],
    offsetChangeSeconds: nights.offsetChangeSeconds[0],
  };
}

interface StateCache {
  eveningEpochDay: number;
  nights: Nights;
  /** Segments of each schedule on that night. */
  segments: SegmentBuffer[];
}
const stateCache = new WeakMap<ScenarioPlan, StateCache>();
const scratchLevels: { levels: Float32Array } = { levels: new Float32Array(16) };

/**
 * The level of each lamp (0 off, between 0 and 1 dimmed, 1 on) at `instantMs`, in the order of
 * `territory.streetLights`. Computed per schedule, then spread over the lamps into `result`
 * (allocated when absent or of the wrong length). The night's intervals are cached per scenario,
 * so successive frames of the same night cost one pass over the lamps.
 */
export function lampStateAt(scenario: Scenario, territory: LightingTerritory, instantMs: number, result?: Float32Array): Float32Array {
  const plan = prepareScenario(scenario, territory);
  const lampCount = territory.streetLights.length;
  const levels = result !== undefined && result.length === lampCount ? result : new Float32Array(lampCount);
  const local = instantToZonedTime(instantMs, territory.timeZone ?? DEFAULT_TIME_ZONE);
  let evening = epochDay(local.date);
  if (local.minutesOfDay < 720) evening -= 1;
  let cache = stateCache.get(plan);
  if (cache === undefined || cache.eveningEpochDay !== evening) {
    const nights = nightsOfOneEvening(territory, formatIsoDate(dateFromEpochDay(evening)));
    const segments = plan.schedules.map((schedule) => {
      const buffer = new SegmentBuffer(8);
      evaluateNight(schedule, nights, 0, buffer);
      return buffer;
    });
    cache = { eveningEpochDay: evening, nights, segments };
    stateCache.set(plan, cache);
  }
  const night = nightContaining(cache.nights, instantMs);
  const seconds = (instantMs - cache.nights.noonMs[0]) / 1000;
  if (scratchLevels.levels.length < plan.schedules.length) scratchLevels.levels = new Float32Array(plan.schedules.length * 2);
  const scheduleLevels = scratchLevels.levels;
  for (let schedule = 0; schedule < plan.schedules.length; schedule++) {
    let level = 0;
    if (night === 0) {
      const buffer = cache.segments[schedule];
      for (let segment = 0; segment < buffer.length; segment++) {
        if (seconds >= buffer.start[segment] && seconds < buffer.end[segment]) {
          level = buffer.level[segment];
          break;
        }
      }
    }
    scheduleLevels[schedule] = level;
  }
  const lampSchedule = plan.lampScheduleIndex;
  for (let lamp = 0; lamp < lampCount; lamp++) levels[lamp] = scheduleLevels[lampSchedule[lamp]];
  return levels;
}
