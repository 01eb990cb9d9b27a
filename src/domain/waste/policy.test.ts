import { describe, expect, it } from 'vitest';
import type { CollectionPoint } from '../territory';
import { DEFAULT_RULES, DEFAULT_WASTE_PARAMETERS, resolveWasteParameters, simpleFleet, simulateCollection, type RoundPlan, type RoundProblem, type WasteSimulationInput } from './policy';
import { HISTORY_DAYS, replayFill, type PointFill } from './replay';

/** A plain solver for the tests: points in index order, to the tip when the next one would not fit. */
function inOrderSolver(problem: RoundProblem): RoundPlan {
  const stops: number[] = [];
  const unassigned: RoundPlan['unassigned'] = [];
  let load = 0;
  for (let place = 2; place < problem.size; place++) {
    if (problem.demandKg[place] > problem.types[0].capacityKg) {
      unassigned.push({ place, reason: 'demand-exceeds-capacity' });
      continue;
    }
    if (load + problem.demandKg[place] > problem.types[0].capacityKg) {
      stops.push(problem.tip);
      load = 0;
    }
    stops.push(place);
    load += problem.demandKg[place];
  }
  return { trucks: [{ type: problem.types[0].type, stops }], unassigned };
}

function point(id: number, weekday: number, options: Partial<CollectionPoint> = {}): CollectionPoint {
  return { id: `P${id}`, name: `Point ${id}`, position: [6, 48], stream: 'residual', container: 'bin', volumeLitres: 1000, containerCount: 2, collectionWeekday: weekday, collectionPeriodWeeks: 1, communeId: 'C1', ...options };
}

/** Places on a line 1 km apart: depot 0, tip 1, points from 2 on; 10 m/s. */
function lineMatrices(size: number): { metres: Float64Array; seconds: Float64Array } {
  const metres = new Float64Array(size * size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) metres[a * size + b] = Math.abs(a - b) * 1000;
  return { metres, seconds: metres.map((value) => value / 10) };
}

/** Fills growing at a constant speed from a start fill, with a sensor that always reports (or none). */
function steady(perDay: ArrayLike<number>, start: ArrayLike<number>, days: number, sensors: ArrayLike<number> = []): PointFill[] {
  return Array.from({ length: perDay.length }, (_, i) => {
    const inflow = new Float64Array(HISTORY_DAYS + days + 1);
    for (let k = 0; k < inflow.length; k++) inflow[k] = k * perDay[i];
    const sensor = (sensors[i] ?? 1) === 1;
    return { inflow, reported: new Uint8Array(inflow.length).fill(sensor ? 1 : 0), startFill: start[i], sensor };
  });
}

interface Overrides extends Partial<WasteSimulationInput> {
  fillPerDay?: ArrayLike<number>;
  initialFill?: ArrayLike<number>;
  hasSensor?: ArrayLike<number>;
  vehicles?: number;
  capacityKg?: number;
}

function input(points: CollectionPoint[], overrides: Overrides = {}): WasteSimulationInput {
  const n = points.length;
  const { fillPerDay, initialFill, hasSensor, vehicles, capacityKg, ...rest } = overrides;
  const days = rest.days ?? 14;
  const parameters = resolveWasteParameters({});
  return {
    points,
    fills: steady(fillPerDay ?? new Float64Array(n).fill(0.1), initialFill ?? new Float64Array(n).fill(0.2), days, hasSensor),
    matrices: [lineMatrices(n + 2)],
    // 2026-11-23 is a Monday.
    startDate: '2026-11-23',
    days,
    policy: { kind: 'fixed' },
    fleet: simpleFleet(vehicles ?? 1, capacityKg ?? 7000, parameters),
    rules: DEFAULT_RULES(n),
    parameters,
    solve: inOrderSolver,
    ...rest,
  };
}

