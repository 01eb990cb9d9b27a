/** One island of nodeIslandPool.ts: runs the rounds engine on each task it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { solveRounds, type RoutingProblem } from './rounds';
import type { IslandTask } from './islands';

const problem = (workerData as { problem: RoutingProblem }).problem;
parentPort?.on('message', (task: IslandTask) => {
  try {
    parentPort?.postMessage({ ok: true, solution: solveRounds(problem, task.options) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
