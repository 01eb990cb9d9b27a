/**
 * Live data through faults, with a real Mosquitto (persistence on): the broker stopped in the
 * middle of a burst and started again; the subscriber's link dropped for 30 s while a publisher
 * goes on; the same uplink published twice (QoS 1 redelivery, a second gateway, a second network
 * server); uplinks out of order. Each ends with every message stored exactly once.
 */
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesStore } from '../../domain/series/store';
import { Broker, LinkCutter } from '../../../tests/browser/broker';
import { chirpstackUplink, ttsUplink } from '../../../tests/live/uplinks';
import { MqttSource, payloadParser } from './mqttSource';
import type { DeviceMap } from './payloads';
import type { LiveState } from './types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (check: () => boolean, timeoutMs: number, what: () => string) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await sleep(50);
  }
};

const DEVICES = 50;
const eui = (d: number) => `24e1247100${String(d).padStart(6, '0')}`;
const devices: DeviceMap = Object.fromEntries(Array.from({ length: DEVICES }, (_, d) => [eui(d), { sensorId: `S${d}`, field: 'level' }]));
const T0 = Date.UTC(2026, 10, 24, 6);
/** Uplink n: device n % DEVICES, its frame counter n / DEVICES, one a minute per device. */
const uplink = (n: number, extra: { time?: number; nsTime?: number; deduplicationId?: string; gatewayId?: string } = {}) => {
  const d = n % DEVICES;
  const fCnt = Math.floor(n / DEVICES);
  return chirpstackUplink({ devEui: eui(d), fCnt, time: extra.time ?? T0 + fCnt * 60_000, object: { level: n % 100 }, nsTime: extra.nsTime, deduplicationId: extra.deduplicationId, gatewayId: extra.gatewayId });
};
const topic = (n: number) => `application/bacs/device/${eui(n % DEVICES)}/event/up`;

function subscriber(url: string, store: SeriesStore, clientId: string) {
  const states: LiveState[] = [];
  let catchingUpMax = 0;
  const source = new MqttSource(
    { id: 'lora', label: 'ChirpStack', url, topics: ['application/+/device/+/event/up'], parse: payloadParser('chirpstack', devices), clientId, maxBackoffMs: 2000 },
    {
      onObservations: (batch) => batch.forEach((observation) => store.insert(observation)),
      onState: (state) => {
        states.push(state);
        catchingUpMax = Math.max(catchingUpMax, source.catchingUp);
      },
    },
  );
  return { source, states, catchingUpMax: () => catchingUpMax };
}

/** Every uplink 0…n-1 stored once: per device, the frame counters in order with their values. */
function expectAllOnce(store: SeriesStore, n: number): void {
  expect(store.totalCount).toBe(n);
  for (let d = 0; d < DEVICES; d++) {
    const index = store.sensorIndex(`S${d}`);
    const expected = Array.from({ length: Math.ceil((n - d) / DEVICES) }, (_, k) => (d + k * DEVICES) % 100);
    expect(Array.from(store.range(index, 0, Date.UTC(2030, 0, 1)).values)).toEqual(expected);
  }
}

