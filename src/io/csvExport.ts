/**
 * CSV written by Vigie (chart exports, and any export to come): RFC 4180 quoting, and text cells
 * neutralised against formula injection (OWASP): a cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, so that a
 * sensor named `=HYPERLINK(…)` is shown as text. Numbers are written as numbers: -3.5 stays a value.
 */

const FORMULA_START = /^[=+\-@\t\r]/u;

/** One cell: numbers as they are (NaN and infinities empty), text neutralised and quoted as needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;]/u.test(text) || text !== text.trim() ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** Rows to CSV text, one line per row ended by LF (spreadsheets and papaparse read both LF and CRLF). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** A file name from data: only letters, digits and - _ . kept (no path, no control characters). */
export function safeFileName(name: string, fallback = 'export'): string {
  const cleaned = name.normalize('NFKD').replace(/[^\w.-]+/gu, '_').replace(/^[._]+/u, '').slice(0, 80);
  return cleaned === '' ? fallback : cleaned;
}
