/**
 * Browser tests of the public kiosk (?mode=kiosk): nothing to edit or leave by, the attract loop
 * and its stop on a touch, the idle reset, the camera's bounds, offline start with the service
 * worker, and recovery from a lost WebGL context.
 */
import type { Browser, Page } from 'playwright-core';
import { assert, test, type Context } from '../lib';
import { waitForTwinReady } from '../harness';

interface KioskInfo {
  phase: 'choices' | 'attract' | 'explore';
  step: number;
  idleResets: number;
  attracts: number;
  warmUp: 'pending' | 'running' | 'done';
  warmUpStops: number;
  warmUpDone: number;
  warmUpInterruptions: number;
}
interface CameraInfo {
  lon: number;
  lat: number;
  height: number;
  pitch: number;
  inBounds: boolean | null;
}
interface StateInfo {
  language: string;
  visible: Record<string, boolean>;
}

type Vigie = { vigie: { kiosk(): KioskInfo; camera(): CameraInfo | null; state(): StateInfo; store: { getState(): { time: number } } } };
const kioskState = (page: Page) => page.evaluate(() => (window as unknown as Vigie).vigie.kiosk());
const camera = (page: Page) => page.evaluate(() => (window as unknown as Vigie).vigie.camera()) as Promise<CameraInfo>;
const twin = (page: Page) => page.evaluate(() => ({ ...(window as unknown as Vigie).vigie.state(), time: (window as unknown as Vigie).vigie.store.getState().time }));

/** A touch-screen page (touch events on), as the kiosk's screen is. */
async function withKiosk(browser: Browser, url: string, use: (page: Page, errors: string[]) => Promise<void>, viewport = { width: 800, height: 560 }): Promise<void> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.goto(url);
    await waitForTwinReady(page, 120_000);
    await use(page, errors);
  } finally {
    await context.close();
  }
}

async function waitFor<T>(page: Page, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`${what} (last: ${JSON.stringify(value)})`);
    await page.waitForTimeout(250);
    value = await read();
  }
  return value;
}

const START_SCENE_TIME = Date.parse('2026-06-21T10:30:00+02:00');

test('kiosk: no editing control, text field, file dialog or outside link; big targets; no context menu or page zoom', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`, async (page, errors) => {
    const check = async (where: string) => {
      const found = await page.evaluate(() => {
        const forbidden = [...document.querySelectorAll('input, select, textarea, [contenteditable], a[href], form, iframe')].map((element) => element.outerHTML.slice(0, 80));
        const engineering = [...document.querySelectorAll('[data-testid^="layer-"], [data-testid="open-lighting"], [data-testid="open-waste"], [data-testid="time-bar"], .layer-panel, .side-panel')].length;
        const small = [...document.querySelectorAll('button')]
          .map((button) => ({ text: button.textContent?.trim().slice(0, 30), box: button.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
          .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`);
        return { forbidden, engineering, small, buttons: document.querySelectorAll('button').length };
      });
      assert(found.forbidden.length === 0, `${where}: forbidden elements ${found.forbidden.join(' | ')}`);
      assert(found.engineering === 0, `${where}: ${found.engineering} engineering controls`);
      assert(found.small.length === 0, `${where}: touch targets under 44 px: ${found.small.join(', ')}`);
      assert(found.buttons >= 3, `${where}: only ${found.buttons} buttons`);
    };
    await check('start');
    // Each choice, and the info card of whatever a touch picks.
    for (const choice of ['night', 'glass', 'sensors']) {
      await page.click('[data-testid="kiosk-show-choices"]').catch(() => undefined);
      await page.click(`[data-testid="kiosk-choice-${choice}"]`);
      await page.waitForTimeout(500);
      await check(`choice ${choice}`);
    }
    await page.mouse.click(400, 300);
    await page.waitForTimeout(500);
    await check('after a touch on the globe');
    const blocked = await page.evaluate(() => {
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      const wheel = new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 });
      const select = new Event('selectstart', { bubbles: true, cancelable: true });
      document.body.dispatchEvent(menu);
      document.body.dispatchEvent(wheel);
      document.body.dispatchEvent(select);
      const viewport = document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? '';
      return { menu: menu.defaultPrevented, wheel: wheel.defaultPrevented, select: select.defaultPrevented, viewport, userSelect: getComputedStyle(document.body).userSelect };
    });
    assert(blocked.menu && blocked.wheel && blocked.select, `not blocked: ${JSON.stringify(blocked)}`);
    assert(blocked.viewport.includes('user-scalable=no') && blocked.userSelect === 'none', `page zoom or selection allowed: ${JSON.stringify(blocked)}`);
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  });
});

