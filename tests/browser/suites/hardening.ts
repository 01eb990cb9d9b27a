/**
 * Browser tests of the hardening work: the production build's Content Security Policy (read from
 * the page, enforced, and not violated while the demo loads and the panels are used), and
 * accessibility with axe-core on each panel (RGAA: names, labels, contrast, keyboard).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { assert, test, type Context } from '../lib';
import { waitForTwinReady } from '../harness';

type Violation = { directive: string; blocked: string; sample: string };

/** A page whose CSP violations are recorded from its very first script on. */
async function openWatched(context: Context, path: string, viewport = { width: 1100, height: 720 }) {
  const browserContext = await context.browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await browserContext.newPage();
  await page.addInitScript(() => {
    const list: Array<{ directive: string; blocked: string; sample: string }> = [];
    (window as unknown as { __csp: typeof list }).__csp = list;
    document.addEventListener('securitypolicyviolation', (event) => list.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample }));
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(context.origin + path);
  return { page, errors, close: () => browserContext.close() };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp.slice());

type Debug = { vigie: { store: { getState(): { territory: { streetLights: Array<{ id: string }>; sensors: Array<{ id: string; kind: string }> }; select(selection: unknown): void } } } };

/** Selects the first street light, or the first sensor of a kind (no eval: the page forbids it). */
const selectFeature = (page: Page, layer: 'streetLights' | 'sensors', kind?: string) =>
  page.evaluate(
    ({ layer, kind }) => {
      const state = (window as unknown as Debug).vigie.store.getState();
      const id = layer === 'streetLights' ? state.territory.streetLights[0].id : state.territory.sensors.find((sensor) => sensor.kind === kind)!.id;
      state.select({ layer, id });
    },
    { layer, kind },
  );

test('CSP: the built page has a strict policy, refuses inline script, and nothing the app does violates it', async (context) => {
  const html = await (await fetch(`${context.origin}/`)).text();
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/u.exec(html)?.[1] ?? '';
  assert(policy !== '', 'dist/index.html has no Content-Security-Policy meta tag');
  const directive = (name: string) => policy.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';
  // 'wasm-unsafe-eval' lets WebAssembly compile (Cesium's meshoptimizer decoder), never JavaScript eval.
  assert(directive('script-src') === "script-src 'self' 'wasm-unsafe-eval'", `script-src is not 'self' (and wasm) only: ${directive('script-src')}`);
  const tokens = policy.split(/[\s;]+/u);
  assert(!tokens.includes("'unsafe-eval'") && !directive('script-src').includes("'unsafe-inline'"), `the policy allows eval or inline script: ${policy}`);
  assert(directive('worker-src') === "worker-src 'self' blob:", `worker-src: ${directive('worker-src')}`);
  for (const host of ['https://geo.api.gouv.fr', 'https://data.geopf.fr', 'https://overpass-api.de', 'ws:', 'wss:']) assert(directive('connect-src').includes(host), `connect-src lacks ${host}`);
  assert(directive('object-src') === "object-src 'none'", 'object-src is not none');
  assert(!/<script(?![^>]*\bsrc=)[^>]*>/u.test(html), 'the page has an inline script');

  const { page, errors, close } = await openWatched(context, '/?msaa=1&debug=1&scene=centre-bourg');
  try {
    await waitForTwinReady(page, 240_000);
    await page.waitForFunction(() => (window as unknown as { vigie: { sensors(): { status: string } } }).vigie.sensors().status === 'ready', undefined, { timeout: 60_000 });
    // Use the panels: layers, info card, lighting (a run in its worker), waste, chart, alerts, time bar, language.
    await page.click('[data-testid="layer-buildings"]');
    await selectFeature(page, 'streetLights');
    await page.waitForSelector('[data-testid="info-panel"]');
    await page.click('[data-testid="open-lighting"]');
    await page.click('[data-testid="preset-extinction-23h-5h"]');
    await page.click('[data-testid="view-scenario"]');
    await page.waitForFunction(() => (window as unknown as { vigie: { lighting(): { levelsAt: number | null } } }).vigie.lighting().levelsAt !== null, undefined, { timeout: 30_000 });
    await page.click('[data-testid="open-waste"]');
    await page.waitForSelector('[data-testid="waste-panel"]');
    await selectFeature(page, 'sensors', 'power-meter');
    await page.waitForSelector('[data-testid="chart-stats"]');
    await page.click('[data-testid="open-alerts"]');
    await page.click('[data-testid="time-play"]');
    await page.waitForTimeout(800);
    await page.click('[data-testid="time-play"]');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForTimeout(500);
    const found = await violations(page);
    assert(found.length === 0, `CSP violations while using the app: ${JSON.stringify(found.slice(0, 5))}`);
    assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);

    // The policy is enforced, not only written: an injected inline script does not run.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    assert(!ran, 'an inline script ran despite the policy');
    const after = await violations(page);
    assert(after.some((violation) => violation.directive === 'script-src-elem' || violation.directive === 'script-src'), `the refused inline script was not reported: ${JSON.stringify(after)}`);
  } finally {
    await close();
  }
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }>;
}

