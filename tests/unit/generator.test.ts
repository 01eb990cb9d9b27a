import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/generator/demo';
import { buildRoadGraph, reachability, snapPlaces, travelMatrices } from '../../src/domain/roads/graph';
import { loadTerritory } from '../../src/io/territoryLoader';
import { memorySource } from './memorySource';
import { metresBetween } from '../../src/domain/roads/graph';

const digest = (files: Map<string, string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(name).update(files.get(name)!);
  return hash.digest('hex');
};


const first = generateDemo({ seed: 20261123, scale: 1 });

describe('demo generator', () => {
  it('gives the same bytes for the same seed, other bytes for another seed', () => {
    expect(digest(generateDemo({ seed: 20261123, scale: 1 }).files)).toBe(digest(first.files));
    expect(digest(generateDemo({ seed: 7, scale: 1 }).files)).not.toBe(digest(first.files));
  }, 120_000);

  it('builds the territory DESIGN.md describes, every feature inside, the network connected', async () => {
    const { territory, problems } = await loadTerritory('manifest.json', memorySource(first.files));
    expect(problems).toEqual([]);
    expect(territory.fictitious).toBe(true);
    expect(territory.communes.length).toBeGreaterThanOrEqual(8);
    expect(territory.communes.length).toBeLessThanOrEqual(12);
    const inhabitants = territory.communes.reduce((sum, commune) => sum + commune.population, 0);
    expect(inhabitants).toBeGreaterThan(25_000);
    expect(inhabitants).toBeLessThan(35_000);
    expect(territory.buildings.length).toBeGreaterThan(9_000);
    expect(territory.streetLights.length).toBeGreaterThan(4_000);
    expect(territory.streetLights.length).toBeLessThan(6_000);
    expect(territory.collectionPoints.length).toBeGreaterThan(450);
    expect(territory.collectionPoints.length).toBeLessThan(750);
    expect(territory.sensors.length).toBeGreaterThan(250);
    expect(territory.facilities.map((facility) => facility.kind).sort()).toEqual(['depot', 'transfer']);
    let kilometres = 0;
    for (const road of territory.roads) for (let i = 1; i < road.coordinates.length; i++) kilometres += metresBetween(road.coordinates[i - 1], road.coordinates[i]) / 1000;
    expect(kilometres).toBeGreaterThan(250);
    expect(kilometres).toBeLessThan(550);

    const { west, east, south, north } = territory.bounds;
    const inside = ([lon, lat]: [number, number]) => lon >= west && lon <= east && lat >= south && lat <= north;
    for (const list of [territory.buildings, territory.streetLights, territory.collectionPoints, territory.sensors, territory.cabinets, territory.facilities]) {
      for (const feature of list) expect(inside(feature.position), `${feature.id} outside the territory`).toBe(true);
    }
    for (const road of territory.roads) for (const point of road.coordinates) expect(inside(point)).toBe(true);

    // Every collection point reachable from the depot and back, one-way streets included.
    const depot = territory.facilities.find((facility) => facility.kind === 'depot')!;
    const places = snapPlaces(buildRoadGraph(territory.roads), [depot.position, ...territory.collectionPoints.map((point) => point.position)], 60);
    expect(reachability(places, travelMatrices(places), 0).unreachable).toEqual([]);

    // It looks like a place: lights along streets, collection points by buildings.
    // (Street lights, that is: park and car-park lights stand inside them.)
    const streetLamps = territory.streetLights.filter((light) => light.usage === 'road' || light.usage === 'residential');
    const lights = snapPlaces(buildRoadGraph(territory.roads), streetLamps.map((light) => light.position), 40);
    const farFromRoad = lights.places.filter((place) => place.road < 0).length;
    expect(streetLamps.length).toBeGreaterThan(3_000);
    expect(farFromRoad).toBeLessThan(streetLamps.length * 0.01);
  }, 120_000);

  it('--scale multiplies the counts', () => {
    const double = generateDemo({ seed: 20261123, scale: 2 });
    const ratio = (key: string) => double.summary[key] / first.summary[key];
    const keys = Object.keys(first.summary).filter((key) => /light|point|building/i.test(key));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(ratio(key)).toBeGreaterThan(1.6);
      expect(ratio(key)).toBeLessThan(2.4);
    }
  }, 180_000);
});
