import { describe, expect, it } from 'vitest';
import { parseWasteScenario, serializeWasteScenario, type WasteScenario } from './scenarioFile';

const scenario: WasteScenario = { policy: 'fill-level', thresholdPercent: 75, collectionWeekdays: [1, 4], vehicles: 3, capacityKg: 9000, typeCounts: { 'bom-19t': 2 }, weeks: 6 };

describe('waste scenario file', () => {
  it('reads back what it wrote', () => {
    expect(parseWasteScenario(JSON.parse(serializeWasteScenario(scenario)), 'a.json', ['bom-19t'])).toEqual({ scenario, problems: [] });
  });

  it('refuses whole what is not a waste scenario, naming the file and the field', () => {
    expect(parseWasteScenario([1], 'a.json', [])).toEqual({ scenario: null, problems: [{ where: 'a.json', code: 'not-object', values: { got: '[…]' }, what: 'expected a JSON object, got an array' }] });
    expect(parseWasteScenario({ format: 'vigie-scenario', version: 1 }, 'a.json', []).problems[0].where).toBe('a.json: format');
    expect(parseWasteScenario({ format: 'vigie-waste-scenario', version: 2 }, 'a.json', []).problems[0]).toEqual({ where: 'a.json: version', code: 'version', values: { got: '2' }, what: 'expected 1, got 2' });
  });

  it('loads the valid fields and names each bad one', () => {
    const text = { ...JSON.parse(serializeWasteScenario(scenario)), thresholdPercent: 140, collectionWeekdays: [1, 9], typeCounts: { 'bom-19t': 2, '<b>x</b>': 1, 'bom-12t': -1 } };
    const { scenario: loaded, problems } = parseWasteScenario(text, 'b.json', ['bom-19t', 'bom-12t']);
    expect(loaded).toEqual({ policy: 'fill-level', vehicles: 3, capacityKg: 9000, weeks: 6, typeCounts: { 'bom-19t': 2 } });
    expect(problems.map((problem) => problem.where)).toEqual(['b.json: thresholdPercent', 'b.json: collectionWeekdays.1', 'b.json: typeCounts.<b>x</b>', 'b.json: typeCounts.bom-12t']);
  });

  it('a truck type named __proto__ is a problem, not a prototype', () => {
    const { scenario: loaded, problems } = parseWasteScenario(JSON.parse('{"format":"vigie-waste-scenario","version":1,"typeCounts":{"__proto__":3}}'), 'c.json', ['__proto__']);
    expect(problems).toEqual([]);
    expect(Object.getPrototypeOf(loaded?.typeCounts)).toBe(Object.prototype);
    expect(Object.keys(loaded?.typeCounts ?? {})).toEqual(['__proto__']);
  });
});
