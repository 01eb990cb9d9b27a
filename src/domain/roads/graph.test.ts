import { beforeAll, describe, expect, it } from 'vitest';
import { demoTerritory } from '../../../tests/unit/demoTerritory';
import type { Road } from '../territory';
import { buildRoadGraph, pathBetween, reachability, snapPlaces, travelMatrices } from './graph';

// A small town on a 0.001° grid (about 111 m north–south, 74 m east–west at 48°N).
const road = (id: string, coordinates: Array<[number, number]>, options: Partial<Road> = {}): Road => ({
  id,
  name: id,
  roadClass: 'residential',
  speedKmh: 36,
  oneway: false,
  coordinates,
  ...options,
});

describe('road graph', () => {
  it('joins roads at shared vertices and honours one-way streets', () => {
    const roads = [
      road('main', [
        [6.0, 48.0],
        [6.001, 48.0],
        [6.002, 48.0],
      ]),
      // One way north from the middle of the main road, then back west to its start.
      road('loop', [
        [6.001, 48.0],
        [6.001, 48.001],
        [6.0, 48.001],
        [6.0, 48.0],
      ], { oneway: true }),
    ];
    const graph = buildRoadGraph(roads);
    expect(graph.nodeCount).toBe(5);
    // Places: A on the loop's north side, B on the main road's east end.
    const places = snapPlaces(graph, [
      [6.0005, 48.0011],
      [6.002, 47.9999],
    ]);
    const matrices = travelMatrices(places);
    const aToB = matrices.metres[0 * 2 + 1];
    const bToA = matrices.metres[1 * 2 + 0];
    // A → B: along the loop west, down to the start, then east along main: 37 + 111 + 148 m.
    expect(aToB).toBeGreaterThan(280);
    expect(aToB).toBeLessThan(310);
    // B → A: west along main to its middle, up the loop, then west to A: 74 + 111 + 37 m.
    expect(bToA).toBeGreaterThan(210);
    expect(bToA).toBeLessThan(235);
    // Time is length over speed (36 km/h = 10 m/s).
    expect(matrices.seconds[1]).toBeCloseTo(aToB / 10, 6);
    const path = pathBetween(places, 1, 0);
    expect(path[0][0]).toBeCloseTo(6.002, 6);
    expect(path.at(-1)![1]).toBeCloseTo(48.001, 6);
  });

  it('reports a place off the network and a place that cannot be left', () => {
    const roads = [
      road('a', [
        [6.0, 48.0],
        [6.001, 48.0],
      ]),
      road('dead-end one way', [
        [6.001, 48.0],
        [6.002, 48.0],
      ], { oneway: true }),
    ];
    const places = snapPlaces(buildRoadGraph(roads), [
      [6.0, 48.0],
      [6.0019, 48.0],
      [6.1, 48.1],
    ]);
    const { unreachable } = reachability(places, travelMatrices(places), 0);
    expect(unreachable).toEqual([
      { place: 1, reason: 'cannot-return-to-depot' },
      { place: 2, reason: 'off-network' },
    ]);
  });
});

describe('the demo network', () => {
  // Generated in this process when public/demo is absent (tests/unit/demoTerritory.ts): never skipped.
  beforeAll(() => demoTerritory(), 300_000);
  it('reaches every collection point from the depot and back', async () => {
    const { territory } = await demoTerritory();
    const depot = territory.facilities.find((facility) => facility.kind === 'depot')!;
    const tip = territory.facilities.find((facility) => facility.kind === 'transfer')!;
    const positions = [depot.position, tip.position, ...territory.collectionPoints.map((point) => point.position)];
    const places = snapPlaces(buildRoadGraph(territory.roads), positions);
    const matrices = travelMatrices(places);
    expect(reachability(places, matrices, 0).unreachable).toEqual([]);
    // Road distances are longer than straight lines, and plausible for a 20 km territory.
    let longest = 0;
    for (const value of matrices.metres) longest = Math.max(longest, value);
    expect(longest).toBeGreaterThan(10_000);
    expect(longest).toBeLessThan(60_000);
  });
});

describe('places on the same segment', () => {
  it('are linked directly, in their order along it, both ways on a two-way road and one way on a one-way road', async () => {
    const { buildRoadGraph, snapPlaces, travelMatrices, metresBetween } = await import('./graph');
    // One straight segment of about 1.1 km, west to east; three places beside it at 20 %, 50 % and 80 %.
    const road = { id: 'R', name: '', roadClass: 'residential' as const, speedKmh: 36, oneway: false, coordinates: [[6, 48], [6.015, 48]] as Array<[number, number]> };
    const places: Array<[number, number]> = [[6.003, 48.0001], [6.0075, 47.9999], [6.012, 48.0001]];
    const length = metresBetween([6, 48], [6.015, 48]);
    for (const oneway of [false, true]) {
      const network = snapPlaces(buildRoadGraph([{ ...road, oneway }]), places);
      const { metres } = travelMatrices(network);
      // 20 % → 50 %: 30 % of the segment, not via an end of it.
      expect(metres[0 * 3 + 1]).toBeCloseTo(0.3 * length, 0);
      expect(metres[1 * 3 + 2]).toBeCloseTo(0.3 * length, 0);
      expect(metres[0 * 3 + 2]).toBeCloseTo(0.6 * length, 0);
      if (oneway) expect(metres[2 * 3 + 0]).toBe(Number.POSITIVE_INFINITY);
      else expect(metres[2 * 3 + 0]).toBeCloseTo(0.6 * length, 0);
    }
  });
});