describe('live data through faults, with a real Mosquitto', () => {
  const broker = new Broker();
  let publisher: MqttClient;
  beforeAll(async () => {
    await broker.start();
    publisher = await broker.publisher();
  });
  afterAll(async () => {
    await publisher?.endAsync(true).catch(() => undefined);
    await broker.stop();
  });

  it('the broker stopped in the middle of a burst and started again: every uplink stored once', async () => {
    const store = new SeriesStore();
    const { source, states } = subscriber(broker.url, store, 'faults-restart');
    source.start();
    await waitFor(() => source.state === 'connected', 10_000, () => 'the connection');
    const N = 3000;
    const acks: Array<Promise<unknown>> = [];
    let restart: Promise<void> | null = null;
    for (let n = 0; n < N; n++) {
      acks.push(publisher.publishAsync(topic(n), uplink(n), { qos: 1 }));
      if (n % 100 === 99) await sleep(40);
      // Halfway: the broker goes down (saving its sessions) and comes back a second later.
      if (n === N / 2) restart = broker.stop().then(() => sleep(1000)).then(() => broker.start());
    }
    await restart;
    await Promise.all(acks);
    await waitFor(() => store.totalCount >= N, 30_000, () => `${N} uplinks (stored ${store.totalCount}, received ${source.stats.received})`);
    await sleep(500);
    expectAllOnce(store, N);
    expect(states).toContain('reconnecting');
    await source.stop();
  }, 90_000);

  it("the subscriber's link dropped for 30 s while the publisher goes on: what was published meanwhile arrives, caught up", async () => {
    const cutter = new LinkCutter(broker.port);
    await cutter.start();
    const store = new SeriesStore();
    const { source, states, catchingUpMax } = subscriber(cutter.url, store, 'faults-cut');
    source.start();
    await waitFor(() => source.state === 'connected', 10_000, () => 'the connection');
    const N = 400;
    const acks: Array<Promise<unknown>> = [];
    const started = Date.now();
    for (let n = 0; n < N; n++) {
      // 40 s of publishing, ten uplinks a second; the link is down from 5 s to 35 s.
      if (n === 50) cutter.cut(30_000);
      acks.push(publisher.publishAsync(topic(n), uplink(n), { qos: 1 }));
      await sleep(Math.max(0, started + (n + 1) * 100 - Date.now()));
    }
    await Promise.all(acks);
    await waitFor(() => store.totalCount >= N, 30_000, () => `${N} uplinks (stored ${store.totalCount})`);
    await sleep(500);
    expectAllOnce(store, N);
    expect(states).toContain('reconnecting');
    expect(states).toContain('catching-up');
    // About 300 uplinks were published during the cut: they came as the backlog.
    expect(catchingUpMax()).toBeGreaterThan(0);
    await source.stop();
    await cutter.stop();
  }, 120_000);

  it('the same uplink twice (redelivered, through a second gateway, through a second network server) is stored once', async () => {
    const store = new SeriesStore();
    const { source } = subscriber(broker.url, store, 'faults-twice');
    source.start();
    await waitFor(() => source.state === 'connected', 10_000, () => 'the connection');
    const N = 200;
    for (let n = 0; n < N; n++) {
      const body = uplink(n);
      await publisher.publishAsync(topic(n), body, { qos: 1 });
      // The very same bytes again (a QoS 1 redelivery or a second integration).
      await publisher.publishAsync(topic(n), body, { qos: 1 });
      // The same frame counter reported by another network server: another deduplication id, a time 2 s later.
      await publisher.publishAsync(topic(n), uplink(n, { time: T0 + Math.floor(n / DEVICES) * 60_000 + 2000, deduplicationId: `dup-${n}`, gatewayId: 'b827ebfffe000002' }), { qos: 1 });
    }
    // The Things Stack: the same f_cnt in the same session, received 1.5 s apart with another correlation id.
    const tts = new SeriesStore();
    const { parseTheThingsStack } = await import('./payloads');
    for (const copy of [0, 1500]) {
      const result = parseTheThingsStack(ttsUplink({ deviceId: 'bac-1', devEui: eui(1), fCnt: 77, time: T0 + copy, object: { level: 42 }, correlationId: `as:up:01HCOPY${copy}` }), { 'bac-1': { sensorId: 'S1', field: 'level' } });
      if (result.ok === true) result.observations.forEach((observation) => tts.insert(observation));
    }
    expect(tts.totalCount).toBe(1);
    expect(tts.duplicates).toBe(1);
    await waitFor(() => source.stats.received >= 3 * N, 20_000, () => `${3 * N} messages (received ${source.stats.received})`);
    await sleep(300);
    expectAllOnce(store, N);
    expect(store.duplicates).toBe(2 * N);
    await source.stop();
  }, 60_000);

  it('uplinks out of order are stored once each, in time order', async () => {
    const store = new SeriesStore();
    const { source } = subscriber(broker.url, store, 'faults-order');
    source.start();
    await waitFor(() => source.state === 'connected', 10_000, () => 'the connection');
    const N = 500;
    // A fixed shuffle (a linear congruential permutation), so that a failure can be replayed.
    const order = Array.from({ length: N }, (_, i) => (i * 367 + 11) % N);
    expect(new Set(order).size).toBe(N);
    await Promise.all(order.map((n) => publisher.publishAsync(topic(n), uplink(n), { qos: 1 })));
    await waitFor(() => store.totalCount >= N, 20_000, () => `${N} uplinks (stored ${store.totalCount})`);
    await sleep(300);
    expectAllOnce(store, N);
    expect(store.duplicates).toBe(0);
    await source.stop();
  }, 60_000);
});
