/**
 * Checks against the arrêté of 27 December 2018 on light nuisance (amended 29 May 2019), where the
 * data allows (DOMAIN.md, "Public lighting"):
 * - colour temperature at most 3000 K for road, residential-street and car-park lighting;
 * - parks and gardens: lit no earlier than sunset, off one hour after closing and at 01:00 at the
 *   latest (the closing time comes from the scenario's `zoneClosingTimes`; without it, 01:00);
 * - car parks tied to an activity: off two hours after it ends (only where the scenario gives the
 *   end of the activity; other car-park lamps are reported as not checked).
 * Road lighting itself has no time rule. Each finding lists the lamps concerned.
 */
import { minutesSinceNoon, clockTimeSinceNoon, type Scenario } from '../../src/domain/lighting/scenario';
import { parseClockTime } from '../../src/domain/lighting/localTime';
import type { LightingUsage } from '../../src/domain/territory';
import { elapsedToWallMinutes, wallToElapsedSeconds, type Nights } from './nights';
import type { ScheduleProfile } from './schedules';
import type { LightingTerritory } from './api';
import type { ScenarioPlan } from './plan';

export const REGULATORY_RULES = [
  'colour-temperature-above-3000k',
  'park-lit-before-sunset',
  'park-lit-after-closing',
  'car-park-lit-after-activity',
] as const;
export type RegulatoryRule = (typeof REGULATORY_RULES)[number];

export interface RegulatoryFinding {
  rule: RegulatoryRule;
  /** The lamps' zone ('' when a lamp's zone is unknown). */
  zoneId: string;
  lampIds: string[];
  /** Nights on which the rule is broken (0 for the colour-temperature rule, which is not timed). */
  nightCount: number;
  message: string;
}

export interface RegulatoryReport {
  findings: RegulatoryFinding[];
  notChecked: { rule: RegulatoryRule; zoneId: string; lampCount: number; reason: string }[];
}

export const MAXIMUM_COLOUR_TEMPERATURE_KELVIN = 3000;
const COLOUR_RULE_USAGES: ReadonlySet<LightingUsage> = new Set(['road', 'residential', 'parking']);
/** 01:00 as minutes since noon. */
const PARK_LATEST_WALL = minutesSinceNoon(60);
/** Slack for rounding, in seconds. */
const TOLERANCE_SECONDS = 1;

interface TimedGroup {
  rule: 'park' | 'parking';
  zoneId: string;
  schedule: number;
  lampIds: string[];
}

