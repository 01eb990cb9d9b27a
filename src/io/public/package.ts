/**
 * A territory as a set of files in memory (a fresh build, a record from IndexedDB, a zip): read by
 * the same loader as a territory served from a folder, and written to or read from one zip file
 * (fflate) holding `manifest.json` and its data.
 */
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { FileSource } from '../territoryLoader';

export function memorySource(files: ReadonlyMap<string, Uint8Array>): FileSource {
  const get = (path: string): Uint8Array => {
    const normalised = path.replace(/^\.\//, '');
    const bytes = files.get(normalised);
    if (!bytes) throw new Error(`fichier absent : ${normalised}`);
    return bytes;
  };
  return {
    readText: async (path) => strFromU8(get(path)),
    readBinary: async (path) => {
      const bytes = get(path);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

/** One zip with every file; images are stored as they are (already compressed). */
export function toZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [path, bytes] of files) entries[path] = [bytes, { level: /\.(jpe?g|png)$/i.test(path) ? 0 : 6 }];
  return zipSync(entries);
}

/** A zip that is not a territory: `unreadable` (not a zip) or `no-manifest`; `detail` is the unzipper's words. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'no-manifest',
    readonly detail = '',
  ) {
    super(kind === 'unreadable' ? `not a readable zip (${detail})` : 'the zip holds no manifest.json');
    this.name = 'ZipError';
  }
}

/**
 * Reads a territory zip: the manifest may sit at the root or in one folder (a zipped folder);
 * paths are kept relative to it. Refuses entries that climb out of it.
 */
export function fromZip(zip: Uint8Array): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new ZipError('unreadable', (error as Error).message);
  }
  const manifests = Object.keys(entries).filter((path) => path === 'manifest.json' || path.endsWith('/manifest.json'));
  if (manifests.length === 0) throw new ZipError('no-manifest');
  const manifestPath = manifests.sort((a, b) => a.length - b.length)[0];
  const prefix = manifestPath.slice(0, -'manifest.json'.length);
  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith('/') || !path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    if (relative.split('/').includes('..') || relative.startsWith('/')) continue;
    files.set(relative, bytes);
  }
  return files;
}

export function totalBytes(files: ReadonlyMap<string, Uint8Array>): number {
  let sum = 0;
  for (const bytes of files.values()) sum += bytes.byteLength;
  return sum;
}
