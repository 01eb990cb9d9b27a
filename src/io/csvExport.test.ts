import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvCell, safeFileName, toCsv } from './csvExport';

describe('CSV exports', () => {
  it('neutralise cells a spreadsheet would run as formulas, and keep numbers numbers', () => {
    for (const formula of ['=HYPERLINK("http://x","clic")', '+1+2', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1']) expect(csvCell(formula).replace(/^"/u, '')).toMatch(/^'/u);
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('Rue de la Gare')).toBe('Rue de la Gare');
  });

  it('quote separators, quotes and line breaks so that every row reads back with its own cells', () => {
    const rows = [['sensorId', 'time', 'value'], ['a,b', '"x"', 1], ['ligne\nsuivante', '=cmd|/c calc', -2], ['<img src=x onerror=alert(1)>', ' espace ', 0]];
    const parsed = Papa.parse<string[]>(toCsv(rows), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([['sensorId', 'time', 'value'], ['a,b', '"x"', '1'], ['ligne\nsuivante', "'=cmd|/c calc", '-2'], ['<img src=x onerror=alert(1)>', ' espace ', '0']]);
  });

  it('make file names from data safe', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('=cmd|calc')).toBe('cmd_calc');
    expect(safeFileName('')).toBe('export');
    expect(safeFileName('CPT-12')).toBe('CPT-12');
  });
});
