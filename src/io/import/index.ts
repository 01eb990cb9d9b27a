/**
 * Inventory import, shared by the browser (src/app/import) and `npm run import`: read the files,
 * propose a mapping and a coordinate system, convert, merge into the territory.
 */
import type { ProblemWords } from '../../domain/problem';
import type { SupportedCrs } from '../../domain/manifest';
import type { Territory } from '../../domain/territory';
import { convertRecords, rawPositions, type Conversion, type LayerFeature, type LayerFeatures } from './convert';
import { detectCrs, type CrsGuess } from './crsDetect';
import { readCsv } from './csv';
import { readGeoJson } from './geojson';
import { proposeMapping, type ColumnMapping, type MappingMemory } from './mapping';
import { mergeLayer, type MergeOptions, type MergeResult } from './merge';
import { groupShapefiles, readShapefile, unzipEntries } from './shapefile';
import { IMPORT_LIMITS } from './stream';
import { blankTable, type ImportLayer, type InputFile, type RawTable } from './types';

export * from './types';
export type { Conversion, ImportedFeature, LayerFeature } from './convert';
export type { ColumnMapping, MappingMemory } from './mapping';
export type { MergeMode, MergeOptions, MergeResult } from './merge';
export type { CrsGuess } from './crsDetect';
export { rememberMapping } from './mapping';
export { IMPORT_LIMITS, ImportCancelled } from './stream';

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** Reads dropped or given files into tables: one per GeoJSON, CSV or shapefile (zipped or loose). */
export function readInputs(files: readonly InputFile[]): RawTable[] {
  const tables: RawTable[] = [];
  const loose: InputFile[] = [];
  for (const file of files) {
    const ext = extension(file.name);
    if (ext === 'geojson' || ext === 'json') tables.push(readGeoJson(file.name, file.bytes, IMPORT_LIMITS.records));
    else if (ext === 'csv' || ext === 'txt' || ext === 'tsv') tables.push(readCsv(file.name, file.bytes, IMPORT_LIMITS.records));
    else if (ext === 'zip') {
      let entries: InputFile[];
      try {
        entries = unzipEntries(file.bytes);
      } catch (error) {
        tables.push(emptyTable(file.name, 'unreadable', (error as Error).message));
        continue;
      }
      const groups = groupShapefiles(entries);
      if (groups.size === 0) {
        const inner = entries.filter((entry) => ['geojson', 'json', 'csv'].includes(extension(entry.name)));
        if (inner.length === 0) tables.push(emptyTable(file.name, 'unsupported-file', { words: 'no-table-in-zip' }));
        for (const table of readInputs(inner)) tables.push({ ...table, file: `${file.name}/${table.file}`, problems: table.problems.map((problem) => ({ ...problem, file: `${file.name}/${problem.file}` })) });
      }
      for (const [name, parts] of groups) tables.push(readShapefile(groups.size === 1 ? file.name : `${file.name}/${name}.shp`, parts));
    } else if (['shp', 'dbf', 'shx', 'prj', 'cpg'].includes(ext)) loose.push(file);
    else tables.push(emptyTable(file.name, 'unsupported-file', `.${ext}`));
  }
  for (const [name, parts] of groupShapefiles(loose)) tables.push(readShapefile(`${name}.shp`, parts));
  return tables;
}

function emptyTable(file: string, code: 'unreadable' | 'unsupported-file', detail: string | ProblemWords): RawTable {
  return blankTable(file, 'geojson', 'line', { problems: [{ file, line: null, field: null, code, detail, severity: 'error' }] });
}

export interface Proposal {
  mapping: ColumnMapping;
  crs: CrsGuess;
}

/** The mapping and coordinate system proposed for a table (the file's own `.prj`/`crs` wins). */
export function propose(table: RawTable, layer: ImportLayer, bounds: Territory['bounds'] | null, memory?: MappingMemory): Proposal {
  const mapping = proposeMapping(layer, table, memory);
  const guess = detectCrs(rawPositions(table, mapping), bounds);
  const crs: CrsGuess = table.declaredCrs ? { crs: table.declaredCrs, inside: guess.crs === table.declaredCrs ? guess.inside : Number.NaN, alternatives: guess.crs && guess.crs !== table.declaredCrs ? [guess.crs] : guess.alternatives } : guess;
  return { mapping, crs };
}

export function convert(table: RawTable, layer: ImportLayer, mapping: ColumnMapping, crs: SupportedCrs, bounds: Territory['bounds'] | null): Conversion {
  const conversion = convertRecords(table, layer, mapping, { crs, bounds });
  return { ...conversion, problems: [...table.problems, ...conversion.problems] };
}

/** A new territory whose `layer` is the merge of its features and the conversion's; the old one is left as it was. */
export function mergeIntoTerritory<L extends ImportLayer>(
  territory: Territory,
  layer: L,
  conversion: Conversion,
  options: MergeOptions,
): { territory: Territory; result: MergeResult<LayerFeatures[L]> } {
  const existing = territory[layer] as unknown as LayerFeatures[L][];
  const result = mergeLayer<LayerFeatures[L]>(existing, conversion.features as Array<{ line: number; feature: LayerFeatures[L]; given: string[]; defaulted: string[] }>, options);
  return { territory: { ...territory, [layer]: result.features as unknown as LayerFeature[] }, result };
}
