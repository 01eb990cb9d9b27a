/**
 * The whole pipeline against the local fake services (no outside host): a commune shaped like
 * Esternay is built, its manifest passes the same loader as the demo, and failures are per source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTerritory } from '../../src/io/public/build';
import { publicHosts } from '../../src/io/public/hosts';
import { fromZip, memorySource, toZip } from '../../src/io/public/package';
import { loadTerritory } from '../../src/io/territoryLoader';
import { startFakeServices, type FakeServices } from '../fake-services/server';
import { makeCommune, PRESETS } from '../fake-services/territory';

let fake: FakeServices;
beforeAll(async () => {
  fake = await startFakeServices();
});
afterAll(async () => fake.close());

const target = { kind: 'commune' as const, code: '51237', name: 'Esternay' };

describe('building a real territory from the public services (local fakes)', () => {
  it('builds Esternay and the loader accepts it with footprints, photo, lamps and points', async () => {
    const built = await buildTerritory(target, { hosts: publicHosts(fake.url), baseDelayMs: 10, gridSize: 17 });
    expect(Object.values(built.progress).map((p) => p.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done']);
    const loaded = await loadTerritory('manifest.json', memorySource(built.files));
    expect(loaded.problems).toEqual([]);
    const { territory } = loaded;
    expect(territory.name).toBe('Esternay');
    expect(territory.communes).toHaveLength(1);
    expect(territory.communes[0]).toMatchObject({ id: '51237', population: 1748 });
    expect(territory.buildings.length).toBeGreaterThan(100);
    expect(territory.buildings.every((b) => b.footprint && b.footprint.length >= 4)).toBe(true);
    const church = territory.buildings.find((b) => b.usage === 'religious');
    expect(church?.heightMetres).toBe(22);
    expect(territory.roads.length).toBeGreaterThan(5);
    expect(territory.roads.some((road) => road.oneway)).toBe(true);
    expect(territory.roads.some((road) => road.roadClass === 'track')).toBe(true);
    expect(territory.streetLights).toHaveLength(36);
    expect(territory.streetLights.filter((lamp) => lamp.technology === 'led')).toHaveLength(8);
    // 7 points; the recycling centre (a way) is not one.
    expect(territory.collectionPoints).toHaveLength(7);
    expect(loaded.heightmap?.width).toBe(17);
    expect(loaded.heightmap!.heightsMetres.every((h) => h > 100 && h < 250)).toBe(true);
    const photo = loaded.imageryTiles?.find((set) => set.spec.id === 'photo');
    expect(photo?.tiles.size).toBe((photo!.spec.xMax - photo!.spec.xMin + 1) * (photo!.spec.yMax - photo!.spec.yMin + 1));
    expect(loaded.manifest?.sources.streetLights.assumed.powerWatts.value).toBe(100);
    expect(loaded.manifest?.attribution).toContain('© IGN');
    expect(loaded.manifest?.attribution).toContain("© les contributeurs d'OpenStreetMap");
    expect(built.bytesFetched).toBeGreaterThan(10_000);
  }, 60_000);

  it('retries a 429 honouring Retry-After, and keeps the rest when a service stays down', async () => {
    fake.setFailure('overpass', { status: 429, retryAfter: 1, times: 1 });
    fake.setFailure('wfs', { status: 503, times: Number.POSITIVE_INFINITY });
    const started = Date.now();
    const built = await buildTerritory(target, { hosts: publicHosts(fake.url), baseDelayMs: 10, gridSize: 9 });
    fake.setFailure('wfs', null);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(built.progress.osm).toMatchObject({ status: 'done', retries: 1 });
    expect(built.progress.buildings.status).toBe('failed');
    expect(built.progress.buildings.problems).toEqual([{ code: 'serviceDown', values: { status: 503 } }]);
    expect(built.progress.roads.status).toBe('failed');
    const loaded = await loadTerritory('manifest.json', memorySource(built.files));
    expect(loaded.problems).toEqual([]);
    expect(loaded.territory.buildings).toHaveLength(0);
    expect(loaded.territory.streetLights.length).toBeGreaterThan(0);
    expect(loaded.manifest?.sources.buildings.problems).toEqual([{ code: 'serviceDown', values: { status: 503 } }]);
  }, 60_000);

  it('stops when cancelled and says so', async () => {
    const controller = new AbortController();
    const pending = buildTerritory(target, { hosts: publicHosts(fake.url), signal: controller.signal, gridSize: 9, onProgress: (p) => p.outline.status === 'done' && controller.abort() });
    await expect(pending).rejects.toThrow('cancelled');
  });

  it('round-trips through one zip', async () => {
    const built = await buildTerritory(target, { hosts: publicHosts(fake.url), baseDelayMs: 10, gridSize: 9 });
    const files = fromZip(toZip(built.files));
    expect([...files.keys()].sort()).toEqual([...built.files.keys()].sort());
    const a = await loadTerritory('manifest.json', memorySource(built.files));
    const b = await loadTerritory('manifest.json', memorySource(files));
    expect(b.territory).toEqual(a.territory);
  }, 60_000);

  it('opens a commune that OSM knows nothing of, and says what is missing', async () => {
    const empty = await startFakeServices({ communes: [makeCommune({ ...PRESETS.esternay, lamps: 0, points: 0, seed: 7 })] });
    try {
      const built = await buildTerritory(target, { hosts: publicHosts(empty.url), baseDelayMs: 10, gridSize: 9 });
      expect(built.progress.osm.status).toBe('empty');
      expect(built.progress.osm.problems.map((p) => p.code)).toEqual(['noLamps', 'noCollectionPoints']);
      const loaded = await loadTerritory('manifest.json', memorySource(built.files));
      expect(loaded.problems).toEqual([]);
      expect(loaded.territory.streetLights).toHaveLength(0);
      expect(loaded.territory.buildings.length).toBeGreaterThan(0);
      expect(loaded.manifest?.sources.streetLights.problems).toEqual([{ code: 'noLamps', values: {} }]);
      expect(loaded.manifest?.attribution).not.toContain('OpenStreetMap');
    } finally {
      await empty.close();
    }
  }, 60_000);

  it('names an EPCI by its SIREN when no name is given, with its member communes', async () => {
    const built = await buildTerritory({ kind: 'epci', code: '200000000', name: '' }, { hosts: publicHosts(fake.url), baseDelayMs: 10, gridSize: 9 });
    expect(built.name).toBe('EPCI 200000000 (1 communes)');
    expect(built.id).toBe('epci-200000000');
  }, 60_000);

  it('says that an unknown commune has no outline', async () => {
    await expect(buildTerritory({ kind: 'commune', code: '99999', name: '?' }, { hosts: publicHosts(fake.url), baseDelayMs: 10 })).rejects.toMatchObject({ problem: { code: 'unknownTerritory' } });
  });
});
