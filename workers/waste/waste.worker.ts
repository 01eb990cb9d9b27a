/// <reference lib="webworker" />
// The waste-collection engine in a worker: comlink only, the work is in service.ts.
import { expose } from 'comlink';
import type { WasteWorkerApi } from './api';
import { createWasteService } from './service';

const service = createWasteService();
const api: WasteWorkerApi = {
  prepare: (territory, onProgress) => service.prepare(territory, onProgress),
  run: (request, onProgress) => service.run(request, onProgress),
  cancel: (requestId) => service.cancel(requestId),
};
expose(api);
