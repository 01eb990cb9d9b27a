/**
 * The engineer's inventory import (src/io/import): a street-light CSV in each coordinate system
 * (semicolons and decimal commas, as French software exports them), a GeoJSON, and a zipped
 * shapefile, each with damaged lines or bytes among valid ones. Every file goes through the whole
 * chain the page runs (read, mapping proposal, conversion to the territory's format), and the CSV
 * and GeoJSON also through the chunked readers of the import worker (stream.ts), which must give
 * the same table as the whole-file readers. Valid lines must all import; every problem names its
 * file, and its line when it is about one record.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SUPPORTED_CRS, type SupportedCrs } from '../../../src/domain/manifest';
import { fromWgs84 } from '../../../src/io/crs';
import { convert, propose, readInputs, type ImportProblem, type RawTable } from '../../../src/io/import';
import { noMemory } from '../../../src/io/import/mapping';
import { readCsvStream, readGeoJsonStream } from '../../../src/io/import/stream';
import { anyJson, damaged, hostileString } from '../arbitraries';
import type { FuzzEntry } from '../entry';

const BOUNDS = { west: 6.8, south: 48.2, east: 7.0, north: 48.4 };
/** Codes about one record: they must say which. */
const RECORD_CODES: ReadonlySet<ImportProblem['code']> = new Set(['bad-geometry', 'no-position', 'outside-territory', 'missing-required', 'duplicate-id', 'unknown-value']);

interface Lamp {
  id: string;
  lon: number;
  lat: number;
  powerWatts: number;
  technology: 'LED' | 'SHP' | 'Sodium haute pression';
}

const lamps: fc.Arbitrary<Lamp[]> = fc
  .array(
    fc.record({
      lon: fc.double({ min: 6.82, max: 6.98, noNaN: true }),
      lat: fc.double({ min: 48.22, max: 48.38, noNaN: true }),
      powerWatts: fc.integer({ min: 10, max: 400 }),
      technology: fc.constantFrom('LED' as const, 'SHP' as const, 'Sodium haute pression' as const),
    }),
    { maxLength: 8 },
  )
  .map((records) => records.map((record, index) => ({ id: `ok-${index}`, ...record })));

function named(problems: readonly ImportProblem[]): string[] {
  const violations: string[] = [];
  for (const problem of problems) {
    if (typeof problem.file !== 'string' || problem.file === '') violations.push(`problem without a file: ${JSON.stringify(problem)}`);
    if (RECORD_CODES.has(problem.code) && problem.line === null) violations.push(`problem about a record without its line: ${JSON.stringify(problem)}`);
  }
  return violations;
}

/** Runs the page's chain on a table; returns the violations and the ids imported. */
function chain(table: RawTable, crs: SupportedCrs): { violations: string[]; ids: Set<string> } {
  const proposal = propose(table, 'streetLights', BOUNDS, noMemory);
  const conversion = convert(table, 'streetLights', proposal.mapping, crs, BOUNDS);
  return { violations: named(conversion.problems), ids: new Set(conversion.features.map((item) => (item.feature as { id: string }).id)) };
}

/** The same table from the chunked reader (cut in small pieces) as from the whole-file one. */
function sameTable(whole: RawTable, streamed: RawTable): string[] {
  // Records and settings exactly; the problems as a set of (line, code): papaparse words the errors
  // of several unclosed quotes differently when it parses in chunks.
  const shape = (table: RawTable) => JSON.stringify({ ...table, problems: [...new Set(table.problems.map((problem) => `${problem.line}:${problem.code}`))].sort() });
  const a = shape(whole);
  const b = shape(streamed);
  if (a === b) return [];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return [`chunked reading differs from whole reading at character ${at}: ${b.slice(Math.max(0, at - 150), at + 150)} ≠ ${a.slice(Math.max(0, at - 150), at + 150)}`];
}

