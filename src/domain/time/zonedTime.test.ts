import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  canonicalTimeZone,
  daysOfYear,
  formatInstant,
  fromLocalInputValue,
  hoursInDay,
  instantToZonedTime,
  isValidTimeZone,
  localDate,
  localHour,
  localIsoDate,
  nextOffsetChangeMs,
  startOfDayMs,
  toLocalInputValue,
  utcOffsetMinutes,
  zonedTimeToInstantMs,
} from './zonedTime';

const utc = (text: string): number => Date.parse(text);
const PARIS = DEFAULT_TIME_ZONE;

describe('Europe/Paris through the Temporal polyfill', () => {
  it('knows the winter and summer offsets', () => {
    expect(utcOffsetMinutes(utc('2026-01-15T12:00:00Z'), PARIS)).toBe(60);
    expect(utcOffsetMinutes(utc('2026-07-15T12:00:00Z'), PARIS)).toBe(120);
  });

  it('changes offset at 01:00 UTC on the last Sundays of March and October 2026', () => {
    expect(utcOffsetMinutes(utc('2026-03-29T00:59:00Z'), PARIS)).toBe(60);
    expect(utcOffsetMinutes(utc('2026-03-29T01:00:00Z'), PARIS)).toBe(120);
    expect(utcOffsetMinutes(utc('2026-10-25T00:59:00Z'), PARIS)).toBe(120);
    expect(utcOffsetMinutes(utc('2026-10-25T01:00:00Z'), PARIS)).toBe(60);
    expect(nextOffsetChangeMs(utc('2026-03-28T12:00:00Z'), PARIS)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(nextOffsetChangeMs(utc('2026-10-24T12:00:00Z'), PARIS)).toBe(utc('2026-10-25T01:00:00Z'));
  });

  it('turns ordinary wall times into instants', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 1, day: 15 }, 23 * 60, PARIS)).toBe(utc('2026-01-15T22:00:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 7, day: 15 }, 23 * 60, PARIS)).toBe(utc('2026-07-15T21:00:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 7, day: 15 }, 23 * 60 + 0.5, PARIS)).toBe(utc('2026-07-15T21:00:30Z'));
    // Past midnight counts into the next day, negative into the day before.
    expect(zonedTimeToInstantMs({ year: 2026, month: 1, day: 15 }, 1440 + 60, PARIS)).toBe(utc('2026-01-16T00:00:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 1, day: 15 }, -60, PARIS)).toBe(utc('2026-01-14T22:00:00Z'));
  });

  it('moves a time in the spring gap forward (02:30 → 03:30 CEST)', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 3, day: 29 }, 150, PARIS)).toBe(utc('2026-03-29T01:30:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 3, day: 29 }, 180, PARIS)).toBe(utc('2026-03-29T01:00:00Z'));
    expect(fromLocalInputValue('2026-03-29T02:30', PARIS)).toBe(utc('2026-03-29T01:30:00Z'));
  });

  it('takes the first of a repeated autumn time (02:30 CEST)', () => {
    expect(zonedTimeToInstantMs({ year: 2026, month: 10, day: 25 }, 150, PARIS)).toBe(utc('2026-10-25T00:30:00Z'));
    expect(zonedTimeToInstantMs({ year: 2026, month: 10, day: 25 }, 180, PARIS)).toBe(utc('2026-10-25T02:00:00Z'));
    expect(fromLocalInputValue('2026-10-25T02:30', PARIS)).toBe(utc('2026-10-25T00:30:00Z'));
  });

  it('reads an instant back as a local date and time', () => {
    expect(instantToZonedTime(utc('2026-10-25T01:30:00Z'), PARIS)).toEqual({ date: { year: 2026, month: 10, day: 25 }, minutesOfDay: 150 });
    expect(instantToZonedTime(utc('2026-12-31T23:30:00Z'), PARIS)).toEqual({ date: { year: 2027, month: 1, day: 1 }, minutesOfDay: 30 });
    expect(localHour(utc('2026-10-25T00:30:00Z'), PARIS)).toBe(2);
    expect(localHour(utc('2026-10-25T01:30:00Z'), PARIS)).toBe(2);
    expect(toLocalInputValue(utc('2026-06-21T08:30:00Z'), PARIS)).toBe('2026-06-21T10:30');
    expect(localIsoDate(utc('2026-06-21T22:30:00Z'), PARIS)).toBe('2026-06-22');
  });

  it('knows days of 23 h and 25 h, and where they start', () => {
    expect(hoursInDay({ year: 2026, month: 3, day: 29 }, PARIS)).toBe(23);
    expect(hoursInDay({ year: 2026, month: 10, day: 25 }, PARIS)).toBe(25);
    expect(hoursInDay({ year: 2026, month: 6, day: 21 }, PARIS)).toBe(24);
    expect(startOfDayMs({ year: 2026, month: 3, day: 29 }, PARIS)).toBe(utc('2026-03-28T23:00:00Z'));
    expect(startOfDayMs({ year: 2026, month: 10, day: 25 }, PARIS)).toBe(utc('2026-10-24T22:00:00Z'));
    const days = daysOfYear(2026, PARIS);
    expect(days.length).toBe(365);
    expect(days.filter((day) => day.endMs - day.startMs !== 86_400_000).map((day) => [day.date.month, day.date.day, (day.endMs - day.startMs) / 3_600_000])).toEqual([
      [3, 29, 23],
      [10, 25, 25],
    ]);
    // Days follow each other with neither gap nor overlap.
    for (let i = 1; i < days.length; i++) expect(days[i].startMs).toBe(days[i - 1].endMs);
  });
});