test('kiosk: the attract loop starts after the idle time, tours the scenes and stops on a touch', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=4&reset=600`, async (page, errors) => {
    // The tour waits for the warm-up that follows ready (src/app/kiosk/warmUp.ts).
    await waitFor(page, () => kioskState(page), (state) => state.warmUp === 'done', 120_000, 'the warm-up did not finish');
    const first = await waitFor(page, () => kioskState(page), (state) => state.phase === 'attract', 20_000, 'the attract loop did not start');
    assert(first.attracts === 1, `attracts ${first.attracts}`);
    const caption = await page.textContent('[data-testid="kiosk-caption"]');
    assert(caption && caption.length > 20, `no tour caption: ${caption}`);
    // The first step may fly from where the camera already is: the slow turn starts after the flight.
    const a = await camera(page);
    await page.waitForTimeout(9000);
    const b = await camera(page);
    assert(Math.abs(a.lon - b.lon) + Math.abs(a.lat - b.lat) > 1e-5 || Math.abs(a.height - b.height) > 1, `the camera did not move during the tour: ${JSON.stringify([a, b])}`);
    await page.touchscreen.tap(400, 280);
    const stopped = await waitFor(page, () => kioskState(page), (state) => state.phase === 'choices', 3000, 'a touch did not stop the tour');
    assert(await page.isVisible('[data-testid="kiosk-choice-night"]'), 'the choices are not offered after the touch');
    // Stopped for good: the camera stays still and the tour does not come back before the idle time.
    const c = await camera(page);
    await page.waitForTimeout(1500);
    const d = await camera(page);
    assert(Math.abs(c.lon - d.lon) < 1e-7 && Math.abs(c.height - d.height) < 0.5, 'the camera still moves after the touch');
    assert((await kioskState(page)).phase === 'choices' && stopped.attracts === 1, 'the tour restarted at once');
    // And after the idle time again, it plays again.
    await waitFor(page, () => kioskState(page), (state) => state.phase === 'attract' && state.attracts === 2, 15_000, 'the tour did not start again after the idle time');
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  });
});

test('kiosk: after ready the warm-up goes through the tour’s views behind a still; a touch stops it and puts the view back', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`, async (page, errors) => {
    const startCamera = await camera(page);
    const startState = await twin(page);
    const running = await waitFor(page, () => kioskState(page), (state) => state.warmUp === 'running', 15_000, 'the warm-up did not start');
    assert(running.warmUpStops >= 6, `warm-up stops: ${running.warmUpStops}`);
    assert((await page.locator('.globe-still').count()) === 1, 'no still over the view during the warm-up');
    await waitFor(page, () => kioskState(page), (state) => state.warmUpDone >= 2, 30_000, 'the warm-up does not go from stop to stop');
    // Somebody touches the screen (a key is a touch too, and does nothing else).
    await page.keyboard.press('Shift');
    const stopped = await kioskState(page);
    assert(stopped.warmUp === 'pending' && stopped.warmUpInterruptions === 1, `a touch did not stop the warm-up: ${JSON.stringify(stopped)}`);
    const put = async (what: string) => {
      const back = await camera(page);
      const state = await twin(page);
      assert(Math.abs(back.lon - startCamera.lon) < 1e-6 && Math.abs(back.lat - startCamera.lat) < 1e-6 && Math.abs(back.height - startCamera.height) < 1, `${what}: camera ${JSON.stringify(back)} vs ${JSON.stringify(startCamera)}`);
      assert(state.time === startState.time && JSON.stringify(state.visible) === JSON.stringify(startState.visible), `${what}: state ${JSON.stringify(state)} vs ${JSON.stringify(startState)}`);
    };
    await put('after the touch');
    await page.waitForTimeout(500);
    assert((await page.locator('.globe-still').count()) === 0, 'the still stays after the touch');
    // It goes on at the next quiet moment, from where it stopped, and leaves the view as it was.
    const done = await waitFor(page, () => kioskState(page), (state) => state.warmUp === 'done', 120_000, 'the warm-up did not finish');
    assert(done.warmUpDone === done.warmUpStops, `stops done ${done.warmUpDone}/${done.warmUpStops}`);
    await page.waitForTimeout(500);
    await put('after the warm-up');
    assert((await page.locator('.globe-still').count()) === 0, 'the still stays after the warm-up');
    assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
  });
});

