/**
 * Live data in the page, through a real Mosquitto with persistence: ChirpStack v4 uplinks with only
 * their bytes decoded by the Milesight EM310-UDL codec in its sandboxed worker (fill % from the
 * container's depth), an unreadable uplink and a codec that loops counted and shown, never stored;
 * the same uplink twice and uplinks out of order; the page's link dropped for 30 s while the
 * publisher goes on (reconnecting, then catching up, everything stored once); and a source that
 * stays silent longer than its sensors' interval raising an alert.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, test, withPage } from '../lib';
import { waitForTwinReady } from '../harness';
import { LinkCutter } from '../broker';
import { writeLiveTerritory } from '../../live/fixtures';
import { chirpstackUplink, em310Bytes } from '../../live/uplinks';

type Source = { id: string; state: string; since: number; received: number; rejected: number; undecoded: number; duplicates: number; catchingUp: number; transitions: Array<{ state: string; at: number }> };
type Vigie = {
  sensors(): { status: string; observations: number; sources: Source[] };
  reading(sensorId: string, time: number): { value: number; time: number } | null;
  storedTwice(): number;
};

test('live: raw uplinks decoded by the vendor codec in its worker, unreadable ones counted and shown, duplicates and disorder stored once, a 30 s cut caught up, a silent source alerted', async (context) => {
  const broker = context.broker;
  const cutter = new LinkCutter(broker.port);
  await cutter.start();
  const folder = join('dist', '_test', 'livecodec');
  const bins = ['70b3d5e75e000001', '70b3d5e75e000002', '70b3d5e75e000003'];
  const demoSensors = JSON.parse(readFileSync(join('dist', 'demo', 'sensors.geojson'), 'utf8')) as { features: Array<{ properties: { id: string; kind: string; samplesPerDay: number } }> };
  const fills = demoSensors.features.filter((feature) => feature.properties.kind === 'fill-level').map((feature) => feature.properties.id);
  // One sensor that should speak every 10 s: its source is silent after 15 s.
  const quick = demoSensors.features.find((feature) => feature.properties.kind === 'air-quality')!;
  quick.properties.samplesPerDay = 8640;
  writeLiveTerritory(folder, [
    {
      id: 'lora',
      kind: 'mqtt',
      label: 'ChirpStack (test)',
      url: cutter.url,
      topics: ['application/+/device/+/event/up'],
      format: 'chirpstack',
      deviceTypes: { 'em310-udl': { codec: '../../codecs/milesight-em310-udl.js', field: 'distance', containerDepthMm: 1200 }, looping: { codec: 'looping.js', field: 'distance' } },
      codecTimeoutMs: 300,
      devices: {
        [bins[0]]: { sensorId: fills[0], type: 'em310-udl' },
        [bins[1]]: { sensorId: fills[1], type: 'em310-udl', containerDepthMm: 1000 },
        [bins[2]]: { sensorId: fills[2], type: 'looping' },
      },
    },
    { id: 'quiet', kind: 'mqtt', label: 'Capteur d’air (test)', url: broker.url, topics: ['quiet/#'], format: 'chirpstack', devices: { '70b3d5e75e0000aa': { sensorId: quick.properties.id, field: 'pm10' } } },
  ]);
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { layers: Record<string, string> };
  manifest.layers.sensors = 'sensors.geojson';
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(folder, 'sensors.geojson'), JSON.stringify(demoSensors));
  writeFileSync(join(folder, 'looping.js'), 'function decodeUplink(input) { for (;;) {} }');

  const publisher = await broker.publisher();
  const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const publish = (device: number, fCnt: number, bytes: Uint8Array, extra: { time?: number; deduplicationId?: string } = {}) =>
    publisher.publishAsync(`application/bacs/device/${bins[device]}/event/up`, chirpstackUplink({ devEui: bins[device], fCnt, time: extra.time ?? T0 + fCnt * 60_000, bytes, deduplicationId: extra.deduplicationId }), { qos: 1 });

  try {
    await withPage(context, '/?msaa=1&debug=1&territory=_test/livecodec/manifest.json', async ({ page, consoleErrors }) => {
      await waitForTwinReady(page, 90_000);
      const sensors = () => page.evaluate(() => (window as unknown as { vigie: Vigie }).vigie.sensors());
      const lora = async () => (await sensors()).sources.find((source) => source.id === 'lora')!;
      const until = async (check: (source: Source) => boolean, what: string, timeoutMs = 30_000) => {
        const started = Date.now();
        for (;;) {
          const source = await lora();
          if (source && check(source)) return source;
          if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(source)}`);
          await page.waitForTimeout(200);
        }
      };
      await until((source) => source.state === 'connected', 'the connection');
      const reading = (sensorId: string, time: number) => page.evaluate(([id, t]) => (window as unknown as { vigie: Vigie }).vigie.reading(id as string, t as number), [sensorId, time] as const);

      // Raw bytes, decoded in the codec worker: distance 300 mm in a 1,200 mm bin is 75 % full.
      await publish(0, 1, em310Bytes(92, 300));
      await publish(1, 1, em310Bytes(80, 250));
      await until((source) => source.received === 2, 'two decoded uplinks');
      const first = await reading(fills[0], T0 + 60_000);
      assert(first?.value === 75, `the fill of the first bin should be 75 %: ${JSON.stringify(first)}`);
      const second = await reading(fills[1], T0 + 60_000);
      assert(second?.value === 75, `the second bin (1,000 mm deep, its own depth) should be 75 %: ${JSON.stringify(second)}`);

      // Unreadable bytes, and a codec that never returns: refused, counted, shown; nothing stored.
      const before = (await sensors()).observations;
      await publish(0, 2, Uint8Array.of(0x99, 0x42));
      await publish(2, 1, em310Bytes(50, 100));
      await until((source) => source.undecoded === 2, 'two unreadable uplinks counted', 20_000);
      await publish(0, 3, em310Bytes(91, 600));
      await until((source) => source.received === 3, 'the codec working again after the looping one');
      assert((await sensors()).observations === before + 1, 'an unreadable uplink was stored');
      await page.click('[data-testid="open-alerts"]');
      const shown = (await page.textContent('[data-testid="source-lora-undecoded"]')) ?? '';
      assert(/2 trames illisibles/.test(shown), `the panel does not show the unreadable uplinks: ${shown}`);

      // The same uplink again (redelivered) and through a second network server (another id, 2 s later); then out of order.
      await publish(0, 3, em310Bytes(91, 600));
      await publish(0, 3, em310Bytes(91, 600), { time: T0 + 3 * 60_000 + 2000, deduplicationId: 'second-server' });
      for (const fCnt of [9, 5, 7, 4, 8, 6]) await publish(1, fCnt, em310Bytes(80, 100 + fCnt * 50));
      await until((source) => source.received === 11 && source.duplicates === 2, 'the copies dropped and the disorder stored', 20_000);

      // The page's link drops for 30 s while the bins go on sending, one uplink every 250 ms (the
      // network server stamps each when it is sent: those held by the broker are older than the reconnection).
      const storedBefore = (await sensors()).observations;
      const cutAt = Date.now();
      const states = new Set<string>();
      let caughtUp = 0;
      let reconnectingShown = '';
      cutter.cut(30_000);
      const sending = (async () => {
        for (let k = 0; k < 150; k++) {
          await publish(k % 2, 100 + k, em310Bytes(90, 200 + k));
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const started = Date.now();
      while (Date.now() - started < 75_000) {
        const source = await lora();
        states.add(source.state);
        caughtUp = Math.max(caughtUp, source.catchingUp);
        if (source.state === 'reconnecting' && !reconnectingShown) {
          reconnectingShown = (await page.textContent('[data-testid="source-lora"]')) ?? '';
          await page.screenshot({ path: 'test-results/live-reconnecting.png' });
        }
        // Every change of state since the cut, from the page's own log (a catch-up can be brief).
        for (const change of source.transitions) if (change.at >= cutAt) states.add(change.state);
        if ((await sensors()).observations >= storedBefore + 150 && states.has('catching-up')) break;
        await page.waitForTimeout(150);
      }
      await sending;
      await page.waitForTimeout(1000);
      const after = await sensors();
      assert(after.observations === storedBefore + 150, `after the cut, ${after.observations - storedBefore} of 150 uplinks stored`);
      assert(states.has('reconnecting') && states.has('catching-up'), `states seen: ${[...states].join(', ')}`);
      assert(caughtUp > 0, 'no message was counted as caught up');
      assert(/reconnexion depuis \d/.test(reconnectingShown), `the panel does not say since when it reconnects: ${reconnectingShown}`);
      assert((await page.evaluate(() => (window as unknown as { vigie: Vigie }).vigie.storedTwice())) === 0, 'an observation was stored twice');

      // The air sensor's source said nothing for more than 15 s: an alert names it.
      const alerts = (await page.textContent('[data-testid="source-alerts"]')) ?? '';
      assert(/Source muette.*Capteur d’air \(test\).*aucun message depuis/.test(alerts), `no silent-source alert: ${alerts}`);
      await page.screenshot({ path: 'test-results/live-sources.png' });
      assert(consoleErrors.filter((error) => !/WebSocket/.test(error)).length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    });
  } finally {
    await publisher.endAsync(true);
    await cutter.stop();
  }
});
