/**
 * What browser test suites share: the registry (`test`), the context each test receives, and helpers
 * to open pages, wait for the globe and read its pixels. Suites live in tests/browser/suites/, one
 * file per capability, and register their tests with `test(name, run)` when run.ts imports them.
 */
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { openPage, type OpenedPage } from './harness';
import type { Broker } from './broker';

export interface Result {
  name: string;
  ok: boolean;
  seconds: number;
  error?: string;
}

export interface Context {
  browser: Browser;
  origin: string;
  broker: Broker;
  /** Street lights in the demo (read by run.ts from dist/demo before the tests). */
  demoLights: number;
}

export type Test = { name: string; run: (context: Context) => Promise<void> };

export const tests: Test[] = [];
export const test = (name: string, run: Test['run']) => tests.push({ name, run });

/**
 * A test known not to pass yet: not run, but counted and named with its reason in the results
 * (test-all.sh prints the skipped count before its last line), so that it is never silent.
 */
export const skippedTests: Array<{ name: string; reason: string }> = [];
export const skip = (name: string, reason: string, _run: Test['run']) => skippedTests.push({ name, reason });

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export interface Stats {
  features: Record<string, number>;
  lastFrameCpuMilliseconds: number;
  frames: number;
  tilesLoaded: boolean;
}

export const stats = (page: Page) => page.evaluate(() => (window as unknown as { vigie: { stats(): unknown } }).vigie.stats()) as Promise<Stats>;

/** Requests that left the page's own origin (data: and blob: URLs stay in the page). */
export function foreignRequests(opened: OpenedPage, origin: string): string[] {
  return opened.requests.filter((url) => !url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:'));
}

export async function withPage(context: Context, path: string, use: (opened: OpenedPage) => Promise<void>): Promise<void> {
  const opened = await openPage(context.browser, context.origin + path);
  try {
    await use(opened);
  } finally {
    await opened.context.close();
  }
}

/**
 * Waits until the globe has drawn the change and gone quiet: it renders on demand, so once the
 * change is drawn and every tile is loaded no new frame comes for a while.
 */
export async function settle(page: Page, first: number, quietMs = 2_500, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = first;
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = await stats(page);
    if (now.frames !== last) {
      last = now.frames;
      lastChange = Date.now();
    } else if (last > first && now.tilesLoaded && Date.now() - lastChange >= quietMs) return;
  }
  const now = await stats(page);
  throw new Error(`the globe did not settle within ${timeoutMs / 1000} s (frames ${first} → ${now.frames}, tiles loaded: ${now.tilesLoaded})`);
}

/** Pixels of the globe area (left panel and header excluded) as RGBA. */
export async function globePixels(page: Page): Promise<PNG> {
  const viewport = page.viewportSize()!;
  const clip = { x: 270, y: 80, width: viewport.width - 280, height: viewport.height - 160 };
  return PNG.sync.read(await page.screenshot({ clip }));
}

export function distinctColours(png: PNG): number {
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 7) colours.add((png.data[i] >> 3) | ((png.data[i + 1] >> 3) << 5) | ((png.data[i + 2] >> 3) << 10));
  return colours.size;
}

/** Share of pixels that differ by more than a small tolerance. */
export function changedShare(a: PNG, b: PNG): number {
  let changed = 0;
  const pixels = a.data.length / 4;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
    if (d > 24) changed++;
  }
  return changed / pixels;
}

