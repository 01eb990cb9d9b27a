/**
 * The manifest and the layer files when something is wrong (src/io/territoryLoader.ts,
 * src/io/loadTerritoryNode.ts, src/domain/manifest.ts): each problem names the file and the field
 * (and the feature), reads in French through describeProblem, and whatever is valid still loads.
 *
 * The files are a small generated demo (scale 0.3) held in memory, broken one thing at a time.
 */
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, type DemoOutput } from '../../data/generator/demo';
import { describeProblem } from '../../src/app/i18n';
import type { Problem } from '../../src/domain/problem';
import { fromWgs84 } from '../../src/io/crs';
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { loadTerritory, parseManifest, type FileSource, type LoadedTerritory } from '../../src/io/territoryLoader';
import { memorySource } from './memorySource';

type Json = Record<string, unknown>;
interface Collection {
  type: string;
  features: Array<{ type: string; geometry: { type: string; coordinates: unknown } | null; properties: Json }>;
}

let demo: DemoOutput;
let reference: LoadedTerritory;

beforeAll(async () => {
  demo = generateDemo({ seed: 20261123, scale: 0.3 });
  reference = await loadTerritory('manifest.json', memorySource(demo.files));
}, 60_000);

/** The demo's files in memory, with some replaced (objects are serialised) or removed (null). */
function source(changes: Record<string, string | object | null> = {}): FileSource {
  const files = new Map(demo.files);
  for (const [name, contents] of Object.entries(changes)) {
    if (contents === null) files.delete(name);
    else files.set(name, typeof contents === 'string' ? contents : JSON.stringify(contents));
  }
  return memorySource(files);
}

const load = (changes: Record<string, string | object | null> = {}) => loadTerritory('manifest.json', source(changes));
const manifest = () => JSON.parse(demo.files.get('manifest.json') as string) as Json & { layers: Record<string, unknown>; bounds: Json };
const layer = (file: string) => JSON.parse(demo.files.get(file) as string) as Collection;
const french = (problem: Problem) => describeProblem('fr', problem);

/** The problem names the file and the field, in its fields and in the French sentence. */
function expectNamed(problem: Problem | undefined, code: Problem['code'], file: string, field?: string) {
  expect(problem, `a ${code} problem in ${file}`).toBeDefined();
  expect(problem).toMatchObject({ code, file, ...(field === undefined ? {} : { field }) });
  const sentence = french(problem!);
  expect(sentence).toMatch(/^Fichier «\u00a0/);
  expect(sentence).toContain(`«\u00a0${file}\u00a0»`);
  if (field) expect(sentence).toContain(`«\u00a0${field}\u00a0»`);
  expect(sentence).not.toMatch(/\{\w+\}/);
  return sentence;
}

/** Every layer of `loaded` but those named has all the features of the intact demo. */
function expectOtherLayersIntact(loaded: LoadedTerritory, ...except: string[]) {
  const layers = ['communes', 'roads', 'waterways', 'buildings', 'streetLights', 'cabinets', 'lightingZones', 'collectionPoints', 'facilities', 'sensors'] as const;
  for (const name of layers) {
    if (except.includes(name)) continue;
    expect(loaded.territory[name].length, name).toBe(reference.territory[name].length);
  }
  expect(loaded.heightmap).not.toBeNull();
  expect(loaded.landCover).not.toBeNull();
}

describe('the intact demo', () => {
  it('loads with no problem, every layer filled', () => {
    expect(reference.problems).toEqual([]);
    expect(reference.manifest?.format).toBe('vigie-territory');
    expect(reference.territory.streetLights.length).toBe(demo.summary.streetLights);
    expect(reference.territory.collectionPoints.length).toBe(demo.summary.collectionPoints);
    for (const [name, features] of Object.entries(reference.territory)) if (Array.isArray(features)) expect(features.length, name).toBeGreaterThan(0);
  });
});

