/**
 * `npm run bench:soak -- --hours 72 [--seconds-per-hour 40]`: an accelerated kiosk life in Debian's
 * Chromium. The production build runs in ?mode=kiosk on a touch screen with short idle times
 * (attract tour after 9 s, idle reset after 5 s). It starts as after a power cut: nobody touches it
 * until it is ready and has warmed up. Then every simulated hour lasts `--seconds-per-hour`
 * real seconds, in which the clock runs through the hour (days and nights go by), somebody taps,
 * drags, pinches and picks choices for a while then leaves (idle reset, attract loop), and a local
 * Mosquitto sends live readings (dropping once every 12 simulated hours). After each simulated hour
 * the JS heap is measured after garbage collection (CDP HeapProfiler.collectGarbage,
 * Runtime.getHeapUsage) with DOM nodes (Memory.getDOMCounters), Cesium primitives and workers;
 * as diagnostics, the ArrayBuffer backing stores (outside that heap: the series columns live there)
 * and the series store's observations and bytes, to tell the live data's own growth from a leak.
 * Samples go to bench-results/soak-<hours>h.json and a plot to bench-results/soak-<hours>h.png;
 * the last line printed is the growth after the first simulated hour.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, startServer } from '../browser/harness';
import { Broker } from '../browser/broker';
import { plotPanels } from './plot';

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got ${process.argv[at + 1]})`);
  return value;
}

const hours = Math.round(argument('hours', 72));
const secondsPerHour = argument('seconds-per-hour', 40);
if (!existsSync('dist/index.html') || !existsSync('dist/demo/manifest.json')) {
  console.error('dist/ or dist/demo/ is missing: run `npm run build` first');
  process.exit(1);
}

interface Sample {
  hour: number;
  realSeconds: number;
  heapBytes: number;
  /** Diagnostic: ArrayBuffer backing stores (outside the JS heap above), where the series columns live. */
  backingStorageBytes: number;
  /** Diagnostic: observations in the series store and the bytes of its columns (capacity). */
  observations: number;
  seriesBytes: number;
  domNodes: number;
  listeners: number;
  primitives: number;
  workers: number;
  idleResets: number;
  attracts: number;
  /** Diagnostic: the kiosk's warm-up after ready (src/app/kiosk/warmUp.ts): its status, time spent, times a touch stopped it. */
  warmUp: string;
  warmUpMs: number;
  warmUpInterruptions: number;
  touches: number;
  published: number;
  received: number;
  lastError: string | null;
}

// The demo territory with a live MQTT source on the local broker (its history still generated).
const broker = new Broker();
await broker.start();
const soakFolder = join('dist', '_soak');
rmSync(soakFolder, { recursive: true, force: true });
mkdirSync(soakFolder, { recursive: true });
const manifest = JSON.parse(readFileSync('dist/demo/manifest.json', 'utf8')) as Record<string, unknown> & { layers: Record<string, string>; terrain: { heightmap: { file: string } }; imagery: { landCover: { file: string } } };
for (const [key, file] of Object.entries(manifest.layers)) manifest.layers[key] = `../demo/${file}`;
manifest.terrain.heightmap.file = `../demo/${manifest.terrain.heightmap.file}`;
manifest.imagery.landCover.file = `../demo/${manifest.imagery.landCover.file}`;
manifest.services = [{ id: 'lora', kind: 'mqtt', label: 'Mosquitto (soak)', url: broker.url, topics: ['vigie/#'], format: 'plain' }];
writeFileSync(join(soakFolder, 'manifest.json'), JSON.stringify(manifest));
const sensors = (JSON.parse(readFileSync('dist/demo/sensors.geojson', 'utf8')) as { features: Array<{ properties: { id: string; kind: string } }> }).features.map((feature) => feature.properties);

const { server, origin } = await startServer();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 800, height: 560 }, deviceScaleFactor: 1, hasTouch: true });
const page = await context.newPage();
const cdp: CDPSession = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');
const pageErrors: string[] = [];
page.on('pageerror', (error) => pageErrors.push(error.message));

