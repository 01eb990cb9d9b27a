/**
 * Builds a real territory from the public services, from the command line, with the same pipeline
 * as the page (src/io/public/), and writes its manifest and files into a folder the app serves as
 * `?territory=DIR/manifest.json` (a path on the app's own site):
 *
 *   npm run territory -- --insee 51237 --out public/territories/esternay
 *   npm run territory -- --epci 200000172 --out public/territories/cc
 *   [--zip FILE] also writes the same files as one zip (as the page exports)
 *
 * Services: the real hosts; `VIGIE_PUBLIC_SERVICES=http://127.0.0.1:4390` points every service at
 * one base URL (the local fake services of the tests). Prints one JSON line per source and a
 * summary line; exits 1 when the outline cannot be had, 2 on bad arguments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildTerritory, SOURCE_IDS, SOURCE_LABELS } from '../src/io/public/build';
import { publicHosts } from '../src/io/public/hosts';
import { memorySource, toZip, totalBytes } from '../src/io/public/package';
import { loadTerritory } from '../src/io/territoryLoader';

function fail(message: string, code = 2): never {
  console.error(JSON.stringify({ error: message }));
  process.exit(code);
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const insee = option('insee');
const epci = option('epci');
const out = option('out');
const zip = option('zip');
const name = option('name');
if (!out) fail('--out DIR est obligatoire');
if (!insee === !epci) fail('donnez --insee CODE ou --epci SIREN (un seul)');
if (insee && !/^(\d{5}|2[AB]\d{3})$/i.test(insee)) fail(`--insee ${insee} : un code INSEE a 5 caractères (ex. 51237)`);
if (epci && !/^\d{9}$/.test(epci)) fail(`--epci ${epci} : un SIREN a 9 chiffres`);

const hosts = publicHosts(process.env.VIGIE_PUBLIC_SERVICES);
const target = insee ? { kind: 'commune' as const, code: insee.toUpperCase(), name: name ?? '' } : { kind: 'epci' as const, code: epci!, name: name ?? '' };
const started = performance.now();
let built;
try {
  built = await buildTerritory(target, { hosts });
} catch (error) {
  fail((error as Error).message, 1);
}
for (const id of SOURCE_IDS) {
  const p = built.progress[id];
  console.log(JSON.stringify({ source: id, label: SOURCE_LABELS[id], status: p.status, count: p.count, bytes: p.bytes, tiles: p.tilesTotal || undefined, retries: p.retries, problems: p.problems.length > 0 ? p.problems : undefined }));
}
// The same validation as the app: a territory the loader refuses is not written.
const loaded = await loadTerritory('manifest.json', memorySource(built.files));
if (!loaded.manifest) fail(`manifeste refusé : ${JSON.stringify(loaded.problems)}`, 1);
for (const problem of loaded.problems) console.log(JSON.stringify({ problem }));
for (const [path, bytes] of built.files) {
  const file = join(out!, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}
if (zip) {
  mkdirSync(dirname(zip), { recursive: true });
  writeFileSync(zip, toZip(built.files));
}
console.log(
  JSON.stringify({
    territory: built.name,
    out,
    manifest: join(out!, 'manifest.json'),
    files: built.files.size,
    bytesFetched: built.bytesFetched,
    storedBytes: totalBytes(built.files),
    buildings: loaded.territory.buildings.length,
    roads: loaded.territory.roads.length,
    streetLights: loaded.territory.streetLights.length,
    collectionPoints: loaded.territory.collectionPoints.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }),
);
