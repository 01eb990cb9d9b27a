/** Browser tests of the collection rounds' rules: mixed fleet, windows, cancel without losing the network, trucks moving by the schedule. */
import { assert, test, withPage } from '../lib';
import { waitForTwinReady } from '../harness';

type Vigie = { vigie: { store: { getState(): { setTime(t: number): void; time: number; routes: { trucks: Array<{ startMs: number; durationMs: number; trips: Array<{ stops: Array<{ arrivalMs: number; departMs?: number; pathIndex?: number }> }> }> } | null } } } };

test('rounds: the manifest’s fleet and rules in the panel, a cancel keeps the worker, stops keep their windows, trucks move by the schedule', async (context) => {
  await withPage(context, '/?msaa=1&debug=1', async ({ page, consoleErrors }) => {
    await waitForTwinReady(page, 90_000);
    await page.evaluate(() => (window as unknown as Vigie).vigie.store.getState().setTime(Date.parse('2026-03-02T07:00:00Z')));
    await page.click('[data-testid="open-waste"]');
    // The demo's three vehicle types, each with its count.
    for (const id of ['rear-26t', 'rear-12t', 'crane']) assert(await page.$(`[data-testid="waste-type-${id}"]`), `no count for the vehicle type ${id}`);
    await page.click('[data-testid="waste-rules"] summary');
    const rules = (await page.textContent('[data-testid="waste-rules"]')) ?? '';
    assert(/Quai de transfert ouvert de 06:00 à 17:30/.test(rules) && /Pause de 30 min/.test(rules) && /limité\(s\) en poids ou en largeur/.test(rules), `the rules are not shown: ${rules}`);

    // Four weeks, cancelled while running: the run stops and the next one needs no new network.
    await page.selectOption('.waste-panel select', '4');
    await page.click('[data-testid="waste-run"]');
    await page.waitForSelector('[data-testid="waste-cancel"]', { timeout: 60_000 });
    await page.waitForFunction(() => (document.querySelector('.waste-panel .run-row .muted')?.textContent ?? '').includes('Tournées'), undefined, { timeout: 120_000 });
    await page.click('[data-testid="waste-cancel"]');
    await page.waitForSelector('[data-testid="waste-run"]', { timeout: 10_000 });
    await page.selectOption('.waste-panel select', '1');
    await page.click('[data-testid="waste-run"]');
    const sawPreparing = await page.waitForFunction(() => (document.querySelector('.waste-panel .run-row .muted')?.textContent ?? '').includes('Réseau'), undefined, { timeout: 1500 }).then(() => true, () => false);
    assert(!sawPreparing, 'the road network was rebuilt after a cancel');
    await page.waitForSelector('[data-testid="waste-results"]', { timeout: 180_000 });

    // The truck is where the schedule says: still at a stop between its arrival and departure.
    const drawing = await page.evaluate(() => (window as unknown as Vigie).vigie.store.getState().routes);
    assert(drawing && drawing.trucks.length > 0, 'no round drawn');
    const stop = drawing!.trucks[0].trips.flatMap((trip) => trip.stops).find((candidate) => candidate.departMs !== undefined && candidate.pathIndex !== undefined);
    assert(stop && stop.departMs! >= stop.arrivalMs, `stops carry no schedule: ${JSON.stringify(stop)}`);
    const list = (await page.textContent('[data-testid="route-list"]')) ?? '';
    assert(/Benne 26 t|Mini-benne 12 t|Camion-grue/.test(list), `the route list does not name the truck types: ${list.slice(0, 200)}`);
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  });
});

test('waste scenario file: exported, imported back, a bad field named while the valid ones load', async (context) => {
  await withPage(context, '/?msaa=1&debug=1', async ({ page, consoleErrors }) => {
    await waitForTwinReady(page, 180_000);
    await page.click('[data-testid="open-waste"]');
    await page.selectOption('.waste-panel select', '6');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="waste-scenario-export"]')]);
    const { readFileSync } = await import('node:fs');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; weeks: number; policy: string };
    assert(exported.format === 'vigie-waste-scenario' && exported.weeks === 6 && exported.policy === 'fill-level', `export: ${JSON.stringify(exported)}`);
    await page.selectOption('.waste-panel select', '1');
    const file = { ...exported, weeks: 3, thresholdPercent: 70, typeCounts: { 'rear-12t': 4, '<img src=x onerror=alert(1)>': 1 } };
    // The file is read asynchronously (File.text()): wait for its message, then check what it says.
    const problemsOf = async (fileName: string) => {
      await page.waitForFunction((name) => (document.querySelector('[data-testid="waste-scenario-problems"]')?.textContent ?? '').includes(name), fileName, { timeout: 10_000 }).catch(() => undefined);
      return (await page.textContent('[data-testid="waste-scenario-problems"]').catch(() => null)) ?? '';
    };
    await page.setInputFiles('[data-testid="waste-scenario-import"]', { name: 'collecte.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const problems = await problemsOf('collecte.json');
    assert(problems.includes('collecte.json: typeCounts.<img src=x onerror=alert(1)>\u00a0: aucun type de camion') && problems.includes('types connus\u00a0: rear-26t'), `the bad field is not named in French: ${problems}`);
    assert((await page.$('[data-testid="waste-scenario-problems"] img')) === null, 'markup from the file was rendered');
    assert((await page.inputValue('.waste-panel select')) === '3', 'weeks not loaded');
    assert((await page.inputValue('[data-testid="waste-threshold"]')) === '70', 'threshold not loaded');
    assert((await page.inputValue('[data-testid="waste-type-rear-12t"]')) === '4', 'truck count not loaded');
    await page.setInputFiles('[data-testid="waste-scenario-import"]', { name: 'autre.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"vigie-scenario"') });
    const refused = await problemsOf('autre.json');
    assert(refused.includes('Scénario refusé (autre.json)') && refused.includes('JSON illisible'), `unreadable file not named: ${refused}`);
    assert((await page.inputValue('.waste-panel select')) === '3', 'a refused file changed the settings');
    assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
  });
});
