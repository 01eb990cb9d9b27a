import { describe, expect, it } from 'vitest';
import type { RoundProblem } from '../../src/domain/waste/policy';
import { solveRounds } from './roundSolver';

/** Places on a plane (km): depot 0 at the origin, tip 1, stops after; 10 m/s. */
function problem(coordinates: Array<[number, number]>, demand: number[], overrides: Partial<RoundProblem> = {}): RoundProblem {
  const size = coordinates.length;
  const metres = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) metres[a * size + b] = Math.hypot(coordinates[a][0] - coordinates[b][0], coordinates[a][1] - coordinates[b][1]) * 1000;
  return {
    size,
    metres,
    seconds: metres.map((value) => value / 10),
    depot: 0,
    tip: 1,
    demandKg: Float64Array.from([0, 0, ...demand]),
    serviceSeconds: new Float64Array(size).fill(60),
    capacityKg: 1000,
    vehicles: 2,
    shiftSeconds: 8 * 3600,
    tipSeconds: 600,
    costPerMetre: 0.002,
    costPerSecond: 0.03,
    ...overrides,
  };
}

const served = (plan: ReturnType<typeof solveRounds>) => plan.trucks.flatMap((truck) => truck.stops).filter((stop) => stop >= 2).sort((a, b) => a - b);

describe('collection round solver', () => {
  it('serves every stop once, within capacity, going to the tip between loads', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [5, 0]];
    for (let k = 0; k < 12; k++) coordinates.push([Math.cos(k) * 3, Math.sin(k) * 3]);
    const plan = solveRounds(problem(coordinates, new Array(12).fill(300), { vehicles: 1 }), { timeLimitMs: 1000 });
    expect(plan.unassigned).toEqual([]);
    expect(served(plan)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    // 12 × 300 kg with 1000 kg a load: at least 4 loads in one truck, so 3 tip visits inside the round.
    const stops = plan.trucks[0].stops;
    expect(stops.filter((stop) => stop === 1).length).toBeGreaterThanOrEqual(3);
    let load = 0;
    for (const stop of stops) {
      load = stop === 1 ? 0 : load + 300;
      expect(load).toBeLessThanOrEqual(1000);
    }
  });

  it('names the stops it cannot serve and why, and plans the rest', () => {
    const p = problem(
      [[0, 0], [1, 0], [0, 1], [0, 2], [400, 0]],
      [200, 5000, 100],
    );
    p.metres[0 * 5 + 3] = Number.POSITIVE_INFINITY;
    p.seconds[0 * 5 + 3] = Number.POSITIVE_INFINITY;
    const plan = solveRounds(p, { timeLimitMs: 100 });
    expect(plan.unassigned).toEqual([
      { place: 3, reason: 'unreachable' },
      { place: 4, reason: 'shift-too-short' },
    ]);
    expect(served(plan)).toEqual([2]);
    const heavy = solveRounds(problem([[0, 0], [1, 0], [0, 1]], [5000]), { timeLimitMs: 100 });
    expect(heavy.unassigned).toEqual([{ place: 2, reason: 'demand-exceeds-capacity' }]);
  });

  it('reports a fleet too small for the shift', () => {
    // Far stops, each a full load: a 2-hour shift holds one trip a truck.
    const coordinates: Array<[number, number]> = [[0, 0], [0, 0], [20, 0], [0, 20], [-20, 0]];
    const plan = solveRounds(problem(coordinates, [1000, 1000, 1000], { vehicles: 2, shiftSeconds: 2 * 3600 }), { timeLimitMs: 100 });
    expect(plan.trucks.length).toBe(2);
    expect(served(plan).length).toBe(2);
    expect(plan.unassigned.map((entry) => entry.reason)).toEqual(['fleet-too-small']);
  });

  it('is deterministic', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [2, 2]];
    for (let k = 0; k < 30; k++) coordinates.push([(k * 7919) % 13, (k * 104729) % 11]);
    const p = problem(coordinates, new Array(30).fill(150));
    expect(solveRounds(p, { timeLimitMs: 10_000, maxPasses: 5 })).toEqual(solveRounds(p, { timeLimitMs: 10_000, maxPasses: 5 }));
  });
});
