/**
 * Runs the fuzz entries: for each, `runs` inputs from fast-check (seeded, so a failure can be
 * replayed with the same seed), counting exceptions that escape the entry point ("uncaught") and
 * broken promises (rejections that do not say where and what, valid parts lost). Nothing stops at
 * the first failure: every case runs and the first few failures are kept with their input.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { FuzzEntry } from './entry';

export interface EntryReport {
  name: string;
  cases: number;
  uncaught: number;
  violations: number;
  milliseconds: number;
  /** The first failures: the error or violation and the input (cut to 300 characters). */
  examples: Array<{ kind: 'uncaught' | 'violation'; message: string; input: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Every entry of every file in tests/fuzz/entries/, in file then declaration order. */
export async function loadEntries(): Promise<FuzzEntry[]> {
  const folder = join(here, 'entries');
  const entries: FuzzEntry[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts')).sort()) {
    const module = (await import(pathToFileURL(join(folder, name)).href)) as { entries?: FuzzEntry[] };
    if (!Array.isArray(module.entries)) throw new Error(`tests/fuzz/entries/${name} exports no \`entries\` array`);
    entries.push(...module.entries);
  }
  const names = entries.map((entry) => entry.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`two fuzz entries are named ${duplicate}`);
  return entries;
}

function preview(input: unknown): string {
  const text = typeof input === 'string' ? input : (() => { try { return JSON.stringify(input); } catch { return String(input); } })();
  return (text ?? String(input)).slice(0, 300);
}

export async function runEntry(entry: FuzzEntry, runs: number, seed: number): Promise<EntryReport> {
  const report: EntryReport = { name: entry.name, cases: 0, uncaught: 0, violations: 0, milliseconds: 0, examples: [] };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(entry.arbitrary, async (input) => {
      report.cases++;
      let violations: string[];
      try {
        violations = await entry.run(input);
      } catch (error) {
        report.uncaught++;
        if (report.examples.length < 5) report.examples.push({ kind: 'uncaught', message: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error), input: preview(input) });
        return true;
      }
      if (violations.length > 0) {
        report.violations++;
        if (report.examples.length < 5) report.examples.push({ kind: 'violation', message: violations.slice(0, 3).join('; '), input: preview(input) });
      }
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}