describe('collection policies', () => {
  it('fixed: every point on its weekday, every week', () => {
    const result = simulateCollection(input([point(1, 1), point(2, 3), point(3, 3)]));
    // Two weeks: Monday point twice, the two Wednesday points twice.
    expect(result.totals.collections).toBe(6);
    expect(result.days.map((day) => day.date)).toEqual(['2026-11-23', '2026-11-25', '2026-11-30', '2026-12-02']);
    // Each round ends at the tip: Monday 1 point: depot→P(2 km)→tip(1 km)→depot(1 km) = 4 km.
    expect(result.days[0].trucks[0].metres).toBe(4000);
    expect(result.totals.tipTrips).toBe(4);
    // Diesel and cost follow the kilometres and hours.
    expect(result.totals.dieselLitres).toBeCloseTo((result.totals.km * 80) / 100, 9);
    expect(result.totals.kgCo2e).toBeCloseTo(result.totals.dieselLitres * 3.16, 9);
  });

  it('fill-level: slow points are skipped until they reach the threshold, and fewer km are driven', () => {
    const points = [point(1, 1), point(2, 1), point(3, 1)];
    const slow = { fillPerDay: Float64Array.from([0.02, 0.03, 0.05]), initialFill: Float64Array.from([0.1, 0.1, 0.1]) };
    const fixed = simulateCollection(input(points, { ...slow, days: 28 }));
    const smart = simulateCollection(input(points, { ...slow, days: 28, policy: { kind: 'fill-level', thresholdPercent: 80, collectionWeekdays: [1, 4] } }));
    expect(fixed.totals.collections).toBe(12);
    expect(smart.totals.collections).toBeLessThan(fixed.totals.collections);
    expect(smart.totals.km).toBeLessThan(fixed.totals.km);
    expect(smart.totals.overflows).toBe(0);
  });

  it('fill-level: a fast point is visited before it overflows, where the weekly round lets it overflow', () => {
    const points = [point(1, 1)];
    const fast = { fillPerDay: Float64Array.from([0.2]), initialFill: Float64Array.from([0.1]), days: 28 };
    const fixed = simulateCollection(input(points, fast));
    const smart = simulateCollection(input(points, { ...fast, policy: { kind: 'fill-level', thresholdPercent: 80, collectionWeekdays: [1, 4] } }));
    expect(fixed.totals.overflows).toBe(4);
    expect(smart.totals.overflows).toBe(0);
  });

  it('points without a sensor keep their fixed day under the fill-level policy', () => {
    const points = [point(1, 2), point(2, 2)];
    const result = simulateCollection(
      input(points, { hasSensor: Uint8Array.from([0, 1]), fillPerDay: Float64Array.from([0.01, 0.01]), days: 7, policy: { kind: 'fill-level', thresholdPercent: 80, collectionWeekdays: [5] } }),
    );
    expect(result.days.length).toBe(1);
    expect(result.days[0].date).toBe('2026-11-24');
    expect(result.days[0].trucks[0].stops.filter((stop) => stop >= 0)).toEqual([0]);
  });

  it('a full truck goes to the tip and carries on; a point too heavy for a truck is reported', () => {
    // 1000 L × 0.12 kg/L = 120 kg per full point: capacity 250 kg → two points a load.
    const points = [point(1, 1), point(2, 1), point(3, 1), point(4, 1, { volumeLitres: 5000 })];
    const result = simulateCollection(input(points, { initialFill: new Float64Array(4).fill(1), fillPerDay: new Float64Array(4), days: 1, capacityKg: 250 }));
    const stops = result.days[0].trucks[0].stops;
    expect(stops).toEqual([0, 1, -1, 2, -1]);
    expect(result.days[0].trucks[0].loadsKg).toEqual([240, 120]);
    expect(result.unassigned).toEqual([{ point: 3, reason: 'demand-exceeds-capacity', count: 1 }]);
    expect(result.totals.collections).toBe(3);
  });

  it('takes parameters from the manifest over the defaults, with sources for the defaults', () => {
    const parameters = resolveWasteParameters({ truckFuelLitresPer100Km: { value: 60, unit: 'L/100 km', source: 'flotte GNV', unverified: false } });
    expect(parameters.truckFuelLitresPer100Km).toBe(60);
    expect(parameters.truckCapacityKg).toBe(7000);
    expect(DEFAULT_WASTE_PARAMETERS.truckFuelLitresPer100Km.source).toMatch(/DOMAIN\.md/);
  });

  it('yields after each simulated day, so that a caller can pause and stop', async () => {
    const { collectionSteps } = await import('./policy');
    const steps = collectionSteps(input([point(1, 1)], { days: 5 }));
    const fractions: number[] = [];
    for (let step = steps.next(); !step.done; step = steps.next()) fractions.push(step.value);
    expect(fractions).toEqual([0.2, 0.4, 0.6, 0.8]);
  });
});

