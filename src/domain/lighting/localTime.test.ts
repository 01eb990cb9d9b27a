import { describe, expect, it } from 'vitest';
import {
  PARIS_TIME_ZONE,
  formatClockTime,
  instantToZonedTime,
  isoWeekday,
  parseClockTime,
  parseIsoDate,
  parseMonthDay,
  utcOffsetMinutes,
  zonedTimeToInstantMs,
} from './localTime';

const utc = (text: string): number => Date.parse(text);

describe('Europe/Paris local time through Intl', () => {
  it('knows the winter and summer offsets', () => {
    expect(utcOffsetMinutes(utc('2026-01-15T12:00:00Z'), PARIS_TIME_ZONE)).toBe(60);
    expect(utcOffsetMinutes(utc('2026-07-15T12:00:00Z'), PARIS_TIME_ZONE)).toBe(120);
  });

  it('changes offset at 01:00 UTC on the last Sundays of March and October 2026', () => {
    expect(utcOffsetMinutes(utc('2026-03-29T00:59:00Z'), PARIS_TIME_ZONE)).toBe(60);
    expect(utcOffsetMinutes(utc('2026-03-29T01:00:00Z'), PARIS_TIME_ZONE)).toBe(120);
    expect(utcOffsetMinutes(utc('2026-10-25T00:59:00Z'), PARIS_TIME_ZONE)).toBe(120);
    expect(utcOffsetMinutes(utc('2026-10-25T01:00:00Z'), PARIS_TIME_ZONE)).toBe(60);
  });

  it('turns ordinary wall times into instants', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 1, day: 15 }, 23 * 60, PARIS_TIME_ZONE)).toBe(utc('2026-01-15T22:00:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 7, day: 15 }, 23 * 60, PARIS_TIME_ZONE)).toBe(utc('2026-07-15T21:00:00Z'));
  });

  it('moves a time in the spring gap forward (02:30 → 03:30 CEST)', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 3, day: 29 }, 150, PARIS_TIME_ZONE)).toBe(utc('2026-03-29T01:30:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 3, day: 29 }, 180, PARIS_TIME_ZONE)).toBe(utc('2026-03-29T01:00:00Z'));
  });

  it('takes the first of a repeated autumn time (02:30 CEST)', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 10, day: 25 }, 150, PARIS_TIME_ZONE)).toBe(utc('2026-10-25T00:30:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 10, day: 25 }, 180, PARIS_TIME_ZONE)).toBe(utc('2026-10-25T02:00:00Z'));
  });

  it('reads an instant back as a local date and time', () => {
    expect(instantToZonedTime(utc('2026-10-25T01:30:00Z'), PARIS_TIME_ZONE)).toEqual({ date: { year: 2026, month: 10, day: 25 }, minutesOfDay: 150 });
    expect(instantToZonedTime(utc('2026-12-31T23:30:00Z'), PARIS_TIME_ZONE)).toEqual({ date: { year: 2027, month: 1, day: 1 }, minutesOfDay: 30 });
  });

  it('parses and formats clock times, dates and days of the year', () => {
    expect(parseClockTime('23:05')).toBe(1385);
    expect(parseClockTime('24:00')).toBeNaN();
    expect(parseClockTime('7:00')).toBeNaN();
    expect(formatClockTime(1385)).toBe('23:05');
    expect(formatClockTime(1440 + 60)).toBe('01:00');
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseMonthDay('07-14')).toBe(714);
    expect(parseMonthDay('02-30')).toBeNaN();
    expect(isoWeekday({ year: 2026, month: 3, day: 29 })).toBe(7);
  });
});
