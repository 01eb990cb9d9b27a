/**
 * One publisher of the ingest benchmark (series.bench.ts), in its own thread with its own MQTT
 * client: the messages i ≡ index (mod count) of the burst, ChirpStack v4 uplinks published with
 * QoS 1 on a persistent session at its share of the rate. Several of them let the network server's
 * side reach 10,000 messages a second without one event loop (and the page sampling beside it)
 * being the limit. Reports its counts to the bench every 250 ms and when done.
 */
// Plain JavaScript: worker threads do not get tsx's loader. Its data and reports are typed in series.bench.ts.
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';

const data = workerData;
const K = Math.ceil(data.devices / data.sensors);
const eui = (d) => `70b3d5e75e${d.toString(16).padStart(6, '0')}`;
/** MQTT message ids are 16 bits: more in flight would reuse the ids of messages not yet acknowledged. */
const MAX_IN_FLIGHT = 16_000;

const client = await mqtt.connectAsync(data.url, { clientId: `bench-publisher-${data.index}`, clean: false, reconnectPeriod: 200, connectTimeout: 5000 });
let sent = 0;
let acked = 0;
let errors = 0;
let inFlight = 0;
/** The network server's queue while the broker is away. */
const backlog = [];
let head = 0;

function pump() {
  while (client.connected && inFlight < MAX_IN_FLIGHT && head < backlog.length) {
    const [topic, body] = backlog[head];
    backlog[head++] = ['', ''];
    inFlight++;
    client.publish(topic, body, { qos: 1 }, (error) => {
      inFlight--;
      if (error) errors++;
      else acked++;
      if (inFlight < MAX_IN_FLIGHT / 2) pump();
    });
  }
  if (head > 100_000 && head === backlog.length) {
    backlog.length = 0;
    head = 0;
  }
}
client.on('connect', () => setTimeout(pump, 0));

const report = (done) => parentPort.postMessage({ index: data.index, sent, acked, errors, done });
const reporter = setInterval(() => report(false), 250);

let i = data.index;
const TICK_MS = 5;
while (i < data.total) {
  const elapsed = Date.now() - data.startAt;
  const due = Math.min(data.total, Math.round(((elapsed + TICK_MS) / 1000) * data.rate));
  while (i < due) {
    const d = i % data.devices;
    const f = Math.floor(i / data.devices);
    const now = Date.now();
    const body = `{"deduplicationId":"${d.toString(16).padStart(8, '0')}-0000-4000-8000-${f.toString(16).padStart(12, '0')}","time":"${new Date(data.t0 + (f * K + Math.floor(d / data.sensors)) * 1000).toISOString()}","deviceInfo":{"tenantName":"Commune","applicationName":"bacs","deviceProfileName":"EM310-UDL","deviceName":"bac-${d}","devEui":"${eui(d)}"},"devAddr":"01${eui(d).slice(-6)}","adr":true,"dr":5,"fCnt":${f},"fPort":85,"confirmed":false,"object":{"level":${(d * 7 + f) % 100},"battery":${90 - (f % 10)}},"rxInfo":[{"gatewayId":"a840411d2f5c4150","uplinkId":${f},"nsTime":"${new Date(now).toISOString()}","rssi":-97,"snr":7.5}],"txInfo":{"frequency":868100000}}`;
    backlog.push([`application/bacs/device/${eui(d)}/event/up`, body]);
    sent++;
    i += data.count;
  }
  pump();
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
}
// Everything handed to the broker, or given up on after a long wait.
const deadline = Date.now() + 600_000;
while ((acked + errors < sent || head < backlog.length) && Date.now() < deadline) {
  pump();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
clearInterval(reporter);
report(true);
await client.endAsync(true).catch(() => undefined);