type Vigie = { vigie: { stats(): { primitives?: number; workers: number; lastError: { message: string } | null }; kiosk(): { phase: string; idleResets: number; attracts: number; warmUp: string; warmUpMs: number; warmUpInterruptions: number }; store: { getState(): { setTime(ms: number): void } }; sensors(): { sources: Array<{ received: number }>; observations: number; bytes: number } } };

const started = Date.now();
await page.goto(`${origin}/?mode=kiosk&msaa=1&debug=1&idle=9&reset=5&territory=_soak/manifest.json`);
await page.waitForFunction(() => document.documentElement.dataset.twinReady === 'true', undefined, { timeout: 180_000, polling: 500 });
// A kiosk starts after a power cut with nobody in front of it: it warms up in its first quiet
// half-minute (src/app/kiosk/warmUp.ts) before the first visitor comes.
await page.waitForFunction(() => (window as unknown as Vigie).vigie.kiosk().warmUp === 'done', undefined, { timeout: 180_000, polling: 500 });
console.error(`ready after ${((Date.now() - started) / 1000).toFixed(0)} s, warmed up; ${hours} simulated hours at ${secondsPerHour} s each`);

const simStart = Date.parse('2026-03-01T00:00:00+01:00');
let touches = 0;
let published = 0;
let seed = 12345;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

async function pinch(cdpSession: CDPSession, x: number, y: number, spread: number): Promise<void> {
  const points = (d: number) => [
    { x: x - d, y, id: 1 },
    { x: x + d, y, id: 2 },
  ];
  await cdpSession.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(30) });
  for (let i = 1; i <= 5; i++) await cdpSession.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(30 + (spread * i) / 5) });
  await cdpSession.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** One random thing a visitor does. */
async function touch(target: Page): Promise<void> {
  touches++;
  const x = 60 + random() * 680;
  const y = 100 + random() * 360;
  const kind = Math.floor(random() * 8);
  const click = async (selector: string) => {
    if (await target.isVisible(selector)) await target.click(selector, { timeout: 2000 }).catch(() => undefined);
    else await target.touchscreen.tap(x, y);
  };
  if (kind === 0) await target.touchscreen.tap(x, y);
  else if (kind === 1) {
    await target.mouse.move(x, y);
    await target.mouse.down();
    await target.mouse.move(x + (random() - 0.5) * 600, y + (random() - 0.5) * 400, { steps: 5 });
    await target.mouse.up();
  } else if (kind === 2) await pinch(cdp, x, y, (random() - 0.5) * 200);
  else if (kind === 3) await click(`[data-testid="kiosk-choice-${['night', 'glass', 'sensors'][Math.floor(random() * 3)]}"]`);
  else if (kind === 4) await click('[data-testid="kiosk-language"]');
  else if (kind === 5) await click('[data-testid="kiosk-back"]');
  else if (kind === 6) await click('[data-testid="kiosk-show-choices"]');
  else await target.mouse.wheel(0, (random() - 0.5) * 3000);
}

async function sample(hour: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  const info = await page.evaluate(() => {
    const vigie = (window as unknown as Vigie).vigie;
    const stats = vigie.stats();
    const kiosk = vigie.kiosk();
    const sensorState = vigie.sensors();
    return { primitives: stats.primitives ?? -1, workers: stats.workers, lastError: stats.lastError?.message ?? null, idleResets: kiosk.idleResets, attracts: kiosk.attracts, warmUp: kiosk.warmUp, warmUpMs: kiosk.warmUpMs, warmUpInterruptions: kiosk.warmUpInterruptions, received: sensorState.sources.reduce((sum, source) => sum + source.received, 0), observations: sensorState.observations, seriesBytes: sensorState.bytes };
  });
  return { hour, realSeconds: (Date.now() - started) / 1000, heapBytes: heap.usedSize, backingStorageBytes: heap.backingStorageSize ?? Number.NaN, domNodes: dom.nodes, listeners: dom.jsEventListeners, ...info, touches, published };
}

