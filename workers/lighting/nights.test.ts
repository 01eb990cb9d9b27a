import { describe, expect, it } from 'vitest';
import { dateFromEpochDay } from '../../src/domain/lighting/localTime';
import { DEFAULT_TIME_ZONE as PARIS_TIME_ZONE, zonedTimeToInstantMs } from '../../src/domain/time/zonedTime';
import { buildNights, elapsedToWallMinutes, nightContaining, wallToElapsedSeconds } from './nights';

describe('nights of a period', () => {
  const year = buildNights('2026-01-01', '2026-12-31', 48.3, 2.5);

  it('has one night per evening, 23 h on the last Saturday of March, 25 h on the last Saturday of October', () => {
    expect(year.count).toBe(365);
    const hours = Array.from(year.lengthSeconds, (seconds) => seconds / 3600);
    const march = 31 + 28 + 27; // evening of 28 March 2026
    const october = 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 23; // evening of 24 October 2026
    expect(hours[march]).toBe(23);
    expect(hours[october]).toBe(25);
    expect(hours.filter((value) => value === 24).length).toBe(363);
    expect(year.offsetChangeMinutes[march]).toBe(60);
    expect(year.offsetChangeMinutes[october]).toBe(-60);
    expect(year.offsetChangeSeconds[march]).toBe(14 * 3600); // 02:00 CET is 14 h after noon
    expect(year.offsetChangeSeconds[october]).toBe(15 * 3600); // 03:00 CEST is 15 h after noon
  });

  it('converts every minute of the clock like the Intl helper, on the DST nights and an ordinary one', () => {
    for (const evening of ['2026-03-28', '2026-10-24', '2026-01-15']) {
      const nights = buildNights(evening, evening, 48.3, 2.5);
      const date = dateFromEpochDay(nights.eveningEpochDay[0]);
      const next = dateFromEpochDay(nights.eveningEpochDay[0] + 1);
      for (let wall = 0; wall < 1440; wall++) {
        const clock = wall + 720;
        const instant = clock < 1440 ? zonedTimeToInstantMs(date, clock, PARIS_TIME_ZONE) : zonedTimeToInstantMs(next, clock - 1440, PARIS_TIME_ZONE);
        expect(nights.noonMs[0] + wallToElapsedSeconds(nights, 0, wall) * 1000, `${evening} +${wall} min`).toBe(instant);
      }
    }
  });

  it('reads elapsed time back as wall time', () => {
    const nights = buildNights('2026-10-24', '2026-10-24', 48.3, 2.5);
    // Noon CEST + 14 h = 02:00 CEST; + 15 h = 02:00 CET (clocks went back); + 17 h = 04:00 CET.
    expect(elapsedToWallMinutes(nights, 0, 14 * 3600)).toBe(14 * 60);
    expect(elapsedToWallMinutes(nights, 0, 15 * 3600)).toBe(14 * 60);
    expect(elapsedToWallMinutes(nights, 0, 17 * 3600)).toBe(16 * 60);
  });

  it('puts sunset and sunrise inside the night, and finds the night of an instant', () => {
    for (let night = 0; night < year.count; night++) {
      expect(year.sunsetSeconds[night]).toBeGreaterThan(4 * 3600);
      expect(year.sunriseSeconds[night]).toBeLessThan(year.lengthSeconds[night] - 2 * 3600);
      expect(year.civilDuskSeconds[night]).toBeGreaterThan(year.sunsetSeconds[night]);
      expect(year.civilDawnSeconds[night]).toBeLessThan(year.sunriseSeconds[night]);
    }
    expect(nightContaining(year, Date.parse('2026-01-01T10:59:59Z'))).toBe(-1);
    expect(nightContaining(year, Date.parse('2026-01-01T11:00:00Z'))).toBe(0);
    expect(nightContaining(year, Date.parse('2026-01-02T10:59:59Z'))).toBe(0);
    expect(nightContaining(year, Date.parse('2026-12-31T23:00:00Z'))).toBe(364);
  });
});
