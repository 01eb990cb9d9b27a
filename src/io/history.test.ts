import { describe, expect, it } from 'vitest';
import { describeProblem } from '../app/i18n';
import { parseDataArray, parseHistoryCsv } from './history';

describe('sensor history files', () => {
  it('reads a CSV, reports bad lines with line and field, keeps the good ones', () => {
    const csv = ['sensorId,time,value', 'S1,2026-11-24T10:00:00Z,42', 'S1,hier,43', ',2026-11-24T11:00:00Z,1', 'S2,2026-11-24T12:00:00+01:00,', 'S2,2026-11-24T12:15:00+01:00,7.5'].join('\n');
    const { observations, problems } = parseHistoryCsv(csv, 'historique.csv');
    expect(observations).toEqual([
      { sensorId: 'S1', time: Date.parse('2026-11-24T10:00:00Z'), value: 42 },
      { sensorId: 'S2', time: Date.parse('2026-11-24T11:15:00Z'), value: 7.5 },
    ]);
    expect(problems.map((problem) => describeProblem('fr', problem))).toEqual([
      'Fichier «\u00a0historique.csv\u00a0», ligne 3\u00a0: champ «\u00a0time\u00a0» invalide (attendu\u00a0: une date ISO 8601).',
      'Fichier «\u00a0historique.csv\u00a0», ligne 4\u00a0: champ «\u00a0sensorId\u00a0» invalide (attendu\u00a0: un identifiant de capteur).',
      'Fichier «\u00a0historique.csv\u00a0», ligne 5\u00a0: champ «\u00a0value\u00a0» invalide (attendu\u00a0: un nombre).',
    ]);
    expect(problems.map((problem) => describeProblem('en', problem))).toEqual([
      'File “historique.csv”, line 3: field “time” is invalid (expected: an ISO 8601 date).',
      'File “historique.csv”, line 4: field “sensorId” is invalid (expected: a sensor identifier).',
      'File “historique.csv”, line 5: field “value” is invalid (expected: a number).',
    ]);
  });

  it('refuses a CSV without the expected columns', () => {
    expect(parseHistoryCsv('id,date,val\n1,2,3', 'x.csv').problems[0]).toMatchObject({ code: 'invalid-field', field: 'sensorId' });
  });

  it('reads a SensorThings dataArray answer, mapping Datastreams to sensors', () => {
    const json = JSON.stringify({
      value: [
        {
          'Datastream@iot.navigationLink': 'https://frost.example/v1.1/Datastreams(7)',
          components: ['id', 'phenomenonTime', 'result'],
          'dataArray@iot.count': 3,
          dataArray: [
            [1, '2026-11-24T10:00:00Z', 12.5],
            [2, '2026-11-24T10:15:00Z/2026-11-24T10:30:00Z', 13],
            [3, 'never', 14],
          ],
        },
        { 'Datastream@iot.navigationLink': 'https://frost.example/v1.1/Datastreams(99)', components: ['phenomenonTime', 'result'], dataArray: [['2026-11-24T10:00:00Z', 1]] },
      ],
    });
    const { observations, problems } = parseDataArray(json, 'frost.json', { '7': 'S0042' });
    expect(observations).toEqual([
      { sensorId: 'S0042', time: Date.parse('2026-11-24T10:00:00Z'), value: 12.5 },
      { sensorId: 'S0042', time: Date.parse('2026-11-24T10:15:00Z'), value: 13 },
    ]);
    expect(problems).toEqual([
      { code: 'invalid-field', file: 'frost.json', feature: 'value.0.dataArray.2', field: 'phenomenonTime', expected: { words: 'iso-date' } },
      { code: 'unknown-reference', file: 'frost.json', feature: 'value.1', field: 'Datastream@iot.navigationLink', detail: '99' },
    ]);
    expect(describeProblem('en', problems[0])).toBe('File “frost.json”, feature value.0.dataArray.2: field “phenomenonTime” is invalid (expected: an ISO 8601 date).');
    expect(parseDataArray('{oops', 'frost.json', {}).problems[0].code).toBe('invalid-json');
  });
});
