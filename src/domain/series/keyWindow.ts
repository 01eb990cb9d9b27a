/**
 * The uplink keys the series store remembers to drop copies of an uplink (see store.ts), held in
 * typed arrays instead of a Map of strings: each key is kept as a 64-bit hash (two independent
 * 32-bit FNV-1a hashes of its UTF-16 units) with its measurement time, in an open-addressing table
 * (linear probing, backward-shift deletion) that doubles as it fills, and a ring that forgets the
 * oldest key first once `capacity` keys are held.
 *
 * Why: a kiosk that runs for weeks receives live readings all along; as strings, the window of
 * 200,000 keys grew the JS heap by about 100 bytes a key until full (some 20 MB, and garbage for
 * the collector at every eviction). Here the window costs at most 13 bytes a slot of a table kept
 * under half full plus 8 bytes a key in the ring (under 9 MB for 200,000 keys), allocated as it
 * grows, and nothing per key on the heap. Two different keys with the same 64-bit hash would be
 * taken for one uplink only if they also fall within the store's time span: at 200,000 keys the
 * chance of any such pair is about 1 in 10^9.
 */

const EMPTY = 0;
const USED = 1;

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Final avalanche (murmur3's fmix32) so that nearby keys spread over the table.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export class KeyWindow {
  private slots = 0;
  private state = new Uint8Array(0);
  private high = new Uint32Array(0);
  private low = new Uint32Array(0);
  private times = new Int32Array(0);
  /** Oldest first from `ringNext` once full. */
  private ringHigh: Uint32Array;
  private ringLow: Uint32Array;
  private ringLength = 0;
  private ringNext = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`key window capacity must be a positive whole number, got ${capacity}`);
    this.ringHigh = new Uint32Array(Math.min(capacity, 1024));
    this.ringLow = new Uint32Array(this.ringHigh.length);
    this.resize(64);
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.ringLength;
  }

  /** Bytes of the typed arrays (for the store's memory figures). */
  get bytes(): number {
    return this.slots * 13 + this.ringHigh.length * 8;
  }

  /** The time remembered with `key`, or undefined. */
  get(key: string): number | undefined {
    const slot = this.find(fnv1a(key, 0x811c9dc5), fnv1a(key, 0x9747b28c));
    return slot >= 0 ? this.times[slot] : undefined;
  }

  /** Remembers `key` at `time` (a known key only gets the new time and keeps its place in the ring). */
  remember(key: string, time: number): void {
    const high = fnv1a(key, 0x811c9dc5);
    const low = fnv1a(key, 0x9747b28c);
    const found = this.find(high, low);
    if (found >= 0) {
      this.times[found] = time;
      return;
    }
    if (this.ringLength === this.capacity) {
      this.delete(this.ringHigh[this.ringNext], this.ringLow[this.ringNext]);
      this.ringHigh[this.ringNext] = high;
      this.ringLow[this.ringNext] = low;
      this.ringNext = (this.ringNext + 1) % this.capacity;
    } else {
      if (this.ringLength === this.ringHigh.length) this.growRing();
      this.ringHigh[this.ringLength] = high;
      this.ringLow[this.ringLength] = low;
      this.ringLength++;
    }
    if ((this.ringLength + 1) * 2 > this.slots) this.resize(this.slots * 2);
    this.put(high, low, time);
  }

  private find(high: number, low: number): number {
    const mask = this.slots - 1;
    for (let slot = low & mask; this.state[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (this.low[slot] === low && this.high[slot] === high) return slot;
    }
    return -1;
  }

  private put(high: number, low: number, time: number): void {
    const mask = this.slots - 1;
    let slot = low & mask;
    while (this.state[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.state[slot] = USED;
    this.high[slot] = high;
    this.low[slot] = low;
    this.times[slot] = time;
  }

  /** Removes a key and shifts back the ones after it in its probe run (no tombstones). */
  private delete(high: number, low: number): void {
    let hole = this.find(high, low);
    if (hole < 0) return;
    const mask = this.slots - 1;
    this.state[hole] = EMPTY;
    for (let slot = (hole + 1) & mask; this.state[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const home = this.low[slot] & mask;
      // The entry at `slot` may move to the hole when its home is not cyclically in (hole, slot].
      const movable = hole <= slot ? home <= hole || home > slot : home <= hole && home > slot;
      if (!movable) continue;
      this.state[hole] = USED;
      this.high[hole] = this.high[slot];
      this.low[hole] = this.low[slot];
      this.times[hole] = this.times[slot];
      this.state[slot] = EMPTY;
      hole = slot;
    }
  }

  private resize(slots: number): void {
    const { state, high, low, times } = this;
    this.slots = slots;
    this.state = new Uint8Array(slots);
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots);
    this.times = new Int32Array(slots);
    for (let slot = 0; slot < state.length; slot++) if (state[slot] !== EMPTY) this.put(high[slot], low[slot], times[slot]);
  }

  private growRing(): void {
    const length = Math.min(this.capacity, this.ringHigh.length * 2);
    const ringHigh = new Uint32Array(length);
    const ringLow = new Uint32Array(length);
    ringHigh.set(this.ringHigh);
    ringLow.set(this.ringLow);
    this.ringHigh = ringHigh;
    this.ringLow = ringLow;
  }
}
