/**
 * CSV inventories (papaparse): encoding (UTF-8 or Windows-1252), delimiter (`;`, `,`, tab, `|`) and
 * decimal comma are detected. Values stay text here; numbers are read when the columns are mapped
 * (`parseNumber`), so a column of codes such as `07` keeps its zero.
 */
import Papa from 'papaparse';
import { decodeDetected } from './text';
import type { ImportProblem, RawRecord, RawTable } from './types';

const DELIMITERS = [';', ',', '\t', '|'];

/** `12,5` / `12.5` / `1 234,5` / `-0,000012` → number; NaN when not a number. */
export function parseNumber(value: unknown, decimalComma: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  let text = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return Number.NaN;
  if (decimalComma) {
    if (text.includes(',')) text = text.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    text = text.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number.NaN;
  return Number(text);
}

/** A column reads as numbers with decimal commas (`2,5`, `654321,12`) and none with a decimal point. */
function looksDecimalComma(rows: string[][], delimiter: string): boolean {
  if (delimiter === ',') return false;
  let commas = 0;
  let points = 0;
  for (const row of rows.slice(1, 200)) {
    for (const cell of row) {
      const text = cell.trim();
      if (/^-?\d+,\d+$/.test(text)) commas++;
      else if (/^-?\d+\.\d+$/.test(text)) points++;
    }
  }
  return commas > 0 && commas >= points;
}

export function readCsv(file: string, bytes: Uint8Array): RawTable {
  const decoded = decodeDetected(bytes);
  const problems: ImportProblem[] = [];
  const parsed = Papa.parse<string[]>(decoded.text, { delimitersToGuess: DELIMITERS, skipEmptyLines: false });
  const rows = parsed.data;
  const delimiter = parsed.meta.delimiter || ';';
  const table: RawTable = {
    file,
    format: 'csv',
    lineUnit: 'line',
    columns: [],
    records: [],
    encoding: decoded.encoding,
    encodingSource: decoded.source,
    delimiter,
    decimalComma: false,
    declaredCrs: null,
    problems,
  };
  const headerIndex = rows.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) {
    problems.push({ file, line: null, field: null, code: 'no-records', severity: 'error' });
    return table;
  }
  const header = rows[headerIndex].map((cell, index) => cell.trim() || `colonne_${index + 1}`);
  // Duplicate headers get a suffix so that no column hides another.
  const seen = new Map<string, number>();
  table.columns = header.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
  table.decimalComma = looksDecimalComma(rows, delimiter);
  // Line numbers: papaparse gives one row per physical line unless a quoted field spans lines.
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const row = rows[index];
    if (row.every((cell) => cell.trim() === '')) continue;
    const line = index + 1;
    if (row.length !== table.columns.length) {
      problems.push({
        file,
        line,
        field: null,
        code: 'bad-value',
        detail: `${row.length} colonnes au lieu de ${table.columns.length}`,
        severity: row.length < table.columns.length ? 'warning' : 'warning',
      });
    }
    const properties: RawRecord['properties'] = {};
    table.columns.forEach((column, i) => {
      const cell = row[i];
      properties[column] = cell === undefined || cell.trim() === '' ? null : cell.trim();
    });
    table.records.push({ line, properties, geometry: null });
  }
  for (const error of parsed.errors) {
    if (error.code === 'UndetectableDelimiter') continue;
    problems.push({ file, line: typeof error.row === 'number' ? error.row + 1 : null, field: null, code: 'unreadable', detail: error.message, severity: 'warning' });
  }
  if (table.records.length === 0) problems.push({ file, line: null, field: null, code: 'no-records', severity: 'error' });
  return table;
}
