/**
 * CSV inventories (papaparse): encoding (UTF-8 or Windows-1252), delimiter (`;`, `,`, tab, `|`) and
 * decimal comma are detected. Values stay text here; numbers are read when the columns are mapped
 * (`parseNumber`), so a column of codes such as `07` keeps its zero.
 */
import Papa from 'papaparse';
import { decodeDetected } from './text';
import { blankTable, type ImportProblem, type RawRecord, type RawTable } from './types';

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

/** A cell reads as a number with a decimal comma (`2,5`, `654321,12`) or a decimal point. */
const DECIMAL_COMMA = /^-?\d+,\d+$/;
const DECIMAL_POINT = /^-?\d+\.\d+$/;
/** How many rows (from the first) decide whether the file writes decimal commas. */
const DECIMAL_SAMPLE_ROWS = 200;

/**
 * Builds a CSV table row by row, as papaparse hands them over: the whole file at once
 * (`readCsv`) or chunk by chunk (`readCsvStream` in stream.ts). Rows are numbered from 1 in the
 * order they come (one a physical line unless a quoted field spans lines).
 */
export class CsvTableBuilder {
  readonly table: RawTable;
  private row = 0;
  private commas = 0;
  private points = 0;

  constructor(
    readonly file: string,
    encoding: { encoding: string; source: RawTable['encodingSource'] },
    /** Records beyond this are refused (the table gets a `too-large` problem and stops growing). */
    private readonly maxRecords = Number.POSITIVE_INFINITY,
  ) {
    this.table = blankTable(file, 'csv', 'line', { encoding: encoding.encoding, encodingSource: encoding.source });
  }

  /** True once the table is over `maxRecords`: the reader can stop. */
  full = false;

  add(row: string[]): void {
    const index = this.row++;
    const table = this.table;
    if (this.full) return;
    if (index < DECIMAL_SAMPLE_ROWS && index > 0 && table.delimiter !== ',') {
      for (const cell of row) {
        const text = cell.trim();
        if (DECIMAL_COMMA.test(text)) this.commas++;
        else if (DECIMAL_POINT.test(text)) this.points++;
      }
    }
    if (table.columns.length === 0) {
      if (row.every((cell) => cell.trim() === '')) return;
      const header = row.map((cell, i) => cell.trim() || `colonne_${i + 1}`);
      // Duplicate headers get a suffix so that no column hides another.
      const seen = new Map<string, number>();
      table.columns = header.map((name) => {
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        return count === 1 ? name : `${name}_${count}`;
      });
      return;
    }
    if (row.every((cell) => cell.trim() === '')) return;
    const line = index + 1;
    if (table.records.length >= this.maxRecords) {
      this.full = true;
      table.problems.push({ file: this.file, line, field: null, code: 'too-large', detail: `> ${this.maxRecords}`, severity: 'error' });
      return;
    }
    if (row.length !== table.columns.length) {
      table.problems.push({ file: this.file, line, field: null, code: 'bad-value', detail: { words: 'columns-instead', count: row.length, limit: table.columns.length }, severity: 'warning' });
    }
    const properties: RawRecord['properties'] = {};
    table.columns.forEach((column, i) => {
      const cell = row[i];
      properties[column] = cell === undefined || cell.trim() === '' ? null : cell.trim();
    });
    table.records.push({ line, properties, geometry: null });
  }

  error(error: { row?: number; message: string; code?: string }): void {
    if (error.code === 'UndetectableDelimiter') return;
    this.table.problems.push({ file: this.file, line: typeof error.row === 'number' ? error.row + 1 : null, field: null, code: 'unreadable', detail: error.message, severity: 'warning' });
  }

  finish(delimiter: string | undefined): RawTable {
    const table = this.table;
    table.delimiter = delimiter || ';';
    table.decimalComma = table.delimiter !== ',' && this.commas > 0 && this.commas >= this.points;
    if (table.columns.length === 0) table.problems.push({ file: this.file, line: null, field: null, code: 'no-records', severity: 'error' });
    else if (table.records.length === 0) table.problems.push({ file: this.file, line: null, field: null, code: 'no-records', severity: 'error' });
    return table;
  }
}

export const CSV_DELIMITERS = DELIMITERS;

/**
 * The delimiter of the header line (the first line with text): the candidate it holds most often.
 * More reliable than guessing over all rows, which decimal commas and a broken quote can fool
 * (`12,5` lines with one stray `"` read as comma-separated). Undefined when the header holds none.
 */
export function headerDelimiter(text: string): string | undefined {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const end = text.slice(start).search(/[\r\n]/);
  const header = end < 0 ? text.slice(start) : text.slice(start, start + end);
  let best: string | undefined;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = header.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

export function readCsv(file: string, bytes: Uint8Array, maxRecords = Number.POSITIVE_INFINITY): RawTable {
  const decoded = decodeDetected(bytes);
  const builder = new CsvTableBuilder(file, decoded, maxRecords);
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter: headerDelimiter(decoded.text), delimitersToGuess: DELIMITERS, skipEmptyLines: false });
  builder.table.delimiter = parsed.meta.delimiter || ';';
  for (const row of parsed.data) {
    builder.add(row);
    if (builder.full) break;
  }
  for (const error of parsed.errors) builder.error(error);
  return builder.finish(parsed.meta.delimiter);
}