describe('the manifest', () => {
  it('not JSON: nothing loads, the sentence names the file and the parser says where', async () => {
    const loaded = await load({ 'manifest.json': '{ "format": "vigie-territory", ' });
    expect(loaded.manifest).toBeNull();
    expect(loaded.territory.streetLights).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    const sentence = expectNamed(loaded.problems[0], 'invalid-json', 'manifest.json');
    expect(sentence).toMatch(/^Fichier «\u00a0manifest\.json\u00a0»\u00a0: JSON invalide \(.+\)\.$/);
  });

  it('JSON but not an object: refused at its root, without a crash', async () => {
    for (const text of ['[]', 'null', '"vigie"', '42']) {
      const loaded = await load({ 'manifest.json': text });
      expect(loaded.manifest, text).toBeNull();
      const sentence = expectNamed(loaded.problems[0], 'invalid-field', 'manifest.json', '');
      expect(sentence, text).toContain('champ «\u00a0(racine)\u00a0»');
      expect(describeProblem('en', loaded.problems[0]), text).toContain('field “(root)”');
    }
  });

  it('missing: the sentence says which file', async () => {
    const loaded = await loadTerritory('absent.json', source());
    expect(loaded.manifest).toBeNull();
    expect(loaded.problems).toHaveLength(1);
    expect(french(loaded.problems[0])).toBe('Fichier «\u00a0absent.json\u00a0» introuvable ou illisible.');
  });

  for (const field of ['format', 'version', 'name', 'bounds', 'layers']) {
    it(`without its required field "${field}": nothing loads, the field is named`, async () => {
      const broken = manifest();
      delete broken[field];
      const loaded = await load({ 'manifest.json': broken });
      expect(loaded.manifest).toBeNull();
      expect(loaded.territory.buildings).toEqual([]);
      const problem = loaded.problems.find((candidate) => candidate.field === field);
      expectNamed(problem, 'invalid-field', 'manifest.json', field);
    });
  }

  it('of another format or version: refused, with what was expected', () => {
    const otherFormat = parseManifest({ ...manifest(), format: 'geojson' }, 'manifest.json');
    expect(otherFormat.manifest).toBeNull();
    expect(french(otherFormat.problems[0])).toBe('Fichier «\u00a0manifest.json\u00a0»\u00a0: champ «\u00a0format\u00a0» invalide (attendu\u00a0: "vigie-territory").');
    const otherVersion = parseManifest({ ...manifest(), version: 2 }, 'manifest.json');
    expect(otherVersion.manifest).toBeNull();
    expect(french(otherVersion.problems[0])).toBe('Fichier «\u00a0manifest.json\u00a0»\u00a0: champ «\u00a0version\u00a0» invalide (attendu\u00a0: 1).');
  });

  it('with bounds upside down or out of range: refused, the bounds named', () => {
    const inverted = manifest();
    inverted.bounds = { ...inverted.bounds, west: inverted.bounds.east, east: inverted.bounds.west };
    const flipped = parseManifest(inverted, 'manifest.json');
    expect(flipped.manifest).toBeNull();
    expectNamed(flipped.problems[0], 'invalid-field', 'manifest.json', 'bounds');
    const beyond = manifest();
    beyond.bounds = { ...beyond.bounds, north: 91 };
    const outOfRange = parseManifest(beyond, 'manifest.json');
    expect(outOfRange.manifest).toBeNull();
    expectNamed(outOfRange.problems[0], 'invalid-field', 'manifest.json', 'bounds.north');
  });

  it('with a wrong optional part: that part is left out and named, the rest loads', async () => {
    const broken = manifest();
    broken.layers.sensors = 'https://example.org/capteurs.geojson';
    (broken.parameters as Json).electricityPriceEurPerKwh = { value: 'cher', unit: '€/kWh', source: 'devis' };
    const loaded = await load({ 'manifest.json': broken });
    expect(loaded.manifest).not.toBeNull();
    expect(loaded.manifest!.layers.sensors).toBeUndefined();
    expect(loaded.territory.sensors).toEqual([]);
    expect(loaded.territory.parameters.electricityPriceEurPerKwh).toBeUndefined();
    expect(loaded.territory.parameters.truckCapacityKg.value).toBe(7000);
    expectNamed(loaded.problems.find((problem) => problem.field === 'layers.sensors'), 'invalid-field', 'manifest.json', 'layers.sensors');
    expectNamed(
      loaded.problems.find((problem) => problem.field === 'parameters.electricityPriceEurPerKwh.value'),
      'invalid-field',
      'manifest.json',
      'parameters.electricityPriceEurPerKwh.value',
    );
    // Sensors name collection points and cabinets; nothing else is missing.
    expectOtherLayersIntact(loaded, 'sensors');
  });
});

