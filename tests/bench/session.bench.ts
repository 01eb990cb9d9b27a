/**
 * `npm run bench:session`: for each slide of the demo council session, the time from "next" to the
 * slide ready (flight done, layers restyled, scenario computed: measured in the page by the session
 * controller) and the share link's length; then the time to build the PDF report of the session and
 * its page count. One JSON line each. Needs the production build (`npm run build`).
 *
 *   npm run bench:session -- [--session conseil-demo] [--width 1280 --height 720]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, startServer, waitForTwinReady } from '../browser/harness';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

if (!existsSync('dist/index.html')) {
  console.error('bench:session needs the production build: run `npm run build` first.');
  process.exit(1);
}

const session = option('session', 'conseil-demo');
const viewport = { width: Number(option('width', '1280')), height: Number(option('height', '720')) };
const { server, origin } = await startServer();
const browser = await launchBrowser();
type Controller = { session: { store: { getState(): { lastReady: { index: number; seconds: number; flightSeconds: number; afterFlightSeconds: number } | null; session: { slides: unknown[] } | null } } }; links: { url(): string } };
const controller = () => (window as unknown as { vigie: { session(): Controller } }).vigie.session();
try {
  const opened = await openPage(browser, `${origin}/?v=1&session=${session}&slide=1&msaa=1&debug=1`, viewport);
  const { page } = opened;
  await waitForTwinReady(page, 600_000);
  await page.waitForFunction(() => document.documentElement.dataset.slideReady === '0', undefined, { timeout: 600_000 });
  const total = await page.evaluate(`(${controller.toString()})().session.store.getState().session.slides.length`) as number;
  if (!total) throw new Error(`session ${session} has no slide`);
  for (let index = 0; index < total; index++) {
    if (index > 0) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => document.documentElement.dataset.slideReady === String(n), index, { timeout: 600_000 });
    }
    const result = (await page.evaluate(`(() => { const c = (${controller.toString()})(); return { ready: c.session.store.getState().lastReady, link: c.links.url() }; })()`)) as { ready: { index: number; seconds: number; flightSeconds: number; afterFlightSeconds: number } | null; link: string };
    if (!result.ready || result.ready.index !== index) throw new Error(`slide ${index + 1}: no ready time measured`);
    const r2 = (value: number) => Math.round(value * 100) / 100;
    // slideReadySeconds: from "next" to ready; the target (2 s) is on afterFlightSeconds, the flight itself lasting 2 s by design.
    // Where the slide's time went (seconds from the request, parts run side by side): performance.measure('slide:INDEX:PART') of the last apply.
    const parts = (await page.evaluate((n) => {
      const last: Record<string, number> = {};
      for (const entry of performance.getEntriesByType('measure')) if (entry.name.startsWith(`slide:${n}:`)) last[entry.name.slice(`slide:${n}:`.length)] = Math.round((entry.duration / 1000) * 100) / 100;
      return last;
    }, index)) as Record<string, number>;
    console.log(JSON.stringify({ bench: 'session', slide: index + 1, slideReadySeconds: r2(result.ready.seconds), flightSeconds: r2(result.ready.flightSeconds), afterFlightSeconds: r2(result.ready.afterFlightSeconds), linkLength: result.link.length, parts }));
  }
  const download = page.waitForEvent('download', { timeout: 900_000 });
  const started = Date.now();
  await page.click('[data-testid="make-report"]');
  const file = await download;
  const seconds = (Date.now() - started) / 1000;
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-bench-')), 'report.pdf');
  await file.saveAs(path);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
  if (!pages) throw new Error('the report has no page');
  // Where the time went, from the report's performance.measure entries (seconds, summed over slides).
  const phases = (await page.evaluate(() => {
    const sums: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('measure')) if (entry.name.startsWith('report:')) sums[entry.name.slice(7)] = (sums[entry.name.slice(7)] ?? 0) + entry.duration / 1000;
    return sums;
  })) as Record<string, number>;
  // Slides whose picture is the one the presenter's screen showed (captures.ts), and whether all its tiles were in.
  // Else drawn by the report, with what differed from the picture kept of that slide (or 'none').
  const pictures = (await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => /^report:(kept|drawn):/.test(m.name)).map((m) => m.name.slice(7)))) as string[];
  console.log(JSON.stringify({ bench: 'pdf', pdfSeconds: Math.round(seconds * 100) / 100, pages, phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v * 100) / 100])), pictures }));
  await opened.context.close();
} finally {
  await browser.close();
  await server.close();
}
