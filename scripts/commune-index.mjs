// Reduces the official list of communes and EPCIs (@etalab/decoupage-administratif, bundled with the
// app so that the search works offline) to a compact index, public/communes/index.json, fetched by
// the page only when the commune search is first used.
//   communes: [code INSEE, nom, département, population, "codes postaux séparés par des espaces"]
//   epcis:    [SIREN, nom, type, population, [codes INSEE des membres]]
//   departements: { code: nom }
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const target = new URL('../public/communes/', import.meta.url).pathname;
const output = join(target, 'index.json');
if (existsSync(output) && JSON.parse(readFileSync(output, 'utf8')).version === version) {
  console.log(JSON.stringify({ communeIndex: 'up-to-date', version }));
} else {
  const read = (name) => JSON.parse(readFileSync(join(root, 'data', name), 'utf8'));
  const communes = read('communes.json')
    .filter((c) => c.type === 'commune-actuelle')
    .map((c) => [c.code, c.nom, c.departement ?? '', c.population ?? 0, (c.codesPostaux ?? []).join(' ')]);
  const epcis = read('epci.json').map((e) => [e.code, e.nom, e.type, e.populationMunicipale ?? e.populationTotale ?? 0, e.membres.map((m) => m.code)]);
  const departements = Object.fromEntries(read('departements.json').map((d) => [d.code, d.nom]));
  mkdirSync(target, { recursive: true });
  writeFileSync(output, JSON.stringify({ version, source: '@etalab/decoupage-administratif', communes, epcis, departements }));
  console.log(JSON.stringify({ communeIndex: 'written', version, communes: communes.length, epcis: epcis.length }));
}
