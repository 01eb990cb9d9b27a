import { describe, expect, it } from 'vitest';
import type { Sensor } from '../../domain/territory';
import { SeriesStore } from '../../domain/series/store';
import { expectedIntervalMs, SampleRecorder, silentSources } from './liveStatus';
import type { SourceStatus } from './sensorController';

const sensor = (id: string, samplesPerDay: number) => ({ id, samplesPerDay }) as unknown as Sensor;

describe('silence of a live source', () => {
  const sensors = [sensor('A', 24), sensor('B', 96), sensor('C', 1)];
  it("allows its sensors' shortest expected interval, with a margin of one half", () => {
    expect(expectedIntervalMs(sensors, ['A', 'C'])).toBe(1.5 * 3_600_000);
    expect(expectedIntervalMs(sensors, null)).toBe(1.5 * 900_000);
    expect(expectedIntervalMs(sensors, [])).toBe(Number.POSITIVE_INFINITY);
  });
  it('alerts once the silence is longer, counted from the last message or the connection', () => {
    const base: SourceStatus = { id: 's', label: 'S', state: 'connected', since: 1000, received: 0, rejected: 0, undecoded: 0, duplicates: 0, catchingUp: 0, lastMessageAt: 0, silentAfterMs: 60_000, transitions: [] };
    expect(silentSources([base], 1000 + 60_000)).toEqual([]);
    expect(silentSources([base], 1000 + 60_001)).toEqual([{ id: 's', label: 'S', since: 1000, silentAfterMs: 60_000 }]);
    expect(silentSources([{ ...base, lastMessageAt: 50_000 }], 1000 + 60_001)).toEqual([]);
    expect(silentSources([{ ...base, state: 'stopped' }], 10_000_000)).toEqual([]);
    // A source that is reconnecting is silent too: the alert says so.
    expect(silentSources([{ ...base, state: 'reconnecting' }], 10_000_000)).toHaveLength(1);
  });
});

describe('sample recorder', () => {
  it('gives percentiles, with a window of time left out', () => {
    const recorder = new SampleRecorder();
    for (let i = 1; i <= 100; i++) recorder.add(i, i * 1000);
    recorder.add(10_000, 50_500);
    expect(recorder.percentile(0.5)).toBe(51);
    expect(recorder.percentile(0.99)).toBe(100);
    expect(recorder.percentile(1)).toBe(10_000);
    expect(recorder.percentile(1, 50_000, 51_000)).toBe(100);
    expect(recorder.countOutside(50_000, 51_000)).toBe(98);
  });
  it('keeps the newest samples once full', () => {
    const recorder = new SampleRecorder(4);
    for (let i = 1; i <= 10; i++) recorder.add(i, i);
    expect(recorder.count).toBe(4);
    expect(recorder.percentile(0)).toBe(7);
  });
});

describe('series store: the same uplink by its keys', () => {
  it('drops a copy with another time but the same key, within an hour; a counter reset days later is new', () => {
    const store = new SeriesStore();
    const t = Date.UTC(2026, 10, 24, 10);
    expect(store.insert({ sensorId: 'S', time: t, value: 1, keys: ['cs:a:1:7'] })).toBe('appended');
    expect(store.insert({ sensorId: 'S', time: t + 2000, value: 1, keys: ['cs:a:1:7', 'cs:other-id'] })).toBe('duplicate');
    expect(store.insert({ sensorId: 'S', time: t + 3 * 86_400_000, value: 2, keys: ['cs:a:1:7'] })).toBe('appended');
    expect(store.insert({ sensorId: 'S', time: t + 60_000, value: 3, keys: ['cs:a:1:8'] })).toBe('inserted');
    expect(store.totalCount).toBe(3);
    expect(store.duplicates).toBe(1);
    expect(store.repeatedTimes()).toBe(0);
  });
});
