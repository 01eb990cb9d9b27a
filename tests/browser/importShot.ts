// Screenshot of the import's mapping dialog with its preview: `tsx tests/browser/importShot.ts out.png [width height]`.
import { readFileSync } from 'node:fs';
import { launchBrowser, openPage, startServer, waitForTwinReady } from './harness';

const [out = '/tmp/import.png', width = '1280', height = '800', file = 'tests/fixtures/import/eclairage-lambert93.csv'] = process.argv.slice(2);
const { server, origin } = await startServer();
const browser = await launchBrowser();
try {
  const { page, consoleErrors } = await openPage(browser, `${origin}/?msaa=1&debug=1`, { width: Number(width), height: Number(height) });
  await waitForTwinReady(page, 300_000);
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForSelector('[data-testid="import-dialog"]');
  await page.waitForTimeout(Number(process.env.WAIT ?? 4000));
  await page.screenshot({ path: out, timeout: 180_000 });
  console.log(JSON.stringify({ out, consoleErrors }));
} finally {
  await browser.close();
  await server.close();
}
