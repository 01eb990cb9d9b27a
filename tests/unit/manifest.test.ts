import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/generator/demo';
import { describeProblem } from '../../src/app/i18n';
import { loadTerritory, parseManifest, type FileSource } from '../../src/io/territoryLoader';
import { memorySource } from './memorySource';

const demo = generateDemo({ seed: 20261123, scale: 1 });

/** The demo's files in memory, with some replaced or removed. */
function source(changes: Record<string, string | null> = {}): FileSource {
  const files = new Map(demo.files);
  for (const [name, contents] of Object.entries(changes)) {
    if (contents === null) files.delete(name);
    else files.set(name, contents);
  }
  return memorySource(files);
}

const manifest = () => JSON.parse(demo.files.get('manifest.json') as string) as Record<string, unknown> & { layers: Record<string, string> };
const lights = () => JSON.parse(demo.files.get('street-lights.geojson') as string) as { features: Array<{ geometry: { coordinates: unknown[] }; properties: Record<string, unknown> }> };
const french = (problems: Parameters<typeof describeProblem>[1][]) => problems.map((problem) => describeProblem('fr', problem));

describe('manifest validation and bad input', () => {
  it('loads the demo with no problem', async () => {
    const loaded = await loadTerritory('manifest.json', source());
    expect(loaded.problems).toEqual([]);
    expect(loaded.territory.streetLights.length).toBe(demo.summary.streetLights);
  });

  it('a manifest that is not JSON: nothing loads, the message names the file', async () => {
    const loaded = await loadTerritory('manifest.json', source({ 'manifest.json': '{ "format": "vigie-territory", ' }));
    expect(loaded.manifest).toBeNull();
    expect(loaded.problems[0].code).toBe('invalid-json');
    expect(french(loaded.problems)[0]).toMatch(/^Fichier « manifest\.json » : JSON invalide/);
  });

  it('a missing manifest says which file', async () => {
    const loaded = await loadTerritory('absent.json', source());
    expect(french(loaded.problems)).toEqual([expect.stringMatching(/^Fichier « absent\.json » introuvable ou illisible\.$/)]);
  });

  it('a manifest without its bounds names the field', async () => {
    const broken = manifest();
    delete broken.bounds;
    const loaded = await loadTerritory('manifest.json', source({ 'manifest.json': JSON.stringify(broken) }));
    expect(loaded.manifest).toBeNull();
    expect(french(loaded.problems).join(' ')).toContain('champ « bounds »');
  });

  it('a wrong format or version is refused', () => {
    const wrong = { ...manifest(), version: 2 };
    const { manifest: parsed, problems } = parseManifest(wrong, 'manifest.json');
    expect(parsed).toBeNull();
    expect(problems[0]).toMatchObject({ code: 'invalid-field', file: 'manifest.json', field: 'version' });
  });

  it('a wrong optional part is left out and the rest loads', () => {
    const withBadLayer = manifest();
    (withBadLayer.layers as Record<string, unknown>).sensors = 'https://example.org/capteurs.geojson';
    const { manifest: parsed, problems } = parseManifest(withBadLayer, 'manifest.json');
    expect(parsed).not.toBeNull();
    expect(parsed!.layers.sensors).toBeUndefined();
    expect(parsed!.layers.streetLights).toBe('street-lights.geojson');
    expect(problems[0]).toMatchObject({ code: 'invalid-field', field: 'layers.sensors' });
  });

  it('a missing layer file empties that layer only', async () => {
    const loaded = await loadTerritory('manifest.json', source({ 'sensors.geojson': null }));
    expect(loaded.territory.sensors).toEqual([]);
    expect(loaded.territory.streetLights.length).toBe(demo.summary.streetLights);
    expect(french(loaded.problems)).toEqual(['Fichier « sensors.geojson » introuvable ou illisible.']);
  });

  it('a layer file that is not JSON empties that layer only', async () => {
    const loaded = await loadTerritory('manifest.json', source({ 'cabinets.geojson': '[[[' }));
    expect(loaded.territory.cabinets).toEqual([]);
    expect(loaded.problems[0]).toMatchObject({ code: 'invalid-json', file: 'cabinets.geojson' });
    expect(loaded.territory.buildings.length).toBe(demo.summary.buildings);
  });

  it('features with invalid coordinates or fields are left out, named, and the others load', async () => {
    const file = lights();
    const names = file.features.slice(0, 4).map((feature) => String(feature.properties.id));
    file.features[0].geometry.coordinates = ['six degrés', 48.3];
    file.features[1].geometry.coordinates = [Number.NaN, 48.3];
    file.features[2].geometry.coordinates = [120, 10];
    file.features[3].properties.powerWatts = -150;
    const loaded = await loadTerritory('manifest.json', source({ 'street-lights.geojson': JSON.stringify(file) }));
    expect(loaded.territory.streetLights.length).toBe(demo.summary.streetLights - 4);
    const messages = french(loaded.problems);
    expect(messages).toHaveLength(4);
    for (const message of messages.slice(0, 3)) expect(message).toMatch(/^Fichier « street-lights\.geojson », entité .+ : coordonnées invalides/);
    expect(messages[3]).toMatch(/champ « .*powerWatts » invalide/);
    for (const [index, message] of messages.entries()) expect(message).toContain(names[index]);
  });
});
