import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyWindow } from './keyWindow';

/** The behaviour the store had with a Map of strings and a ring: the reference. */
class ReferenceWindow {
  private readonly times = new Map<string, number>();
  private readonly ring: string[] = [];
  private next = 0;
  constructor(private readonly capacity: number) {}
  get(key: string) {
    return this.times.get(key);
  }
  remember(key: string, time: number) {
    if (!this.times.has(key)) {
      if (this.ring.length < this.capacity) this.ring.push(key);
      else {
        this.times.delete(this.ring[this.next]);
        this.ring[this.next] = key;
        this.next = (this.next + 1) % this.capacity;
      }
    }
    this.times.set(key, time);
  }
}

describe('the uplink key window', () => {
  it('answers as a Map with a ring would, through growth, eviction and probe runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 999 }), fc.integer({ min: -1e6, max: 1e6 })), { minLength: 500, maxLength: 3000, size: 'max' }),
        (capacity, operations) => {
          const window = new KeyWindow(capacity);
          const reference = new ReferenceWindow(capacity);
          for (const [write, id, time] of operations) {
            const key = `dev-${id}:${id % 7}`;
            if (write) {
              window.remember(key, time);
              reference.remember(key, time);
            } else if (window.get(key) !== reference.get(key)) return false;
          }
          for (let id = 0; id < 1000; id++) if (window.get(`dev-${id}:${id % 7}`) !== reference.get(`dev-${id}:${id % 7}`)) return false;
          return true;
        },
      ),
      { seed: 20261203, numRuns: 200 },
    );
  });

  it('keeps exactly the last keys once full, through evictions inside probe runs', () => {
    const window = new KeyWindow(100);
    for (let i = 0; i < 5000; i++) window.remember(`dev-${i}`, i);
    for (let i = 0; i < 5000; i++) expect(window.get(`dev-${i}`)).toBe(i >= 4900 ? i : undefined);
    expect(window.size).toBe(100);
  });

  it('holds the store’s 200,000 keys in under 9 MB of typed arrays, forgetting the oldest', () => {
    const window = new KeyWindow(200_000);
    for (let i = 0; i < 250_000; i++) window.remember(`a84041000181${(i % 1000).toString(16).padStart(4, '0')}:${i}`, i);
    expect(window.size).toBe(200_000);
    expect(window.bytes).toBeLessThan(9 * 1024 * 1024);
    expect(window.get(`a84041000181${(49_999 % 1000).toString(16).padStart(4, '0')}:49999`)).toBeUndefined();
    expect(window.get(`a84041000181${(50_000 % 1000).toString(16).padStart(4, '0')}:50000`)).toBe(50_000);
    expect(window.get(`a84041000181${(249_999 % 1000).toString(16).padStart(4, '0')}:249999`)).toBe(249_999);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new KeyWindow(0)).toThrow(/positive whole number/);
  });
});