test('kiosk: idle reset returns camera, layers, language, time and panels to the start', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=15`, async (page) => {
    const startCamera = await camera(page);
    const startState = await twin(page);
    const resetsBefore = (await kioskState(page)).idleResets;
    const startHistory = await page.evaluate(() => ({ url: location.href, entries: history.length }));
    assert(startState.language === 'fr', 'not French at start');
    await page.click('[data-testid="kiosk-choice-night"]');
    await page.click('[data-testid="kiosk-language"]');
    // Somebody drags the view around.
    await page.mouse.move(400, 300);
    await page.mouse.down();
    await page.mouse.move(250, 200, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(1000);
    const changed = await twin(page);
    const moved = await camera(page);
    assert((await kioskState(page)).idleResets === resetsBefore, 'an idle reset came while somebody was using the screen');
    assert(changed.language === 'en' && changed.time !== startState.time && changed.visible.collectionPoints !== startState.visible.collectionPoints, `the changes did not happen: ${JSON.stringify(changed)}`);
    assert(Math.abs(moved.lon - startCamera.lon) + Math.abs(moved.lat - startCamera.lat) > 1e-4, 'the camera did not move');
    assert((await kioskState(page)).phase === 'explore', 'not exploring');
    // The reset comes at 15 s of idle, or when the warm-up that starts after 2.5 s is done, at most
    // 30 s later (WARM_UP_GRACE_MS).
    const reset = await waitFor(page, () => kioskState(page), (state) => state.idleResets > resetsBefore, 60_000, 'no idle reset');
    assert(reset.phase === 'choices', `phase after reset ${reset.phase}`);
    await page.waitForTimeout(500);
    const after = await twin(page);
    const back = await camera(page);
    assert(after.language === 'fr', `language after reset ${after.language}`);
    assert(after.time === START_SCENE_TIME, `time after reset ${new Date(after.time).toISOString()}`);
    assert(JSON.stringify(after.visible) === JSON.stringify(startState.visible), `layers after reset ${JSON.stringify(after.visible)}`);
    assert(Math.abs(back.lon - startCamera.lon) < 1e-4 && Math.abs(back.lat - startCamera.lat) < 1e-4 && Math.abs(back.height - startCamera.height) < 20, `camera after reset ${JSON.stringify(back)} vs ${JSON.stringify(startCamera)}`);
    assert(!(await page.isVisible('[data-testid="info-panel"]')), 'a panel is still open');
    assert((await page.getAttribute('html', 'lang')) === 'fr', 'the page is not back in French');
    // No share links in the kiosk: its URL (idle times included) stays, and nothing went into the history.
    const endHistory = await page.evaluate(() => ({ url: location.href, entries: history.length }));
    assert(endHistory.url === startHistory.url && endHistory.entries === startHistory.entries, `history changed: ${JSON.stringify(startHistory)} → ${JSON.stringify(endHistory)}`);
  });
});

test('kiosk: the camera cannot leave the territory after aggressive drags, zooms and tilts', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`, async (page) => {
    await page.click('[data-testid="kiosk-close-choices"]');
    const drag = async (from: [number, number], to: [number, number], button: 'left' | 'right' | 'middle' = 'left', modifier?: 'Control') => {
      if (modifier) await page.keyboard.down(modifier);
      await page.mouse.move(from[0], from[1]);
      await page.mouse.down({ button });
      await page.mouse.move(to[0], to[1], { steps: 6 });
      await page.mouse.up({ button });
      if (modifier) await page.keyboard.up(modifier);
    };
    const failures: string[] = [];
    const checkBounds = async (what: string) => {
      await page.waitForTimeout(1200);
      const at = await camera(page);
      if (at.inBounds !== true) failures.push(`${what}: ${JSON.stringify(at)}`);
      if (at.pitch > (-11 * Math.PI) / 180) failures.push(`${what}: looking at the sky (pitch ${((at.pitch * 180) / Math.PI).toFixed(1)}°)`);
    };
    for (let i = 0; i < 6; i++) await drag([100, 500], [780, 20]);
    await checkBounds('six flings to the north-east');
    for (let i = 0; i < 6; i++) await drag([780, 20], [20, 540]);
    await checkBounds('six flings to the south-west');
    for (let i = 0; i < 25; i++) await page.mouse.wheel(0, 4000);
    await checkBounds('zoomed out hard');
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -4000);
    await checkBounds('zoomed in hard');
    for (let i = 0; i < 4; i++) await drag([400, 500], [400, 20], 'middle');
    await checkBounds('tilted to the horizon');
    for (let i = 0; i < 4; i++) await drag([400, 20], [400, 540], 'right');
    await checkBounds('right-drag zoom');
    assert(failures.length === 0, failures.join(' | '));
    // And back to start brings the whole territory back.
    await page.click('[data-testid="kiosk-back"]');
    await page.waitForTimeout(3000);
    const home = await camera(page);
    assert(home.inBounds === true && home.height > 2000, `back to start: ${JSON.stringify(home)}`);
  });
});

