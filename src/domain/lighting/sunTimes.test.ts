/**
 * suncalc v2 against the US Naval Observatory's one-day tables (copied from
 * /work/shared/reference/sun-usno.tsv): every row, every event, within 60 s (the table is rounded
 * to the minute). Times are UTC; a morning event later than the transit (Stockholm's civil dawn of
 * 23:59 on 21 June) belongs to the previous UTC day, an evening event earlier than the transit to
 * the next one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseClockTime, parseIsoDate } from './localTime';
import { sunEventsOn, type SunEvents } from './sunTimes';

const table = readFileSync(fileURLToPath(new URL('./sun-usno.tsv', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t'));
const [header, ...rows] = table;

const COLUMNS: { column: string; field: keyof SunEvents; morning: boolean | null }[] = [
  { column: 'civil_dawn', field: 'civilDawnMs', morning: true },
  { column: 'sunrise', field: 'sunriseMs', morning: true },
  { column: 'transit', field: 'solarNoonMs', morning: null },
  { column: 'sunset', field: 'sunsetMs', morning: false },
  { column: 'civil_dusk', field: 'civilDuskMs', morning: false },
];

describe('sun times against the US Naval Observatory', () => {
  it('reads every row of the reference table', () => {
    expect(header).toEqual(['place', 'lat', 'lon', 'date', 'civil_dawn', 'sunrise', 'transit', 'sunset', 'civil_dusk']);
    expect(rows.length).toBe(12);
  });

  for (const row of rows) {
    const record = Object.fromEntries(header.map((name, index) => [name, row[index]]));
    it(`${record.place} ${record.date}: all five events within 60 s`, () => {
      const date = parseIsoDate(record.date)!;
      const events = sunEventsOn(date, Number(record.lat), Number(record.lon));
      const dayStartMs = Date.UTC(date.year, date.month - 1, date.day);
      const transitMinutes = parseClockTime(record.transit);
      for (const { column, field, morning } of COLUMNS) {
        const minutes = parseClockTime(record[column]);
        let dayShift = 0;
        if (morning === true && minutes > transitMinutes) dayShift = -1;
        if (morning === false && minutes < transitMinutes) dayShift = 1;
        const expectedMs = dayStartMs + (dayShift * 1440 + minutes) * 60_000;
        const actualMs = events[field] as number;
        expect(Math.abs(actualMs - expectedMs), `${column}: ${new Date(actualMs).toISOString()}`).toBeLessThanOrEqual(60_000);
      }
    });
  }

  it('anchors the civil dawn of 23:59 to the previous UTC day (Stockholm, 21 June)', () => {
    const events = sunEventsOn({ year: 2026, month: 6, day: 21 }, 59.32938, 18.06871);
    expect(new Date(events.civilDawnMs).toISOString().slice(0, 10)).toBe('2026-06-20');
  });
});
