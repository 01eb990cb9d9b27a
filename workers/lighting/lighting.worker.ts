/** The lighting worker: the engine behind `LightingMessages` (see api.ts). */
import { exposeMessages } from '../messages';
import type { LightingMessages } from './api';
import { createLightingService } from './service';

exposeMessages<LightingMessages>(createLightingService());
