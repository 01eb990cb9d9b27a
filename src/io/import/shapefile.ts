/**
 * Shapefiles, zipped or as loose `.shp` + `.dbf` (+ `.shx`, `.prj`, `.cpg`): geometry and records by
 * `shpjs`, unzipping by `fflate`. The `.dbf` text is decoded from the `.cpg`, else from the dBASE
 * header's language driver byte, else as Windows-1252 (what French GIS exports without either use).
 * Coordinates are kept as written; the `.prj` only names the system.
 */
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import { crsFromPrj } from './crsDetect';
import { plainValue, toRawGeometry } from './geojson';
import { encodingFromCpg, encodingFromLdid } from './text';
import { blankTable, type InputFile, type ImportProblem, type RawRecord, type RawTable } from './types';

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const stem = (name: string) => name.slice(0, name.lastIndexOf('.')).replace(/^.*[\\/]/, '');

/** The parts of one shapefile, by extension. */
export type ShapefileParts = Partial<Record<'shp' | 'dbf' | 'shx' | 'prj' | 'cpg', Uint8Array>>;

/** Groups loose files (or a zip's entries) into shapefiles by name. */
export function groupShapefiles(files: readonly InputFile[]): Map<string, ShapefileParts> {
  const groups = new Map<string, ShapefileParts>();
  for (const file of files) {
    const ext = extension(file.name);
    if (ext !== 'shp' && ext !== 'dbf' && ext !== 'shx' && ext !== 'prj' && ext !== 'cpg') continue;
    const key = stem(file.name);
    const group = groups.get(key) ?? {};
    group[ext] = file.bytes;
    groups.set(key, group);
  }
  return groups;
}

/** The entries of a zip (folders and macOS resource forks skipped). */
export function unzipEntries(bytes: Uint8Array): InputFile[] {
  const entries = unzipSync(bytes, { filter: (entry) => !entry.name.endsWith('/') && !entry.name.includes('__MACOSX') });
  return Object.entries(entries).map(([name, content]) => ({ name, bytes: content }));
}

function dbfEncoding(parts: ShapefileParts): { encoding: string; source: 'cpg' | 'ldid' | 'default' } {
  if (parts.cpg) {
    const fromCpg = encodingFromCpg(new TextDecoder().decode(parts.cpg));
    if (fromCpg) return { encoding: fromCpg, source: 'cpg' };
  }
  if (parts.dbf && parts.dbf.length > 29) {
    const fromLdid = encodingFromLdid(parts.dbf[29]);
    if (fromLdid) return { encoding: fromLdid, source: 'ldid' };
  }
  return { encoding: 'windows-1252', source: 'default' };
}

export function readShapefile(file: string, parts: ShapefileParts): RawTable {
  const problems: ImportProblem[] = [];
  const table = blankTable(file, 'shapefile', 'record', { problems });
  if (!parts.shp) {
    problems.push({ file, line: null, field: null, code: 'missing-part', detail: '.shp', severity: 'error' });
    return table;
  }
  if (!parts.dbf) problems.push({ file, line: null, field: null, code: 'missing-part', detail: '.dbf', severity: 'warning' });
  if (parts.prj) table.declaredCrs = crsFromPrj(new TextDecoder().decode(parts.prj));
  let geometries: unknown[];
  try {
    geometries = parseShp(parts.shp);
  } catch (error) {
    problems.push({ file, line: null, field: null, code: 'unreadable', detail: `.shp : ${(error as Error).message}`, severity: 'error' });
    return table;
  }
  let rows: Array<Record<string, unknown>> = [];
  if (parts.dbf) {
    const { encoding, source } = dbfEncoding(parts);
    table.encoding = encoding;
    table.encodingSource = source;
    try {
      rows = parseDbf(parts.dbf, encoding);
    } catch (error) {
      problems.push({ file, line: null, field: null, code: 'unreadable', detail: `.dbf : ${(error as Error).message}`, severity: 'error' });
    }
  }
  const columns = new Set<string>();
  for (const row of rows.slice(0, 1)) for (const key of Object.keys(row)) columns.add(key);
  geometries.forEach((geometry, index) => {
    const line = index + 1;
    const raw = toRawGeometry(geometry);
    if (raw === 'bad') {
      problems.push({ file, line, field: 'geometry', code: 'bad-geometry', severity: 'error' });
      return;
    }
    const record: RawRecord = { line, properties: {}, geometry: raw };
    for (const [key, value] of Object.entries(rows[index] ?? {})) {
      record.properties[key] = plainValue(value);
      columns.add(key);
    }
    table.records.push(record);
  });
  table.columns = [...columns];
  if (table.records.length === 0 && problems.every((problem) => problem.severity !== 'error')) problems.push({ file, line: null, field: null, code: 'no-records', severity: 'error' });
  return table;
}
