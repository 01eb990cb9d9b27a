import { describe, expect, it } from 'vitest';
import { abaissement50Scenario, extinction23h5hScenario } from '../../src/domain/lighting/presets';
import { lampStateAt, nightLevels } from './lampState';
import { coversInstant, levelsAt } from './levels';
import { fourLampTerritory, syntheticScenario, syntheticTerritory } from './fixtures';

describe('night levels read on the page', () => {
  it('give the levels lampStateAt gives, every 7 minutes over a winter night, a summer night and a clock change', () => {
    const territory = fourLampTerritory();
    for (const scenario of [extinction23h5hScenario(territory), abaissement50Scenario(territory)]) {
      for (const from of ['2026-01-15T12:00:00Z', '2026-07-14T11:00:00Z', '2026-10-24T12:00:00Z', '2026-03-28T12:00:00Z']) {
        const night = nightLevels(scenario, territory, Date.parse(from));
        for (let instant = Date.parse(from); instant < Date.parse(from) + 86_400_000; instant += 7 * 60_000) {
          if (!coversInstant(night, instant)) continue;
          expect(Array.from(levelsAt(night, instant)), new Date(instant).toISOString()).toEqual(Array.from(lampStateAt(scenario, territory, instant)));
        }
      }
    }
  });

  it('follow each zone of a territory with several schedules, and are off outside their night', () => {
    const territory = syntheticTerritory(300, 7);
    const scenario = syntheticScenario(territory);
    const instant = Date.parse('2026-02-10T22:40:00Z');
    const night = nightLevels(scenario, territory, instant);
    expect(night.segmentStart.length - 1).toBeGreaterThan(1);
    expect(Array.from(levelsAt(night, instant))).toEqual(Array.from(lampStateAt(scenario, territory, instant)));
    expect(levelsAt(night, night.endMs + 1).every((level) => level === 0)).toBe(true);
  });
});
