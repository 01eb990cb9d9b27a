/**
 * A real commune sees itself: offline search, consent before any request, a build against the
 * local fake public services (tests/fake-services, never an outside host), the twin with its
 * footprints, aerial photo, lamps and points, reopened from IndexedDB with the services cut,
 * exported and imported back as one zip, and a failing service reported while the rest opens.
 *
 * The build test needs the test build (dist-test/, made by `npm run build:test-services`, whose
 * services are at http://127.0.0.1:4390 at BUILD time); it is made here when missing or older
 * than dist/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, waitForTwinReady } from '../harness';
import { assert, foreignRequests, globePixels, distinctColours, stats, test, withPage } from '../lib';
import { FAKE_PORT, FAKE_URL as FAKE, withTestSite as withSite } from '../../fake-services/testSite';
import type { FakeServices } from '../../fake-services/server';

const withTestSite = (use: (origin: string, fake: FakeServices) => Promise<void>) => withSite({}, use);

interface TwinSummary {
  name: string;
  buildings: number;
  footprints: number;
  lights: number;
  points: number;
  roads: number;
  photoTiles: number;
  heightmap: number;
  json: string;
}

const summary = (page: Page) =>
  page.evaluate(() => {
    const state = (window as unknown as { vigie: { store: { getState(): Record<string, any> } } }).vigie.store.getState();
    const t = state.territory;
    return {
      name: t.name,
      buildings: t.buildings.length,
      footprints: t.buildings.filter((b: { footprint?: unknown[] }) => (b.footprint?.length ?? 0) >= 4).length,
      lights: t.streetLights.length,
      points: t.collectionPoints.length,
      roads: t.roads.length,
      photoTiles: state.imageryTiles.find((s: { spec: { id: string } }) => s.spec.id === 'photo')?.tiles.size ?? 0,
      heightmap: state.heightmap?.width ?? 0,
      json: JSON.stringify(t),
    };
  }) as Promise<TwinSummary>;

async function buildEsternay(page: Page, fakeRequests: () => string[]): Promise<void> {
  // SwiftShader on a shared machine: the demo renders beside the index being read; be patient.
  page.setDefaultTimeout(120_000);
  await page.waitForSelector('[data-testid="consent"]', { timeout: 120_000 });
  const hosts = await page.textContent('[data-testid="consent-hosts"]');
  assert(hosts?.includes(`127.0.0.1:${FAKE_PORT}`), `consent lists the services' host: ${hosts}`);
  await page.waitForTimeout(500);
  assert(fakeRequests().length === 0, `nothing contacted before agreeing: ${fakeRequests().join(', ')}`);
  await page.click('[data-testid="consent-agree"]');
  await page.waitForFunction(() => (window as unknown as { vigie: { state(): { territory: { name: string } | null } } }).vigie.state().territory?.name === 'Esternay', undefined, { timeout: 90_000 });
  await waitForTwinReady(page, 240_000);
}

test('commune: the offline search finds Esternay by "esternay" and by "51310" (no outside host)', async (context) => {
  await withPage(context, '/?msaa=1&debug=1', async (opened) => {
    const { page } = opened;
    page.setDefaultTimeout(120_000);
    await waitForTwinReady(page, 240_000);
    for (const query of ['esternay', '51310', 'ESTERNAY ']) {
      await page.fill('[data-testid="commune-search"]', query);
      await page.waitForSelector('[data-testid="commune-hit-51237"]', { timeout: 15_000 });
      const text = await page.textContent('[data-testid="commune-hit-51237"]');
      assert(text?.includes('Esternay') && text.includes('Marne') && text.includes('51310'), `hit shows name, département and postcode: ${text}`);
      assert(/1\s?748/.test(text ?? ''), `hit shows the population: ${text}`);
    }
    await page.fill('[data-testid="commune-search"]', 'belleville sur meuse');
    await page.waitForSelector('[data-testid="commune-hit-55043"]', { timeout: 15_000 });
    // Choosing asks for consent; nothing leaves the page.
    await page.click('[data-testid="commune-hit-55043"]');
    await page.waitForSelector('[data-testid="consent"]');
    await page.click('[data-testid="consent-decline"]');
    const foreign = foreignRequests(opened, context.origin);
    assert(foreign.length === 0, `no outside request: ${foreign.join(', ')}`);

    // A file that is not a zip is named with what is wrong, in the page's language, and the demo stays.
    const before = await summary(page);
    const importBroken = async (expected: string) => {
      await page.setInputFiles('[data-testid="commune-import"]', { name: 'pas-un-zip.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not really a zip') });
      await page.waitForFunction((text) => (document.querySelector('[data-testid="commune-error"]')?.textContent ?? '').includes(text), expected, { timeout: 15_000 }).catch(() => undefined);
      return (await page.textContent('[data-testid="commune-error"]').catch(() => null)) ?? '';
    };
    const french = await importBroken('zip lisible');
    assert(french.startsWith('pas-un-zip.zip\u00a0: ce fichier n’est pas un zip lisible'), `the broken zip is not named in French: ${french}`);
    await page.click('[data-testid="language"]');
    const english = await importBroken('readable zip');
    assert(english.startsWith('pas-un-zip.zip: this file is not a readable zip'), `the broken zip is not named in English: ${english}`);
    const after = await summary(page);
    assert(after.name === before.name && after.lights === before.lights, `the twin shown changed: ${before.name} → ${after.name}`);
  });
});

test('commune: consent, build from the local services, twin with footprints, photo, lamps and points; reopened from IndexedDB with the services cut; export and import give the same twin', async (context) => {
  await withTestSite(async (origin) => {
    const opened = await openPage(context.browser, `${origin}/?commune=51237&msaa=1&debug=1`, { width: 1100, height: 720 });
    const { page } = opened;
    try {
      const fakeRequests = () => opened.requests.filter((url) => url.startsWith(FAKE));
      await buildEsternay(page, fakeRequests);
      const built = await summary(page);
      assert(built.buildings > 100 && built.footprints === built.buildings, `footprints: ${built.footprints}/${built.buildings}`);
      assert(built.lights === 36, `36 lamps from OSM, got ${built.lights}`);
      assert(built.points === 7, `7 collection points, got ${built.points}`);
      assert(built.photoTiles > 10, `photo tiles stored: ${built.photoTiles}`);
      assert(built.heightmap > 2, 'terrain from the altimetry');
      const drawn = await stats(page);
      assert(drawn.features.buildings === built.buildings && drawn.features.streetLights === 36 && drawn.features.collectionPoints === 7, `globe layers: ${JSON.stringify(drawn.features)}`);
      const pixels = await globePixels(page);
      assert(distinctColours(pixels) > 200, `the photo and buildings are drawn (${distinctColours(pixels)} colours)`);
      const credits = await page.textContent('footer.credits');
      assert(credits?.includes('© IGN') && credits.includes("© les contributeurs d'OpenStreetMap"), `attribution on screen: ${credits}`);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/commune-built.png' });
      assert(page.url().includes('stored=commune-51237'), `address names the stored twin: ${page.url()}`);

      // Reload with the services cut: the twin opens from IndexedDB.
      await page.route(`${FAKE}/**`, (route) => route.abort());
      const before = fakeRequests().length;
      await page.reload();
      await page.waitForFunction(() => (window as unknown as { vigie?: { state(): { territory: { name: string } | null } } }).vigie?.state().territory?.name === 'Esternay', undefined, { timeout: 60_000 });
      await waitForTwinReady(page, 240_000);
      const reopened = await summary(page);
      assert(reopened.json === built.json && reopened.photoTiles === built.photoTiles, 'the reopened twin is the same');
      assert(fakeRequests().length === before, 'no service asked when reopening');

      // Export as one zip, import it in a fresh browser profile: the same twin.
      await page.click('.commune-stored summary').catch(() => undefined);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="stored-export-commune-51237"]')]);
      const zipPath = 'test-results/commune-51237.zip';
      await download.saveAs(zipPath);
      assert(readFileSync(zipPath).subarray(0, 2).toString() === 'PK', 'a zip file');
      const fresh = await openPage(context.browser, `${origin}/?msaa=1&debug=1`, { width: 900, height: 640 });
      try {
        fresh.page.setDefaultTimeout(120_000);
        await waitForTwinReady(fresh.page, 240_000);
        await fresh.page.click('.commune-stored summary');
        await fresh.page.setInputFiles('[data-testid="commune-import"]', zipPath);
        await fresh.page.waitForFunction(() => (window as unknown as { vigie: { state(): { territory: { name: string } | null } } }).vigie.state().territory?.name === 'Esternay', undefined, { timeout: 60_000 });
        await waitForTwinReady(fresh.page, 240_000);
        const imported = await summary(fresh.page);
        assert(imported.json === built.json && imported.photoTiles === built.photoTiles, 'the imported twin is the same as the built one');
        assert(fresh.requests.filter((url) => url.startsWith(FAKE)).length === 0, 'import asks no service');
      } finally {
        await fresh.context.close();
      }
    } finally {
      await opened.context.close();
    }
  });
});

test('commune: a failing service gives its message in French, then in English, and the rest of the twin opens', async (context) => {
  await withTestSite(async (origin, fake) => {
    fake.setFailure('wfs', { status: 503, times: Number.POSITIVE_INFINITY });
    fake.setFailure('overpass', { status: 429, retryAfter: 1, times: 1 });
    const opened = await openPage(context.browser, `${origin}/?commune=51237&msaa=1&debug=1`, { width: 1100, height: 720 });
    try {
      const { page } = opened;
      await buildEsternay(page, () => opened.requests.filter((url) => url.startsWith(FAKE)));
      const twin = await summary(page);
      assert(twin.buildings === 0 && twin.roads === 0, 'no buildings nor roads from the failing WFS');
      assert(twin.lights === 36 && twin.photoTiles > 10, 'lamps (after a 429 and its Retry-After) and photo kept');
      const failures = await page.textContent('[data-testid="sources-failures"]');
      assert(failures?.includes('Bâtiments') && failures.includes('en panne ou surchargé (HTTP 503)') && failures.includes('Routes'), `French message per failing source: ${failures}`);
      const missing = await page.textContent('[data-testid="sources-missing"]');
      assert(missing?.includes('dépôt'), `what the simulations lack is said: ${missing}`);
      await page.screenshot({ path: 'test-results/commune-partial.png' });
      // The same failures in English once the page speaks English (codes in the build, words in the page).
      await page.click('[data-testid="language"]');
      await page.waitForFunction(() => (document.querySelector('[data-testid="sources-failures"]')?.textContent ?? '').includes('down or overloaded'), undefined, { timeout: 15_000 }).catch(() => undefined);
      const english = await page.textContent('[data-testid="sources-failures"]');
      assert(english?.includes('Buildings') && english.includes('the service is down or overloaded (HTTP 503)') && !english.includes('panne'), `English message per failing source: ${english}`);
    } finally {
      await opened.context.close();
    }
  });
});
