// Takes a screenshot of a URL path: `tsx tests/browser/shot.ts "/?msaa=1" out.png [width height]`.
import { launchBrowser, openPage, startServer, waitForTwinReady } from './harness';

const [path = '/?msaa=1', out = '/tmp/shot.png', width = '1280', height = '800', extra = '0'] = process.argv.slice(2);
const { server, origin } = await startServer();
const browser = await launchBrowser();
try {
  const { page, consoleErrors, requests } = await openPage(browser, origin + path, { width: Number(width), height: Number(height) });
  const ms = await waitForTwinReady(page, 120_000).catch((error) => {
    console.error('not ready:', String(error));
    return -1;
  });
  await page.waitForTimeout(Number(extra));
  await page.screenshot({ path: out });
  console.log(JSON.stringify({ readyMs: ms, consoleErrors, foreign: requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) }));
} finally {
  await browser.close();
  await server.close();
}
