/** `npm run import`: one JSON line per problem, a last summary line, the merged layer written and loadable. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTerritoryFromFile } from '../loadTerritoryNode';

const dir = mkdtempSync(join(tmpdir(), 'vigie-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lamp = (id: string, lon: number, lat: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, technology: 'sodium', powerWatts: 150, colourTemperatureKelvin: 2000, mountingHeightMetres: 9, cabinetId: 'A01-07', zoneId: 'Z1', communeId: '', usage: 'road' },
});
writeFileSync(
  join(dir, 'manifest.json'),
  JSON.stringify({ format: 'vigie-territory', version: 1, name: 'Essai', bounds: { west: 6.778824, south: 48.215603, east: 7.061626, north: 48.404254 }, layers: { streetLights: 'lamps.geojson' } }),
);
writeFileSync(join(dir, 'lamps.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [lamp('L1', 6.9115167, 48.2828909), lamp('L2', 6.95, 48.3)] }));

function run(...args: string[]): { lines: Array<Record<string, unknown>>; status: number } {
  try {
    const out = execFileSync('npx', ['tsx', 'src/io/import/cli.ts', '--territory', dir, ...args], { encoding: 'utf8' });
    return { lines: out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>), status: 0 };
  } catch (error) {
    const failed = error as { stdout: string; status: number };
    return { lines: failed.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>), status: failed.status };
  }
}

describe('npm run import', () => {
  it('imports the Lambert-93 CSV, matching PL-001 to L1 by distance, and writes a layer the loader reads', async () => {
    const { lines, status } = run('--layer', 'streetLights', 'tests/fixtures/import/eclairage-lambert93.csv', '--match-distance', '2', '--map', 'Armoire=cabinetId');
    expect(status).toBe(0);
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ imported: 9, rejected: 3, layer: 'streetLights', before: 2, after: 10, added: 8, updated: 1, crs: ['EPSG:2154'], written: 'lamps.geojson' });
    expect(lines.slice(0, -1).map((line) => [line.line, line.field, line.code])).toEqual([
      [6, 'Puissance (W)', 'bad-value'],
      [7, 'X', 'no-position'],
      [8, 'X', 'bad-value'],
      [9, 'geometry', 'outside-territory'],
      [10, 'Type de lampe', 'unknown-value'],
    ]);
    const { territory, problems } = await loadTerritoryFromFile(join(dir, 'manifest.json'));
    expect(problems).toEqual([]);
    expect(territory.streetLights).toHaveLength(10);
    // L1 kept its id and took the file's values; L2, which the file does not mention, is still there.
    expect(territory.streetLights.find((l) => l.id === 'L1')).toMatchObject({ technology: 'sodium', powerWatts: 100, mountingHeightMetres: 7.5 });
    expect(territory.streetLights.find((l) => l.id === 'L2')).toMatchObject({ powerWatts: 150 });
  }, 60_000);

  it('--dry-run writes nothing; a broken file exits 1 with its problem', () => {
    const before = readFileSync(join(dir, 'lamps.geojson'), 'utf8');
    const dry = run('--layer', 'streetLights', 'tests/fixtures/import/lampadaires-epars.csv', '--dry-run');
    expect(dry.lines[dry.lines.length - 1]).toMatchObject({ imported: 6, rejected: 0, written: null });
    expect(readFileSync(join(dir, 'lamps.geojson'), 'utf8')).toBe(before);
    const broken = run('--layer', 'streetLights', 'tests/fixtures/import/casse.geojson');
    expect(broken.status).toBe(1);
    expect(broken.lines[0]).toMatchObject({ file: 'casse.geojson', line: null, code: 'unreadable', severity: 'error' });
    expect(broken.lines[1]).toMatchObject({ imported: 0, rejected: 0, layer: 'streetLights' });
  }, 60_000);
});
