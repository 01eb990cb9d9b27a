/**
 * One typed message map per worker, as maplibre's `actor_messages.ts`: each worker's `api.ts`
 * declares `XMessages`, a map from message name to its parameters and its result. The worker
 * exposes handlers typed by that map (`exposeMessages`), the page wraps the worker with the same
 * map (`wrapMessages`): a message, its parameters or its result cannot drift between both sides.
 * comlink carries the messages; only plain data, typed arrays and `proxy()` callbacks cross.
 */
import { expose, wrap, type Remote } from 'comlink';

/** Message name → `{ params: [...]; result: ... }`. Declare it with `type`, not `interface`. */
export type MessageMap = Record<string, { params: unknown[]; result: unknown }>;

/** What the worker implements: one handler per message, synchronous or not. */
export type Handlers<M extends MessageMap> = {
  [K in keyof M]: (...params: M[K]['params']) => M[K]['result'] | Promise<M[K]['result']>;
};

/** The worker side: serve the handlers of the map on this worker's scope (or on `endpoint`). */
export function exposeMessages<M extends MessageMap>(handlers: Handlers<M>, endpoint?: Parameters<typeof expose>[1]): void {
  expose(handlers, endpoint);
}

/** The page side: every message of the map becomes an async call on the worker. */
export function wrapMessages<M extends MessageMap>(worker: Worker): { api: Remote<Handlers<M>>; terminate: () => void } {
  return { api: wrap<Handlers<M>>(worker), terminate: () => worker.terminate() };
}
