import { createServer, type Server } from 'node:http';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesStore, type Observation } from '../../domain/series/store';
import { MqttSource, payloadParser } from './mqttSource';
import { parseChirpStack, parsePlain, parseTheThingsStack } from './payloads';
import { SensorThingsSource } from './sensorThings';
import { SimulatedSource } from './simulated';
import { Broker } from '../../../tests/browser/broker';
import type { LiveState } from './types';


const waitFor = async (check: () => boolean, timeoutMs = 15_000, what = 'condition') => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('payload mappings', () => {
  const devices = { a84041000181c61d: { sensorId: 'S0001', field: 'fillLevel' }, 'bac-12': { sensorId: 'S0002', field: 'distance.percent' } };
  it('reads ChirpStack v4, The Things Stack v3 and plain payloads', () => {
    expect(parseChirpStack(JSON.stringify({ time: '2026-11-24T10:00:00Z', deviceInfo: { devEui: 'A84041000181C61D' }, object: { fillLevel: 63 } }), devices)).toEqual({
      ok: true,
      observations: [{ sensorId: 'S0001', time: Date.parse('2026-11-24T10:00:00Z'), value: 63, keys: [] }],
    });
    expect(parseTheThingsStack(JSON.stringify({ end_device_ids: { device_id: 'bac-12' }, received_at: '2026-11-24T10:05:00Z', uplink_message: { decoded_payload: { distance: { percent: 41.5 } } } }), devices)).toEqual({
      ok: true,
      observations: [{ sensorId: 'S0002', time: Date.parse('2026-11-24T10:05:00Z'), value: 41.5, keys: [], receivedAt: Date.parse('2026-11-24T10:05:00Z') }],
    });
    expect(parsePlain('[{"sensorId":"S9","time":"2026-11-24T10:00:00Z","value":1},{"sensorId":"S9","time":1790000000000,"value":2}]')).toMatchObject({ ok: true });
  });
  it('refuses malformed messages with a reason', () => {
    expect(parseChirpStack('{"deviceInfo":{"devEui":"ffff"},"object":{}}', devices)).toEqual({ ok: false, reason: 'unknown device ffff' });
    expect(parseChirpStack('{"deviceInfo":{"devEui":"A84041000181C61D"},"time":"2026-11-24T10:00:00Z","object":{"fillLevel":"plein"}}', devices)).toEqual({ ok: false, reason: 'device a84041000181c61d: no numeric value in fillLevel' });
    expect(parseTheThingsStack('not json', devices)).toEqual({ ok: false, reason: 'not JSON' });
    expect(parsePlain('{"sensorId":"S1","time":"yesterday","value":3}')).toEqual({ ok: false, reason: 'sensor S1: no valid time' });
    expect(parsePlain('{"sensorId":"S1","time":"2026-11-24T10:00:00Z","value":"high"}')).toEqual({ ok: false, reason: 'sensor S1: no numeric value' });
  });
});

// No skipping: without Mosquitto, Broker.start throws and the suite fails, saying how to install it.
describe('MQTT with a real Mosquitto broker', () => {
  const broker = new Broker();
  beforeAll(() => broker.start());
  afterAll(() => broker.stop());

  it('receives observations, counts malformed ones, reconnects after the broker restarts, and never stores a duplicate', async () => {
    const store = new SeriesStore();
    const states: LiveState[] = [];
    let rejected = 0;
    const source = new MqttSource(
      { id: 'test', label: 'Mosquitto', url: broker.url, topics: ['vigie/#'], parse: payloadParser('plain', {}) },
      {
        onObservations: (batch: Observation[]) => batch.forEach((observation) => store.insert(observation)),
        onState: (state) => states.push(state),
        onRejected: () => rejected++,
      },
    );
    source.start();
    await waitFor(() => source.state === 'connected', 10_000, 'connection');
    const publisher = await mqtt.connectAsync(broker.url);
    const send = (body: string) => publisher.publishAsync('vigie/plain', body);
    await send(JSON.stringify({ sensorId: 'S1', time: '2026-11-24T10:00:00Z', value: 40 }));
    await send('{ broken');
    await send(JSON.stringify({ sensorId: 'S1', time: '2026-11-24T09:00:00Z', value: 30 }));
    await waitFor(() => source.stats.received === 2 && source.stats.rejected === 1, 5_000, 'messages');
    expect(rejected).toBe(1);
    await publisher.endAsync(true);

    // The broker goes away and comes back: the source reconnects on its own.
    await broker.stop();
    await waitFor(() => source.state === 'reconnecting', 10_000, 'reconnecting state');
    await broker.start();
    await waitFor(() => source.state === 'connected', 20_000, 'reconnection');
    const again = await mqtt.connectAsync(broker.url);
    // The same observation sent twice (a retry after the cut) is stored once.
    await again.publishAsync('vigie/plain', JSON.stringify({ sensorId: 'S1', time: '2026-11-24T11:00:00Z', value: 55 }));
    await again.publishAsync('vigie/plain', JSON.stringify({ sensorId: 'S1', time: '2026-11-24T11:00:00Z', value: 55 }));
    await waitFor(() => source.stats.received === 4, 5_000, 'messages after reconnection');
    await again.endAsync(true);
    const s1 = store.sensorIndex('S1');
    expect(store.count(s1)).toBe(3);
    expect(store.duplicates).toBe(1);
    expect(Array.from(store.range(s1, 0, Date.parse('2027-01-01')).values)).toEqual([30, 40, 55]);
    expect(states).toContain('reconnecting');
    await source.stop();
  }, 60_000);
});

