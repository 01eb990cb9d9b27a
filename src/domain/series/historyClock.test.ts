/**
 * The history generator on clock-change days. Before the time-zone module, `history.ts` took a
 * day's UTC offset at noon for its midnight too: on the last Sunday of October 2026 (Paris) local
 * midnight came out an hour late (23:00 UTC instead of 22:00 UTC), leaving the first hour of the
 * day without any reading, and in March the day started an hour early, inside Saturday evening.
 */
import { describe, expect, it } from 'vitest';
import type { Sensor } from '../territory';
import { generateHistory, localCalendar, type HistoryTerritory } from './history';
import { EPOCH_MS } from './store';

function territoryWith(sensor: Sensor, timeZone?: string): HistoryTerritory {
  return {
    bounds: { west: 2.4, south: 48.2, east: 2.6, north: 48.4 },
    sensors: [sensor],
    collectionPoints: [],
    streetLights: [],
    parameters: {},
    ...(timeZone ? { timeZone } : {}),
  };
}

const counter: Sensor = {
  id: 'T1',
  name: 'Compteur',
  kind: 'traffic-counter',
  position: [2.5, 48.3],
  targetId: null,
  unit: 'veh/h',
  samplesPerDay: 24,
  communeId: '',
  capacity: 1,
};

function readingTimes(timeZone?: string): number[] {
  const [history] = generateHistory(territoryWith(counter, timeZone), 2026);
  return Array.from(history.seconds, (s) => EPOCH_MS + s * 1000);
}

describe('sensor history on clock-change days', () => {
  it('starts each local day at local midnight, 23 h in March and 25 h in October (Paris)', () => {
    const days = localCalendar(2026, 48.3, 2.5, 'Europe/Paris');
    const march29 = days[31 + 28 + 28];
    const october25 = days[31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 24];
    expect(new Date(march29.midnightMs).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(march29.endMs - march29.midnightMs).toBe(23 * 3_600_000);
    expect(new Date(october25.midnightMs).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(october25.endMs - october25.midnightMs).toBe(25 * 3_600_000);
    expect(march29.weekday).toBe(7);
    expect(october25.weekday).toBe(7);
  });

  it('leaves no hour without a reading for an hourly counter, clock changes included', () => {
    const times = readingTimes('Europe/Paris');
    let largestGap = 0;
    let gapAt = 0;
    for (let i = 1; i < times.length; i++) {
      if (times[i] - times[i - 1] > largestGap) {
        largestGap = times[i] - times[i - 1];
        gapAt = times[i - 1];
      }
    }
    expect(largestGap, `gap after ${new Date(gapAt).toISOString()}`).toBeLessThanOrEqual(3_600_000);
    // One reading per real hour: 8,760 in 2026 (the 23 h and 25 h days balance out).
    expect(times.length).toBe(8760);
  });

  it('follows an overseas clock with no daylight saving (Réunion, UTC+4)', () => {
    const days = localCalendar(2026, -21.1, 55.5, 'Indian/Reunion');
    expect(days.length).toBe(365);
    expect(new Date(days[0].midnightMs).toISOString()).toBe('2025-12-31T20:00:00.000Z');
    expect(days.every((day) => day.endMs - day.midnightMs === 86_400_000)).toBe(true);
    const times = readingTimes('Indian/Reunion');
    expect(new Date(times[0]).toISOString()).toBe('2025-12-31T20:30:00.000Z');
  });
});
