/**
 * Writes the demo territory: `tsx data/generate.ts [--seed N] [--scale N] [--out DIR]`.
 * Default output: public/demo/ (served by the app). Skips the work when the output is up to date.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from './generator/demo';

const here = dirname(fileURLToPath(import.meta.url));

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** A digest of the generator's own sources: the output is stale when they change. */
function generatorDigest(seed: number, scale: number): string {
  const hash = createHash('sha256').update(`${seed}|${scale}`);
  const folders = [join(here, 'generator'), resolve(here, '../src/domain'), resolve(here, '../src/io')];
  for (const folder of folders) {
    for (const name of readdirSync(folder).sort()) if (name.endsWith('.ts')) hash.update(readFileSync(join(folder, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

const seed = Number(option('seed', '20261123'));
const scale = Number(option('scale', '1'));
if (!Number.isFinite(seed) || !Number.isFinite(scale) || scale <= 0) {
  console.error('Usage: tsx data/generate.ts [--seed N] [--scale N>0] [--out DIR]');
  process.exit(2);
}
const out = resolve(option('out', scale === 1 ? resolve(here, '../public/demo') : resolve(here, `../public/demo-x${scale}`)));
const digest = generatorDigest(seed, scale);
const stamp = join(out, '.generated');
if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  console.log(JSON.stringify({ generate: 'up-to-date', out }));
} else {
  const started = performance.now();
  const { files, summary } = generateDemo({ seed, scale });
  mkdirSync(out, { recursive: true });
  for (const [name, contents] of files) writeFileSync(join(out, name), contents);
  writeFileSync(stamp, digest);
  console.log(JSON.stringify({ generate: 'written', out, seconds: Math.round((performance.now() - started) / 100) / 10, ...summary }));
}
