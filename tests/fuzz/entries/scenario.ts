/**
 * Scenario and scene files. Lighting: the text a user imports (src/domain/lighting/scenario.ts),
 * parsed, validated against the territory, and when accepted run by the engine at an instant and
 * over one night, so that an accepted scenario cannot break the run either. Scenes: scenes/*.json
 * (src/domain/scene.ts). The waste what-if's scenario file and session files: files.ts.
 */
import fc from 'fast-check';
import { extinction23h5hScenario, passageLedSodiumScenario } from '../../../src/domain/lighting/presets';
import { validateScenario } from '../../../src/domain/lighting/scenario';
import { describeScenarioProblem } from '../../../src/app/lighting/scenarioProblems';
import { LANGUAGES } from '../../../src/app/i18n';
import { parseScene } from '../../../src/domain/scene';
import { lampStateAt } from '../../../workers/lighting/lampState';
import { powerProfile } from '../../../workers/lighting/profile';
import { fourLampTerritory } from '../../../workers/lighting/fixtures';
import { jsonText } from '../arbitraries';
import type { FuzzEntry } from '../entry';

const territory = fourLampTerritory();
const base = fc.constantFrom(
  extinction23h5hScenario(territory, { year: 2026 }),
  passageLedSodiumScenario(territory, { year: 2026 }),
  { ...extinction23h5hScenario(territory), period: { from: '2026-03-28', to: '2026-04-02' }, schedules: { default: extinction23h5hScenario(territory).schedules.default, zones: { Z1: { switchOn: { rule: 'sunset', minutesAfter: 10 }, switchOff: { rule: 'sunrise', minutesBefore: 5 }, cuts: [], dimming: [{ time: '22:00', levelPercent: 40 }], exceptions: [{ date: '2026-03-30', mode: 'off' }] } }, cabinets: {} } },
);

const lightingEntry: FuzzEntry<string> = {
  name: 'lighting scenario',
  arbitrary: jsonText(base),
  run(text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return []; // The panel says "JSON: <parser message>" with the file name (LightingController.importText).
    }
    const checked = validateScenario(json, territory);
    if (!checked.ok) {
      return checked.problems.length === 0
        ? ['refused without a problem']
        : checked.problems.flatMap((problem) => {
            if (problem.where.length === 0 || !problem.what.code || !problem.message) return [`problem without where or what: ${JSON.stringify(problem)}`];
            // Both languages fill every placeholder of their sentence (a `{name}` left means a value the page lacks).
            const placeholder = /\{\w+\}/;
            return LANGUAGES.flatMap((language) => {
              const text = describeScenarioProblem(language, problem);
              return placeholder.test(text) && !placeholder.test(JSON.stringify(problem)) ? [`placeholder left in ${language}: ${text}`] : [];
            });
          });
    }
    const levels = lampStateAt(checked.scenario, territory, Date.parse('2026-03-29T23:30:00Z'));
    const profile = powerProfile(checked.scenario, territory, '2026-03-28', null, 30);
    const violations: string[] = [];
    if (!levels.every((level) => level >= 0 && level <= 1)) violations.push(`lamp level out of 0..1: ${Array.from(levels)}`);
    if (!profile.powerKw.every((kw) => Number.isFinite(kw) && kw >= 0)) violations.push('power profile not finite');
    return violations;
  },
};

const sceneEntry: FuzzEntry<string> = {
  name: 'scene',
  arbitrary: jsonText(
    fc.constantFrom(
      { id: 'a', caption: { fr: 'Vue', en: 'View' }, camera: 'home', time: '2026-06-21T08:30:00Z', layers: { roads: true } },
      { id: 'b', territory: 'demo/manifest.json', caption: { fr: 'x', en: 'y' }, camera: { lon: 6.9, lat: 48.3, heightMetres: 900, pitchDegrees: -30 }, time: '2026-12-15T17:00:00Z' },
      { id: 'c', caption: { fr: 'x', en: 'y' }, camera: { focus: 'seat', rangeMetres: 1500 }, time: '2026-12-15T17:00:00Z' },
    ),
  ),
  run(text) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    const parsed = parseScene(json, 'scenes/fuzz.json');
    if (parsed.scene) return Number.isFinite(Date.parse(parsed.scene.time)) ? [] : ['scene accepted with a time that is not a date'];
    return parsed.problem.field && parsed.problem.expected && parsed.problem.file ? [] : [`scene refused without naming field: ${JSON.stringify(parsed.problem)}`];
  },
};

export const entries = [lightingEntry, sceneEntry] as FuzzEntry[];
