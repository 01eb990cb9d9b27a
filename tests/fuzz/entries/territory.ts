/**
 * The territory's files: the manifest, and a layer in GeoJSON and in CSV in each coordinate system
 * (src/io/territoryLoader.ts, src/io/crs.ts). Valid street lights are mixed with damaged ones: the
 * valid ones must all load, every refusal must name file, feature and field.
 */
import fc from 'fast-check';
import { SUPPORTED_CRS, type SupportedCrs } from '../../../src/domain/manifest';
import { fromWgs84 } from '../../../src/io/crs';
import { loadTerritory } from '../../../src/io/territoryLoader';
import { memorySource } from '../../unit/memorySource';
import { anyJson, damaged, hostileString, jsonText } from '../arbitraries';
import { lost, unnamedProblems, type FuzzEntry } from '../entry';

const BOUNDS = { west: 6.8, south: 48.2, east: 7.0, north: 48.4 };

interface Lamp {
  id: string;
  lon: number;
  lat: number;
  technology: 'sodium' | 'mercury' | 'led';
  powerWatts: number;
  colourTemperatureKelvin: number;
  mountingHeightMetres: number;
  cabinetId: string;
  zoneId: string;
  usage: 'road' | 'residential' | 'park' | 'parking' | 'heritage';
}

const lamps: fc.Arbitrary<Lamp[]> = fc
  .array(
    fc.record({
      lon: fc.double({ min: 6.82, max: 6.98, noNaN: true }),
      lat: fc.double({ min: 48.22, max: 48.38, noNaN: true }),
      technology: fc.constantFrom('sodium', 'mercury', 'led'),
      powerWatts: fc.integer({ min: 10, max: 400 }),
      colourTemperatureKelvin: fc.integer({ min: 1800, max: 6500 }),
      mountingHeightMetres: fc.integer({ min: 3, max: 12 }),
      cabinetId: fc.constantFrom('C-1', 'C-2'),
      zoneId: fc.constantFrom('Z-1', 'Z-2'),
      usage: fc.constantFrom('road', 'residential', 'park', 'parking', 'heritage'),
    }),
    { minLength: 0, maxLength: 8 },
  )
  .map((records) => records.map((record, index) => ({ id: `ok-${index}`, ...record })));

const toFeature = ({ lon, lat, ...properties }: Lamp) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });

function manifest(layer: unknown): Record<string, unknown> {
  return { format: 'vigie-territory', version: 1, name: 'Fuzz', bounds: BOUNDS, layers: { streetLights: layer } };
}

/** A layer file of valid lamps with damaged features among them. */
const geojsonLayer = fc
  .record({
    valid: lamps,
    bad: fc.array(
      fc.oneof(
        lamps.filter((list) => list.length > 0).chain((list) => damaged(toFeature({ ...list[0], id: 'bad' }))),
        anyJson,
      ),
      { maxLength: 4 },
    ),
    order: fc.array(fc.nat(), { maxLength: 12 }),
  })
  .map(({ valid, bad, order }) => {
    const features: unknown[] = valid.map(toFeature);
    bad.forEach((feature, index) => features.splice((order[index] ?? 0) % (features.length + 1), 0, feature));
    return { valid, text: JSON.stringify({ type: 'FeatureCollection', features }) };
  });

const geojsonEntry: FuzzEntry<{ valid: Lamp[] | null; text: string }> = {
  name: 'layer GeoJSON',
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: geojsonLayer },
    { weight: 1, arbitrary: jsonText(lamps.map((list) => ({ type: 'FeatureCollection', features: list.map(toFeature) }))).map((text) => ({ valid: null, text })) },
  ),
  async run({ valid, text }) {
    const files = new Map<string, string>([['manifest.json', JSON.stringify(manifest('lights.geojson'))], ['lights.geojson', text]]);
    const loaded = await loadTerritory('manifest.json', memorySource(files));
    const violations = unnamedProblems(loaded.problems, 'manifest.json');
    if (valid) violations.push(...lost(valid.map((lamp) => lamp.id), loaded.territory.streetLights));
    return violations;
  },
};

