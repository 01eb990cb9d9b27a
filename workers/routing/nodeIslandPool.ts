/**
 * Node's runner for the islands (islands.ts): one worker_thread per island, each holding the
 * problem once and running one epoch's task per message. Used by the benchmarks (`--threads N`).
 * The workers load TypeScript through tsx, as the benchmarks themselves do.
 */
import { Worker } from 'node:worker_threads';
import type { IslandRunner, IslandTask } from './islands';
import type { RoutingProblem, RoutingSolution } from './rounds';

export interface IslandPool {
  run: IslandRunner;
  close: () => Promise<void>;
}

export function createIslandPool(problem: RoutingProblem, threads: number): IslandPool {
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL('./nodeIslandWorker.mjs', import.meta.url), { workerData: { problem } });
    return worker;
  });
  const runOne = (worker: Worker, task: IslandTask) =>
    new Promise<RoutingSolution>((resolve, reject) => {
      const onMessage = (message: { ok: true; solution: RoutingSolution } | { ok: false; error: string }) => {
        worker.off('error', onError);
        if (message.ok) resolve(message.solution);
        else reject(new Error(`island ${task.island}, epoch ${task.epoch}: ${message.error}`));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(task);
    });
  return {
    run: (tasks) => {
      if (tasks.length > workers.length) return Promise.reject(new Error(`islands: ${tasks.length} tasks for ${workers.length} workers`));
      return Promise.all(tasks.map((task, k) => runOne(workers[k], task)));
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
