/**
 * The import worker: dropped or picked inventory files read into tables off the main thread
 * (src/io/import/readFiles.ts: CSV and GeoJSON in chunks, with progress; zips and shapefiles
 * whole, under size limits), so that a 200 MB file never freezes the page; the reading can be
 * cancelled. It holds papaparse, shpjs and fflate: none of them is in the page's first load.
 */
import type { Remote } from 'comlink';
import { wrapMessages, type Handlers } from '../messages';
import type { NamedBlob, ReadProgress } from '../../src/io/import/readFiles';
import type { RawTable } from '../../src/io/import/types';

export type ImportMessages = {
  /** Reads the files (Blobs cross to the worker without copying their bytes); progress through the callback (a comlink proxy). */
  read: { params: [files: NamedBlob[], onProgress: (progress: ReadProgress) => void]; result: RawTable[] };
  /** Stops the reading under way: `read` then rejects with a message starting `cancelled`. */
  cancel: { params: []; result: void };
};

export type ImportWorkerApi = Handlers<ImportMessages>;

export function createImportWorker(): { api: Remote<ImportWorkerApi>; terminate: () => void } {
  return wrapMessages<ImportMessages>(new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' }));
}
