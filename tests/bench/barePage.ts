/**
 * A page in Debian's Chromium driven through the DevTools protocol on a pipe, with nothing enabled
 * but `Runtime` and `Page` in the page itself: for benchmarks whose figure a test driver would
 * change. Playwright enables the `Network` domain in every page and worker it attaches to, so each
 * WebSocket frame of the live worker (20,000 a second at 10,000 MQTT messages a second: PUBLISH in,
 * PUBACK out) was copied, base64-encoded, into a DevTools event sent to Node: measured with
 * `npm run bench:series`, the browser process and Node spent more CPU on those reports than the page
 * on its messages. A user's browser sends none. Same launch flags as the test harness (harness.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_PATH } from '../browser/harness';

interface Reply {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export class BarePage {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private readonly listeners: Array<(message: Reply) => void> = [];
  private sessionId = '';

  private constructor(
    private readonly chromium: ChildProcess,
    private readonly profile: string,
  ) {
    const output = chromium.stdio[4] as Readable;
    let buffered = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end)) as Reply;
        buffered = buffered.slice(end + 1);
        if (message.id !== undefined) {
          const waiter = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          if (message.error) waiter?.reject(new Error(message.error.message));
          else waiter?.resolve(message.result ?? {});
        } else for (const listener of this.listeners) listener(message);
      }
    });
  }

  static async open(url: string, viewport = { width: 800, height: 560 }): Promise<BarePage> {
    const profile = mkdtempSync(join(tmpdir(), 'vigie-bare-'));
    const chromium = spawn(
      CHROMIUM_PATH,
      [
        '--headless=new',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
        `--window-size=${viewport.width},${viewport.height}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new BarePage(chromium, profile);
    const { targetInfos } = (await page.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
    const target = targetInfos.find((info) => info.type === 'page');
    if (!target) throw new Error('Chromium opened no page');
    page.sessionId = ((await page.send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string }).sessionId;
    await page.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false });
    // As the harness: tsx's `__name` helper for functions handed to evaluate.
    await page.send('Page.enable');
    await page.send('Page.addScriptToEvaluateOnNewDocument', { source: 'globalThis.__name = globalThis.__name || ((target) => target);' });
    await page.send('Page.navigate', { url });
    return page;
  }

  /** One DevTools command, to the page's session unless `sessionId` is given ('' for the browser). */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    const session = sessionId ?? this.sessionId;
    const input = this.chromium.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      input.write(`${JSON.stringify({ id, method, params, ...(session ? { sessionId: session } : {}) })}\0`);
    });
  }

  /** The browser process's id (its GPU, renderer and utility processes are its descendants). */
  get pid(): number | undefined {
    return this.chromium.pid;
  }

  on(listener: (message: Reply) => void): void {
    this.listeners.push(listener);
  }

  /** Runs `fn(arg)` in the page and returns its JSON value (as Playwright's `page.evaluate`). */
  async evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // The argument as JSON, with Infinity, -Infinity and NaN kept (JSON would make them null).
    const json = JSON.stringify(arg, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? `\u0000${value}` : value));
    const revive = `(key, value) => typeof value === 'string' && value[0] === '\\u0000' ? Number(value.slice(1)) : value`;
    const expression = `(${fn.toString()})(${arg === undefined ? '' : `JSON.parse(${JSON.stringify(json)}, ${revive})`})`;
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value?: R };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as R;
  }

  async waitFor(fn: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate(fn).catch(() => false))) {
      if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async close(): Promise<void> {
    await this.send('Browser.close', {}, '').catch(() => undefined);
    if (this.chromium.exitCode === null) await new Promise((resolve) => this.chromium.once('exit', resolve));
    rmSync(this.profile, { recursive: true, force: true });
  }
}
