/** A territory's files in memory, as the loader reads them: for tests that build or break files. */
import type { FileSource } from '../../src/io/territoryLoader';

export function memorySource(files: Map<string, string | Uint8Array>): FileSource {
  const get = (path: string) => {
    const file = files.get(path);
    if (file === undefined) throw new Error(`ENOENT: no such file ${path}`);
    return file;
  };
  return {
    readText: async (path) => {
      const file = get(path);
      return typeof file === 'string' ? file : new TextDecoder().decode(file);
    },
    readBinary: async (path) => {
      const file = get(path);
      const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}
