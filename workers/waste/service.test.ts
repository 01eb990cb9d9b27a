import { beforeAll, describe, expect, it } from 'vitest';
import { demoTerritory } from '../../tests/unit/demoTerritory';
import { resolveWasteParameters, simpleFleet, type RoundPlan, type RoundProblem } from '../../src/domain/waste/policy';
import { WasteService } from './service';

/** Nearest neighbour with the tip when full: enough to check the service's plumbing. */
function nearestNeighbour(problem: RoundProblem): RoundPlan {
  const left = new Set<number>();
  for (let place = 2; place < problem.size; place++) left.add(place);
  const stops: number[] = [];
  let at = 0;
  let load = 0;
  while (left.size > 0) {
    let best = -1;
    const seconds = problem.types[0].seconds;
    for (const place of left) if (best < 0 || seconds[at * problem.size + place] < seconds[at * problem.size + best]) best = place;
    if (load + problem.demandKg[best] > problem.types[0].capacityKg) {
      stops.push(problem.tip);
      at = problem.tip;
      load = 0;
      continue;
    }
    stops.push(best);
    load += problem.demandKg[best];
    left.delete(best);
    at = best;
  }
  return { trucks: [{ type: problem.types[0].type, stops }], unassigned: [] };
}

describe('waste service on the demo territory', () => {
  // Generated in this process when public/demo is absent (tests/unit/demoTerritory.ts): never skipped.
  beforeAll(() => demoTerritory(), 300_000);
  it('prepares the network, simulates both policies over two weeks and draws the rounds on the roads', async () => {
    const { territory } = await demoTerritory();
    const service = new WasteService(() => nearestNeighbour);
    const prepared = service.prepare(territory);
    expect(prepared.missing).toEqual([]);
    expect(prepared.unreachable).toEqual([]);
    const n = territory.collectionPoints.length;
    // Every point has a sensor whose readings say it fills slowly (3 % a day, ±2 noise, every 6 h), but one.
    const start = Date.parse('2026-11-23T00:00:00Z');
    const readings = territory.collectionPoints.map((_, i) => {
      if (i === 5) return null;
      const times: number[] = [];
      const percent: number[] = [];
      for (let k = -4 * 30; k < 4 * 15; k++) {
        times.push(start + k * 6 * 3_600_000);
        percent.push(30 + (k + 120) * 0.75 + (k % 2 === 0 ? 2 : -2));
      }
      return { times, percent };
    });
    const progress: number[] = [];
    const result = await service.run(
      { requestId: 1, policy: { kind: 'fill-level', thresholdPercent: 75, collectionWeekdays: [2, 5] }, fleet: simpleFleet(2, 7000, resolveWasteParameters({})), startDate: '2026-11-23', days: 14, readings, iterations: 10, seed: 1 },
      (fraction) => progress.push(fraction),
    );
    expect(result).not.toBeNull();
    const { baseline, scenario, drawn } = result!;
    expect(baseline.totals.collections).toBeGreaterThan(n);
    expect(scenario.totals.collections).toBeLessThan(baseline.totals.collections);
    // Emptied fuller: more kilograms per visit than the fixed rounds.
    expect(scenario.totals.tonnes / scenario.totals.collections).toBeGreaterThan(baseline.totals.tonnes / baseline.totals.collections);
    expect(baseline.totals.km).toBeGreaterThan(100);
    expect(progress.at(-1)).toBe(1);
    const round = drawn.baseline[0];
    const depot = territory.facilities.find((facility) => facility.kind === 'depot')!;
    // The drawn path leaves from (the road next to) the depot and its stops are in time order.
    const [lon, lat] = round.trips[0].path[0];
    expect(Math.abs(lon - depot.position[0]) + Math.abs(lat - depot.position[1])).toBeLessThan(0.003);
    const arrivals = round.trips.flatMap((trip) => trip.stops.map((stop) => stop.arrivalSeconds));
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    // Progress after each simulated day of both policies.
    expect(progress.length).toBeGreaterThanOrEqual(26);
  });

  it('stops at a cancel arriving between simulated days, and can run again without preparing', async () => {
    const { territory } = await demoTerritory();
    const service = new WasteService(() => nearestNeighbour);
    service.prepare(territory);
    const request = { requestId: 7, policy: { kind: 'fixed' as const }, fleet: simpleFleet(2, 7000, resolveWasteParameters({})), startDate: '2026-11-23', days: 28, readings: territory.collectionPoints.map(() => null), iterations: 10, seed: 1 };
    let days = 0;
    const running = service.run(request, () => {
      if (++days === 3) service.cancel(7);
    });
    expect(await running).toBeNull();
    expect(days).toBe(3);
    const again = await service.run({ ...request, requestId: 8, days: 2 });
    expect(again?.baseline.days.length).toBeGreaterThan(0);
  });
});
