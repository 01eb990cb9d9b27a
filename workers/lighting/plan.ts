/**
 * How each lamp is simulated under a scenario (its schedule, its lamp after retrofit), resolved once
 * per (scenario, territory) pair; and the nights of a period for a territory.
 */
import type { LampTechnology, Territory } from '../../src/domain/territory';
import { resolveLightingParameters, type LightingParameters } from '../../src/domain/lighting/parameters';
import { DEFAULT_TIME_ZONE } from '../../src/domain/time/zonedTime';
import { resolvePeriod, type RetrofitPlan, type Scenario, type Schedule } from '../../src/domain/lighting/scenario';
import { buildNights, type Nights } from './nights';
import { compileSchedule, type CompiledSchedule } from './schedules';
import type { LightingTerritory } from './api';

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

export const DISCHARGE: Record<LampTechnology, boolean> = { sodium: true, mercury: true, led: false };

export function territoryCentre(territory: LightingTerritory): { latitude: number; longitude: number } {
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

/** The one night of `eveningDate` (noon to noon) at the territory's centre. */
export function nightsOfOneEvening(territory: LightingTerritory, eveningDate: string): Nights {
  const centre = territoryCentre(territory);
  return buildNights(eveningDate, eveningDate, centre.latitude, centre.longitude, territory.timeZone ?? DEFAULT_TIME_ZONE);
}
