/**
 * The demo territory for the Node tests, never a reason to skip: read from public/demo when it has
 * been generated and is up to date with the generator, otherwise generated here, in this process,
 * by the same code `npm run generate` runs (about 8 s). A test that needs the demo therefore either
 * runs on it or fails with the loader's own message.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemo } from '../../data/generator/demo';
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { loadTerritory, type LoadedTerritory } from '../../src/io/territoryLoader';
import { memorySource } from './memorySource';

export const DEMO_SEED = 20261123;

let loading: Promise<LoadedTerritory> | null = null;

/** The demo territory (seed 20261123, scale 1), loaded once per test file. */
export function demoTerritory(): Promise<LoadedTerritory> {
  loading ??= (async () => {
    const manifest = resolve(__dirname, '../../public/demo/manifest.json');
    const loaded = existsSync(manifest)
      ? await loadTerritoryFromFile(manifest)
      : await loadTerritory('manifest.json', memorySource(generateDemo({ seed: DEMO_SEED, scale: 1 }).files));
    if (loaded.problems.length > 0) throw new Error(`the demo territory loads with problems: ${JSON.stringify(loaded.problems.slice(0, 5))}`);
    if (loaded.territory.streetLights.length === 0) throw new Error('the demo territory has no street lights: regenerate it with `npm run generate -- --force`');
    return loaded;
  })();
  return loading;
}
