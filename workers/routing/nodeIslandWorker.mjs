// Entry of an island worker thread (nodeIslandPool.ts): registers tsx, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./nodeIslandWorker.ts');
