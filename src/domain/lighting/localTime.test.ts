import { describe, expect, it } from 'vitest';
import { formatClockTime, isoWeekday, parseClockTime, parseIsoDate, parseMonthDay } from './localTime';

describe('calendar dates and clock times', () => {
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
