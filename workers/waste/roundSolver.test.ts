import { describe, expect, it } from 'vitest';
import { scheduleRound, type RoundProblem, type RoundVehicleType } from '../../src/domain/waste/policy';
import { solveRounds } from './roundSolver';

/** Places on a plane (km): depot 0, tip 1, stops after; 10 m/s, so 1 km = 100 s. */
function matrices(coordinates: Array<[number, number]>) {
  const size = coordinates.length;
  const metres = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) metres[a * size + b] = Math.hypot(coordinates[a][0] - coordinates[b][0], coordinates[a][1] - coordinates[b][1]) * 1000;
  return { metres, seconds: metres.map((value) => value / 10) };
}

function vehicle(coordinates: Array<[number, number]>, overrides: Partial<RoundVehicleType> = {}): RoundVehicleType {
  return { type: 0, count: 2, capacityKg: 1000, costPerMetre: 0.002, costPerSecond: 0.03, ...matrices(coordinates), ...overrides };
}

function problem(coordinates: Array<[number, number]>, demand: number[], overrides: Partial<RoundProblem> = {}): RoundProblem {
  const size = coordinates.length;
  return {
    size,
    depot: 0,
    tip: 1,
    demandKg: Float64Array.from([0, 0, ...demand]),
    serviceSeconds: new Float64Array(size).fill(60),
    windows: Array.from({ length: size }, () => []),
    types: [vehicle(coordinates)],
    shiftStartSeconds: 6 * 3600,
    shiftSeconds: 8 * 3600,
    tipSeconds: 600,
    tipHours: [0, 86_400],
    breakSeconds: 0,
    breakAfterSeconds: 0,
    ...overrides,
  };
}

const served = (plan: ReturnType<typeof solveRounds>) => plan.trucks.flatMap((truck) => truck.stops).filter((stop) => stop >= 2).sort((a, b) => a - b);
const options = { iterations: 2000, seed: 1 };
/** Every truck's round keeps the rules, checked by the schedule (not the engine's own evaluation). */
function keepsRules(p: RoundProblem, plan: ReturnType<typeof solveRounds>) {
  for (const truck of plan.trucks) expect(scheduleRound(p, p.types.find((type) => type.type === truck.type)!, truck.stops).problem).toBeNull();
}

