import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CommuneSearch, normalise, type CommuneIndex } from './search';

let search: CommuneSearch;
beforeAll(() => {
  if (!existsSync('public/communes/index.json')) execFileSync('node', ['scripts/commune-index.mjs']);
  search = new CommuneSearch(JSON.parse(readFileSync('public/communes/index.json', 'utf8')) as CommuneIndex);
});

describe('commune search (official list, offline)', () => {
  it('forgives accents, hyphens and case', () => {
    expect(normalise('Belleville-sur-Meuse')).toBe('belleville sur meuse');
    expect(normalise("L'Haÿ-les-Roses")).toBe('l hay les roses');
    const [first] = search.search('belleville sur meuse');
    expect(first).toMatchObject({ kind: 'commune', code: '55043', name: 'Belleville-sur-Meuse', departement: '55', departementName: 'Meuse' });
    expect(first.population).toBeGreaterThan(2500);
  });
  it('finds Esternay by name, INSEE code and postal code', () => {
    expect(search.search('esternay')[0]).toMatchObject({ code: '51237', name: 'Esternay', departementName: 'Marne', postcodes: ['51310'] });
    expect(search.search('ESTERNAY')[0].code).toBe('51237');
    expect(search.search('51237')[0].code).toBe('51237');
    const byPostcode = search.search('51310');
    expect(byPostcode.map((hit) => hit.code)).toContain('51237');
    expect(byPostcode.every((hit) => hit.postcodes.includes('51310') || hit.code === '51310')).toBe(true);
  });
  it('lists EPCIs with their member communes', () => {
    const hit = search.search('porte des vosges meridionales').find((candidate) => candidate.kind === 'epci');
    expect(hit).toBeDefined();
    expect(hit!.members.length).toBeGreaterThan(5);
    expect(search.epci(hit!.code)?.name).toBe(hit!.name);
  });
  it('finds nothing for nonsense and needs two characters', () => {
    expect(search.search('zzqxw')).toEqual([]);
    expect(search.search('e')).toEqual([]);
  });
});
