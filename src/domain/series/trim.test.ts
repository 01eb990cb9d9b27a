import { describe, expect, it } from 'vitest';
import { SeriesStore } from './store';

describe('SeriesStore.trimBefore', () => {
  it('drops only what is older than the cut, in every series, and keeps lookups right', () => {
    const store = new SeriesStore(['a', 'b']);
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 100; i++) {
      store.insert({ sensorId: 'a', time: t0 + i * 60_000, value: i });
      if (i % 2 === 0) store.insert({ sensorId: 'b', time: t0 + i * 60_000, value: -i });
    }
    const version = store.version;
    expect(store.trimBefore(t0 + 40 * 60_000)).toBe(40 + 20);
    expect(store.totalCount).toBe(60 + 30);
    expect(store.version).toBeGreaterThan(version);
    expect(store.valueAt(store.sensorIndex('a'), t0 + 39 * 60_000)).toBeNaN();
    expect(store.valueAt(store.sensorIndex('a'), t0 + 40 * 60_000)).toBe(40);
    expect(store.valueAt(store.sensorIndex('b'), t0 + 99 * 60_000)).toBe(-98);
    expect(store.trimBefore(t0)).toBe(0);
  });
});
