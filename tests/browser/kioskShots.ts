// Screenshots of the kiosk: `tsx tests/browser/kioskShots.ts OUT_PREFIX WIDTH HEIGHT` writes the
// choices screen, the attract tour and the night choice (OUT_PREFIX-choices.png, -attract.png, -night.png).
import { launchBrowser, startServer, waitForTwinReady } from './harness';

const [prefix = '/tmp/kiosk', width = '1920', height = '1080'] = process.argv.slice(2);
const { server, origin } = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: Number(width), height: Number(height) }, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${origin}/?mode=kiosk&msaa=1&debug=1&idle=3600&reset=3600&sw=0`);
  await waitForTwinReady(page, 300_000);
  await page.screenshot({ path: `${prefix}-choices.png` });
  type K = { vigie: { kioskController: { startAttract(): void; choose(id: string): void } } };
  await page.evaluate(() => (window as unknown as K).vigie.kioskController.startAttract());
  await page.waitForTimeout(14_000);
  await page.screenshot({ path: `${prefix}-attract.png` });
  await page.touchscreen.tap(Number(width) / 2, Number(height) / 2);
  await page.evaluate(() => (window as unknown as K).vigie.kioskController.choose('night'));
  await page.waitForTimeout(20_000);
  await page.screenshot({ path: `${prefix}-night.png` });
  console.log('written', prefix);
} finally {
  await browser.close();
  await server.close();
}
