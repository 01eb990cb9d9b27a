/// <reference lib="webworker" />
/** The import worker (see api.ts). */
import { readFiles } from '../../src/io/import/readFiles';
import { ImportCancelled } from '../../src/io/import/stream';
import { exposeMessages } from '../messages';
import type { ImportMessages } from './api';

let reading: AbortController | null = null;

exposeMessages<ImportMessages>({
  async read(files, onProgress) {
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    try {
      return await readFiles(files, (progress) => void onProgress(progress), controller.signal);
    } catch (error) {
      // comlink carries the message, not the class: the page recognises the prefix.
      if (error instanceof ImportCancelled) throw new Error(`cancelled: ${error.message}`);
      throw error;
    } finally {
      if (reading === controller) reading = null;
    }
  },
  cancel() {
    reading?.abort();
  },
});
