/** GeoJSON inventories: a FeatureCollection (or a single Feature) of points, lines or polygons. */
import type { ProblemWords } from '../../domain/problem';
import { crsFromGeoJsonMember } from './crsDetect';
import { decodeDetected } from './text';
import { blankTable, type Position, type RawGeometry, type RawRecord, type RawTable, type RawValue } from './types';

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number' && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function positions(value: unknown): Position[] | null {
  if (!Array.isArray(value) || !value.every(isPosition)) return null;
  return value.map((p: Position) => [p[0], p[1]]);
}

/** Geometry as the twin can use it: Multi* keeps its largest part. Null when malformed. */
export function toRawGeometry(geometry: unknown): RawGeometry | null | 'bad' {
  if (geometry === null || geometry === undefined) return null;
  if (typeof geometry !== 'object') return 'bad';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  switch (type) {
    case 'Point':
      return isPosition(coordinates) ? { type: 'Point', coordinates: [coordinates[0], coordinates[1]] } : 'bad';
    case 'MultiPoint': {
      const list = positions(coordinates);
      return list && list.length > 0 ? { type: 'Point', coordinates: list[0] } : 'bad';
    }
    case 'LineString': {
      const list = positions(coordinates);
      return list && list.length >= 2 ? { type: 'LineString', coordinates: list } : 'bad';
    }
    case 'MultiLineString': {
      if (!Array.isArray(coordinates)) return 'bad';
      const lines = coordinates.map(positions).filter((line): line is Position[] => line !== null && line.length >= 2);
      if (lines.length === 0) return 'bad';
      return { type: 'LineString', coordinates: lines.reduce((a, b) => (b.length > a.length ? b : a)) };
    }
    case 'Polygon': {
      if (!Array.isArray(coordinates)) return 'bad';
      const rings = coordinates.map(positions);
      return rings.length > 0 && rings.every((ring) => ring !== null && ring.length >= 4) ? { type: 'Polygon', coordinates: rings as Position[][] } : 'bad';
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) return 'bad';
      const polygons = coordinates
        .map((polygon: unknown) => (Array.isArray(polygon) ? polygon.map(positions) : [null]))
        .filter((rings): rings is Position[][] => rings.length > 0 && rings.every((ring) => ring !== null && ring.length >= 4));
      if (polygons.length === 0) return 'bad';
      return { type: 'Polygon', coordinates: polygons.reduce((a, b) => (b[0].length > a[0].length ? b : a)) };
    }
    default:
      return 'bad';
  }
}

export function plainValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return JSON.stringify(value);
}

/** Builds a GeoJSON table feature by feature: the whole file parsed at once, or streamed (stream.ts). */
export class GeoJsonTableBuilder {
  readonly table: RawTable;
  private readonly columns = new Set<string>();
  private count = 0;
  /** True once the table is over `maxFeatures`: the reader can stop. */
  full = false;

  constructor(
    readonly file: string,
    encoding: { encoding: string; source: RawTable['encodingSource'] },
    private readonly maxFeatures = Number.POSITIVE_INFINITY,
  ) {
    this.table = blankTable(file, 'geojson', 'feature', { encoding: encoding.encoding, encodingSource: encoding.source });
  }

  add(feature: unknown): void {
    if (this.full) return;
    const line = ++this.count;
    const { file, table, columns } = this;
    if (line > this.maxFeatures) {
      this.full = true;
      table.problems.push({ file, line, field: null, code: 'too-large', detail: `> ${this.maxFeatures}`, severity: 'error' });
      return;
    }
    const { properties, geometry, id } = (feature ?? {}) as { properties?: unknown; geometry?: unknown; id?: unknown };
    const raw = toRawGeometry(geometry);
    if (raw === 'bad') table.problems.push({ file, line, field: 'geometry', code: 'bad-geometry', detail: JSON.stringify(geometry)?.slice(0, 80), severity: 'error' });
    const record: RawRecord = { line, properties: {}, geometry: raw === 'bad' ? null : raw };
    if (properties && typeof properties === 'object') {
      for (const [key, value] of Object.entries(properties)) {
        record.properties[key] = plainValue(value);
        columns.add(key);
      }
    }
    if ((typeof id === 'string' || typeof id === 'number') && !('id' in record.properties)) {
      record.properties.id = id;
      columns.add('id');
    }
    if (raw !== 'bad') table.records.push(record);
  }

  /** A feature that could not be read at all (its problem already given): counted, not kept. */
  skip(): void {
    this.count++;
  }

  finish(crs: unknown): RawTable {
    this.table.declaredCrs = crsFromGeoJsonMember(crs);
    this.table.columns = [...this.columns];
    if (this.count === 0) this.table.problems.push({ file: this.file, line: null, field: null, code: 'no-records', severity: 'error' });
    return this.table;
  }

  refuse(field: string | null, detail: string | ProblemWords): RawTable {
    this.table.problems.push({ file: this.file, line: null, field, code: 'unreadable', detail, severity: 'error' });
    return this.table;
  }
}

export function readGeoJson(file: string, bytes: Uint8Array, maxFeatures = Number.POSITIVE_INFINITY): RawTable {
  const decoded = decodeDetected(bytes);
  const builder = new GeoJsonTableBuilder(file, decoded, maxFeatures);
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (error) {
    return builder.refuse(null, (error as Error).message);
  }
  const root = json as { type?: unknown; features?: unknown; crs?: unknown };
  const features = root?.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : root?.type === 'Feature' ? [root] : null;
  if (features === null) return builder.refuse('type', { words: 'feature-collection' });
  for (const feature of features as unknown[]) {
    builder.add(feature);
    if (builder.full) break;
  }
  return builder.finish(root.crs);
}
