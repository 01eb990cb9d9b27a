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

export interface Problem {
  code: ProblemCode;
  /** The file, relative to the manifest. */
  file: string;
  /** Which feature: its number in the file and its id when it has one. */
  feature?: string;
  /** Path to the field inside the feature or the manifest, e.g. `properties.powerWatts`. */
  field?: string;
  /** What a valid value looks like. */
  expected?: string;
  /** The underlying message (parser error, received value). */
  detail?: string;
}