describe('overseas time zones', () => {
  it('Guadeloupe is UTC−4 all year, with no clock change', () => {
    const zone = 'America/Guadeloupe';
    expect(utcOffsetMinutes(utc('2026-01-15T12:00:00Z'), zone)).toBe(-240);
    expect(utcOffsetMinutes(utc('2026-07-15T12:00:00Z'), zone)).toBe(-240);
    expect(hoursInDay({ year: 2026, month: 3, day: 29 }, zone)).toBe(24);
    expect(hoursInDay({ year: 2026, month: 10, day: 25 }, zone)).toBe(24);
    // Lights on at 18:30 in Pointe-à-Pitre is 22:30 UTC, the same evening.
    expect(zonedTimeToInstantMs({ year: 2026, month: 3, day: 29 }, 18 * 60 + 30, zone)).toBe(utc('2026-03-29T22:30:00Z'));
    expect(instantToZonedTime(utc('2026-01-01T02:00:00Z'), zone)).toEqual({ date: { year: 2025, month: 12, day: 31 }, minutesOfDay: 22 * 60 });
    expect(daysOfYear(2026, zone).every((day) => day.endMs - day.startMs === 86_400_000)).toBe(true);
  });

  it('Réunion is UTC+4: its midnight is 20:00 UTC the day before', () => {
    const zone = 'Indian/Reunion';
    expect(utcOffsetMinutes(utc('2026-07-15T12:00:00Z'), zone)).toBe(240);
    expect(startOfDayMs({ year: 2026, month: 1, day: 1 }, zone)).toBe(utc('2025-12-31T20:00:00Z'));
    expect(localDate(utc('2025-12-31T21:00:00Z'), zone)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(fromLocalInputValue('2026-03-29T02:30', zone)).toBe(utc('2026-03-28T22:30:00Z'));
    expect(nextOffsetChangeMs(utc('2026-01-01T00:00:00Z'), zone)).toBeNull();
  });

  it('Cayenne is UTC−3 and the 6:00 waste round leaves at 09:00 UTC', () => {
    const zone = 'America/Cayenne';
    expect(utcOffsetMinutes(utc('2026-10-25T12:00:00Z'), zone)).toBe(-180);
    expect(zonedTimeToInstantMs({ year: 2026, month: 10, day: 25 }, 360, zone)).toBe(utc('2026-10-25T09:00:00Z'));
    expect(toLocalInputValue(utc('2026-10-25T09:00:00Z'), zone)).toBe('2026-10-25T06:00');
  });

  it('formats dates in the territory zone, not the machine’s', () => {
    const instant = utc('2026-01-01T02:00:00Z');
    expect(formatInstant('fr-FR', instant, 'America/Guadeloupe', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('31 décembre 2025');
    expect(formatInstant('fr-FR', instant, PARIS, { day: 'numeric', month: 'long', year: 'numeric' })).toBe('1 janvier 2026');
    expect(formatInstant('fr-FR', instant, 'Indian/Reunion', { hour: '2-digit', minute: '2-digit' })).toBe('06:00');
  });
});

describe('time zone names', () => {
  it('accepts IANA names, canonicalises their case, refuses the rest', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/Guadeloupe')).toBe(true);
    expect(isValidTimeZone('Pacific/Noumea')).toBe(true);
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
    expect(isValidTimeZone('Paris')).toBe(false);
    expect(isValidTimeZone('+02:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(fromLocalInputValue('2026-02-30T10:00', PARIS)).toBeNaN();
    expect(fromLocalInputValue('demain', PARIS)).toBeNaN();
  });
});
