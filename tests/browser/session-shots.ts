// Screenshots of each slide of a session in planning mode at 1920 × 1080:
// `tsx tests/browser/session-shots.ts [session] [outDir]`.
import { launchBrowser, openPage, startServer, waitForTwinReady } from './harness';

const [session = 'conseil-demo', out = '/tmp/ss'] = process.argv.slice(2);
const { server, origin } = await startServer();
const browser = await launchBrowser();
try {
  const { page, consoleErrors } = await openPage(browser, `${origin}/?v=1&session=${session}&slide=1&msaa=1&debug=1`, { width: 1920, height: 1080 });
  await waitForTwinReady(page, 500_000);
  const total = await page.evaluate(() => (window as unknown as { vigie: { session(): { session: { store: { getState(): { session: { slides: unknown[] } } } } } } }).vigie.session().session.store.getState().session.slides.length);
  for (let i = 0; i < total; i++) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => document.documentElement.dataset.slideReady === String(n), i, { timeout: 400_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${out}/slide-${i + 1}.png` });
    const ready = await page.evaluate(() => (window as unknown as { vigie: { session(): { session: { store: { getState(): { lastReady: unknown } } } } } }).vigie.session().session.store.getState().lastReady);
    console.log(JSON.stringify({ slide: i + 1, ready }));
  }
  console.log(JSON.stringify({ consoleErrors }));
} finally {
  await browser.close();
  await server.close();
}
