/**
 * `npm run fuzz [-- --runs N] [--seed N] [--only text]`: every entry point of data fed with
 * generated inputs (10,000 per entry point by default). One JSON line per entry point, then
 * `{"fuzz":true,"entryPoints":…,"cases":…,"uncaught":…,"violations":…}`; exits non-zero on any
 * uncaught exception or broken promise, and prints the first inputs that caused them.
 */
import { loadEntries, runEntry } from './harness';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const runs = Number(option('runs', '10000'));
const seed = Number(option('seed', String(Date.now() % 1_000_000)));
const only = option('only', '');
if (!(runs > 0) || !Number.isFinite(seed)) {
  console.error('Usage: npm run fuzz -- [--runs N>0] [--seed N] [--only name]');
  process.exit(2);
}
const entries = (await loadEntries()).filter((entry) => entry.name.includes(only));
if (entries.length === 0) {
  console.error(`no fuzz entry matches "${only}"`);
  process.exit(2);
}
let cases = 0;
let uncaught = 0;
let violations = 0;
for (const entry of entries) {
  const report = await runEntry(entry, runs, seed);
  cases += report.cases;
  uncaught += report.uncaught;
  violations += report.violations;
  console.log(JSON.stringify({ fuzzEntry: report.name, cases: report.cases, uncaught: report.uncaught, violations: report.violations, seconds: report.milliseconds / 1000, seed }));
  for (const example of report.examples) console.error(`  ${example.kind} in ${report.name}: ${example.message}\n    input: ${example.input}`);
}
console.log(JSON.stringify({ fuzz: true, entryPoints: entries.length, cases, uncaught, violations, seed }));
process.exit(uncaught === 0 && violations === 0 ? 0 : 1);
