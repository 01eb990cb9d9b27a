/**
 * Browser tests: the production build (dist/) served on 127.0.0.1, driven in Debian's Chromium as a
 * user would. Each test prints `ok` or `FAIL` with the reason; the run writes
 * test-results/browser.json ({passed, failed, tests}) for scripts/test-all.sh to count, and exits
 * non-zero when a test failed.
 *
 *   npx tsx tests/browser/run.ts [name-filter]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer } from './harness';
import { Broker } from './broker';
import { skippedTests, tests, type Result } from './lib';

// Every suite registers its tests when imported, in file name order.
const suitesFolder = join(import.meta.dirname, 'suites');
for (const file of readdirSync(suitesFolder).filter((name) => name.endsWith('.ts')).sort()) await import(join(suitesFolder, file));

// --- Fixtures: bad territories served next to the build ---------------------------------------------

let DEMO_LIGHTS = 0;

function writeFixtures(brokerUrl: string): void {
  const demo = join('dist', 'demo');
  const root = join('dist', '_test');
  rmSync(root, { recursive: true, force: true });

  // A territory with one missing layer file, two bad street lights and a hostile name.
  const partial = join(root, 'partial');
  mkdirSync(partial, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as { layers: Record<string, string>; terrain: { heightmap: { file: string } }; imagery: { landCover: { file: string } } };
  for (const file of new Set([...Object.values(manifest.layers), manifest.terrain.heightmap.file, manifest.imagery.landCover.file])) copyFileSync(join(demo, file), join(partial, file));
  manifest.layers.sensors = 'capteurs-absents.geojson';
  writeFileSync(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const lights = JSON.parse(readFileSync(join(partial, 'street-lights.geojson'), 'utf8')) as { features: Array<{ geometry: { coordinates: unknown[] }; properties: Record<string, unknown> }> };
  DEMO_LIGHTS = lights.features.length;
  lights.features[0].geometry.coordinates = ['six degrés', 48.3];
  lights.features[1].properties.powerWatts = -150;
  writeFileSync(join(partial, 'street-lights.geojson'), JSON.stringify(lights));
  const points = JSON.parse(readFileSync(join(partial, 'collection-points.geojson'), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
  points.features[0].properties.id = 'PAV-HOSTILE';
  points.features[0].properties.name = '<img src=x onerror=alert(1)>';
  writeFileSync(join(partial, 'collection-points.geojson'), JSON.stringify(points));

  // The demo with a live MQTT source on the test broker.
  const live = join(root, 'live');
  mkdirSync(live, { recursive: true });
  const liveManifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as Record<string, unknown> & { layers: Record<string, string> };
  for (const [key, file] of Object.entries(liveManifest.layers)) liveManifest.layers[key] = `../../demo/${file}`;
  const terrain = liveManifest.terrain as { heightmap: { file: string } };
  terrain.heightmap.file = `../../demo/${terrain.heightmap.file}`;
  const imagery = liveManifest.imagery as { landCover: { file: string } };
  imagery.landCover.file = `../../demo/${imagery.landCover.file}`;
  liveManifest.fictitious = false;
  liveManifest.services = [{ id: 'lora', kind: 'mqtt', label: 'Mosquitto (test)', url: brokerUrl, topics: ['vigie/#'], format: 'plain' }];
  writeFileSync(join(live, 'manifest.json'), JSON.stringify(liveManifest, null, 2));

  // A manifest that is not JSON at all, and one without its bounds.
  mkdirSync(join(root, 'broken'), { recursive: true });
  writeFileSync(join(root, 'broken', 'manifest.json'), '{ "format": "vigie-territory", "version": 1, "name": "Cassé", ');
  mkdirSync(join(root, 'incomplete'), { recursive: true });
  const incomplete = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete incomplete.bounds;
  writeFileSync(join(root, 'incomplete', 'manifest.json'), JSON.stringify(incomplete, null, 2));
}

// --- Runner -----------------------------------------------------------------------------------------

const filter = process.argv[2];
const broker = new Broker();
await broker.start();
writeFixtures(broker.url);
const { server, origin } = await startServer();
const browser = await launchBrowser();
const results: Result[] = [];
try {
  for (const { name, run } of tests) {
    if (filter && !name.includes(filter)) continue;
    const started = Date.now();
    try {
      await run({ browser, origin, broker, demoLights: DEMO_LIGHTS });
      results.push({ name, ok: true, seconds: (Date.now() - started) / 1000 });
      console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      results.push({ name, ok: false, seconds: (Date.now() - started) / 1000, error: message });
      console.log(`  FAIL  ${name}\n        ${message}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  await broker.stop();
  rmSync(join('dist', '_test'), { recursive: true, force: true });
}
const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed;
mkdirSync('test-results', { recursive: true });
const skipped = skippedTests.filter(({ name }) => !filter || name.includes(filter));
for (const { name, reason } of skipped) console.log(`  SKIP  ${name}\n        ${reason}`);
writeFileSync('test-results/browser.json', JSON.stringify({ passed, failed, skipped: skipped.length, tests: results, skippedTests: skipped }, null, 2));
console.log(`browser: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
process.exit(failed === 0 ? 0 : 1);