const COLUMNS = ['id', 'x', 'y', 'technology', 'powerWatts', 'colourTemperatureKelvin', 'mountingHeightMetres', 'cabinetId', 'zoneId', 'usage'] as const;

function csvCell(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/**
 * A garbage line: cells of hostile text, quoted as CSV quotes them, or a raw line without quotes
 * and without the other delimiters papaparse may guess (;, tab, |): a file whose lines are not
 * CSV at all loses what its broken quoting swallows, which no reader can avoid.
 */
const garbageLine: fc.Arbitrary<string> = fc.oneof(
  fc.array(hostileString, { maxLength: 12 }).map((cells) => cells.map(csvCell).join(',')),
  hostileString.map((line) => line.replace(/["\r\n;\t|\u001e\u001f]/gu, ' ')),
);

function csvEntry(crs: SupportedCrs): FuzzEntry<{ valid: Lamp[]; text: string }> {
  const arbitrary = fc
    .record({ valid: lamps, bad: fc.array(garbageLine, { maxLength: 4 }), order: fc.array(fc.nat(), { maxLength: 12 }), crlf: fc.boolean() })
    .map(({ valid, bad, order, crlf }) => {
      const lines = valid.map((lamp) => {
        const [x, y] = fromWgs84(crs, lamp.lon, lamp.lat);
        const row: Record<(typeof COLUMNS)[number], string | number> = { ...lamp, x: Math.round(x * 1e7) / 1e7, y: Math.round(y * 1e7) / 1e7 };
        return COLUMNS.map((column) => String(row[column])).join(',');
      });
      bad.forEach((line, index) => lines.splice((order[index] ?? 0) % (lines.length + 1), 0, line));
      return { valid, text: [COLUMNS.join(','), ...lines].join(crlf ? '\r\n' : '\n') };
    });
  return {
    name: `layer CSV ${crs}`,
    arbitrary,
    async run({ valid, text }) {
      const files = new Map<string, string>([['manifest.json', JSON.stringify(manifest({ file: 'lights.csv', format: 'csv', crs }))], ['lights.csv', text]]);
      const loaded = await loadTerritory('manifest.json', memorySource(files));
      return [...unnamedProblems(loaded.problems, 'manifest.json'), ...lost(valid.map((lamp) => lamp.id), loaded.territory.streetLights)];
    },
  };
}

const LIGHTS = JSON.stringify({ type: 'FeatureCollection', features: [toFeature({ id: 'L1', lon: 6.9, lat: 48.3, technology: 'led', powerWatts: 30, colourTemperatureKelvin: 3000, mountingHeightMetres: 6, cabinetId: 'C', zoneId: 'Z', usage: 'road' })] });

const manifestEntry: FuzzEntry<string> = {
  name: 'manifest',
  arbitrary: jsonText(
    fc.constant({
      ...manifest('lights.geojson'),
      attribution: 'Fuzz',
      parameters: { electricityPriceEurPerKwh: { value: 0.2, unit: '€/kWh', source: 'test' } },
      history: [{ file: 'h.csv', format: 'csv' }],
      services: [{ id: 'm', kind: 'mqtt', url: 'wss://example.org/mqtt' }],
      terrain: { heightmap: { file: 'h.bin', width: 2, height: 2, encoding: 'uint16-decimetres' } },
    }),
  ),
  async run(text) {
    const files = new Map<string, string | Uint8Array>([['manifest.json', text], ['lights.geojson', LIGHTS], ['h.bin', new Uint8Array(8)]]);
    const loaded = await loadTerritory('manifest.json', memorySource(files));
    const violations = unnamedProblems(loaded.problems, 'manifest.json');
    if (loaded.manifest === null && loaded.problems.length === 0) violations.push('manifest refused without a problem');
    return violations;
  },
};

export const entries: FuzzEntry[] = [manifestEntry, geojsonEntry, ...SUPPORTED_CRS.map(csvEntry)] as FuzzEntry[];
