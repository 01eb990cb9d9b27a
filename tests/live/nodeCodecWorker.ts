/**
 * The codec host (public/codecs/host.js) in a Node worker thread, for tests: the same script the
 * browser runs, with `self`, `postMessage` and `importScripts` (file: URLs read and run as classic
 * scripts) provided around it, behind the `WorkerLike` interface the codec runner uses. A codec
 * that loops really blocks that thread, and `terminate` really stops it.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { WorkerLike } from '../../src/io/live/codecs';

const HOST = fileURLToPath(new URL('../../public/codecs/host.js', import.meta.url));

const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const fs = require('node:fs');
const { fileURLToPath } = require('node:url');
globalThis.self = globalThis;
globalThis.importScripts = (...urls) => { for (const url of urls) vm.runInThisContext(fs.readFileSync(fileURLToPath(url), 'utf8'), { filename: url }); };
globalThis.postMessage = (message) => parentPort.postMessage(message);
parentPort.on('message', (message) => globalThis.onmessage({ data: message }));
vm.runInThisContext(fs.readFileSync(workerData.host, 'utf8'), { filename: 'host.js' });
`;

export function nodeCodecWorker(): WorkerLike {
  const worker = new Worker(bootstrap, { eval: true, workerData: { host: HOST } });
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (data: unknown) => like.onmessage?.({ data }));
  worker.on('error', (error: Error) => like.onerror?.({ message: error.message }));
  return like;
}
