/**
 * The first load stays light: the JavaScript that dist/index.html loads before anything is asked for
 * (its module script and the chunks it preloads) is under 1.6 MB gzipped. What only some users need
 * (the commune list, the PDF report and its fonts, importers) must stay in chunks loaded on demand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assert, test } from '../lib';

const BUDGET_BYTES = 1_600_000;

/** The chunks the page loads at start: the entry module and every modulepreload, with their static imports. */
export function initialChunks(distFolder: string): string[] {
  const html = readFileSync(join(distFolder, 'index.html'), 'utf8');
  const start = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.\/([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g)].map((match) => match[1]);
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(distFolder, file), 'utf8');
    // Static imports only (`import ... from "./x.js"` or `import "./x.js"`); `import("./x.js")` is on demand.
    for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${match[1]}`);
  }
  return [...seen];
}

test('the first load is under 1.6 MB of gzipped JavaScript; the report, commune list and importers load on demand', async () => {
  const chunks = initialChunks('dist');
  const sizes = chunks.map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join('dist', file))).length }));
  const total = sizes.reduce((sum, size) => sum + size.gzipBytes, 0);
  console.log(`        initial JS: ${(total / 1e6).toFixed(3)} MB gzipped in ${chunks.length} chunks`);
  assert(total < BUDGET_BYTES, `initial JS is ${(total / 1e6).toFixed(3)} MB gzipped (budget 1.6 MB): ${sizes.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5).map((size) => `${size.file} ${(size.gzipBytes / 1e3).toFixed(0)} kB`).join(', ')}`);
  const names = chunks.join(' ');
  assert(!/report|pdf|fontkit/i.test(names), `the PDF report is in the first load: ${names}`);
  // The importers load when a file is dropped or the import opened: none of their code (nor the
  // libraries they use) in the first load. Each is recognised by text its code holds.
  const importer = importerCode(chunks.map((file) => ({ file, code: readFileSync(join('dist', file), 'utf8') })));
  assert(importer.length === 0, `importer code is in the first load: ${importer.join(', ')}`);
  // …and they are in the build all the same (a marker that matches nothing would prove nothing).
  const all = readdirSync(join('dist', 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, code: readFileSync(join('dist', 'assets', file), 'utf8') }));
  const found = new Set(importerCode(all).map((hit) => hit.split(' ')[0]));
  assert(found.size === Object.keys(IMPORTER_MARKERS).length, `importer markers not found in any chunk (the check is out of date): ${Object.keys(IMPORTER_MARKERS).filter((name) => !found.has(name)).join(', ')}`);
});

/** Text that only the importers' code (or a library only they use) holds. */
const IMPORTER_MARKERS: Record<string, string> = {
  papaparse: '__parsed_extra',
  shpjs: 'parseZMultiPoint',
  proj4: 'longlat',
  // Property names and papaparse's error code survive minification; the importers' messages are
  // words in the dictionary (main bundle), so they cannot mark the importers' chunks.
  'src/io/import/csv.ts': 'UndetectableDelimiter',
  'src/io/import/geojson.ts': 'maxFeatures',
  'src/io/import/stream.ts': 'rootIsObject',
  'src/io/import/index.ts': 'alternatives',
};

/** "name in file" for each marker found in the chunks. */
export function importerCode(chunks: ReadonlyArray<{ file: string; code: string }>): string[] {
  const hits: string[] = [];
  for (const [name, marker] of Object.entries(IMPORTER_MARKERS)) for (const chunk of chunks) if (chunk.code.includes(marker)) hits.push(`${name} in ${chunk.file}`);
  return hits;
}