describe('replayed readings', () => {
  const DAY = 86_400_000;
  const start = Date.parse('2026-11-23T00:00:00Z');
  /** Readings every 6 h from four weeks before: +10 %/day, emptied by the historical rounds on Mondays and Thursdays at noon, ±3 noise. */
  function readings(silentDays: [number, number] | null = null, speed = (day: number) => 10 + 0 * day) {
    const times: number[] = [];
    const percent: number[] = [];
    let fill = 30;
    for (let ms = start - 30 * DAY; ms < start + 20 * DAY; ms += 6 * 3_600_000) {
      const day = Math.floor((ms - start) / DAY);
      const monday = [1, 4].includes(new Date(ms).getUTCDay()) && new Date(ms).getUTCHours() === 12;
      fill = monday ? 2 : fill + speed(day) / 4;
      if (silentDays && day >= silentDays[0] && day < silentDays[1]) continue;
      times.push(ms);
      percent.push(fill + (times.length % 2 === 0 ? 3 : -3));
    }
    return { times, percent };
  }

  it('turns the history into what is thrown in, whatever the historical emptyings, and starts from the reading on the start date', () => {
    const point1 = point(1, 1);
    const fill = replayFill(point1, readings(), '2026-11-23', 14);
    // 10 %/day of inflow; each historical emptying carries the ±3 points of one noisy reading.
    const perDay = (fill.inflow[HISTORY_DAYS + 14] - fill.inflow[HISTORY_DAYS]) / 14;
    expect(perDay).toBeGreaterThan(0.085);
    expect(perDay).toBeLessThan(0.115);
    expect(fill.sensor).toBe(true);
    expect(fill.reported.every((value) => value === 1)).toBe(true);
    // Monday 2026-11-23 06:00: last emptied on Thursday at noon, so about 3.75 days × 10 % + 2 ± 3.
    expect(fill.startFill).toBeGreaterThan(0.33);
    expect(fill.startFill).toBeLessThan(0.46);
  });

  it('a silent sensor is not seen by the policy: its point keeps its fixed day, and its fill still goes on', () => {
    const fill = replayFill(point(1, 3), readings([1, 9]), '2026-11-23', 14);
    expect(fill.reported[HISTORY_DAYS + 1]).toBe(1);
    expect(fill.reported[HISTORY_DAYS + 5]).toBe(0);
    expect(fill.reported[HISTORY_DAYS + 10]).toBe(1);
    const result = simulateCollection(input([point(1, 3)], { fills: [fill], days: 14, policy: { kind: 'fill-level', thresholdPercent: 80, collectionWeekdays: [1, 4] } }));
    // Wednesday 2026-11-25 (day 2) is silent: the point keeps its fixed day then.
    expect(result.days.map((day) => day.date)).toContain('2026-11-25');
  });

  it('weeks to come (readings up to the present): a live sensor is seen on the mornings after it, so a slow point is skipped on its fixed day', () => {
    // The present is 9 days before the start (the council session is about next month): no reading after it.
    const until = start - 9 * DAY + 6 * 3_600_000;
    // A slow container: 3 %/day, emptied every other Wednesday at noon, readings every 6 h ±1.
    const times: number[] = [];
    const percent: number[] = [];
    for (let ms = start - 40 * DAY; ms <= until; ms += 6 * 3_600_000) {
      const sinceEmptied = ((ms - Date.parse('2026-10-14T12:00:00Z')) / DAY) % 14;
      times.push(ms);
      percent.push(3 + 3 * sinceEmptied + (times.length % 2 === 0 ? 1 : -1));
    }
    const upToNow = { times, percent, until };
    const fill = replayFill(point(1, 3), upToNow, '2026-11-23', 14);
    expect(fill.reported.slice(HISTORY_DAYS).every((value) => value === 1)).toBe(true);
    // Its Wednesday round of 2026-11-18 passed after the last reading: about 5 days at 3 %/day since.
    expect(fill.startFill).toBeGreaterThan(0.1);
    expect(fill.startFill).toBeLessThan(0.25);
    const policy = { kind: 'fill-level' as const, thresholdPercent: 80, collectionWeekdays: [] };
    const fixed = simulateCollection(input([point(1, 3)], { fills: [fill], days: 14 }));
    const smart = simulateCollection(input([point(1, 3)], { fills: [fill], days: 14, policy }));
    expect(fixed.totals.collections).toBe(2);
    expect(smart.totals.collections).toBe(0);
    expect(smart.totals.km).toBeLessThan(fixed.totals.km);
    expect(smart.totals.overflows).toBe(0);
    // A sensor already silent for two days at the present stays silent after it: the point keeps its fixed day.
    const dead = replayFill(point(1, 3), { ...upToNow, until: until + 2 * DAY }, '2026-11-23', 14);
    expect(dead.reported.slice(HISTORY_DAYS).every((value) => value === 0)).toBe(true);
    expect(simulateCollection(input([point(1, 3)], { fills: [dead], days: 14, policy })).totals.collections).toBe(2);
  });

  it('forecasts from the past only: a point that speeds up after the start overflows, counted against the readings', () => {
    // 5 %/day before the start, 15 %/day after: the forecast (from the past) is too low.
    const fast = replayFill(point(1, 1), readings(null, (day) => (day < 0 ? 5 : 15)), '2026-11-23', 14);
    const steadyFast = replayFill(point(2, 1), readings(null, () => 15), '2026-11-23', 14);
    const policy = { kind: 'fill-level' as const, thresholdPercent: 95, collectionWeekdays: [1, 4] };
    const surprised = simulateCollection(input([point(1, 1)], { fills: [fast], days: 14, policy }));
    const warned = simulateCollection(input([point(2, 1)], { fills: [steadyFast], days: 14, policy }));
    expect(warned.totals.overflows).toBe(0);
    expect(surprised.totals.overflows).toBeGreaterThan(0);
  });
});

