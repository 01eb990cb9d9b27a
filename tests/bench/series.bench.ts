/**
 * `npm run bench:series`: the sensor data path, as JSON lines.
 * - history: time to generate the demo's year, observations, bytes of the store's columns, and the
 *   heap and array-buffer memory they take in this process;
 * - lookup: the cost of one time change (every sensor's value at a new time, as the map restyle
 *   reads it) over 1,000 random times;
 * - ingest: a 10 s burst of 1,000 messages a second published to a real Mosquitto, received by the
 *   MQTT source and inserted into the store: count sent and received, rate, duplicates.
 */
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { generateHistory } from '../../src/domain/series/history';
import { SeriesStore } from '../../src/domain/series/store';
import { MqttSource, payloadParser } from '../../src/io/live/mqttSource';
import { Broker } from '../browser/broker';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const megabytes = (bytes: number) => round(bytes / 1048576);

const { territory } = await loadTerritoryFromFile('public/demo/manifest.json');
global.gc?.();
const before = process.memoryUsage();
const started = performance.now();
const histories = generateHistory(territory, 2026);
const store = new SeriesStore();
for (const history of histories) store.adopt(history.sensorId, history.seconds, history.values);
const seconds = (performance.now() - started) / 1000;
global.gc?.();
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    bench: 'history',
    sensors: store.sensorCount,
    observations: store.totalCount,
    seconds: round(seconds, 2),
    storeMB: megabytes(store.bytes()),
    heapMB: megabytes(after.heapUsed - before.heapUsed),
    arrayBuffersMB: megabytes(after.arrayBuffers - before.arrayBuffers),
    targetMB: 100,
  }),
);

const values = new Float32Array(store.sensorCount);
const ages = new Float64Array(store.sensorCount);
const from = Date.UTC(2026, 0, 1);
let checksum = 0;
const lookupStart = performance.now();
for (let i = 0; i < 1000; i++) {
  store.valuesAt(from + ((i * 7919) % 365) * 86_400_000 + ((i * 104729) % 86_400) * 1000, values, ages);
  checksum += values[i % values.length] || 0;
}
const perChange = (performance.now() - lookupStart) / 1000;
console.log(JSON.stringify({ bench: 'lookup', sensors: store.sensorCount, timeChanges: 1000, msPerTimeChange: round(perChange, 3), target: 16, checksum: round(checksum) }));

const broker = new Broker();
await broker.start();
const live = new SeriesStore();
let firstAt = 0;
let lastAt = 0;
const source = new MqttSource(
  { id: 'bench', label: 'bench', url: broker.url, topics: ['bench/#'], parse: payloadParser('plain', {}) },
  {
    onObservations: (batch) => {
      if (firstAt === 0) firstAt = performance.now();
      for (const observation of batch) live.insert(observation);
      lastAt = performance.now();
    },
    onState: () => undefined,
  },
);
source.start();
for (let i = 0; i < 200 && source.state !== 'connected'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
const rate = 1000;
const burstSeconds = 10;
let sent = 0;
const sensorIds = territory.sensors.map((sensor) => sensor.id);
const t0 = Date.UTC(2026, 10, 24);
const burstStart = performance.now();
for (let second = 0; second < burstSeconds; second++) {
  const tick = performance.now();
  const publishes: Array<Promise<void>> = [];
  for (let k = 0; k < rate; k++) {
    const n = second * rate + k;
    publishes.push(broker.publish('bench/plain', JSON.stringify({ sensorId: sensorIds[n % sensorIds.length], time: t0 + n * 1000, value: n % 100 })));
    sent++;
  }
  await Promise.all(publishes);
  const wait = 1000 - (performance.now() - tick);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
for (let i = 0; i < 200 && source.stats.received < sent; i++) await new Promise((resolve) => setTimeout(resolve, 50));
const received = source.stats.received;
console.log(
  JSON.stringify({
    bench: 'ingest',
    sent,
    received,
    stored: live.totalCount,
    duplicates: live.duplicates,
    burstSeconds: round((performance.now() - burstStart) / 1000, 2),
    observationsPerSecond: round(received / Math.max(0.001, (lastAt - firstAt) / 1000), 0),
    countsMatch: received === sent,
  }),
);
await source.stop();
await broker.stop();
process.exit(0);