/** Text without what would change the file's delimiter or lines. */
const plain = (text: string) => text.replace(/["\r\n,\t|]/g, ' ');

const latin1 = (text: string) => Uint8Array.from(text, (char) => (char.charCodeAt(0) < 256 ? char.charCodeAt(0) : 0x3f));

function csvEntry(crs: SupportedCrs): FuzzEntry<{ valid: Lamp[]; text: string; windows1252: boolean; chunk: number }> {
  const line = (lamp: Lamp) => {
    const [x, y] = fromWgs84(crs, lamp.lon, lamp.lat);
    const digits = crs === 'EPSG:4326' ? 7 : 2;
    return [lamp.id, lamp.technology, String(lamp.powerWatts), x.toFixed(digits).replace('.', ','), y.toFixed(digits).replace('.', ',')].join(';');
  };
  return {
    name: `import CSV ${crs}`,
    arbitrary: fc
      .record({
        valid: lamps,
        bad: fc.array(
          fc.oneof(
            // Hostile cells (no quote, line break or other delimiter: those change how the whole file splits).
            fc.array(hostileString.map(plain), { minLength: 1, maxLength: 7 }).map((cells) => cells.join(';')),
            hostileString.map(plain),
            fc.constant('"champ ouvert;sans fin'),
          ),
          { maxLength: 4 },
        ),
        order: fc.array(fc.nat(), { maxLength: 12 }),
        windows1252: fc.boolean(),
        chunk: fc.integer({ min: 32, max: 256 }),
      })
      .map(({ valid, bad, order, windows1252, chunk }) => {
        const lines = valid.map(line);
        // Damaged lines go after the valid ones when they could swallow them (an unclosed quote).
        bad.forEach((text, index) => (text.includes('"') ? lines.push(text) : lines.splice((order[index] ?? 0) % (lines.length + 1), 0, text)));
        return { valid, windows1252, chunk, text: ['id;type_lampe;puissance;x;y', ...lines].join('\r\n') };
      }),
    async run({ valid, text, windows1252, chunk }) {
      const bytes = windows1252 ? latin1(text) : new TextEncoder().encode(text);
      const [table] = readInputs([{ name: 'lampes.csv', bytes }]);
      const violations = sameTable(table, await readCsvStream('lampes.csv', new Blob([bytes]), { chunkBytes: chunk }));
      const result = chain(table, crs);
      violations.push(...result.violations);
      // Lines damaged with a quote may swallow what follows them; the valid lines before any quote must import.
      const firstQuote = text.indexOf('"');
      for (const lamp of valid) {
        const at = text.indexOf(`\n${lamp.id};`);
        if ((firstQuote < 0 || at < firstQuote) && !result.ids.has(lamp.id)) violations.push(`valid lamp ${lamp.id} did not import`);
      }
      return violations;
    },
  };
}

const toFeature = ({ lon, lat, ...properties }: Lamp) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { ...properties, puissance: properties.powerWatts, type_lampe: properties.technology } });

const geojsonEntry: FuzzEntry<{ valid: Lamp[] | null; text: string; chunk: number }> = {
  name: 'import GeoJSON',
  arbitrary: fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({
          valid: lamps,
          bad: fc.array(fc.oneof(lamps.filter((list) => list.length > 0).chain((list) => damaged(toFeature({ ...list[0], id: 'bad' }))), anyJson), { maxLength: 4 }),
          order: fc.array(fc.nat(), { maxLength: 12 }),
          chunk: fc.integer({ min: 32, max: 256 }),
        })
        .map(({ valid, bad, order, chunk }) => {
          const features: unknown[] = valid.map(toFeature);
          bad.forEach((feature, index) => features.splice((order[index] ?? 0) % (features.length + 1), 0, feature));
          return { valid, chunk, text: JSON.stringify({ type: 'FeatureCollection', features }) };
        }),
    },
    { weight: 1, arbitrary: fc.record({ valid: fc.constant(null), text: fc.oneof(fc.string(), anyJson.map((value) => JSON.stringify(value) ?? '')), chunk: fc.integer({ min: 32, max: 256 }) }) },
  ),
  async run({ valid, text, chunk }) {
    const bytes = new TextEncoder().encode(text);
    const [table] = readInputs([{ name: 'lampes.geojson', bytes }]);
    const violations: string[] = [];
    // A FeatureCollection reads the same in chunks; other text must at least be refused by both, naming the file.
    const streamed = await readGeoJsonStream('lampes.geojson', new Blob([bytes]), { chunkBytes: chunk });
    if (valid) violations.push(...sameTable(table, streamed));
    else violations.push(...named(streamed.problems));
    const result = chain(table, 'EPSG:4326');
    violations.push(...result.violations);
    for (const lamp of valid ?? []) if (!result.ids.has(lamp.id)) violations.push(`valid lamp ${lamp.id} did not import`);
    return violations;
  },
};

/** A real zipped shapefile (the collection points fixture), with bytes flipped, cut or inserted. */
const zip = new Uint8Array(readFileSync('tests/fixtures/import/points-collecte.zip'));
const shapefileEntry: FuzzEntry<Uint8Array> = {
  name: 'import shapefile zip',
  arbitrary: fc.oneof(
    fc.array(fc.record({ at: fc.nat({ max: zip.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }).map((flips) => {
      const bytes = zip.slice();
      for (const { at, value } of flips) bytes[at] = value;
      return bytes;
    }),
    fc.nat({ max: zip.length }).map((length) => zip.slice(0, length)),
    fc.uint8Array({ maxLength: 2048 }),
  ),
  run(bytes) {
    const tables = readInputs([{ name: 'points.zip', bytes }]);
    const violations: string[] = [];
    for (const table of tables) {
      violations.push(...named(table.problems));
      violations.push(...chain(table, table.declaredCrs ?? 'EPSG:2154').violations);
    }
    return violations;
  },
};

export const entries: FuzzEntry[] = [...SUPPORTED_CRS.map(csvEntry), geojsonEntry, shapefileEntry] as FuzzEntry[];
