import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeriesStore, type Observation } from '../../domain/series/store';
import { ColumnBuilder, columnBuffers, observationsOf } from './columns';

const observations: Observation[] = [
  { sensorId: 'S1', time: Date.UTC(2026, 10, 24, 6), value: 42, keys: ['cs:a:1:7', 'cs:uuid-1'], receivedAt: Date.UTC(2026, 10, 24, 6, 0, 1) },
  { sensorId: 'S2', time: Date.UTC(2026, 10, 24, 6), value: 3.5 },
  { sensorId: 'S1', time: Date.UTC(2026, 10, 24, 6, 1), value: 43, quality: 1, keys: ['cs:a:1:8'] },
];

describe('ColumnBuilder', () => {
  it('gives back the observations it was given, through growth and after a take', () => {
    const builder = new ColumnBuilder(2);
    for (const observation of observations) builder.add(observation);
    const columns = builder.take();
    expect(columns.count).toBe(3);
    expect(columns.sensorIds).toEqual(['S1', 'S2']);
    expect(observationsOf(columns)).toEqual(observations);
    expect(columnBuffers(columns).every((buffer) => buffer instanceof ArrayBuffer)).toBe(true);
    expect(builder.length).toBe(0);
    builder.add(observations[1]);
    expect(observationsOf(builder.take())).toEqual([observations[1]]);
  });

  it('stores the same through insertAt as through insert, duplicates included', () => {
    const byObject = new SeriesStore();
    const byColumns = new SeriesStore();
    const twice = [...observations, { ...observations[0], time: observations[0].time + 1000 }];
    const builder = new ColumnBuilder();
    for (const observation of twice) builder.add(observation);
    const columns = builder.take();
    const outcomes = twice.map((observation) => byObject.insert(observation));
    const fromColumns = Array.from({ length: columns.count }, (_, i) =>
      byColumns.insertAt(byColumns.sensorIndex(columns.sensorIds[columns.sensor[i]], true), columns.time[i], columns.value[i], columns.quality[i] === 255 ? 0 : columns.quality[i], columns.keys, columns.keyStart[i], columns.keyStart[i + 1]),
    );
    expect(fromColumns).toEqual(outcomes);
    expect(outcomes.at(-1)).toBe('duplicate');
    expect(byColumns.totalCount).toBe(byObject.totalCount);
  });

  it("stamps a batch with its first observation's arrival and its hand-over, the next batch afresh", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000);
    const builder = new ColumnBuilder();
    builder.add(observations[0]);
    vi.setSystemTime(1_010);
    builder.add(observations[1]);
    vi.setSystemTime(1_016);
    const first = builder.take();
    expect([first.firstAddedAt, first.takenAt]).toEqual([1_000, 1_016]);
    vi.setSystemTime(1_020);
    builder.add(observations[2]);
    vi.setSystemTime(1_030);
    const second = builder.take();
    expect([second.firstAddedAt, second.takenAt]).toEqual([1_020, 1_030]);
  });
});

afterEach(() => vi.useRealTimers());