describe('filling speed', () => {
  it('is the slope of the filling spells, emptyings left out, noise averaged', async () => {
    const { fillingSpeedFromReadings, typicalFillingSpeed } = await import('./fillRate');
    const times: number[] = [];
    const values: number[] = [];
    // 10 %/day for 6 days, emptied, again 10 %/day for 6 days; readings every 4 h with ±3 % noise.
    for (let spell = 0; spell < 2; spell++) {
      for (let hour = 0; hour <= 144; hour += 4) {
        times.push((spell * 7 * 24 + hour) * 3_600_000);
        values.push(5 + (hour / 24) * 10 + (hour % 8 === 0 ? 3 : -3));
      }
    }
    expect(fillingSpeedFromReadings(times, values)).toBeCloseTo(0.1, 2);
    expect(fillingSpeedFromReadings([0, 3_600_000], [10, 12])).toBeNull();
    const weekly = typicalFillingSpeed({ id: 'X', name: '', position: [0, 0], stream: 'residual', container: 'bin', volumeLitres: 240, containerCount: 1, collectionWeekday: 1, collectionPeriodWeeks: 1, communeId: '' });
    expect(weekly * 7).toBeGreaterThan(0.3);
    expect(weekly * 7).toBeLessThan(0.7);
  });
});

describe('fill-level on each point’s own day', () => {
  it('skips a slow point on its usual day until it needs emptying', () => {
    const points = [point(1, 1), point(2, 3)];
    const slow = { fillPerDay: Float64Array.from([0.03, 0.03]), initialFill: Float64Array.from([0.1, 0.1]), days: 28 };
    const fixed = simulateCollection(input(points, slow));
    const smart = simulateCollection(input(points, { ...slow, policy: { kind: 'fill-level', thresholdPercent: 80, collectionWeekdays: [] } }));
    expect(fixed.totals.collections).toBe(8);
    expect(smart.totals.collections).toBeLessThan(4);
    expect(smart.days.every((day) => ['2026-11-23', '2026-11-25', '2026-11-30', '2026-12-02', '2026-12-07', '2026-12-09', '2026-12-14', '2026-12-16'].includes(day.date))).toBe(true);
    expect(smart.totals.overflows).toBe(0);
  });
});