/** axe-core on one region of the page, WCAG 2.x A and AA rules (RGAA 4 follows WCAG 2.1 AA). */
async function axe(page: Page, selector: string): Promise<AxeResult['violations']> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(
    async (include) =>
      (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe.run(
        { include: [include] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
      ),
    selector,
  )) as AxeResult;
  return result.violations;
}

const describeViolations = (list: AxeResult['violations']) =>
  list.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`).join('\n      ');

test('accessibility: axe-core finds no WCAG A/AA violation in any panel, and every control is reachable with Tab and shows its focus', async (context) => {
  const { page, close } = await openWatched(context, '/?msaa=1&debug=1&scene=centre-bourg');
  try {
    await waitForTwinReady(page, 240_000);
    await page.waitForFunction(() => (window as unknown as { vigie: { sensors(): { status: string } } }).vigie.sensors().status === 'ready', undefined, { timeout: 60_000 });
    const report: string[] = [];
    const check = async (name: string, selector: string) => {
      await page.waitForSelector(selector, { timeout: 30_000 });
      const found = await axe(page, selector);
      if (found.length > 0) report.push(`${name}:\n      ${describeViolations(found)}`);
    };
    await check('header and layers', '.side-left');
    await check('time bar', '[data-testid="time-bar"]');
    await selectFeature(page, 'streetLights');
    await check('info card', '[data-testid="info-panel"]');
    await selectFeature(page, 'sensors', 'fill-level');
    await page.waitForSelector('[data-testid="chart-stats"]');
    await check('sensor chart', '[data-testid="info-panel"]');
    await page.click('[data-testid="open-alerts"]');
    await check('alerts', '[data-testid="alerts-panel"]');
    await page.click('[data-testid="open-alerts"]');
    await page.click('[data-testid="open-lighting"]');
    await check('lighting', '.lighting-panel');
    await page.click('[data-testid="open-waste"]');
    await check('waste', '[data-testid="waste-panel"]');
    assert(report.length === 0, `axe-core violations:\n    ${report.join('\n    ')}`);

    // Keyboard: Tab goes through the controls, each one showing a visible focus ring.
    await page.mouse.click(5, 300);
    const seen = new Set<string>();
    const unfocusable: string[] = [];
    for (let step = 0; step < 60; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
        return { key: element.dataset.testid ?? `${element.tagName.toLowerCase()}.${element.className}`, ring };
      });
      if (!focused) continue;
      seen.add(focused.key);
      if (!focused.ring) unfocusable.push(focused.key);
    }
    for (const control of ['open-lighting', 'open-waste', 'language', 'layer-roads', 'time-play', 'time-speed']) assert(seen.has(control), `Tab never reaches ${control} (reached: ${[...seen].join(', ')})`);
    assert(unfocusable.length === 0, `focus not visible on: ${[...new Set(unfocusable)].join(', ')}`);
  } finally {
    await close();
  }
});
