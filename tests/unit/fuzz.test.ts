/**
 * A smaller, seeded run of the fuzz harness (the full run is `npm run fuzz`), the inputs the fuzzer
 * found that broke the entry points, and the size limits that keep a huge file from freezing the page.
 */
import { describe, expect, it } from 'vitest';
import { loadEntries, runEntry } from '../fuzz/harness';
import { parseDataArray, parseHistoryCsv } from '../../src/io/history';
import { parseChirpStack, parseTheThingsStack } from '../../src/io/live/payloads';
import { validateScenario } from '../../src/domain/lighting/scenario';
import { loadTerritory } from '../../src/io/territoryLoader';
import { LIMITS } from '../../src/io/limits';
import { describeProblem } from '../../src/app/i18n';
import { memorySource } from './memorySource';

describe('fuzzing, seeded', async () => {
  const entries = await loadEntries();
  it('covers every entry point of data', () => {
    const names = entries.map((entry) => entry.name).join(' | ');
    for (const expected of ['manifest', 'layer GeoJSON', 'layer CSV EPSG:4326', 'layer CSV EPSG:2154', 'layer CSV EPSG:3950', 'history CSV', 'history dataArray', 'MQTT ChirpStack v4', 'MQTT The Things Stack v3', 'MQTT plain', 'lighting scenario', 'scene', 'waste scenario', 'session file', 'share link', 'import CSV EPSG:4326', 'import CSV EPSG:2154', 'import CSV EPSG:3950', 'import CSV EPSG:4471', 'import GeoJSON', 'import shapefile zip']) {
      expect(names).toContain(expected);
    }
  });
  for (const entry of entries) {
    it(`${entry.name}: 150 cases, nothing uncaught, every refusal named, valid parts kept`, async () => {
      const report = await runEntry(entry, 150, 20261202);
      expect(report.cases).toBe(150);
      expect(report.examples).toEqual([]);
      expect(report.uncaught).toBe(0);
      expect(report.violations).toBe(0);
    });
  }
});

