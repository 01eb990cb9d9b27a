import type { MtvrptwFile } from './mtvrptw';

/**
 * A small multi-trip instance for the engines' tests: 40 clients on a 100 × 100 square with time
 * windows, 4 vehicles of capacity 50, from a fixed generator (`seed`); with `releases`, release
 * dates in steps of 100.
 */
export function squareInstance(seed: number, releases: boolean): MtvrptwFile {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 41;
  const file: MtvrptwFile = {
    name: 'square',
    vehicles: 4,
    capacity: 50,
    x: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 50 : Math.floor(next() * 100))),
    y: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 50 : Math.floor(next() * 100))),
    demand: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 1 + Math.floor(next() * 15))),
    ready: new Float64Array(n),
    due: new Float64Array(n).fill(10_000),
    release: releases ? Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.floor(next() * 5) * 100)) : new Float64Array(n),
    service: new Float64Array(n).fill(50),
    depot: 0,
  };
  for (let i = 1; i < n; i++) {
    const open = Math.floor(next() * 400) * 10;
    file.ready[i] = open;
    file.due[i] = open + 1500;
  }
  file.service[0] = 0;
  return file;
}
