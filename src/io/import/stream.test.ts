import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
import { readGeoJson } from './geojson';
import { FeatureSplitter, ImportCancelled, readCsvStream, readGeoJsonStream } from './stream';

const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('inventory files read in chunks', () => {
  it('a CSV read in 7-byte chunks gives the same table as read whole (quoted lines, Windows-1252, decimal commas)', async () => {
    const text = 'id;type_lampe;puissance;x;y;remarque\r\nL1;LED;35,5;654321,12;6862123,5;"rue de l\'Église;\nnord"\r\nL2;SHP;70;654400,1;6862200,2;\r\n\r\nL3;LED;;654500;6862300;"dit ""vieux"""\r\nL4;LED;50\r\n';
    const bytes = latin1(text);
    const whole = readCsv('lampes.csv', bytes);
    const progress: number[] = [];
    const streamed = await readCsvStream('lampes.csv', new Blob([bytes]), { chunkBytes: 7, onProgress: (done) => progress.push(done) });
    expect(streamed).toEqual(whole);
    expect(streamed.encoding).toBe('windows-1252');
    expect(streamed.decimalComma).toBe(true);
    expect(streamed.records.map((record) => record.properties.remarque)).toEqual(["rue de l'Église;\nnord", null, 'dit "vieux"', null]);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('a GeoJSON read in 13-byte chunks gives the same table as read whole (crs after the features, braces in strings)', async () => {
    const json = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { nom: 'a {b} [c] "d" \\ é', puissance: 35 }, geometry: { type: 'Point', coordinates: [654321.5, 6862123.25] } },
        { type: 'Feature', properties: { nom: 'sans géométrie' }, geometry: { type: 'Point', coordinates: ['x', 1] } },
        { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } },
      ],
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
    });
    const bytes = new TextEncoder().encode(json);
    const whole = readGeoJson('points.geojson', bytes);
    const streamed = await readGeoJsonStream('points.geojson', new Blob([bytes]), { chunkBytes: 13 });
    expect(streamed).toEqual(whole);
    expect(streamed.declaredCrs).toBe('EPSG:2154');
    expect(streamed.records).toHaveLength(2);
  });

  it('a broken feature is named and the others load; a truncated file says so; not a FeatureCollection is refused', async () => {
    const broken = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":{"a":},"geometry":null},{"type":"Feature","properties":{"a":3},"geometry":{"type":"Point","coordinates":[5,6]}}';
    const table = await readGeoJsonStream('casse.geojson', new Blob([broken]), { chunkBytes: 16 });
    expect(table.records.map((record) => [record.line, record.properties.a])).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(table.problems.map((problem) => [problem.line, problem.code])).toEqual([
      [2, 'unreadable'],
      [null, 'unreadable'],
    ]);
    const array = await readGeoJsonStream('tableau.geojson', new Blob(['[1,2,3]']));
    expect(array.records).toHaveLength(0);
    expect(array.problems[0]).toMatchObject({ file: 'tableau.geojson', field: 'type', code: 'unreadable', severity: 'error' });
    const single = await readGeoJsonStream('un.geojson', new Blob(['{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[1,2]}}']));
    expect(single.records).toHaveLength(1);
  });

  it('the splitter keeps only the feature being read', () => {
    const seen: string[] = [];
    const splitter = new FeatureSplitter((text) => seen.push(text));
    splitter.push('{"type":"FeatureCollection","features":[');
    for (let i = 0; i < 1000; i++) splitter.push(`${i ? ',' : ''}{"type":"Feature","properties":{"i":${i}},"geometry":null}`);
    splitter.push(']}');
    expect(seen).toHaveLength(1000);
    expect(JSON.parse(seen[999])).toMatchObject({ properties: { i: 999 } });
    expect((splitter as unknown as { buffer: string }).buffer.length).toBeLessThan(10);
    expect(splitter.complete).toBe(true);
    expect(splitter.members.type).toBe('"FeatureCollection"');
  });

  it('a large CSV streams with progress, lets timers run while it reads, and is refused past the record limit', async () => {
    const lines = ['id;x;y;puissance'];
    for (let i = 0; i < 120_000; i++) lines.push(`L${i};${650000 + (i % 1000)},5;${6860000 + Math.floor(i / 1000)},25;${35 + (i % 5)}`);
    const blob = new Blob([lines.join('\n')]);
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const table = await readCsvStream('grand.csv', blob, { chunkBytes: 256 * 1024, maxRecords: 100_000, onProgress: (done) => progress.push(done) });
    clearInterval(timer);
    expect(table.records).toHaveLength(100_000);
    expect(table.problems).toContainEqual({ file: 'grand.csv', line: 100_002, field: null, code: 'too-large', detail: '> 100000', severity: 'error' });
    // Progress went up in steps and the reading stopped at the limit, before the end of the file.
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((done, i) => i === 0 || done > progress[i - 1])).toBe(true);
    expect(progress.at(-1)!).toBeLessThan(blob.size);
    // The reader awaited between chunks: the timer ran in between.
    expect(ticks).toBeGreaterThan(3);
  });

  it('a GeoJSON of 500,000 features is read in chunks and refused past the limit, naming the feature', async () => {
    const feature = (i: number) => `{"type":"Feature","properties":{"id":"P${i}","volume":660},"geometry":{"type":"Point","coordinates":[${4 + (i % 1000) / 1e4},${48 + Math.floor(i / 1000) / 1e4}]}}`;
    const parts = ['{"type":"FeatureCollection","features":['];
    for (let i = 0; i < 500_000; i++) parts.push(i === 0 ? feature(i) : `,${feature(i)}`);
    parts.push(']}');
    const blob = new Blob(parts);
    const progress: number[] = [];
    const table = await readGeoJsonStream('points.geojson', blob, { onProgress: (done) => progress.push(done) });
    expect(table.records).toHaveLength(200_000);
    expect(table.problems).toContainEqual({ file: 'points.geojson', line: 200_001, field: null, code: 'too-large', detail: '> 200000', severity: 'error' });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!).toBeLessThan(blob.size);
  }, 60_000);

  it('cancelling stops the reading with ImportCancelled', async () => {
    const controller = new AbortController();
    const blob = new Blob(['id;x;y\n', 'L;1;2\n'.repeat(50_000)]);
    const reading = readCsvStream('annule.csv', blob, { chunkBytes: 1024, signal: controller.signal, onProgress: (done) => done > 10_000 && controller.abort() });
    await expect(reading).rejects.toBeInstanceOf(ImportCancelled);
  });
});
