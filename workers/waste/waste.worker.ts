/// <reference lib="webworker" />
// The waste-collection engine in a worker: the handlers of `WasteMessages` (api.ts); the work is in service.ts.
import { exposeMessages } from '../messages';
import type { WasteMessages } from './api';
import { createWasteService } from './service';

const service = createWasteService();
exposeMessages<WasteMessages>({
  prepare: (territory, onProgress) => service.prepare(territory, onProgress),
  run: (request, onProgress) => service.run(request, onProgress),
  cancel: (requestId) => service.cancel(requestId),
});
