import { describe, expect, it } from 'vitest';
import { readCsv } from '../../io/import/csv';
import { readGeoJson } from '../../io/import/geojson';
import { translate, type Language, type MessageKey } from '../i18n';
import { describeImportProblem } from './ImportPanel';

const encoder = new TextEncoder();
const t = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);

describe('import problems in the page language', () => {
  it('a short CSV row is named with its line and its column counts, in French and in English', () => {
    const table = readCsv('lampes.csv', encoder.encode('id;lon;lat\nL1;6.9;48.3\nL2;6.9\n'));
    const short = table.problems.find((problem) => problem.code === 'bad-value');
    expect(short).toBeDefined();
    expect(describeImportProblem(t('fr'), 'fr', short!, table.lineUnit)).toBe('Fichier «\u00a0lampes.csv\u00a0», ligne 3\u00a0: valeur invalide (2 colonnes au lieu de 3)');
    expect(describeImportProblem(t('en'), 'en', short!, table.lineUnit)).toBe('File “lampes.csv”, line 3: invalid value (2 columns instead of 3)');
  });

  it('a JSON file that is not GeoJSON says what was expected in the page language', () => {
    const table = readGeoJson('points.geojson', encoder.encode('{"type":"Topology"}'));
    const [problem] = table.problems;
    expect(describeImportProblem(t('fr'), 'fr', problem, table.lineUnit)).toContain('une FeatureCollection était attendue');
    expect(describeImportProblem(t('en'), 'en', problem, table.lineUnit)).toContain('a FeatureCollection was expected');
  });
});