describe('inputs the fuzzer found', () => {
  it('a dataArray answer that is null, a block that is not an object, a dataArray that is not a list', () => {
    expect(parseDataArray('null', 'h.json', {}).problems[0]).toMatchObject({ code: 'invalid-field', file: 'h.json', field: 'value' });
    const mixed = JSON.stringify({ value: [null, { '@iot.id': 1, components: ['phenomenonTime', 'result'], dataArray: { 0: 1 } }, { '@iot.id': 1, components: 'x', dataArray: [] }, { '@iot.id': 1, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-01T00:00:00Z', 3]] }] });
    const parsed = parseDataArray(mixed, 'h.json', { 1: 'S1' });
    expect(parsed.observations).toEqual([{ sensorId: 'S1', time: Date.parse('2026-01-01T00:00:00Z'), value: 3 }]);
    expect(parsed.problems.map((problem) => [problem.feature, problem.field])).toEqual([[undefined, 'value.0'], ['value.1', 'dataArray'], ['value.2', 'components']]);
  });

  it('a Datastream or a device named __proto__ or constructor is unknown, not a crash', () => {
    const block = (id: string) => ({ '@iot.id': id, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-01T00:00:00Z', 1]] });
    const parsed = parseDataArray(JSON.stringify({ value: [block('__proto__'), block('constructor'), block('toString')] }), 'h.json', {});
    expect(parsed.observations).toEqual([]);
    expect(parsed.problems.every((problem) => problem.code === 'unknown-reference')).toBe(true);
    for (const devEui of ['__proto__', 'constructor', 'hasOwnProperty']) {
      expect(parseChirpStack(JSON.stringify({ deviceInfo: { devEui }, time: '2026-01-01T00:00:00Z', object: { d: 1 } }), {})).toEqual({ ok: false, reason: `unknown device ${devEui.toLowerCase()}` });
      expect(parseTheThingsStack(JSON.stringify({ end_device_ids: { device_id: devEui }, uplink_message: { decoded_payload: {} } }), {}).ok).toBe(false);
    }
  });

  it('a scenario that is not an object, or has an unknown key, says where', () => {
    const array = validateScenario([], { lightingZones: [], cabinets: [], communes: [] });
    expect(array.ok).toBe(false);
    if (!array.ok) expect(array.problems[0].where).toEqual([{ kind: 'scenario' }]);
    const extra = validateScenario({ format: 'vigie-lighting-scenario', surprise: 1 }, { lightingZones: [], cabinets: [], communes: [] });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.problems.map((problem) => problem.message)).toContain('scenario: unknown key "surprise"');
  });
});

describe('large inputs', () => {
  const manifest = (layer: unknown) => JSON.stringify({ format: 'vigie-territory', version: 1, name: 'T', bounds: { west: 6.8, south: 48.2, east: 7.0, north: 48.4 }, layers: { streetLights: layer, cabinets: 'cabinets.geojson' } });
  const cabinets = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [6.9, 48.3] }, properties: { id: 'C1', zoneId: 'Z1' } }] });

  it('a layer over the size limit is refused before parsing, named with its size; the other layers load', async () => {
    const huge = 'id,x,y\n' + 'x'.repeat(LIMITS.fileBytes + 10);
    const started = performance.now();
    const loaded = await loadTerritory('manifest.json', memorySource(new Map([['manifest.json', manifest({ file: 'big.csv', format: 'csv', crs: 'EPSG:2154' })], ['big.csv', huge], ['cabinets.geojson', cabinets]])));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(loaded.problems).toEqual([{ code: 'too-large', file: 'big.csv', detail: { words: 'megabytes', count: 64 }, expected: { words: 'megabytes', count: 64 } }]);
    expect(loaded.territory.cabinets).toHaveLength(1);
    expect(describeProblem('fr', loaded.problems[0])).toBe('Fichier «\u00a0big.csv\u00a0» trop volumineux (64 Mo, limite 64 Mo)\u00a0: il n’est pas chargé, le reste du territoire l’est.');
    expect(describeProblem('en', loaded.problems[0])).toBe('File “big.csv” is too large (64 MB, limit 64 MB): it is not loaded; the rest of the territory is.');
  });

  it('a GeoJSON of 500,000 features is refused with its count, a CSV of 500,000 lines before papaparse reads it', async () => {
    const feature = '{"type":"Feature","geometry":{"type":"Point","coordinates":[6.9,48.3]},"properties":{"id":"L"}}';
    const geojson = `{"type":"FeatureCollection","features":[${Array.from({ length: 500_000 }, () => feature).join(',')}]}`;
    const csv = `id,lon,lat\n${'L,6.9,48.3\n'.repeat(500_000)}`;
    for (const [name, text, entry] of [['big.geojson', geojson, 'big.geojson'], ['big.csv', csv, { file: 'big.csv', format: 'csv', crs: 'EPSG:4326' }]] as const) {
      const loaded = await loadTerritory('manifest.json', memorySource(new Map([['manifest.json', manifest(entry)], [name, text], ['cabinets.geojson', cabinets]])));
      expect(loaded.problems).toHaveLength(1);
      expect(loaded.problems[0]).toMatchObject({ code: 'too-large', file: name });
      expect(loaded.territory.streetLights).toEqual([]);
      expect(loaded.territory.cabinets).toHaveLength(1);
    }
  });

  it('a history file over the limit is refused, named', () => {
    const text = 'sensorId,time,value\n' + 'x'.repeat(LIMITS.fileBytes);
    expect(parseHistoryCsv(text, 'h.csv').problems[0]).toMatchObject({ code: 'too-large', file: 'h.csv' });
    expect(parseDataArray(text, 'h.json', {}).problems[0]).toMatchObject({ code: 'too-large', file: 'h.json' });
  });
});
