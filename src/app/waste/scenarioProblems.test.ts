import { describe, expect, it } from 'vitest';
import { parseWasteScenario } from '../../domain/waste/scenarioFile';
import { describeWasteProblem } from './scenarioProblems';

const base = { format: 'vigie-waste-scenario', version: 1 };

describe('waste scenario problems in the page language', () => {
  it('says each problem in French, with the file, the field and the values, and no English left', () => {
    const { problems } = parseWasteScenario({ ...base, weeks: 12, policy: 'weekly', collectionWeekdays: [1, 9], typeCounts: { 'bom-99t': 1, 'bom-19t': 2.5 } }, 'collecte.json', ['bom-19t']);
    const french = problems.map((problem) => describeWasteProblem('fr', problem));
    expect(french).toEqual([
      'collecte.json: policy\u00a0: «\u00a0fixed\u00a0» ou «\u00a0fill-level\u00a0» attendu, trouvé "weekly"',
      'collecte.json: weeks\u00a0: nombre entier de 1 à 8 attendu, trouvé 12',
      'collecte.json: collectionWeekdays.1\u00a0: jour de 1 (lundi) à 7 (dimanche) attendu, trouvé 9',
      'collecte.json: typeCounts.bom-99t\u00a0: aucun type de camion «\u00a0bom-99t\u00a0» sur ce territoire (types connus\u00a0: bom-19t)',
      'collecte.json: typeCounts.bom-19t\u00a0: nombre entier de 0 à 20 attendu, trouvé 2.5',
    ]);
    for (const sentence of french) expect(sentence).not.toMatch(/expected|found|got|no vehicle/);
  });

  it('says it in English when the page is in English, and a territory without trucks says so', () => {
    const { problems } = parseWasteScenario({ ...base, typeCounts: { x: 1 } }, 'a.json', []);
    expect(describeWasteProblem('en', problems[0])).toBe('a.json: typeCounts.x: no truck type "x" in this territory, which declares none');
    expect(describeWasteProblem('fr', problems[0])).toBe('a.json: typeCounts.x\u00a0: aucun type de camion «\u00a0x\u00a0» sur ce territoire, qui n’en déclare aucun');
  });

  it('a file that is not a scenario names what it holds', () => {
    expect(describeWasteProblem('fr', parseWasteScenario([1], 'a.json', []).problems[0])).toBe('a.json\u00a0: un objet JSON est attendu, le fichier contient […]');
    expect(describeWasteProblem('fr', parseWasteScenario({ format: 'vigie-scenario', version: 1 }, 'a.json', []).problems[0])).toBe('a.json: format\u00a0: format «\u00a0vigie-waste-scenario\u00a0» attendu, trouvé "vigie-scenario"');
  });
});