describe('SensorThings client against a FROST-shaped server', () => {
  let server: Server;
  let base = '';
  const queries: string[] = [];
  const observations = Array.from({ length: 25 }, (_, i) => ({ phenomenonTime: new Date(Date.UTC(2026, 10, 24, 0, i)).toISOString(), result: i }));

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      queries.push(decodeURIComponent(url.search));
      const match = /\/v1\.1\/Datastreams\((\d+)\)\/Observations$/.exec(url.pathname);
      if (!match) {
        response.writeHead(404).end();
        return;
      }
      const filter = url.searchParams.get('$filter');
      const since = filter ? Date.parse(filter.replace('phenomenonTime gt ', '')) : Number.NEGATIVE_INFINITY;
      const top = Number(url.searchParams.get('$top') ?? 100);
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const matching = observations.filter((item) => Date.parse(item.phenomenonTime) > since);
      const page = matching.slice(skip, skip + top);
      const body: Record<string, unknown> = { value: page };
      if (skip + top < matching.length) {
        const next = new URL(url.toString());
        next.searchParams.set('$skip', String(skip + top));
        body['@iot.nextLink'] = `${base}${next.pathname}${next.search}`;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('pages through @iot.nextLink, orders by time, and only asks for what is new', async () => {
    const received: Observation[] = [];
    const source = new SensorThingsSource({ id: 'sta', label: 'FROST', url: `${base}/v1.1`, datastreams: { '7': 'S0042' }, pageSize: 10 }, { onObservations: (batch) => received.push(...batch), onState: () => undefined });
    expect(await source.catchUp()).toBe(25);
    expect(received.map((item) => item.value)).toEqual(observations.map((item) => item.result));
    expect(queries[0]).toContain('$orderby=phenomenonTime asc');
    expect(queries[0]).toContain('$top=10');
    expect(queries.length).toBe(3);
    // Two new observations appear: the next catch-up asks only for what is after the last seen.
    observations.push({ phenomenonTime: '2026-11-24T01:00:00.000Z', result: 99 }, { phenomenonTime: '2026-11-24T01:01:00.000Z', result: 100 });
    expect(await source.catchUp()).toBe(2);
    expect(queries.at(-1)).toContain('$filter=phenomenonTime gt 2026-11-24T00:24:00.000Z');
  });
});

describe('simulated live feed', () => {
  it('releases each reading when the clock reaches it', () => {
    let now = Date.UTC(2026, 10, 24, 12, 0);
    const batches: Observation[][] = [];
    const base = (Date.UTC(2026, 10, 24, 12, 0) - Date.UTC(2020, 0, 1)) / 1000;
    const source = new SimulatedSource('demo', [{ sensorId: 'S1', seconds: Int32Array.from([base + 60, base + 120, base + 180]), values: Float32Array.from([1, 2, 3]) }], { onObservations: (batch) => batches.push(batch), onState: () => undefined }, () => now);
    expect(source.tick()).toBe(0);
    now += 125_000;
    expect(source.tick()).toBe(2);
    now += 3_600_000;
    expect(source.tick()).toBe(1);
    expect(batches.flat().map((item) => item.value)).toEqual([1, 2, 3]);
  });
});
