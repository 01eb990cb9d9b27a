/** The level of each lamp at an instant (0 off, 0–1 dimmed, 1 on), and one night's levels for the page. */
import { dateFromEpochDay, formatIsoDate, epochDay } from '../../src/domain/lighting/localTime';
import { DEFAULT_TIME_ZONE, instantToZonedTime } from '../../src/domain/time/zonedTime';
import type { Scenario } from '../../src/domain/lighting/scenario';
import { nightContaining, type Nights } from './nights';
import { evaluateNight, SegmentBuffer } from './schedules';
import { nightsOfOneEvening, prepareScenario, type ScenarioPlan } from './plan';
import type { LightingTerritory, NightLevels } from './api';

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

/**
 * The levels of the night (local noon to noon) holding `instantMs`, for the page: it reads them
 * with `levelsAt` (levels.ts) at each time step without the engine. Same values as `lampStateAt`.
 */
export function nightLevels(scenario: Scenario, territory: LightingTerritory, instantMs: number): NightLevels {
  const plan = prepareScenario(scenario, territory);
  const local = instantToZonedTime(instantMs, territory.timeZone ?? DEFAULT_TIME_ZONE);
  let evening = epochDay(local.date);
  if (local.minutesOfDay < 720) evening -= 1;
  const nights = nightsOfOneEvening(territory, formatIsoDate(dateFromEpochDay(evening)));
  const buffers = plan.schedules.map((schedule) => {
    const buffer = new SegmentBuffer(8);
    evaluateNight(schedule, nights, 0, buffer);
    return buffer;
  });
  const segmentStart = new Uint32Array(buffers.length + 1);
  buffers.forEach((buffer, index) => (segmentStart[index + 1] = segmentStart[index] + buffer.length));
  const total = segmentStart[buffers.length];
  const start = new Float64Array(total);
  const end = new Float64Array(total);
  const level = new Float64Array(total);
  buffers.forEach((buffer, index) => {
    start.set(buffer.start.subarray(0, buffer.length), segmentStart[index]);
    end.set(buffer.end.subarray(0, buffer.length), segmentStart[index]);
    level.set(buffer.level.subarray(0, buffer.length), segmentStart[index]);
  });
  return { startMs: nights.noonMs[0], endMs: nights.noonMs[1], segmentStart, start, end, level, lampScheduleIndex: plan.lampScheduleIndex.slice() };
}
