/** GeoJSON inventories: a FeatureCollection (or a single Feature) of points, lines or polygons. */
import { crsFromGeoJsonMember } from './crsDetect';
import { decodeDetected } from './text';
import type { ImportProblem, Position, RawGeometry, RawRecord, RawTable, RawValue } from './types';

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

export function readGeoJson(file: string, bytes: Uint8Array): RawTable {
  const decoded = decodeDetected(bytes);
  const problems: ImportProblem[] = [];
  const table: RawTable = {
    file,
    format: 'geojson',
    lineUnit: 'feature',
    columns: [],
    records: [],
    encoding: decoded.encoding,
    encodingSource: decoded.source,
    delimiter: null,
    decimalComma: false,
    declaredCrs: null,
    problems,
  };
  let json: unknown;
  try {
    json = JSON.parse(decoded.text);
  } catch (error) {
    problems.push({ file, line: null, field: null, code: 'unreadable', detail: (error as Error).message, severity: 'error' });
    return table;
  }
  const root = json as { type?: unknown; features?: unknown; crs?: unknown };
  const features = root?.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : root?.type === 'Feature' ? [root] : null;
  if (features === null) {
    problems.push({ file, line: null, field: 'type', code: 'unreadable', detail: 'FeatureCollection attendue', severity: 'error' });
    return table;
  }
  table.declaredCrs = crsFromGeoJsonMember(root.crs);
  const columns = new Set<string>();
  features.forEach((feature: unknown, index: number) => {
    const line = index + 1;
    const { properties, geometry, id } = (feature ?? {}) as { properties?: unknown; geometry?: unknown; id?: unknown };
    const raw = toRawGeometry(geometry);
    if (raw === 'bad') problems.push({ file, line, field: 'geometry', code: 'bad-geometry', detail: JSON.stringify(geometry)?.slice(0, 80), severity: 'error' });
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
  });
  table.columns = [...columns];
  if (features.length === 0) problems.push({ file, line: null, field: null, code: 'no-records', severity: 'error' });
  return table;
}
