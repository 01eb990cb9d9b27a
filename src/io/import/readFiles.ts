/**
 * Dropped or picked files → tables, with progress, cancel and size limits: CSV and GeoJSON are
 * read in chunks (stream.ts), zips and shapefile parts whole (they must be: a zip's directory is
 * at its end), each under `IMPORT_LIMITS`. Run in the import worker (workers/import); the same
 * code runs on the calling thread where there are no workers (Node's tests).
 */
import { megabytesOver, type ProblemWords } from '../../domain/problem';
import { readInputs } from './index';
import { IMPORT_LIMITS, ImportCancelled, readCsvStream, readGeoJsonStream } from './stream';
import { blankTable, type InputFile, type RawTable } from './types';

export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface ReadProgress {
  /** The file being read. */
  file: string;
  /** Bytes read of all the files, and in all. */
  done: number;
  total: number;
}

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const STREAMED = new Set(['csv', 'txt', 'tsv', 'geojson', 'json']);

function refused(file: string, detail: ProblemWords): RawTable {
  return blankTable(file, extension(file) === 'csv' ? 'csv' : 'geojson', 'line', { problems: [{ file, line: null, field: null, code: 'too-large', detail, severity: 'error' }] });
}

/** Reads the files in order; rejects with ImportCancelled when `signal` aborts. */
export async function readFiles(files: readonly NamedBlob[], onProgress: (progress: ReadProgress) => void = () => {}, signal?: AbortSignal): Promise<RawTable[]> {
  const total = files.reduce((sum, file) => sum + file.blob.size, 0);
  let before = 0;
  const tables: RawTable[] = [];
  const whole: InputFile[] = [];
  for (const { name, blob } of files) {
    if (signal?.aborted) throw new ImportCancelled(name);
    const ext = extension(name);
    const streamed = STREAMED.has(ext);
    const limit = streamed ? IMPORT_LIMITS.streamedBytes : IMPORT_LIMITS.wholeBytes;
    if (blob.size > limit) {
      tables.push(refused(name, megabytesOver(blob.size, limit)));
    } else if (streamed) {
      const options = { signal, maxRecords: IMPORT_LIMITS.records, onProgress: (done: number) => onProgress({ file: name, done: before + done, total }) };
      tables.push(ext === 'geojson' || ext === 'json' ? await readGeoJsonStream(name, blob, options) : await readCsvStream(name, blob, options));
    } else {
      whole.push({ name, bytes: new Uint8Array(await blob.arrayBuffer()) });
    }
    before += blob.size;
    onProgress({ file: name, done: before, total });
  }
  // Zips and loose shapefile parts together (a .shp finds its .dbf among the others).
  if (whole.length > 0) tables.push(...readInputs(whole));
  return tables;
}