const samples: Sample[] = [];
const soakStarted = Date.now();
for (let hour = 1; hour <= hours; hour++) {
  const hourStarted = Date.now();
  // A visitor for the first part of the hour, then nobody (idle reset, attract loop).
  const busyUntil = hourStarted + secondsPerHour * 1000 * (0.25 + random() * 0.3);
  let lastPublish = 0;
  while (Date.now() - hourStarted < secondsPerHour * 1000) {
    const fraction = (Date.now() - hourStarted) / (secondsPerHour * 1000);
    const simulated = simStart + (hour - 1 + fraction) * 3_600_000;
    await page.evaluate((time) => {
      const vigie = (window as unknown as Vigie).vigie;
      if (vigie.kiosk().phase !== 'attract') vigie.store.getState().setTime(time);
    }, simulated);
    if (Date.now() < busyUntil) await touch(page);
    if (Date.now() - lastPublish >= 1000) {
      lastPublish = Date.now();
      const batch = Array.from({ length: 12 }, () => {
        const sensor = sensors[Math.floor(random() * sensors.length)];
        return { sensorId: sensor.id, time: new Date(simulated - random() * 600_000).toISOString(), value: Math.round(random() * 100) };
      });
      await broker.publish('vigie/soak', JSON.stringify(batch)).catch(() => undefined);
      published += batch.length;
    }
    await page.waitForTimeout(Date.now() < busyUntil ? 300 + random() * 1200 : 1000);
  }
  // The network's live source drops now and then and comes back.
  if (hour % 12 === 6) {
    await broker.stop();
    await page.waitForTimeout(1500);
    await broker.start();
  }
  const s = await sample(hour);
  samples.push(s);
  console.log(JSON.stringify({ bench: 'soak-sample', ...s, heapMB: +(s.heapBytes / 1048576).toFixed(2) }));
}
const realMinutes = (Date.now() - soakStarted) / 60_000;

await context.close();
await browser.close();
await server.close();
await broker.stop();
rmSync(soakFolder, { recursive: true, force: true });

const first = samples[0];
const last = samples[samples.length - 1];
mkdirSync('bench-results', { recursive: true });
const base = join('bench-results', `soak-${hours}h`);
writeFileSync(`${base}.json`, JSON.stringify({ hours, secondsPerHour, realMinutes, pageErrors, samples }, null, 2));
writeFileSync(
  `${base}.png`,
  plotPanels(
    samples.map((s) => s.hour),
    'SIMULATED HOURS',
    [
      { title: 'JS HEAP AFTER GC (MB)', values: samples.map((s) => s.heapBytes / 1048576), colour: [29, 111, 138] },
      { title: 'DOM NODES', values: samples.map((s) => s.domNodes), colour: [122, 75, 196] },
      { title: 'CESIUM PRIMITIVES', values: samples.map((s) => s.primitives), colour: [217, 98, 28] },
      { title: 'WORKERS', values: samples.map((s) => s.workers), colour: [47, 154, 82] },
    ],
    `VIGIE KIOSK SOAK: ${hours} H IN ${realMinutes.toFixed(1)} MIN`,
  ),
);
if (samples.length < 2) console.error('fewer than two simulated hours: growth is measured after the first hour');
const growth = (a: number, b: number) => +(((b - a) / a) * 100).toFixed(2);
console.error(`samples and plot: ${base}.json, ${base}.png; touches ${touches}, idle resets ${last.idleResets}, attract loops ${last.attracts}, live readings ${last.received}/${published}, page errors ${pageErrors.length}`);
console.log(
  JSON.stringify({
    bench: 'soak',
    simulatedHours: hours,
    realMinutes: +realMinutes.toFixed(2),
    heapGrowthPercent: growth(first.heapBytes, last.heapBytes),
    domNodesGrowthPercent: growth(first.domNodes, last.domNodes),
    primitivesGrowth: last.primitives - first.primitives,
    workersGrowth: last.workers - first.workers,
    // Diagnostics: the live data's own growth (series store, outside the JS heap) and the backing stores'.
    observationsAdded: last.observations - first.observations,
    seriesGrowthMB: +((last.seriesBytes - first.seriesBytes) / 1048576).toFixed(2),
    backingStorageGrowthMB: +((last.backingStorageBytes - first.backingStorageBytes) / 1048576).toFixed(2),
  }),
);
