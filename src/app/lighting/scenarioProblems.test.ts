import { describe, expect, it } from 'vitest';
import { validateScenario, type ScenarioInput } from '../../domain/lighting/scenario';
import { describeScenarioProblem } from './scenarioProblems';

const territory = { lightingZones: [{ id: 'Z1' }], cabinets: [{ id: 'A1' }], communes: [{ id: 'C1' }] };

function problemsOf(schedules: ScenarioInput['schedules']) {
  const result = validateScenario({ format: 'vigie-lighting-scenario', version: 1, id: 's', name: 'S', schedules }, territory);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('scenario problems in French', () => {
  it('says where and what for each rule the validator applies', () => {
    const problems = problemsOf({
      default: {
        switchOn: { rule: 'fixed', time: '20:00' },
        switchOff: { rule: 'fixed', time: '19:00' },
        cuts: [
          { start: '23:00', end: '05:00' },
          { start: '01:00', end: '03:00' },
        ],
        dimming: [{ time: '22:00', levelPercent: 150 }],
      },
      zones: { Z9: { switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' } } },
    });
    const french = problems.map((problem) => describeScenarioProblem('fr', problem));
    expect(french).toContain('horaire commun : extinction à 19:00 avant l’allumage à 20:00');
    expect(french).toContain('horaire commun, palier 1 : abaissement à 150 %, au-delà de 100 %');
    expect(french.some((text) => text.includes('se chevauchent'))).toBe(true);
    expect(french).toContain('zone Z9 : zone Z9 inconnue sur ce territoire');
    // Nothing left in the validator's English.
    for (const text of french) expect(text).not.toMatch(/\b(before|above|unknown|overlap|schedule)\b/);
  });

  it('translates schema errors on a field, and keeps unknown shapes as they came', () => {
    const problems = problemsOf({ default: { switchOn: { rule: 'fixed', time: '25:00' }, switchOff: { rule: 'sunrise' } } });
    expect(problems.map((problem) => describeScenarioProblem('fr', problem)).join(' | ')).toContain('heure attendue au format HH:MM');
    expect(describeScenarioProblem('fr', { where: '', what: 'something new', message: 'something new' })).toBe('something new');
    const large = { where: 'grand.json', what: 'file of 5.2 MB, more than 4 MB', message: '' };
    expect(describeScenarioProblem('fr', large)).toBe('grand.json : fichier trop gros : 5,2 Mo pour 4 Mo au plus');
    expect(describeScenarioProblem('en', large)).toBe('grand.json: file too large: 5.2 MB, at most 4 MB');
  });
});
