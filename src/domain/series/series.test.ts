import { beforeAll, describe, expect, it } from 'vitest';
import { demoTerritory } from '../../../tests/unit/demoTerritory';
import { frenchPublicHolidays, generateHistory } from './history';
import { EPOCH_MS, SeriesStore } from './store';

describe('series store', () => {
  it('keeps series sorted when observations arrive out of order, and drops duplicates', () => {
    const store = new SeriesStore();
    const t = Date.UTC(2026, 5, 1);
    expect(store.insert({ sensorId: 'A', time: t + 2000, value: 3 })).toBe('appended');
    expect(store.insert({ sensorId: 'A', time: t, value: 1 })).toBe('inserted');
    expect(store.insert({ sensorId: 'A', time: t + 1000, value: 2 })).toBe('inserted');
    expect(store.insert({ sensorId: 'A', time: t + 1000, value: 9 })).toBe('duplicate');
    expect(store.insert({ sensorId: 'A', time: Number.NaN, value: 9 })).toBe('rejected');
    const a = store.sensorIndex('A');
    expect(Array.from(store.range(a, t, t + 5000).values)).toEqual([1, 2, 3]);
    expect(store.duplicates).toBe(1);
    expect(store.valueAt(a, t + 1500)).toBe(2);
    expect(store.valueAt(a, t - 1)).toBeNaN();
    expect(store.lastTimeAt(a, t + 99_000)).toBe(t + 2000);
    expect(store.stats(a, t, t + 1000)).toEqual({ count: 2, min: 1, max: 2, mean: 1.5 });
  });

  it('answers lookups by binary search on large series, for all sensors at once', () => {
    const store = new SeriesStore(['X', 'Y']);
    const n = 200_000;
    const times = new Float64Array(n);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = EPOCH_MS + i * 900_000;
      values[i] = i % 1000;
    }
    store.load('X', times, values);
    const out = new Float32Array(2);
    const ages = new Float64Array(2);
    store.valuesAt(EPOCH_MS + 12_345 * 900_000 + 60_000, out, ages);
    expect(out[0]).toBe(345);
    expect(ages[0]).toBe(60_000);
    expect(out[1]).toBeNaN();
    expect(ages[1]).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('French public holidays', () => {
  it('include the moving ones', () => {
    const holidays = frenchPublicHolidays(2026);
    // Easter 2026 is 5 April: Monday 6 April, Ascension 14 May, Whit Monday 25 May.
    for (const date of ['2026-01-01', '2026-04-06', '2026-05-14', '2026-05-25', '2026-07-14', '2026-12-25']) expect(holidays.has(date)).toBe(true);
    expect(holidays.size).toBe(11);
  });
});

describe('the demo history', () => {
  // Generated in this process when public/demo is absent (tests/unit/demoTerritory.ts): never skipped.
  beforeAll(() => demoTerritory(), 300_000);
  it('is deterministic, plausible and fits in memory', async () => {
    const { territory } = await demoTerritory();
    const started = performance.now();
    const histories = generateHistory(territory, 2026);
    const seconds = (performance.now() - started) / 1000;
    expect(histories.length).toBe(territory.sensors.length);
    const store = new SeriesStore();
    for (const history of histories) store.adopt(history.sensorId, history.seconds, history.values);
    // About 8 million observations in well under 100 MB.
    expect(store.totalCount).toBeGreaterThan(6_000_000);
    expect(store.bytes()).toBeLessThan(100 * 1024 * 1024);
    console.log(JSON.stringify({ historySeconds: Math.round(seconds * 10) / 10, observations: store.totalCount, megabytes: Math.round(store.bytes() / 1048576) }));

    const again = generateHistory(territory, 2026);
    expect(again[7].values).toEqual(histories[7].values);

    const byKind = (kind: string) => territory.sensors.findIndex((sensor) => sensor.kind === kind);
    // Power meters: on at 23:00 in winter, off at noon.
    const power = store.sensorIndex(territory.sensors[byKind('power-meter')].id);
    expect(store.valueAt(power, Date.parse('2026-01-15T22:00:00Z'))).toBeGreaterThan(0.5);
    expect(store.valueAt(power, Date.parse('2026-01-15T11:00:00Z'))).toBeLessThan(0.05);
    // A bin drops after its collection and rises in between.
    const fillSensor = territory.sensors.find((sensor) => sensor.kind === 'fill-level')!;
    const point = territory.collectionPoints.find((candidate) => candidate.id === fillSensor.targetId)!;
    const fill = store.range(store.sensorIndex(fillSensor.id), Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-30T00:00:00Z'));
    let drops = 0;
    for (let i = 1; i < fill.values.length; i++) if (fill.values[i] < fill.values[i - 1] - 20) drops++;
    const expectedDrops = Math.floor(60 / (7 * point.collectionPeriodWeeks));
    expect(drops).toBeGreaterThanOrEqual(expectedDrops - 1);
    expect(drops).toBeLessThanOrEqual(expectedDrops + 1);
    // Traffic: the 8:00 rush on a working Tuesday beats 3:00.
    const counter = store.sensorIndex(territory.sensors[byKind('traffic-counter')].id);
    expect(store.valueAt(counter, Date.parse('2026-03-10T07:00:00Z'))).toBeGreaterThan(3 * store.valueAt(counter, Date.parse('2026-03-10T02:00:00Z')));
  });
});

describe('the demo history has the cases alerts are for', () => {
  // Generated in this process when public/demo is absent (tests/unit/demoTerritory.ts): never skipped.
  beforeAll(() => demoTerritory(), 300_000);
  it('has a cabinet lit by day for a while and a sensor silent for three weeks', async () => {
    const { territory } = await demoTerritory();
    const histories = generateHistory(territory, 2026);
    const kinds = new Map(territory.sensors.map((sensor) => [sensor.id, sensor.kind]));
    let litByDay = 0;
    let longestGapDays = 0;
    for (const history of histories) {
      const kind = kinds.get(history.sensorId);
      if (kind === 'power-meter') {
        for (let i = 0; i < history.seconds.length; i++) {
          const hour = new Date(EPOCH_MS + history.seconds[i] * 1000).getUTCHours();
          if (hour === 11 && history.values[i] > 0.5) {
            litByDay++;
            break;
          }
        }
      }
      if (kind === 'fill-level') {
        for (let i = 1; i < history.seconds.length; i++) longestGapDays = Math.max(longestGapDays, (history.seconds[i] - history.seconds[i - 1]) / 86_400);
      }
    }
    expect(litByDay).toBeGreaterThan(0);
    expect(litByDay).toBeLessThan(15);
    expect(longestGapDays).toBeGreaterThan(20);
  });
});
