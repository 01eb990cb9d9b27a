/**
 * Real territories kept in the browser (IndexedDB through `idb`), so that a twin built once opens
 * again without the network: one record per territory with its files, and a small list for the
 * start screen. A full disk (QuotaExceededError) becomes a French message; nothing else is lost.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface StoredSummary {
  id: string;
  name: string;
  /** ISO date of the build. */
  builtAt: string;
  bytes: number;
  /** e.g. "commune 51237". */
  target: string;
}

interface StoredFiles {
  id: string;
  files: Array<[path: string, bytes: Uint8Array]>;
}

/** Summaries apart from the files, so that listing does not read every tile. */
interface VigieDb extends DBSchema {
  summaries: { key: string; value: StoredSummary };
  files: { key: string; value: StoredFiles };
}

/** Storing a twin failed: `quota` when the browser has no room left, else `failed` with the browser's words. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'quota' | 'failed',
    readonly detail: string,
  ) {
    super(kind === 'quota' ? 'no room left in the browser to keep this twin' : `the twin could not be stored in the browser (${detail})`);
    this.name = 'StorageError';
  }
}

let database: Promise<IDBPDatabase<VigieDb>> | null = null;
function db(): Promise<IDBPDatabase<VigieDb>> {
  database ??= openDB<VigieDb>('vigie-territories', 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore('summaries', { keyPath: 'id' });
      upgrade.createObjectStore('files', { keyPath: 'id' });
    },
  });
  return database;
}

function explain(error: unknown): StorageError {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError') {
    return new StorageError('quota', '');
  }
  return new StorageError('failed', (error as Error)?.message ?? String(error));
}

export async function saveTerritory(summary: StoredSummary, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  try {
    const transaction = (await db()).transaction(['summaries', 'files'], 'readwrite');
    await Promise.all([
      transaction.objectStore('files').put({ id: summary.id, files: [...files.entries()] }),
      transaction.objectStore('summaries').put(summary),
      transaction.done,
    ]);
  } catch (error) {
    throw explain(error);
  }
}

export async function listTerritories(): Promise<StoredSummary[]> {
  try {
    const all = await (await db()).getAll('summaries');
    return all.sort((a, b) => b.builtAt.localeCompare(a.builtAt));
  } catch {
    return [];
  }
}

export async function readTerritory(id: string): Promise<{ summary: StoredSummary; files: Map<string, Uint8Array> } | null> {
  const database = await db();
  const [summary, record] = await Promise.all([database.get('summaries', id), database.get('files', id)]);
  if (!summary || !record) return null;
  return { summary, files: new Map(record.files) };
}

export async function deleteTerritory(id: string): Promise<void> {
  const transaction = (await db()).transaction(['summaries', 'files'], 'readwrite');
  await Promise.all([transaction.objectStore('summaries').delete(id), transaction.objectStore('files').delete(id), transaction.done]);
}
