/**
 * `npm run bench:load`: time from navigation to data-twin-ready for the demo and for a bare Cesium
 * viewer with the same terrain and imagery (bare.html), in the same run and browser; then the CPU
 * milliseconds of one frame with every layer on, at the default size and at `--scale 5`.
 * Prints one JSON object per line. Needs the production build (`npm run build`).
 *
 *   npm run bench:load -- [--runs N] [--frames N] [--ready-only]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, startServer, waitForTwinReady } from '../browser/harness';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const runs = option('runs', 3);
const framesPerSample = option('frames', 30);
const viewport = { width: 800, height: 560 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function readyTime(browser: Browser, url: string): Promise<number> {
  const opened = await openPage(browser, url, viewport);
  try {
    await waitForTwinReady(opened.page, 180_000);
    // From navigation start (performance.now() is 0 there), polled every 200 ms.
    return await opened.page.evaluate(() => performance.now());
  } finally {
    await opened.context.close();
  }
}

async function frameCost(browser: Browser, url: string): Promise<Record<string, number>> {
  const opened = await openPage(browser, url, viewport);
  try {
    await waitForTwinReady(opened.page, 240_000);
    return await opened.page.evaluate(async (count) => {
      type Vigie = {
        store: { getState(): { visible: Record<string, boolean>; setVisible(layer: string, on: boolean): void } };
        renderFrame(): number;
        stats(): { features: Record<string, number> };
      };
      const vigie = (window as unknown as { vigie: Vigie }).vigie;
      for (const layer of Object.keys(vigie.store.getState().visible)) vigie.store.getState().setVisible(layer, true);
      // Let the newly shown layers build their GPU resources before measuring.
      for (let i = 0; i < 5; i++) {
        vigie.renderFrame();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        times.push(vigie.renderFrame());
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const features = Object.values(vigie.stats().features).reduce((sum, n) => sum + n, 0);
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      times.sort((a, b) => a - b);
      return {
        features,
        frameCpuMsMedian: times[Math.floor(times.length / 2)],
        frameCpuMsP95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
        heapMB: memory ? memory.usedJSHeapSize / 1048576 : -1,
      };
    }, framesPerSample);
  } finally {
    await opened.context.close();
  }
}

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
// The scale-5 territory is written next to the build, not into public/: it is for this benchmark only.
execFileSync('npx', ['tsx', 'data/generate.ts', '--scale', '5', '--out', 'dist/demo-x5'], { stdio: ['ignore', 'ignore', 'inherit'] });

const { server, origin } = await startServer();
const browser = await launchBrowser();
try {
  const bare: number[] = [];
  const twin: number[] = [];
  const kiosk: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Alternate, so that both see the same machine load.
    bare.push(await readyTime(browser, `${origin}/bare.html?msaa=1`));
    twin.push(await readyTime(browser, `${origin}/?msaa=1`));
    // The public kiosk's screen (service worker off: its first install would download in the background).
    kiosk.push(await readyTime(browser, `${origin}/?mode=kiosk&msaa=1&sw=0`));
  }
  const bareMs = median(bare);
  const twinMs = median(twin);
  console.log(JSON.stringify({ bench: 'ready', page: 'bare-viewer', runs, msMedian: Math.round(bareMs), msMax: Math.round(Math.max(...bare)) }));
  console.log(JSON.stringify({ bench: 'ready', page: 'demo', runs, msMedian: Math.round(twinMs), msMax: Math.round(Math.max(...twin)), ratioToBare: round(twinMs / bareMs, 2), target: 1.3 }));
  console.log(JSON.stringify({ bench: 'ready', page: 'kiosk', runs, msMedian: Math.round(median(kiosk)), msMax: Math.round(Math.max(...kiosk)), ratioToBare: round(median(kiosk) / bareMs, 2), target: 1.3 }));
  if (process.argv.includes('--ready-only')) process.exit(0);
  for (const [scale, territory] of [
    [1, 'demo/manifest.json'],
    [5, 'demo-x5/manifest.json'],
  ] as const) {
    const cost = await frameCost(browser, `${origin}/?msaa=1&debug=1&territory=${territory}`);
    console.log(
      JSON.stringify({
        bench: 'frame',
        scale,
        features: cost.features,
        frames: framesPerSample,
        cpuMsMedian: round(cost.frameCpuMsMedian, 2),
        cpuMsP95: round(cost.frameCpuMsP95, 2),
        heapMB: round(cost.heapMB),
        target: 16,
      }),
    );
  }
} finally {
  await browser.close();
  await server.close();
}
