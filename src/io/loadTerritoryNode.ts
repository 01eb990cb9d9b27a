/** Loads a territory from disk, for the command-line tools and the Node tests. */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { loadTerritory, type LoadedTerritory } from './territoryLoader';

export async function loadTerritoryFromFile(manifestPath: string): Promise<LoadedTerritory> {
  const directory = dirname(resolve(manifestPath));
  return loadTerritory(basename(manifestPath), {
    readText: (path) => readFile(resolve(directory, path), 'utf8'),
    readBinary: async (path) => {
      const bytes = await readFile(resolve(directory, path));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  });
}
