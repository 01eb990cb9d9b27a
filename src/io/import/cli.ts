/**
 * `npm run import -- --territory DIR --layer streetLights FILE [FILE…] [--crs EPSG:2154]
 *  [--map column=field …] [--mode complete|replace] [--match-distance METRES] [--dry-run]`
 *
 * The browser's import from the command line: reads the file(s) (a .shp brings its .dbf, .shx,
 * .prj and .cpg from beside it), proposes the mapping and the coordinate system as the mapping
 * dialog does, converts, merges into the territory's layer and writes that layer (GeoJSON, WGS84)
 * into DIR, pointing the manifest at it. Prints one JSON line per problem, then
 * `{"imported": N, "rejected": M, "layer": …}`. Exit code 1 when nothing could be imported.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SUPPORTED_CRS, type SupportedCrs } from '../../domain/manifest';
import { loadTerritoryFromFile } from '../loadTerritoryNode';
import { layerToGeoJson } from './geojsonOut';
import { applyOverrides } from './mapping';
import { IMPORT_LAYERS, convert, mergeIntoTerritory, propose, readInputs, type ImportLayer, type InputFile, type MergeMode } from './index';

const USAGE =
  'Usage: npm run import -- --territory DIR --layer ' + IMPORT_LAYERS.join('|') + ' FILE [FILE…] [--crs EPSG:2154] [--map column=field …] [--mode complete|replace] [--match-distance METRES] [--dry-run]';

const LAYER_FILES: Record<ImportLayer, string> = {
  streetLights: 'street-lights.geojson',
  cabinets: 'cabinets.geojson',
  collectionPoints: 'collection-points.geojson',
  sensors: 'sensors.geojson',
  buildings: 'buildings.geojson',
  roads: 'roads.geojson',
};

interface Options {
  territory: string;
  layer: ImportLayer;
  files: string[];
  crs: SupportedCrs | null;
  map: Array<[string, string]>;
  mode: MergeMode;
  matchDistance: number;
  dryRun: boolean;
}

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const options: Partial<Options> & { files: string[]; map: Array<[string, string]> } = { files: [], map: [], mode: 'complete', matchDistance: 0, dryRun: false, crs: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) fail(`${arg} attend une valeur`);
      return next;
    };
    if (arg === '--territory') options.territory = value();
    else if (arg === '--layer') {
      const layer = value();
      if (!(IMPORT_LAYERS as readonly string[]).includes(layer)) fail(`--layer\u00a0: «\u00a0${layer}\u00a0» n’est pas une couche importable`);
      options.layer = layer as ImportLayer;
    } else if (arg === '--crs') {
      const crs = value().toUpperCase();
      if (!(SUPPORTED_CRS as readonly string[]).includes(crs)) fail(`--crs\u00a0: «\u00a0${crs}\u00a0» n’est pas pris en charge (${SUPPORTED_CRS.join(', ')})`);
      options.crs = crs as SupportedCrs;
    } else if (arg === '--map') {
      const pair = value();
      const at = pair.lastIndexOf('=');
      if (at <= 0) fail(`--map\u00a0: «\u00a0${pair}\u00a0» attendu colonne=champ`);
      options.map.push([pair.slice(0, at), pair.slice(at + 1)]);
    } else if (arg === '--mode') {
      const mode = value();
      if (mode !== 'complete' && mode !== 'replace') fail('--mode\u00a0: complete ou replace');
      options.mode = mode;
    } else if (arg === '--match-distance') {
      const metres = Number(value());
      if (!Number.isFinite(metres) || metres < 0) fail('--match-distance\u00a0: un nombre de mètres ≥ 0');
      options.matchDistance = metres;
    } else if (arg === '--dry-run') options.dryRun = true;
    else if (arg.startsWith('--')) fail(`option inconnue\u00a0: ${arg}`);
    else options.files.push(arg);
  }
  if (!options.territory) fail('--territory manque');
  if (!options.layer) fail('--layer manque');
  if (options.files.length === 0) fail('aucun fichier à importer');
  return options as Options;
}

/** The files to read: each given one, and beside a .shp its other parts. */
async function inputFiles(paths: string[]): Promise<InputFile[]> {
  const all = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) fail(`fichier introuvable\u00a0: ${path}`);
    all.add(resolve(path));
    if (extname(path).toLowerCase() === '.shp') {
      const stem = path.slice(0, -4);
      for (const ext of ['.dbf', '.shx', '.prj', '.cpg', '.DBF', '.SHX', '.PRJ', '.CPG']) if (existsSync(stem + ext)) all.add(resolve(stem + ext));
    }
  }
  return Promise.all([...all].map(async (path) => ({ name: basename(path), bytes: new Uint8Array(await readFile(path)) })));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const manifestPath = join(options.territory, 'manifest.json');
  if (!existsSync(manifestPath)) fail(`pas de manifest.json dans ${options.territory}`);
  const loaded = await loadTerritoryFromFile(manifestPath);
  if (!loaded.manifest) {
    for (const problem of loaded.problems) console.log(JSON.stringify(problem));
    console.log(JSON.stringify({ imported: 0, rejected: 0, layer: options.layer, error: 'manifest illisible' }));
    process.exit(1);
  }
  let territory = loaded.territory;
  const before = territory[options.layer].length;
  let imported = 0;
  let rejected = 0;
  let added = 0;
  let updated = 0;
  let removed = 0;
  const crsUsed: string[] = [];
  for (const table of readInputs(await inputFiles(options.files))) {
    const proposal = propose(table, options.layer, territory.bounds);
    const mapping = applyOverrides(proposal.mapping, options.map);
    const crs = options.crs ?? proposal.crs.crs;
    if (table.records.length > 0 && crs === null) {
      for (const problem of table.problems) console.log(JSON.stringify(problem));
      console.log(JSON.stringify({ file: table.file, line: null, field: null, code: 'crs-unknown', severity: 'error', detail: 'précisez --crs' }));
      rejected += table.records.length;
      continue;
    }
    const conversion = convert(table, options.layer, mapping, crs ?? 'EPSG:4326', territory.bounds);
    for (const problem of conversion.problems) console.log(JSON.stringify(problem));
    const merged = mergeIntoTerritory(territory, options.layer, conversion, { mode: options.mode, matchDistanceMetres: options.matchDistance });
    territory = merged.territory;
    imported += conversion.features.length;
    rejected += conversion.rejected;
    added += merged.result.added;
    updated += merged.result.updated;
    removed += merged.result.removed;
    if (crs) crsUsed.push(crs);
  }
  let written: string | null = null;
  if (!options.dryRun && imported > 0) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { layers: Record<string, unknown> };
    const entry = manifest.layers[options.layer];
    // Write over the layer's own GeoJSON file (WGS84), else a new one the manifest then points at.
    const target = typeof entry === 'string' && entry.toLowerCase().endsWith('.geojson') ? entry : LAYER_FILES[options.layer];
    await writeFile(join(dirname(manifestPath), target), JSON.stringify(layerToGeoJson(territory[options.layer])) + '\n');
    if (entry !== target) {
      manifest.layers[options.layer] = target;
      await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    }
    written = target;
  }
  console.log(JSON.stringify({ imported, rejected, layer: options.layer, before, after: territory[options.layer].length, added, updated, removed, crs: [...new Set(crsUsed)], written }));
  process.exit(imported > 0 ? 0 : 1);
}

void main();
