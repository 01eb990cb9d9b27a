/**
 * The engineer's imports, saved in the browser (IndexedDB through `idb`) per territory: the layers
 * as they stand after the imports, and a log of what was imported. The territory itself is stored
 * elsewhere (the commune builder's storage); these records are applied on top when it opens.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LayerFeature } from './convert';
import type { ImportLayer } from './types';

export interface ImportLogEntry {
  at: string;
  file: string;
  layer: ImportLayer;
  imported: number;
  rejected: number;
}

export interface SavedImports {
  territoryId: string;
  layers: Partial<Record<ImportLayer, LayerFeature[]>>;
  log: ImportLogEntry[];
}

interface ImportDb extends DBSchema {
  imports: { key: string; value: SavedImports };
}

const DB_NAME = 'vigie-imports';
let database: Promise<IDBPDatabase<ImportDb>> | null = null;

function db(): Promise<IDBPDatabase<ImportDb>> {
  database ??= openDB<ImportDb>(DB_NAME, 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore('imports', { keyPath: 'territoryId' });
    },
  });
  return database;
}

/** False where IndexedDB is missing (Node, some private windows): imports then live for the session only. */
export function storageAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

export async function loadImports(territoryId: string): Promise<SavedImports | null> {
  if (!storageAvailable()) return null;
  return (await (await db()).get('imports', territoryId)) ?? null;
}

/** Saves, or deletes when nothing is left. Throws the browser's error (quota) for the caller to show. */
export async function saveImports(saved: SavedImports): Promise<void> {
  if (!storageAvailable()) return;
  const handle = await db();
  if (Object.keys(saved.layers).length === 0) await handle.delete('imports', saved.territoryId);
  else await handle.put('imports', saved);
}
