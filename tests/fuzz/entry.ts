/**
 * What a fuzzed entry point is. Each file of tests/fuzz/entries/ exports `entries: FuzzEntry[]`;
 * the harness (harness.ts) finds them by listing that folder, so adding an entry point (share
 * links, importers, public-service answers) is adding one file there.
 *
 * `run` feeds one generated input to the real entry point. An exception thrown out of it is
 * "uncaught": the page would have broken. What it returns is the list of broken promises on an
 * input that was handled: a rejection that does not say where (file, feature or line) and what
 * (field), or a valid part that did not load.
 */
import type { Arbitrary } from 'fast-check';
import type { Problem } from '../../src/domain/problem';

export interface FuzzEntry<T = unknown> {
  /** Short and unique, e.g. `layer-csv EPSG:2154`. */
  name: string;
  /** Inputs: mostly valid documents with random damage, plus arbitrary text. */
  arbitrary: Arbitrary<T>;
  /** Runs the entry point on `input`; returns the violations found (empty when all is well). */
  run(input: T): Promise<string[]> | string[];
}

/** The codes whose problems must name a field; layer problems must also name the feature or line. */
const NEEDS_FIELD: ReadonlySet<Problem['code']> = new Set(['invalid-field', 'invalid-coordinates', 'duplicate-id', 'unknown-reference']);

/**
 * Checks that every problem names its file, and its field when the code is about a field, and its
 * feature (or line) when it comes from a layer or history file rather than from the manifest.
 */
export function unnamedProblems(problems: readonly Problem[], manifestFile?: string): string[] {
  const violations: string[] = [];
  for (const problem of problems) {
    const text = JSON.stringify(problem);
    if (typeof problem.file !== 'string' || problem.file === '') violations.push(`problem without a file: ${text}`);
    // A field is a path; '' is the document's root (a manifest that is not an object).
    if (NEEDS_FIELD.has(problem.code) && typeof problem.field !== 'string') violations.push(`problem without a field: ${text}`);
    const fromLayer = problem.file !== manifestFile;
    if (fromLayer && (problem.code === 'invalid-coordinates' || problem.code === 'duplicate-id') && !problem.feature) violations.push(`problem without a feature: ${text}`);
    if (problem.code === 'invalid-json' && !problem.detail) violations.push(`invalid JSON without the parser's message: ${text}`);
    if (problem.code === 'invalid-csv' && !problem.detail) violations.push(`invalid CSV without the parser's message: ${text}`);
  }
  return violations;
}

/** The ids among `expected` that are not in `loaded`. */
export function lost(expected: Iterable<string>, loaded: Iterable<{ id: string }>): string[] {
  const have = new Set([...loaded].map((item) => item.id));
  return [...expected].filter((id) => !have.has(id)).map((id) => `valid feature ${id} did not load`);
}
