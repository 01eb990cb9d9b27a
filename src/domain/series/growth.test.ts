import { describe, expect, it } from 'vitest';
import { EPOCH_MS, SeriesStore } from './store';

describe('SeriesStore column growth', () => {
  it('a year of history adopted at its exact size gains a bounded slack for one live reading, not half its size', () => {
    const store = new SeriesStore(['meter']);
    const count = 52_560; // a reading every 10 minutes for a year
    const start = Math.floor((Date.UTC(2025, 0, 1) - EPOCH_MS) / 1000);
    const seconds = Int32Array.from({ length: count }, (_, i) => start + i * 600);
    store.adopt('meter', seconds, new Float32Array(count).fill(1));
    const before = store.bytes();
    store.insert({ sensorId: 'meter', time: EPOCH_MS + (start + count * 600) * 1000, value: 2 });
    const grown = store.bytes() - before;
    // Three columns (4 + 4 + 1 bytes) of at most 4,096 more observations.
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(4096 * 9);
    expect(store.totalCount).toBe(count + 1);
    // Small columns still grow geometrically (few copies while a live series starts).
    const live = new SeriesStore(['bin']);
    for (let i = 0; i < 1000; i++) live.insert({ sensorId: 'bin', time: Date.UTC(2026, 0, 1) + i * 1000, value: i });
    expect(live.totalCount).toBe(1000);
    expect(live.bytes()).toBeLessThan(1000 * 9 * 2);
  });
});
