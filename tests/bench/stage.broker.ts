/** Scratch: publishers → Mosquitto → one Node QoS 1 subscriber on a persistent session over WebSocket. */
import { Worker } from 'node:worker_threads';
import mqtt from 'mqtt';
import { Broker } from '../browser/broker';

const arg = (name: string, fallback: number) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const SECONDS = arg('seconds', 20), RATE = arg('rate', 10000), DEVICES = 1000, PUBLISHERS = 4;
const autosave = process.argv.includes('--autosave') ? process.argv[process.argv.indexOf('--autosave') + 1] : undefined;
const broker = new Broker(autosave ? { autosaveSeconds: Number(autosave) } : {});
await broker.start();
let got = 0;
const sub = await mqtt.connectAsync(broker.url, { clientId: 'stage-sub', clean: false, protocolVersion: 4 });
sub.on('message', () => { got++; });
await sub.subscribeAsync('application/+/device/+/event/up', { qos: 1 });
const OFFLINE = process.argv.includes('--offline');
if (OFFLINE || process.argv.includes('--nosub')) await sub.endAsync();
const cpu0 = process.cpuUsage();
let reconnected = false;
const total = RATE * SECONDS;
const startAt = Date.now() + 300;
const reports = new Map<number, { sent: number; acked: number; done: boolean }>();
const workers = Array.from({ length: PUBLISHERS }, (_, index) => {
  const w = new Worker(new URL('./publisher.worker.mjs', import.meta.url), { workerData: { index, count: PUBLISHERS, url: broker.tcpUrl, rate: RATE, total, devices: DEVICES, sensors: 300, t0: Date.now() - 86400000 * 30, startAt } });
  w.on('message', (r) => reports.set(r.index, r));
  return w;
});
const sum = () => { let s = 0, a = 0, d = 0; for (const r of reports.values()) { s += r.sent; a += r.acked; if (r.done) d++; } return { s, a, d }; };
let last = 0;
while (true) {
  await new Promise((r) => setTimeout(r, 1000));
  const { s, a, d } = sum();
  const t = (Date.now() - startAt) / 1000;
  console.log(`t=${t.toFixed(0)} sent=${s} acked=${a} got=${got} (+${got - last}/s)`);
  last = got;
  if (OFFLINE && d === PUBLISHERS && !reconnected) { reconnected = true; console.log('acked all, reconnecting'); sub.reconnect(); }
  if (d === PUBLISHERS && (got >= total || process.argv.includes('--nosub'))) break;
  if (t > SECONDS * 4 + 30) break;
}
const t = (Date.now() - startAt) / 1000;
const { readFileSync } = await import('node:fs');
const pid = (broker as unknown as { process: { pid: number } }).process.pid;
const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
const mosqCpu = (Number(f[11]) + Number(f[12])) / 100;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ mosquittoCpuS: mosqCpu, nodeCpuS: (cpu.user + cpu.system) / 1e6, stage: 'broker', autosave: autosave ?? 'default', got, total, seconds: t, perSecond: Math.round(got / t) }));
await Promise.all(workers.map((w) => w.terminate()));
await sub.endAsync(true);
await broker.stop();
process.exit(0);