describe('a layer file', () => {
  it('missing (ENOENT): that layer is empty, the others load', async () => {
    const loaded = await load({ 'sensors.geojson': null });
    expect(loaded.territory.sensors).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expectNamed(loaded.problems[0], 'missing-file', 'sensors.geojson');
    expect(french(loaded.problems[0])).toBe('Fichier «\u00a0sensors.geojson\u00a0» introuvable ou illisible.');
    expectOtherLayersIntact(loaded, 'sensors');
  });

  it('missing on the server (404): the same', async () => {
    const files = source();
    const http: FileSource = {
      readText: (path) => (path === 'cabinets.geojson' ? Promise.reject(new Error('HTTP 404')) : files.readText(path)),
      readBinary: (path) => files.readBinary(path),
    };
    const loaded = await loadTerritory('manifest.json', http);
    expect(loaded.territory.cabinets).toEqual([]);
    expectNamed(loaded.problems[0], 'missing-file', 'cabinets.geojson');
    expect(loaded.problems[0].detail).toBe('HTTP 404');
    // Lights still load; their cabinets cannot be checked against an empty layer.
    expectOtherLayersIntact(loaded, 'cabinets');
  });

  it('missing on disk, through the Node loader: named, the rest read from disk', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'vigie-manifest-'));
    try {
      for (const [name, contents] of demo.files) await writeFile(join(directory, name), contents);
      await unlink(join(directory, 'collection-points.geojson'));
      await writeFile(join(directory, 'terrain.bin'), new Uint8Array(10));
      const loaded = await loadTerritoryFromFile(join(directory, 'manifest.json'));
      expect(loaded.territory.collectionPoints).toEqual([]);
      expect(loaded.territory.buildings.length).toBe(reference.territory.buildings.length);
      const missing = expectNamed(loaded.problems.find((problem) => problem.code === 'missing-file'), 'missing-file', 'collection-points.geojson');
      expect(missing).toBe('Fichier «\u00a0collection-points.geojson\u00a0» introuvable ou illisible.');
      expect(loaded.problems.find((problem) => problem.code === 'missing-file')!.detail).toMatch(/ENOENT/);
      // A raster of the wrong size: no terrain, and the sentence gives both sizes.
      expect(loaded.heightmap).toBeNull();
      const raster = expectNamed(loaded.problems.find((problem) => problem.code === 'invalid-raster'), 'invalid-raster', 'terrain.bin');
      expect(raster).toMatch(/10 octets au lieu de \d[\d\u202f]* octets/);
      // Fill-level sensors name the collection points, now absent.
      expect(loaded.problems.filter((problem) => problem.code === 'unknown-reference').every((problem) => problem.file === 'sensors.geojson' && problem.field === 'properties.targetId')).toBe(true);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('not JSON: that layer is empty, named, the others load', async () => {
    const loaded = await load({ 'buildings.geojson': '{"type":"FeatureCollection","features":[{"type":"Feature",' });
    expect(loaded.territory.buildings).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(expectNamed(loaded.problems[0], 'invalid-json', 'buildings.geojson')).toMatch(/^Fichier «\u00a0buildings\.geojson\u00a0»\u00a0: JSON invalide \(.+\)\.$/);
    expectOtherLayersIntact(loaded, 'buildings');
  });

  it('with a bare NaN (not JSON, though some exporters write it): the whole file is refused, named', async () => {
    const text = (demo.files.get('street-lights.geojson') as string).replace(/"powerWatts":\d+/, '"powerWatts":NaN');
    const loaded = await load({ 'street-lights.geojson': text });
    expect(loaded.territory.streetLights).toEqual([]);
    expectNamed(loaded.problems[0], 'invalid-json', 'street-lights.geojson');
  });

  it('JSON but not a FeatureCollection: that layer is empty, the field "type" named', async () => {
    for (const contents of [{ type: 'Feature', geometry: null, properties: {} }, [], { type: 'FeatureCollection', features: {} }]) {
      const loaded = await load({ 'facilities.geojson': contents });
      expect(loaded.territory.facilities).toEqual([]);
      expectNamed(loaded.problems[0], 'invalid-field', 'facilities.geojson', 'type');
      expectOtherLayersIntact(loaded, 'facilities');
    }
  });
});