export function checkRegulations(
  scenario: Scenario,
  territory: LightingTerritory,
  plan: ScenarioPlan,
  profiles: ScheduleProfile[],
  nights: Nights,
): RegulatoryReport {
  const findings: RegulatoryFinding[] = [];
  const notChecked: RegulatoryReport['notChecked'] = [];
  const lamps = territory.streetLights;

  const colourByZone = new Map<string, { ids: string[]; maxKelvin: number }>();
  const timed = new Map<string, TimedGroup>();
  const uncheckedParking = new Map<string, number>();
  for (let index = 0; index < lamps.length; index++) {
    const lamp = lamps[index];
    const kelvin = plan.lampColourTemperatureKelvin[index];
    if (COLOUR_RULE_USAGES.has(lamp.usage) && kelvin > MAXIMUM_COLOUR_TEMPERATURE_KELVIN) {
      let entry = colourByZone.get(lamp.zoneId);
      if (entry === undefined) {
        entry = { ids: [], maxKelvin: 0 };
        colourByZone.set(lamp.zoneId, entry);
      }
      entry.ids.push(lamp.id);
      entry.maxKelvin = Math.max(entry.maxKelvin, kelvin);
    }
    if (lamp.usage === 'park' || lamp.usage === 'parking') {
      if (lamp.usage === 'parking' && scenario.zoneClosingTimes[lamp.zoneId] === undefined) {
        uncheckedParking.set(lamp.zoneId, (uncheckedParking.get(lamp.zoneId) ?? 0) + 1);
        continue;
      }
      const schedule = plan.lampScheduleIndex[index];
      const key = `${lamp.usage}|${lamp.zoneId}|${schedule}`;
      let group = timed.get(key);
      if (group === undefined) {
        group = { rule: lamp.usage, zoneId: lamp.zoneId, schedule, lampIds: [] };
        timed.set(key, group);
      }
      group.lampIds.push(lamp.id);
    }
  }

  for (const [zoneId, entry] of colourByZone) {
    findings.push({
      rule: 'colour-temperature-above-3000k',
      zoneId,
      lampIds: entry.ids,
      nightCount: 0,
      message: `zone ${zoneId}: ${entry.ids.length} lamp(s) above ${MAXIMUM_COLOUR_TEMPERATURE_KELVIN} K (up to ${entry.maxKelvin} K)`,
    });
  }

  for (const group of timed.values()) {
    const profile = profiles[group.schedule];
    const closing = scenario.zoneClosingTimes[group.zoneId];
    const closingWall = closing === undefined ? Number.NaN : minutesSinceNoon(parseClockTime(closing));
    let limitWall: number;
    let limitText: string;
    if (group.rule === 'park') {
      limitWall = Number.isNaN(closingWall) ? PARK_LATEST_WALL : Math.min(closingWall + 60, PARK_LATEST_WALL);
      limitText = Number.isNaN(closingWall) ? '01:00' : `${clockTimeSinceNoon(limitWall)} (closing ${closing} + 1 h, 01:00 at the latest)`;
    } else {
      limitWall = closingWall + 120;
      limitText = `${clockTimeSinceNoon(limitWall)} (end of activity ${closing} + 2 h)`;
    }
    let nightsAfter = 0;
    let latestWall = -1;
    let nightsBefore = 0;
    for (let night = 0; night < nights.count; night++) {
      const first = profile.nightSegmentStart[night];
      const last = profile.nightSegmentStart[night + 1];
      if (last === first) continue;
      if (limitWall < 1440) {
        const limitSeconds = wallToElapsedSeconds(nights, night, limitWall);
        const end = profile.segmentEndSeconds[last - 1];
        if (end > limitSeconds + TOLERANCE_SECONDS) {
          nightsAfter++;
          latestWall = Math.max(latestWall, elapsedToWallMinutes(nights, night, end));
        }
      }
      if (group.rule === 'park' && profile.segmentStartSeconds[first] < nights.sunsetSeconds[night] - TOLERANCE_SECONDS) nightsBefore++;
    }
    if (nightsAfter > 0) {
      const rule = group.rule === 'park' ? 'park-lit-after-closing' : 'car-park-lit-after-activity';
      findings.push({
        rule,
        zoneId: group.zoneId,
        lampIds: group.lampIds,
        nightCount: nightsAfter,
        message: `zone ${group.zoneId}: ${group.lampIds.length} ${group.rule === 'park' ? 'park' : 'car-park'} lamp(s) lit until ${clockTimeSinceNoon(latestWall)}, after ${limitText}, on ${nightsAfter} night(s)`,
      });
    }
    if (nightsBefore > 0) {
      findings.push({
        rule: 'park-lit-before-sunset',
        zoneId: group.zoneId,
        lampIds: group.lampIds,
        nightCount: nightsBefore,
        message: `zone ${group.zoneId}: ${group.lampIds.length} park lamp(s) switched on before sunset on ${nightsBefore} night(s)`,
      });
    }
  }

  for (const [zoneId, lampCount] of uncheckedParking) {
    notChecked.push({
      rule: 'car-park-lit-after-activity',
      zoneId,
      lampCount,
      reason: `zone ${zoneId}: end of the car park's activity unknown (set zoneClosingTimes.${zoneId} in the scenario)`,
    });
  }
  return { findings, notChecked };
}
