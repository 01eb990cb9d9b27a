/**
 * The layering ARCHITECTURE.md claims, checked on the sources: the store imports nothing from
 * app/ or React; the page (everything main.tsx reaches by value imports) takes from workers/ only
 * their api.ts message maps, the shared messages.ts and the page-side lighting levels.ts.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** Imports of a file: [specifier, type-only]. */
function imports(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gmu;
  for (const match of text.matchAll(pattern)) {
    const names = match[3];
    const typeOnly = match[2] !== undefined || (/^\{[^}]*\}$/su.test(names.trim()) && names.replace(/[{}\s]/gu, '').split(',').filter(Boolean).every((name) => name.startsWith('type ')));
    found.push({ specifier: match[4], typeOnly });
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gmu)) found.push({ specifier: match[1], typeOnly: false });
  for (const match of text.matchAll(/new URL\(['"]([^'"]+)['"],\s*import\.meta\.url\)/gu)) found.push({ specifier: `worker:${match[1]}`, typeOnly: true });
  return found;
}

function resolveFile(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/u.test(name) ? [path] : [];
  });
}

describe('layering', () => {
  it('keeps the store free of app/ and of React', () => {
    for (const file of filesUnder(join(root, 'src/store')).filter((file) => !file.endsWith('.test.ts'))) {
      for (const { specifier } of imports(file)) {
        expect(specifier, relative(root, file)).not.toMatch(/(^|\/)app\/|^react|^zustand$/u);
      }
    }
  });

  it('brings no engine code into the main bundle', () => {
    const allowed = new Set(['workers/messages.ts', 'workers/lighting/api.ts', 'workers/lighting/levels.ts', 'workers/waste/api.ts', 'workers/sensors/api.ts', 'workers/live/api.ts', 'workers/import/api.ts']);
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string, via: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const name = relative(root, file);
      if (name.startsWith('workers/') && !allowed.has(name)) offenders.push(`${name} (from ${via})`);
      for (const { specifier, typeOnly } of imports(file)) {
        if (typeOnly) continue;
        const target = resolveFile(file, specifier);
        if (target) visit(target, name);
      }
    };
    visit(join(root, 'src/main.tsx'), 'main.tsx');
    expect(seen.size).toBeGreaterThan(40);
    expect(offenders).toEqual([]);
  });

  it('has one typed message map per worker, used by expose and wrap', () => {
    const workers = filesUnder(join(root, 'workers')).filter((file) => file.endsWith('.worker.ts'));
    expect(workers.length).toBeGreaterThanOrEqual(3);
    for (const worker of workers) {
      const text = readFileSync(worker, 'utf8');
      const map = /exposeMessages<(\w+Messages)>/u.exec(text);
      expect(map, relative(root, worker)).not.toBeNull();
      const api = readFileSync(join(dirname(worker), 'api.ts'), 'utf8');
      expect(api).toContain(`export type ${map![1]} = {`);
      expect(api).toContain(`wrapMessages<${map![1]}>`);
    }
  });
});
