import { beforeAll, describe, expect, it } from 'vitest';
import { demoTerritory } from '../../tests/unit/demoTerritory';
import type { RoundPlan, RoundProblem } from '../../src/domain/waste/policy';
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
    for (const place of left) if (best < 0 || problem.seconds[at * problem.size + place] < problem.seconds[at * problem.size + best]) best = place;
    if (load + problem.demandKg[best] > problem.capacityKg) {
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
  return { trucks: [{ stops }], unassigned: [] };
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
    const measured = new Float64Array(n).fill(Number.NaN);
    // Every point has a sensor that says it fills slowly (a fifth of its volume a week), but one.
    measured.fill(0.03);
    measured[5] = Number.NaN;
    const progress: number[] = [];
    const result = await service.run(
      { requestId: 1, policy: { kind: 'fill-level', thresholdPercent: 75, collectionWeekdays: [2, 5] }, fleet: { vehicles: 2, capacityKg: 7000 }, startDate: '2026-11-23', days: 14, measuredFillPerDay: measured, initialFill: new Float64Array(n).fill(0.3), solverMilliseconds: 50 },
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
  });
});
