/**
 * Browser tests of the inventory import: the Lambert-93 CSV with decimal commas and Windows-1252
 * accents dropped on the demo, the mapping confirmed, the lamps where proj4 puts them (to the
 * centimetre), bad lines listed, undo restoring the previous layer, the lighting what-if on the
 * imported lamps.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import proj4 from 'proj4';
import { assert, stats, test, withPage } from '../lib';
import { waitForTwinReady } from '../harness';

const CSV = 'tests/fixtures/import/eclairage-lambert93.csv';
const LAMBERT93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** The CSV's good lines read here, independently of the app: id → expected [lon, lat] by proj4. */
function expectedPositions(): Map<string, [number, number]> {
  const text = new TextDecoder('windows-1252').decode(readFileSync(CSV));
  const expected = new Map<string, [number, number]>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const cells = line.split(';');
    const x = Number((cells[6] ?? '').replace(',', '.'));
    const y = Number((cells[7] ?? '').replace(',', '.'));
    if (cells[6] && cells[7] && Number.isFinite(x) && Number.isFinite(y) && x > 900_000) expected.set(cells[0], proj4(LAMBERT93, 'WGS84', [x, y]) as [number, number]);
  }
  return expected;
}

function metres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Drops the CSV on the page as a user would (dragenter, dragover, drop with a DataTransfer). */
async function dropCsv(page: Page): Promise<void> {
  const base64 = readFileSync(CSV).toString('base64');
  const overlay = await page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'eclairage-lambert93.csv', { type: 'text/csv' }));
    const target = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2) ?? document.body;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const shown = document.querySelector('[data-testid="import-drop"]') !== null;
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    return shown;
  }, base64);
  assert(overlay, 'no drop overlay while dragging files over the page');
  await page.waitForSelector('[data-testid="import-dialog"]', { timeout: 20_000 });
}

type Debug = {
  vigie: {
    store: { getState(): { territory: { streetLights: Array<{ id: string; position: [number, number]; powerWatts: number; technology: string }> }; importPreview: { points: unknown[] } | null } };
    lighting(): { status: string; result: { scenario: { lamps: { powerWatts: Float64Array } }; baseline: { lamps: { powerWatts: Float64Array } } } | null };
    screenPosition(layer: string, id: string): [number, number] | null;
  };
};

