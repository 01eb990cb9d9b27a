/**
 * The engineer's own inventory files (GeoJSON, CSV, shapefiles) read into one neutral table, then
 * mapped onto a layer of the territory. Pure code shared by the browser and `npm run import`.
 */
import type { ProblemWords } from '../../domain/problem';
import type { SupportedCrs } from '../../domain/manifest';

/** The layers an inventory can fill. */
export const IMPORT_LAYERS = ['streetLights', 'cabinets', 'collectionPoints', 'sensors', 'buildings', 'roads'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

/** A file as dropped or read from disk. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export type Position = [number, number];

/** Geometry as found in the file, in the file's coordinate system (not yet WGS84). */
export type RawGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export type RawValue = string | number | boolean | null;

/** One record of the file: a CSV line, a GeoJSON feature or a shapefile record. */
export interface RawRecord {
  /** Where it is: the CSV line number (header = 1), the feature or record number (from 1). */
  line: number;
  properties: Record<string, RawValue>;
  geometry: RawGeometry | null;
}

export type ImportFormat = 'geojson' | 'csv' | 'shapefile';

export interface RawTable {
  /** The file named in problems (for a shapefile, the .shp or the .zip). */
  file: string;
  format: ImportFormat;
  /** What `line` counts in this format: CSV lines, features or records. */
  lineUnit: 'line' | 'feature' | 'record';
  columns: string[];
  records: RawRecord[];
  /** Text encoding found (CSV, .dbf), e.g. `utf-8`, `windows-1252`, and how it was decided. */
  encoding: string | null;
  encodingSource: 'bom' | 'valid-utf-8' | 'fallback' | 'cpg' | 'ldid' | 'default' | null;
  /** CSV only. */
  delimiter: string | null;
  decimalComma: boolean;
  /** The coordinate system the file says it uses (.prj, GeoJSON `crs`), if any. */
  declaredCrs: SupportedCrs | null;
  problems: ImportProblem[];
}

/** A table with no columns or records: what every reader starts from, or returns with only its problems. */
export function blankTable(file: string, format: RawTable['format'], lineUnit: RawTable['lineUnit'], fields: Partial<RawTable> = {}): RawTable {
  return { file, format, lineUnit, columns: [], records: [], encoding: null, encodingSource: null, delimiter: null, decimalComma: false, declaredCrs: null, problems: [], ...fields };
}

export type ImportProblemCode =
  | 'unreadable'
  | 'unsupported-file'
  | 'missing-part'
  | 'no-records'
  | 'bad-geometry'
  | 'no-position'
  | 'outside-territory'
  | 'bad-value'
  | 'unknown-value'
  | 'duplicate-id'
  | 'missing-required'
  | 'crs-unknown'
  | 'too-large'
  | 'cancelled';

/** A problem names the file, the line (or feature/record) and the field. */
export interface ImportProblem {
  file: string;
  /** Null for a problem with the whole file. */
  line: number | null;
  field: string | null;
  code: ImportProblemCode;
  /** What was found (a value, a parser's message, a size in words the page translates). */
  detail?: string | ProblemWords;
  /** `error`: the record is rejected; `warning`: it is imported, that field gets a default. */
  severity: 'error' | 'warning';
}