test('kiosk: with the service worker installed, the page reloads and becomes ready with the network cut', async (context: Context) => {
  const browserContext = await context.browser.newContext({ viewport: { width: 800, height: 560 }, deviceScaleFactor: 1, hasTouch: true });
  const page = await browserContext.newPage();
  // Requests in flight (the page's and its workers'): the network is cut only once the first visit
  // is quiet, so that what fails offline is the offline start's, not the first visit's last loads
  // (the buildings' geometry workers start after the first view and fetch their chunks then).
  const inFlight = new Set<unknown>();
  let lastActivity = Date.now();
  page.on('request', (request) => { inFlight.add(request); lastActivity = Date.now(); });
  const settled = (request: unknown): void => { inFlight.delete(request); lastActivity = Date.now(); };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  try {
    await page.goto(`${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`);
    await waitForTwinReady(page, 120_000);
    // The worker installs (precaching the app, Cesium and the territory) and takes control.
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout: 120_000, polling: 500 });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      let entries = 0;
      for (const name of names) entries += (await (await caches.open(name)).keys()).length;
      return { names, entries };
    });
    assert(cached.entries > 300, `only ${cached.entries} cached entries in ${cached.names.join(', ')}`);
    // The warm-up after ready (warmUp.ts) is part of the first visit: its workers' loads too.
    await page.waitForFunction(() => (window as unknown as Vigie).vigie.kiosk().warmUp === 'done', undefined, { timeout: 120_000, polling: 500 });
    const quietSince = Date.now();
    while (inFlight.size > 0 || Date.now() - lastActivity < 2000) {
      assert(Date.now() - quietSince < 90_000, `the first visit never went quiet: ${inFlight.size} requests in flight`);
      await page.waitForTimeout(250);
    }
    await browserContext.setOffline(true);
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText ?? '?'})`));
    await page.reload();
    await waitForTwinReady(page, 120_000);
    const state = await page.evaluate(() => (window as unknown as Vigie).vigie.state() as unknown as { status: string; mode: string; territory: { name: string } | null });
    assert(state.status === 'ready' && state.mode === 'kiosk' && state.territory, `offline state ${JSON.stringify(state)}`);
    assert(await page.isVisible('[data-testid="kiosk-choice-night"]'), 'the kiosk screen is not there offline');
    const appFailures = failed.filter((url) => url.startsWith(context.origin));
    assert(appFailures.length === 0, `requests that failed offline: ${appFailures.slice(0, 5).join(', ')}`);
  } finally {
    await browserContext.close();
  }
});

test('kiosk: a lost WebGL context is recovered without a reload', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`, async (page) => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const lost = await page.evaluate(() => {
      const canvas = document.querySelector('.globe canvas') as HTMLCanvasElement;
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
      const extension = gl?.getExtension('WEBGL_lose_context');
      if (!extension) return false;
      extension.loseContext();
      return true;
    });
    assert(lost, 'WEBGL_lose_context is not available');
    await page.waitForFunction(() => document.documentElement.dataset.twinReady === 'false', undefined, { timeout: 10_000 });
    await waitForTwinReady(page, 120_000);
    const after = await page.evaluate(() => ({
      marker: (window as unknown as { marker?: number }).marker,
      canvases: document.querySelectorAll('.globe canvas').length,
      stats: (window as unknown as { vigie: { stats(): { recoveries: number; frames: number; features: Record<string, number> } } }).vigie.stats(),
    }));
    assert(after.marker === 42, 'the page was reloaded');
    assert(after.canvases === 1, `${after.canvases} canvases after recovery`);
    assert(after.stats.recoveries >= 1 && after.stats.frames > 0 && after.stats.features.buildings > 1000, `after recovery: ${JSON.stringify(after.stats)}`);
    await page.waitForSelector('[data-testid="kiosk-notice"]', { timeout: 5000 });
  });
});

test('kiosk: an uncaught error brings the kiosk back to its start with a calm message', async (context: Context) => {
  await withKiosk(context.browser, `${context.origin}/?mode=kiosk&msaa=1&debug=1&idle=600&reset=600`, async (page) => {
    await page.click('[data-testid="kiosk-choice-glass"]');
    await page.click('[data-testid="kiosk-language"]');
    await page.evaluate(() => setTimeout(() => {
      throw new Error('panne simulée');
    }, 0));
    await page.waitForSelector('[data-testid="kiosk-notice"]', { timeout: 10_000 });
    const after = await page.evaluate(() => ({
      kiosk: (window as unknown as Vigie).vigie.kiosk(),
      state: (window as unknown as Vigie).vigie.state(),
      stats: (window as unknown as { vigie: { stats(): { lastError: { message: string } | null } } }).vigie.stats(),
      notice: document.querySelector('[data-testid="kiosk-notice"]')?.textContent ?? '',
    }));
    assert(after.kiosk.phase === 'choices' && after.state.language === 'fr', `not back at the start: ${JSON.stringify(after.kiosk)} ${after.state.language}`);
    assert(after.stats.lastError?.message.includes('panne simulée'), `last error not recorded: ${JSON.stringify(after.stats.lastError)}`);
    assert(/redémarré/.test(after.notice) && !/Error|erreur/i.test(after.notice), `message: ${after.notice}`);
  });
});