test('import: a Lambert-93 CSV (decimal commas, Windows-1252) dropped on the demo lands where proj4 says; bad lines listed; undo; what-if on the imported lamps', async (context) => {
  await withPage(context, '/?msaa=1&debug=1', async ({ page, consoleErrors }) => {
    await waitForTwinReady(page, 90_000);
    const lightsBefore = (await stats(page)).features.streetLights;
    await dropCsv(page);

    // The mapping as proposed from the French headers, Lambert-93 detected from the values.
    const info = (await page.textContent('[data-testid="import-file-info"]')) ?? '';
    assert(/12 enregistrements/.test(info) && /windows-1252/.test(info) && /«\s;\s»/.test(info) && /virgule décimale/.test(info), `file info: ${info}`);
    assert((await page.inputValue('[data-testid="import-layer"]')) === 'streetLights', 'the layer is not street lights');
    assert((await page.inputValue('[data-testid="import-crs"]')) === 'EPSG:2154', `the system is ${await page.inputValue('[data-testid="import-crs"]')}`);
    for (const [field, column] of [['powerWatts', 'Puissance (W)'], ['technology', 'Type de lampe'], ['mountingHeightMetres', 'Hauteur (m)'], ['cabinetId', 'Armoire'], ['x', 'X'], ['y', 'Y'], ['id', 'N° point']]) {
      const value = await page.inputValue(`[data-testid="import-map-${field}"]`);
      assert(value === column, `${field} is mapped to "${value}", not "${column}"`);
    }
    const will = (await page.textContent('[data-testid="import-will"]')) ?? '';
    assert(/9 objets seront importés, 3 rejetés/.test(will), `preview says: ${will}`);
    const previewCount = await page.evaluate(() => (window as unknown as Debug).vigie.store.getState().importPreview?.points.length ?? 0);
    assert(previewCount === 9, `${previewCount} points previewed on the map`);
    await page.waitForTimeout(1500);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/import-mapping.png' });

    // Replace the demo's lamps by the file's, so that the what-if runs on them alone.
    await page.selectOption('[data-testid="import-mode"]', 'replace');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-result"]', { timeout: 20_000 });
    const summary = (await page.textContent('[data-testid="import-summary"]')) ?? '';
    assert(/9 importés/.test(summary) && /3 rejetés/.test(summary), `summary: ${summary}`);
    const problems = (await page.textContent('[data-testid="import-problems"]')) ?? '';
    for (const expected of ['ligne 7, champ «\u00a0X\u00a0»\u00a0: pas de position', 'ligne 8, champ «\u00a0X\u00a0»\u00a0: valeur invalide (abc)', 'ligne 9, champ «\u00a0geometry\u00a0»\u00a0: hors du territoire', 'ligne 6, champ «\u00a0Puissance (W)\u00a0»']) {
      assert(problems.includes(expected), `the problems do not say "${expected}": ${problems.slice(0, 400)}`);
    }

    // Where proj4 puts them, to the centimetre, and drawn on the globe.
    const lamps = await page.evaluate(() => (window as unknown as Debug).vigie.store.getState().territory.streetLights);
    const expected = expectedPositions();
    assert(lamps.length === 9 && expected.size === 9, `${lamps.length} lamps in the territory, ${expected.size} expected`);
    for (const lamp of lamps) {
      const target = expected.get(lamp.id);
      assert(target, `unexpected lamp ${lamp.id}`);
      const off = metres(lamp.position, target);
      assert(off < 0.01, `${lamp.id} is ${(off * 100).toFixed(2)} cm from where proj4 puts it`);
    }
    await page.waitForFunction(() => (window as unknown as { vigie: { stats(): { features: { streetLights: number } } } }).vigie.stats().features.streetLights === 9, null, { timeout: 20_000 });
    const onScreen = await page.evaluate(() => (window as unknown as Debug).vigie.screenPosition('streetLights', 'PL-001'));
    assert(onScreen !== null, 'PL-001 is not on screen');
    assert(lamps.find((lamp) => lamp.id === 'PL-001')?.technology === 'sodium', 'PL-001 is not a sodium lamp');

    // Undo: the demo's lamps are back.
    await page.click('[data-testid="import-undo"]');
    await page.waitForFunction((count) => (window as unknown as { vigie: { stats(): { features: { streetLights: number } } } }).vigie.stats().features.streetLights === count, lightsBefore, { timeout: 30_000 });
    const restored = await page.evaluate(() => (window as unknown as Debug).vigie.store.getState().territory.streetLights.length);
    assert(restored === lightsBefore, `undo left ${restored} lamps, not ${lightsBefore}`);

    // Again, then the lighting what-if on the nine imported lamps, with its labelled defaults.
    await dropCsv(page);
    await page.selectOption('[data-testid="import-mode"]', 'replace');
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-result"]');
    await page.click('[data-testid="import-close"]');
    await page.click('[data-testid="open-lighting"]');
    await page.waitForSelector('[data-testid="lighting-panel"]');
    const note = (await page.textContent('[data-testid="import-defaults-streetLights"]')) ?? '';
    assert(/Puissance \(W\)\s:\s45 pour 1 objets/.test(note) && /DOMAIN\.md/.test(note), `no labelled default in the lighting panel: ${note}`);
    await page.click('[data-testid="preset-extinction-23h-5h"]');
    await page.click('[data-testid="lighting-run"]');
    await page.waitForSelector('[data-testid="lighting-results"]', { timeout: 60_000 });
    const result = await page.evaluate(() => {
      const state = (window as unknown as Debug).vigie.lighting();
      return state.result ? Array.from(state.result.scenario.lamps.powerWatts) : null;
    });
    assert(result !== null && result.length === 9, `the what-if ran on ${result?.length} lamps`);
    const powers = lamps.map((lamp) => lamp.powerWatts);
    assert(JSON.stringify(result) === JSON.stringify(powers), `the what-if powers ${JSON.stringify(result)} are not the imported ones ${JSON.stringify(powers)}`);
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  });
});
