/**
 * A problem found where data enters Vigie: which file, which feature, which field, and what was
 * expected. The UI turns `code` into a sentence through the dictionary (see src/app/i18n).
 */
export const PROBLEM_CODES = [
  'missing-file',
  'invalid-json',
  'invalid-csv',
  'invalid-field',
  'invalid-coordinates',
  'invalid-raster',
  'duplicate-id',
  'unknown-reference',
  'too-large',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Words a problem's `expected` or `detail` may be made of, which the page translates (dictionary
 * `problem.words.<word>`, `{count}` filled in the page's number format); anything else (a JSON
 * value, `≥ 0`, a parser's message) is shown as the file or the parser spells it.
 */
export const PROBLEM_WORDS = [
  'in-territory',
  'rings',
  'rows',
  'rows-more-than',
  'features',
  'features-more-than',
  'bytes',
  'megabytes',
  'megabytes-over',
  'iso-date',
  'number',
  'text',
  'object',
  'list',
  'true-or-false',
  'sensor-id',
  'history-columns',
  'data-array-blocks',
  'time-and-result',
  'row-list',
  'feature-collection',
  'columns-instead',
  'truncated',
  'no-table-in-zip',
] as const;
export type ProblemWord = (typeof PROBLEM_WORDS)[number];
export interface ProblemWords {
  words: ProblemWord;
  count?: number;
  /** The limit a count went over (`megabytes-over`). */
  limit?: number;
}

export interface Problem {
  code: ProblemCode;
  /** The file, relative to the manifest. */
  file: string;
  /** Which feature: its number in the file and its id when it has one, or a path such as `value.0`. */
  feature?: string;
  /** The line of a text file (CSV), counted as an editor counts them (the header is line 1). */
  line?: number;
  /** Path to the field inside the feature or the manifest, e.g. `properties.powerWatts`; `''`: the whole document. */
  field?: string;
  /** What a valid value looks like. */
  expected?: string | ProblemWords;
  /** The underlying message (parser error, received value) or the size found. */
  detail?: string | ProblemWords;
}

/** Bytes as megabytes with one decimal. */
export const megabytes = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

/** Size in megabytes with one decimal, as problems carry it. */
export function megabytesOf(bytes: number): ProblemWords {
  return { words: 'megabytes', count: megabytes(bytes) };
}

/** A size over its limit, both in megabytes with one decimal. */
export function megabytesOver(bytes: number, limit: number): ProblemWords {
  return { words: 'megabytes-over', count: megabytes(bytes), limit: megabytes(limit) };
}
