import { createServer, type Server } from 'node:http';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesStore } from '../../domain/series/store';
import { Broker, LinkCutter } from '../../../tests/browser/broker';
import { SensorThingsSource } from './sensorThings';
import type { LiveState } from './types';

const waitFor = async (check: () => boolean, timeoutMs: number, what: string) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * A FROST-shaped server (REST with $filter/$orderby/$top/@iot.nextLink) whose MQTT push goes
 * through a real Mosquitto, without a session of its own (as FROST's push: what is published while
 * a client is away is not kept for it). The push link is cut; what the server recorded meanwhile
 * must come by REST, from the last observation received before the cut, each once.
 */
describe('SensorThings: the gap after a cut of the MQTT push is filled by REST, nothing twice', () => {
  const broker = new Broker();
  const cutter = new LinkCutter(broker.port);
  let server: Server;
  let base = '';
  const queries: string[] = [];
  const observations: Array<{ '@iot.id': number; phenomenonTime: string; result: number }> = [];
  const T0 = Date.UTC(2026, 10, 24, 8);
  const add = (i: number) => {
    const item = { '@iot.id': 1000 + i, phenomenonTime: new Date(T0 + i * 60_000).toISOString(), result: i };
    observations.push(item);
    return item;
  };

  beforeAll(async () => {
    await broker.start();
    await cutter.start();
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      queries.push(decodeURIComponent(url.search));
      const filter = url.searchParams.get('$filter');
      const since = filter ? Date.parse(filter.replace('phenomenonTime gt ', '')) : Number.NEGATIVE_INFINITY;
      const top = Number(url.searchParams.get('$top') ?? 100);
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const matching = observations.filter((item) => Date.parse(item.phenomenonTime) > since).sort((a, b) => a.phenomenonTime.localeCompare(b.phenomenonTime));
      const body: Record<string, unknown> = { value: matching.slice(skip, skip + top) };
      if (skip + top < matching.length) {
        url.searchParams.set('$skip', String(skip + top));
        body['@iot.nextLink'] = `${base}${url.pathname}${url.search}`;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await cutter.stop();
    await broker.stop();
  });

  it('fills the gap from the mark before the cut, even when the push delivers a newer observation first', async () => {
    for (let i = 0; i < 12; i++) add(i);
    const store = new SeriesStore();
    const states: LiveState[] = [];
    const source = new SensorThingsSource(
      { id: 'frost', label: 'FROST', url: `${base}/v1.1`, mqttUrl: cutter.url, datastreams: { '7': 'S0042' }, pageSize: 5 },
      { onObservations: (batch) => batch.forEach((observation) => store.insert(observation)), onState: (state) => states.push(state) },
    );
    source.start();
    await waitFor(() => source.stats.received === 12 && states.includes('connected'), 15_000, 'the first sync and the push');
    // Pages of 5: three requests for 12 observations.
    expect(queries.length).toBe(3);
    // FROST's push: a plain client, no session kept for the subscriber.
    const push = await mqtt.connectAsync(broker.tcpUrl);
    const publish = (item: ReturnType<typeof add>) => push.publishAsync('v1.1/Datastreams(7)/Observations', JSON.stringify(item), { qos: 0 });
    await publish(add(12));
    await waitFor(() => store.totalCount === 13, 5_000, 'the pushed observation');

    // The link drops. The server records 13…19 meanwhile; its push reaches nobody.
    const mosquittoKeepsSession = false;
    cutter.cut(3_000);
    await waitFor(() => source.state === 'reconnecting' || source.state === 'error', 5_000, 'the cut to be noticed');
    for (let i = 13; i <= 20; i++) add(i);
    expect(mosquittoKeepsSession).toBe(false);
    // The push comes back and brings the newest observation (20) again, maybe before REST runs.
    await waitFor(() => source.state === 'catching-up' || source.state === 'connected', 20_000, 'the reconnection');
    await publish(observations[20]);
    await waitFor(() => store.totalCount === 21 && source.state === 'connected', 15_000, `all 21 observations (have ${store.totalCount})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const index = store.sensorIndex('S0042');
    expect(Array.from(store.range(index, 0, Date.UTC(2027, 0, 1)).values)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    // The gap query started at the last observation before the cut (12), not at the one pushed after it.
    expect(queries.some((query) => query.includes(`$filter=phenomenonTime gt ${new Date(T0 + 12 * 60_000).toISOString()}`))).toBe(true);
    // 20 came both by push and by REST: stored once, counted as a duplicate.
    expect(store.duplicates).toBeGreaterThanOrEqual(1);
    expect(states).toContain('catching-up');
    await push.endAsync(true);
    await source.stop();
  }, 60_000);
});
