/**
 * The waste what-if's scenario file (src/domain/waste/scenarioFile.ts) and council session files
 * (src/domain/session/schema.ts, as the session panel and `?session=` read them).
 *
 * Waste: refused whole only when it is not a waste scenario (and then with the file and the field);
 * otherwise every problem names the file and its field, every accepted field is within the panel's
 * bounds, and a field that was valid in the original document still loads unless the damage reached
 * it. Sessions: read with the real scene files for the slides that name one; accepted sessions have
 * 1 to 60 slides whose times are dates, refused ones name each problem's path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseWasteScenario, serializeWasteScenario, WASTE_SCENARIO_LIMITS, type WasteScenario } from '../../../src/domain/waste/scenarioFile';
import { migrateSession } from '../../../src/domain/session/schema';
import { jsonText } from '../arbitraries';
import type { FuzzEntry } from '../entry';

const TYPES = ['bom-19t', 'bom-12t', 'grue-verre'];
const validWaste: fc.Arbitrary<unknown> = fc
  .record({
    policy: fc.constantFrom('fixed' as const, 'fill-level' as const),
    thresholdPercent: fc.integer({ min: 50, max: 100 }),
    collectionWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    vehicles: fc.integer({ min: 1, max: 20 }),
    capacityKg: fc.integer({ min: 100, max: 100_000 }),
    typeCounts: fc.dictionary(fc.constantFrom(...TYPES), fc.integer({ min: 0, max: 20 })),
    weeks: fc.integer({ min: 1, max: 8 }),
  })
  .map((scenario: WasteScenario) => JSON.parse(serializeWasteScenario(scenario)) as unknown);

const within = (value: unknown, [min, max]: readonly [number, number]) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const wasteEntry: FuzzEntry<string> = {
  name: 'waste scenario',
  arbitrary: jsonText(validWaste),
  run(text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return []; // The panel says "JSON: <parser message>" with the file name (WasteController.importText).
    }
    const { scenario, problems } = parseWasteScenario(json, 'collecte.json', TYPES);
    const violations: string[] = [];
    for (const problem of problems) if (!problem.where.startsWith('collecte.json') || !problem.what) violations.push(`problem without file or what: ${JSON.stringify(problem)}`);
    if (!scenario) return problems.length === 0 ? ['refused without a problem'] : violations;
    if (scenario.policy !== undefined && scenario.policy !== 'fixed' && scenario.policy !== 'fill-level') violations.push(`policy ${String(scenario.policy)} accepted`);
    for (const field of ['thresholdPercent', 'vehicles', 'capacityKg', 'weeks'] as const) if (scenario[field] !== undefined && !within(scenario[field], WASTE_SCENARIO_LIMITS[field])) violations.push(`${field} ${scenario[field]} accepted`);
    if (scenario.collectionWeekdays && !scenario.collectionWeekdays.every((day) => within(day, [1, 7]))) violations.push(`weekdays ${scenario.collectionWeekdays} accepted`);
    for (const [type, count] of Object.entries(scenario.typeCounts ?? {})) if (!TYPES.includes(type) || !within(count, WASTE_SCENARIO_LIMITS.typeCount)) violations.push(`typeCounts.${type} = ${count} accepted`);
    // Valid parts still load: a field of the input that is valid on its own is in the scenario.
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
      const input = json as Record<string, unknown>;
      for (const field of ['thresholdPercent', 'vehicles', 'capacityKg', 'weeks'] as const) if (within(input[field], WASTE_SCENARIO_LIMITS[field]) && scenario[field] !== input[field]) violations.push(`valid ${field} ${String(input[field])} not loaded`);
      if ((input.policy === 'fixed' || input.policy === 'fill-level') && scenario.policy !== input.policy) violations.push('valid policy not loaded');
    }
    return violations;
  },
};

const sceneFiles = new Map<string, unknown>();
for (const name of readdirSync('scenes')) if (name.endsWith('.json')) sceneFiles.set(name.slice(0, -5), JSON.parse(readFileSync(`scenes/${name}`, 'utf8')) as unknown);
const sessionFiles = readdirSync('scenes/sessions')
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(`scenes/sessions/${name}`, 'utf8')) as Record<string, unknown>);
// The demo's session as written (slides named), the same with the scenes inline, and a version 1 file.
const inline: Array<Record<string, unknown>> = sessionFiles.map((session) => ({ ...session, slides: (session.slides as unknown[]).map((slide) => (typeof slide === 'string' ? sceneFiles.get(slide) : slide)) }));
const version1 = inline.map(({ slides, title, ...rest }) => ({ ...rest, version: 1, title: (title as { fr: string }).fr, date: `${String(rest.date)}T18:00:00+01:00`, scenes: slides }));

const sessionEntry: FuzzEntry<string> = {
  name: 'session file',
  arbitrary: jsonText(fc.constantFrom(...sessionFiles, ...inline, ...version1)),
  run(text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return []; // "<file> : JSON illisible (…)" through the dictionary (SessionController.importText).
    }
    const migrated = migrateSession(json, (id) => sceneFiles.get(id));
    if (!migrated.ok) {
      if (migrated.problems.length === 0) return ['refused without a problem'];
      return migrated.problems.flatMap((problem) => (problem.path && problem.message ? [] : [`problem without path or message: ${JSON.stringify(problem)}`]));
    }
    const { slides } = migrated.value;
    if (slides.length < 1 || slides.length > 60) return [`accepted with ${slides.length} slides`];
    return slides.every((slide) => Number.isFinite(Date.parse(slide.time))) ? [] : ['accepted a slide whose time is not a date'];
  },
};

export const entries = [wasteEntry, sessionEntry] as FuzzEntry[];