describe('collection round solver', () => {
  it('serves every stop once, within capacity, going to the tip between loads', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [5, 0]];
    for (let k = 0; k < 12; k++) coordinates.push([Math.cos(k) * 3, Math.sin(k) * 3]);
    const p = problem(coordinates, new Array(12).fill(300), { types: [vehicle(coordinates, { count: 1 })] });
    const plan = solveRounds(p, options);
    expect(plan.unassigned).toEqual([]);
    expect(served(plan)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    // 12 × 300 kg with 1000 kg a load: 4 loads in one truck, each ending at the tip.
    expect(plan.trucks[0].stops.filter((stop) => stop === 1).length).toBe(4);
    keepsRules(p, plan);
  });

  it('a window forces waiting: the truck is there early and starts at the window', () => {
    // One stop 1 km away (100 s): open only from 07:00.
    const coordinates: Array<[number, number]> = [[0, 0], [0, 1], [1, 0]];
    const p = problem(coordinates, [100], { windows: [[], [], [[7 * 3600, 8 * 3600]]] });
    const plan = solveRounds(p, options);
    const schedule = scheduleRound(p, p.types[0], plan.trucks[0].stops);
    expect(schedule.arrival[0]).toBe(6 * 3600 + 100);
    expect(schedule.start[0]).toBe(7 * 3600);
  });

  it('a window forces the order: the far stop first because the near one opens later', () => {
    // Near stop A at 1 km opens at 06:30; far stop B at 3 km must be served before 06:15.
    const coordinates: Array<[number, number]> = [[0, 0], [0, -1], [1, 0], [3, 0]];
    const free = solveRounds(problem(coordinates, [100, 100], { types: [vehicle(coordinates, { count: 1 })] }), options);
    expect(free.trucks[0].stops.slice(0, 2)).toEqual([2, 3]);
    const p = problem(coordinates, [100, 100], { types: [vehicle(coordinates, { count: 1 })], windows: [[], [], [[6.5 * 3600, 9 * 3600]], [[6 * 3600, 6.25 * 3600]]] });
    const plan = solveRounds(p, options);
    expect(plan.unassigned).toEqual([]);
    expect(plan.trucks[0].stops.slice(0, 2)).toEqual([3, 2]);
    keepsRules(p, plan);
  });

  it('a reload at the tip lets one truck do the work of two', () => {
    // Two full loads beside the tip: one truck unloads in between.
    const coordinates: Array<[number, number]> = [[0, 0], [10, 0], [10, 1], [10, -1]];
    const p = problem(coordinates, [1000, 1000], { types: [vehicle(coordinates, { count: 1 })] });
    const plan = solveRounds(p, options);
    expect(plan.unassigned).toEqual([]);
    expect(plan.trucks).toHaveLength(1);
    expect(plan.trucks[0].stops.filter((stop) => stop === 1)).toHaveLength(2);
    keepsRules(p, plan);
  });

  it('a street closed to the big truck is served by the small one; a stream only by the type that takes it', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [0, 2], [1, 0], [2, 0]];
    const big = vehicle(coordinates, { type: 0, count: 1, capacityKg: 5000 });
    const small = vehicle(coordinates, { type: 1, count: 1, capacityKg: 2000, costPerMetre: 0.01, costPerSecond: 0.1 });
    // Place 3 is down a narrow street: the big truck cannot get there.
    for (let k = 0; k < 4; k++) {
      if (k === 3) continue;
      big.metres[k * 4 + 3] = big.metres[3 * 4 + k] = Number.POSITIVE_INFINITY;
      big.seconds[k * 4 + 3] = big.seconds[3 * 4 + k] = Number.POSITIVE_INFINITY;
    }
    const p = problem(coordinates, [100, 100], { types: [big, small] });
    const plan = solveRounds(p, options);
    expect(plan.unassigned).toEqual([]);
    const smallTruck = plan.trucks.find((truck) => truck.type === 1)!;
    expect(smallTruck.stops).toContain(3);
    keepsRules(p, plan);
    // Without the small truck, the point is named unreachable.
    const alone = solveRounds(problem(coordinates, [100, 100], { types: [big] }), options);
    expect(alone.unassigned).toEqual([{ place: 3, reason: 'unreachable' }]);
  });

  it('names the stops it cannot serve with the true reason, and plans the rest', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [1, 0], [0, 1], [0, 2], [400, 0], [0, 3], [0, 4]];
    const p = problem(coordinates, [200, 5000, 100, 100, 100], {
      windows: [[], [], [], [], [], [[3 * 3600, 4 * 3600]], []],
    });
    p.types[0].seconds[0 * 7 + 3] = Number.POSITIVE_INFINITY;
    p.types[0].metres[0 * 7 + 3] = Number.POSITIVE_INFINITY;
    const plan = solveRounds(p, options);
    expect(plan.unassigned).toEqual([
      { place: 3, reason: 'unreachable' },
      { place: 4, reason: 'shift-too-short' },
      { place: 5, reason: 'time-window' },
    ]);
    expect(served(plan)).toEqual([2, 6]);
    const heavy = solveRounds(problem([[0, 0], [1, 0], [0, 1]], [5000]), options);
    expect(heavy.unassigned).toEqual([{ place: 2, reason: 'demand-exceeds-capacity' }]);
    // The tip closes at 06:01:40, before the truck can get there from its one stop.
    const closed = solveRounds(problem([[0, 0], [1, 0], [0, 1]], [100], { tipHours: [0, 6 * 3600 + 100] }), options);
    expect(closed.unassigned).toEqual([{ place: 2, reason: 'tip-closed' }]);
  });

  it('reports a fleet too small for the shift, not the shift, when each stop fits alone', () => {
    // Far stops, each a full load: a 2-hour shift holds one trip a truck.
    const coordinates: Array<[number, number]> = [[0, 0], [0, 0], [20, 0], [0, 20], [-20, 0]];
    const p = problem(coordinates, [1000, 1000, 1000], { shiftSeconds: 2 * 3600 });
    const plan = solveRounds(p, options);
    expect(plan.trucks.length).toBe(2);
    expect(served(plan).length).toBe(2);
    expect(plan.unassigned.map((entry) => entry.reason)).toEqual(['fleet-too-small']);
    keepsRules(p, plan);
  });

  it('takes the driver’s break within the shift', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [0, 0], [30, 0]];
    // 30 km each way = 3000 s; a 45-min break after 1 h: out 6000 + 60 + 600 + 2700 s.
    const p = problem(coordinates, [100], { breakSeconds: 2700, breakAfterSeconds: 3600 });
    const plan = solveRounds(p, options);
    const schedule = scheduleRound(p, p.types[0], plan.trucks[0].stops);
    expect(schedule.breakTaken).toBe(true);
    expect(schedule.back - schedule.leave).toBe(6000 + 60 + 600 + 2700);
    const short = solveRounds({ ...p, shiftSeconds: 8000 }, options);
    expect(short.unassigned).toEqual([{ place: 2, reason: 'shift-too-short' }]);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [2, 2]];
    for (let k = 0; k < 30; k++) coordinates.push([(k * 7919) % 13, (k * 104729) % 11]);
    const p = problem(coordinates, new Array(30).fill(150));
    const first = solveRounds(p, { iterations: 300, seed: 7 });
    expect(solveRounds(p, { iterations: 300, seed: 7 })).toEqual(first);
    const other = [1, 2, 3].map((seed) => JSON.stringify(solveRounds(p, { iterations: 300, seed })));
    expect(new Set([...other, JSON.stringify(first)]).size).toBeGreaterThan(1);
  });

  it('with islands (threads), is deterministic for a seed and thread count and keeps the rules', () => {
    const coordinates: Array<[number, number]> = [[0, 0], [2, 2]];
    for (let k = 0; k < 30; k++) coordinates.push([(k * 7919) % 13, (k * 104729) % 11]);
    const p = problem(coordinates, new Array(30).fill(150));
    const first = solveRounds(p, { iterations: 300, seed: 7, threads: 3 });
    expect(solveRounds(p, { iterations: 300, seed: 7, threads: 3 })).toEqual(first);
    expect(first.unassigned).toEqual([]);
    expect(served(first)).toHaveLength(30);
    keepsRules(p, first);
    // One thread is the plain search.
    expect(solveRounds(p, { iterations: 300, seed: 7, threads: 1 })).toEqual(solveRounds(p, { iterations: 300, seed: 7 }));
  });
});
