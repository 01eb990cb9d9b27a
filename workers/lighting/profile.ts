/** Power drawn over one night, for the chart of the lighting panel. */
import { parseIsoDate } from '../../src/domain/lighting/localTime';
import type { Scenario } from '../../src/domain/lighting/scenario';
import { evaluateNight, SegmentBuffer } from './schedules';
import { nightsOfOneEvening, prepareScenario } from './plan';
import type { LightingTerritory, PowerProfile } from './api';

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
