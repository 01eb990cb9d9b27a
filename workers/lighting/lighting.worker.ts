/** The lighting worker: the engine behind `LightingWorkerApi` (see api.ts). */
import { expose } from 'comlink';
import type { LightingWorkerApi } from './api';
import { createLightingService } from './service';

const api: LightingWorkerApi = createLightingService();
expose(api);