describe('a feature', () => {
  it('with invalid coordinates is left out and named; the lights around it load', async () => {
    const file = layer('street-lights.geojson');
    const ids = file.features.slice(0, 8).map((feature) => String(feature.properties.id));
    const [lon, lat] = file.features[8].geometry!.coordinates as [number, number];
    file.features[0].geometry!.coordinates = ['6.9', lat]; // a string
    file.features[1].geometry!.coordinates = [Number.NaN, lat]; // NaN, which JSON writes as null
    file.features[2].geometry!.coordinates = [lon, 95]; // latitude out of range
    file.features[3].geometry!.coordinates = [200, lat]; // longitude out of range
    file.features[4].geometry!.coordinates = [120, 10]; // a valid place, far outside the territory
    file.features[5].geometry!.coordinates = `${lon},${lat}`; // a string instead of a pair
    file.features[6].geometry!.coordinates = [lon]; // one number
    file.features[7].geometry = null; // no geometry at all
    const loaded = await load({ 'street-lights.geojson': file });
    expect(loaded.territory.streetLights.length).toBe(reference.territory.streetLights.length - 8);
    expect(loaded.territory.streetLights.map((light) => light.id)).toEqual(reference.territory.streetLights.slice(8).map((light) => light.id));
    expect(loaded.problems).toHaveLength(8);
    for (const [index, problem] of loaded.problems.entries()) {
      const field = index === 7 ? 'geometry.type' : 'geometry.coordinates';
      const sentence = expectNamed(problem, 'invalid-coordinates', 'street-lights.geojson', field);
      expect(problem.feature).toBe(`${index + 1} (id ${ids[index]})`);
      expect(sentence).toBe(
        `Fichier «\u00a0street-lights.geojson\u00a0», entité ${index + 1} (id ${ids[index]})\u00a0: coordonnées invalides dans «\u00a0${field}\u00a0» (attendu\u00a0: ${index === 7 ? '"Point"' : 'des coordonnées dans le territoire'}).`,
      );
      if (index === 0) expect(describeProblem('en', problem)).toBe(`File “street-lights.geojson”, feature 1 (id ${ids[0]}): invalid coordinates in “${field}” (expected: coordinates within the territory).`);
    }
    expectOtherLayersIntact(loaded, 'streetLights');
  });

  it('a road with one bad vertex is left out, the vertex named', async () => {
    const file = layer('roads.geojson');
    const coordinates = file.features[3].geometry!.coordinates as unknown[];
    coordinates[1] = [Number.NaN, 48.3];
    const loaded = await load({ 'roads.geojson': file });
    expect(loaded.territory.roads.length).toBe(reference.territory.roads.length - 1);
    expect(loaded.territory.roads.some((road) => road.id === file.features[3].properties.id)).toBe(false);
    expectNamed(loaded.problems[0], 'invalid-coordinates', 'roads.geojson', 'geometry.coordinates.1');
    expect(loaded.problems).toHaveLength(1);
  });

  it('with an invalid field is left out, the field and the feature named; the others load', async () => {
    const file = layer('street-lights.geojson');
    const ids = file.features.slice(0, 6).map((feature) => String(feature.properties.id));
    file.features[0].properties.powerWatts = -150;
    file.features[1].properties.powerWatts = '150 W';
    file.features[2].properties.technology = 'halogen';
    delete file.features[3].properties.cabinetId;
    file.features[4].properties.mountingHeightMetres = 400;
    delete file.features[5].properties.id;
    const loaded = await load({ 'street-lights.geojson': file });
    expect(loaded.territory.streetLights.length).toBe(reference.territory.streetLights.length - 6);
    const expected = [
      ['properties.powerWatts', '> 0'],
      ['properties.powerWatts', { words: 'number' }],
      ['properties.technology', '"sodium" | "mercury" | "led"'],
      ['properties.cabinetId', { words: 'text' }],
      ['properties.mountingHeightMetres', '≤ 40'],
      ['properties.id', undefined],
    ] as const;
    expect(loaded.problems).toHaveLength(expected.length);
    for (const [index, [field, what]] of expected.entries()) {
      const problem = loaded.problems[index];
      const sentence = expectNamed(problem, 'invalid-field', 'street-lights.geojson', field);
      expect(sentence).toContain(index === 5 ? `entité ${index + 1}\u00a0:` : `entité ${index + 1} (id ${ids[index]})\u00a0:`);
      if (what) expect(problem.expected).toEqual(what);
    }
    expectOtherLayersIntact(loaded, 'streetLights');
  });

  it('with an identifier already used: the second is left out and named', async () => {
    const file = layer('collection-points.geojson');
    file.features[2].properties.id = file.features[1].properties.id;
    const loaded = await load({ 'collection-points.geojson': file });
    expect(loaded.territory.collectionPoints.length).toBe(reference.territory.collectionPoints.length - 1);
    const problem = loaded.problems.find((candidate) => candidate.code === 'duplicate-id');
    expectNamed(problem, 'duplicate-id', 'collection-points.geojson');
    expect(problem).toMatchObject({ field: 'properties.id', feature: `3 (id ${String(file.features[1].properties.id)})` });
    expect(french(problem!)).toBe(`Fichier «\u00a0collection-points.geojson\u00a0», entité 3 (id ${String(file.features[1].properties.id)})\u00a0: identifiant déjà utilisé.`);
  });

  it('naming a cabinet, a zone or a commune the territory lacks: reported, the reference named', async () => {
    const lights = layer('street-lights.geojson');
    lights.features[0].properties.cabinetId = 'A999';
    lights.features[1].properties.zoneId = 'Z999';
    lights.features[2].properties.communeId = 'C999';
    const cabinets = layer('cabinets.geojson');
    cabinets.features[0].properties.zoneId = 'Z998';
    const points = layer('collection-points.geojson');
    points.features[0].properties.communeId = 'C998';
    const loaded = await load({ 'street-lights.geojson': lights, 'cabinets.geojson': cabinets, 'collection-points.geojson': points });
    const references = loaded.problems.filter((problem) => problem.code === 'unknown-reference');
    const named = references.map((problem) => [problem.file, problem.feature, problem.field, problem.detail]);
    expect(named).toEqual([
      ['street-lights.geojson', `id ${String(lights.features[0].properties.id)}`, 'properties.cabinetId', 'A999'],
      ['street-lights.geojson', `id ${String(lights.features[1].properties.id)}`, 'properties.zoneId', 'Z999'],
      ['cabinets.geojson', `id ${String(cabinets.features[0].properties.id)}`, 'properties.zoneId', 'Z998'],
      ['street-lights.geojson', `id ${String(lights.features[2].properties.id)}`, 'properties.communeId', 'C999'],
      ['collection-points.geojson', `id ${String(points.features[0].properties.id)}`, 'properties.communeId', 'C998'],
    ]);
    expect(french(references[0])).toBe(`Fichier «\u00a0street-lights.geojson\u00a0», entité id ${String(lights.features[0].properties.id)}\u00a0: «\u00a0properties.cabinetId\u00a0» désigne «\u00a0A999\u00a0», absent du territoire.`);
    expectOtherLayersIntact(loaded);
  });

  it('in a Lambert-93 CSV: converted, and a bad line named while the others load', async () => {
    const lights = reference.territory.streetLights.slice(0, 3);
    const rows = lights.map((light) => {
      const [x, y] = fromWgs84('EPSG:2154', light.position[0], light.position[1]);
      return [light.id, x.toFixed(2), y.toFixed(2), light.technology, light.powerWatts, light.colourTemperatureKelvin, light.mountingHeightMetres, light.cabinetId, light.zoneId].join(',');
    });
    rows[1] = rows[1].replace(/^([^,]+),[^,]+,/, '$1,abc,');
    const csv = ['id,x,y,technology,powerWatts,colourTemperatureKelvin,mountingHeightMetres,cabinetId,zoneId', ...rows].join('\n');
    const broken = manifest();
    broken.layers.streetLights = { file: 'eclairage.csv', format: 'csv', crs: 'EPSG:2154' };
    const loaded = await load({ 'manifest.json': broken, 'eclairage.csv': csv });
    expect(loaded.territory.streetLights.map((light) => light.id)).toEqual([lights[0].id, lights[2].id]);
    expect(loaded.territory.streetLights[0].position[0]).toBeCloseTo(lights[0].position[0], 6);
    expect(loaded.territory.streetLights[0].position[1]).toBeCloseTo(lights[0].position[1], 6);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ code: 'invalid-coordinates', file: 'eclairage.csv', feature: `2 (id ${lights[1].id})` });
    expect(french(loaded.problems[0])).toContain('Fichier «\u00a0eclairage.csv\u00a0», entité 2');
  });
});
