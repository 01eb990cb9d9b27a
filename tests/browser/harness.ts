/**
 * Browser test harness: serves the production build (dist/) with Vite's preview server on
 * 127.0.0.1 and drives Debian's Chromium through playwright-core. WebGL runs on SwiftShader here,
 * so pages use a small viewport and ?msaa=1.
 */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startServer(port = 0): Promise<{ server: PreviewServer; origin: string }> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first');
  const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

export async function openPage(browser: Browser, url: string, viewport = { width: 800, height: 560 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  // tsx keeps function names with an `__name(fn, "name")` helper that exists in Node, not in the
  // page: functions handed to page.evaluate that declare named functions need it there too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((target) => target);' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  return { context, page, consoleErrors, requests };
}

export async function waitForTwinReady(page: Page, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(() => document.documentElement.dataset.twinReady === 'true', undefined, { timeout: timeoutMs, polling: 200 });
  return Date.now() - started;
}