describe('fill-level decisions from the readings, by hand', () => {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  // Monday 2026-11-23, 06:00: the first morning.
  const morning = Date.parse('2026-11-23T06:00:00Z');
  /**
   * Readings every 6 h (03:00, 09:00, 15:00, 21:00) of a container that receives `perDay(day)` points a day,
   * found at `level` % on the first morning; emptied to 2.5 % every 7 days before (the last time
   * (level − 2.5) ÷ 5 days before), and after the start on Mondays at 09:00 as the fixed rounds did.
   */
  function rising(level: number, perDay: (day: number) => number = () => 5, silent: [number, number] | null = null) {
    const times: number[] = [];
    const percent: number[] = [];
    const lastEmptied = morning - ((level - 2.5) / perDay(-1)) * DAY;
    const emptyings = [...Array.from({ length: 8 }, (_, k) => lastEmptied - k * 7 * DAY), ...Array.from({ length: 4 }, (_, k) => morning + 3 * HOUR + k * 7 * DAY)].sort((a, b) => a - b);
    let fill = 2.5;
    let at = emptyings[0];
    for (let ms = morning - 3 * HOUR - 40 * DAY; ms < morning + 28 * DAY; ms += 6 * HOUR) {
      if (ms < emptyings[0]) continue;
      // Fill from `at` to `ms`, emptied on the way if a round passed.
      const round = emptyings.find((time) => time > at && time <= ms);
      if (round !== undefined) {
        fill = 2.5;
        at = round;
      }
      fill += (perDay(Math.floor((at - morning) / DAY)) * (ms - at)) / DAY;
      at = ms;
      const day = Math.floor((ms - morning) / DAY);
      if (silent && day >= silent[0] && day < silent[1]) continue;
      times.push(ms);
      percent.push(Math.round(fill * 100) / 100);
    }
    return { times, percent };
  }
  const ownDay = (thresholdPercent: number) => ({ kind: 'fill-level' as const, thresholdPercent, collectionWeekdays: [] });
  const monday = point(1, 1);
  const run = (fill: PointFill, policy: WasteSimulationInput['policy']) => simulateCollection(input([monday], { fills: [fill], days: 14, policy }));

  it('replays 5 %/day through the emptyings and starts from the morning reading', () => {
    const fill = replayFill(monday, rising(30), '2026-11-23', 14);
    // The last reading before the first morning (03:00) says 30 − 5 ÷ 8 = 29.4 %.
    expect(fill.startFill).toBeCloseTo(0.294, 3);
    // Four weeks before the start and the two weeks after: 5 points a day, emptyings or not.
    expect(fill.inflow[HISTORY_DAYS] - fill.inflow[0]).toBeCloseTo(1.4, 1);
    expect(fill.inflow[HISTORY_DAYS + 14] - fill.inflow[HISTORY_DAYS]).toBeCloseTo(0.7, 1);
  });

  it('at 80 %: skips the point at 30 % on its Monday (30 + 7 × 5 = 65 < 80), visits it at 70 % (70 + 35 = 105)', () => {
    const low = run(replayFill(monday, rising(30), '2026-11-23', 14), ownDay(80));
    // Skipped on the 23rd; on the 30th it is at about 65 %: 65 + 35 ≥ 80, visited.
    expect(low.days.map((day) => day.date)).toEqual(['2026-11-30']);
    expect(low.totals.overflows).toBe(0);
    const high = run(replayFill(monday, rising(70), '2026-11-23', 14), ownDay(80));
    // Visited on the 23rd; emptied, it is at about 35 % on the 30th: 35 + 35 < 80, skipped.
    expect(high.days.map((day) => day.date)).toEqual(['2026-11-23']);
    expect(high.totals.overflows).toBe(0);
    // The fixed rounds visit it both Mondays.
    expect(run(replayFill(monday, rising(30), '2026-11-23', 14), { kind: 'fixed' }).days.map((day) => day.date)).toEqual(['2026-11-23', '2026-11-30']);
  });

  it('counts overflows against the readings, not against the forecast', () => {
    // At 150 % the point at 70 % is skipped (70 + 35 = 105 < 150): the readings put it at about
    // 105 % on the 30th, one overflow; skipped again then (105 + 35 = 140 < 150), it goes on overflowing: still one.
    const skipped = run(replayFill(monday, rising(70), '2026-11-23', 14), ownDay(150));
    expect(skipped.days).toEqual([]);
    expect(skipped.totals.overflows).toBe(1);
    expect(run(replayFill(monday, rising(70), '2026-11-23', 14), { kind: 'fixed' }).totals.overflows).toBe(0);
    // Same past, but the readings after the start rise 1 %/day only (the forecast still says 5): 77 % on the 30th, no overflow.
    const slowedDown = replayFill(monday, rising(70, (day) => (day < 0 ? 5 : 1)), '2026-11-23', 14);
    expect(run(slowedDown, ownDay(150)).totals.overflows).toBe(0);
  });

  it('a slow column found at 22 % is emptied (a fall under 25 points), and its speed is not lost', async () => {
    const { fillingSpeedFromReadings, isEmptying } = await import('./fillRate');
    expect(isEmptying(22, 3)).toBe(true);
    expect(isEmptying(120, 3)).toBe(true);
    // Noise: 60 to 50 is not an emptying, nor 10 to 4.
    expect(isEmptying(60, 50)).toBe(false);
    expect(isEmptying(10, 4)).toBe(false);
    // A glass column: 0.7 %/day, emptied to 2.5 % every 28 days (found at 22.1 %: falls of 19.6 ± 4), ±2 noise, readings every 6 h.
    const times: number[] = [];
    const percent: number[] = [];
    for (let ms = morning - 60 * DAY; ms < morning + 28 * DAY; ms += 6 * HOUR) {
      const since = (((ms - morning) / DAY) % 28 + 28) % 28;
      times.push(ms);
      percent.push(2.5 + 0.7 * since + (times.length % 2 === 0 ? 2 : -2));
    }
    expect(fillingSpeedFromReadings(times, percent)).toBeCloseTo(0.007, 3);
    const fill = replayFill(point(1, 1, { stream: 'glass', collectionPeriodWeeks: 4 }), { times, percent }, '2026-11-23', 28);
    // 19.6 points in the four weeks before, 19.6 in the four after, whatever the emptyings (±2 at each
    // end and ±2 on the reading after an emptying: 19.6 ± 6). Read as rises, each emptying would take about 20 off.
    for (const [from, to] of [[0, HISTORY_DAYS], [HISTORY_DAYS, HISTORY_DAYS + 28]]) {
      expect(fill.inflow[to] - fill.inflow[from]).toBeGreaterThan(0.136);
      expect(fill.inflow[to] - fill.inflow[from]).toBeLessThan(0.256);
    }
  });

  it('a silence over an emptying counts at least the measured speed', () => {
    // Silent from 12 days to 4 days before the start: the Monday rounds between are not seen.
    const fill = replayFill(monday, rising(30, () => 5, [-12, -4]), '2026-11-23', 14);
    expect(fill.inflow[HISTORY_DAYS] - fill.inflow[0]).toBeCloseTo(1.4, 1);
    expect(fill.reported[HISTORY_DAYS - 8]).toBe(0);
    // The speed of the silence is the one measured before it, not after the start (1 %/day there).
    const slowerLater = replayFill(monday, rising(30, (day) => (day < 0 ? 5 : 1), [-12, -4]), '2026-11-23', 14);
    expect(slowerLater.inflow[HISTORY_DAYS] - slowerLater.inflow[0]).toBeCloseTo(1.4, 1);
  });
});
