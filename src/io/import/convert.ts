/**
 * Records of a file + a column mapping + a coordinate system → features of a territory layer.
 * What the file gives is read and checked; what it lacks gets the field's labelled default and is
 * counted as missing; a record without a usable position, or a value the territory format refuses,
 * is rejected. Every problem names the file, the line (feature, record) and the field.
 */
import type { SupportedCrs } from '../../domain/manifest';
import { featureSchemas } from '../../domain/manifest';
import type { Building, Cabinet, CollectionPoint, LonLat, Road, Sensor, StreetLight } from '../../domain/territory';
import { footprintOf } from '../../domain/geometry/geo';
import { toWgs84 } from '../crs';
import { parseNumber } from './csv';
import type { Bounds } from './crsDetect';
import { LAYER_FIELDS, LAYER_GEOMETRY, normaliseName, parseOneway, parseWeekday, type Default, type FieldSpec } from './fields';
import type { ColumnMapping } from './mapping';
import type { ImportLayer, ImportProblem, Position, RawGeometry, RawRecord, RawTable, RawValue } from './types';
import { tightestBounds } from '../../domain/zodIssues';

export interface LayerFeatures {
  streetLights: StreetLight;
  cabinets: Cabinet;
  collectionPoints: CollectionPoint;
  sensors: Sensor;
  buildings: Building;
  roads: Road;
}
export type LayerFeature = LayerFeatures[ImportLayer];

export interface ImportedFeature<T = LayerFeature> {
  line: number;
  feature: T;
  /** Fields read from the file (position included). */
  given: string[];
  /** Fields that got a default. */
  defaulted: string[];
}

export interface DefaultUse extends Default {
  field: string;
  count: number;
}

export interface Conversion<T = LayerFeature> {
  layer: ImportLayer;
  file: string;
  crs: SupportedCrs;
  features: Array<ImportedFeature<T>>;
  rejected: number;
  problems: ImportProblem[];
  /** Per field, how many imported features lack it (and got a default). */
  missing: Record<string, number>;
  /** The defaults used, with their sources, for the labels. */
  defaults: DefaultUse[];
}

export interface ConvertOptions {
  crs: SupportedCrs;
  /** Territory bounds: positions outside are rejected. */
  bounds: Bounds | null;
}

/** A WKT point or line (`POINT (651234.5 6861234.2)`), in the file's system. */
function parseWkt(text: string): RawGeometry | null {
  const match = /^\s*(POINT|LINESTRING)\s*Z?\s*\(\s*([^)]*)\)\s*$/i.exec(text);
  if (!match) return null;
  const points = match[2].split(',').map((pair) => pair.trim().split(/\s+/).map((value) => parseNumber(value, false)));
  if (points.some((point) => point.length < 2 || !Number.isFinite(point[0]) || !Number.isFinite(point[1]))) return null;
  const coordinates = points.map((point) => [point[0], point[1]] as Position);
  if (match[1].toUpperCase() === 'POINT') return coordinates.length === 1 ? { type: 'Point', coordinates: coordinates[0] } : null;
  return coordinates.length >= 2 ? { type: 'LineString', coordinates } : null;
}

type Parsed = { ok: true; value: unknown } | { ok: false; code: 'bad-value' | 'unknown-value' };

function parseValue(field: FieldSpec, raw: Exclude<RawValue, null>, decimalComma: boolean): Parsed {
  switch (field.kind) {
    case 'id':
    case 'text':
      return { ok: true, value: String(raw) };
    case 'number':
    case 'integer':
    case 'coordinate': {
      const value = parseNumber(raw, decimalComma);
      if (!Number.isFinite(value)) return { ok: false, code: 'bad-value' };
      if (field.kind === 'integer' && !Number.isInteger(value)) return { ok: false, code: 'bad-value' };
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) return { ok: false, code: 'bad-value' };
      return { ok: true, value };
    }
    case 'weekday': {
      const value = parseWeekday(typeof raw === 'boolean' ? String(raw) : raw);
      return Number.isFinite(value) ? { ok: true, value } : { ok: false, code: 'unknown-value' };
    }
    case 'boolean': {
      const value = parseOneway(raw);
      return value === null ? { ok: false, code: 'unknown-value' } : { ok: true, value };
    }
    case 'enum': {
      const text = normaliseName(String(raw));
      for (const [value, pattern] of field.values ?? []) if (text === value || pattern.test(text)) return { ok: true, value };
      return { ok: false, code: 'unknown-value' };
    }
  }
}

function inside(bounds: Bounds | null, [lon, lat]: LonLat): boolean {
  return !bounds || (lon >= bounds.west && lon <= bounds.east && lat >= bounds.south && lat <= bounds.north);
}

const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

export function convertRecords(table: RawTable, layer: ImportLayer, mapping: ColumnMapping, options: ConvertOptions): Conversion {
  const file = table.file;
  const problems: ImportProblem[] = [];
  const features: ImportedFeature[] = [];
  const missing: Record<string, number> = {};
  const defaultUses = new Map<string, DefaultUse>();
  const ids = new Map<string, number>();
  let rejected = 0;
  const specs = LAYER_FIELDS[layer].filter((field) => field.kind !== 'coordinate' && field.key !== 'wkt');
  const geometryKind = LAYER_GEOMETRY[layer];
  const toLonLat = ([x, y]: Position): LonLat => {
    const [lon, lat] = toWgs84(options.crs, x, y);
    return [round7(lon), round7(lat)];
  };

  for (const record of table.records) {
    const line = record.line;
    const reject = (field: string | null, code: ImportProblem['code'], detail?: string) => {
      problems.push({ file, line, field, code, detail, severity: 'error' });
      rejected++;
    };
    // Geometry: the file's own, else a WKT column, else the x/y columns.
    let geometry: RawGeometry | null = record.geometry;
    if (!geometry && mapping.wkt) {
      const text = record.properties[mapping.wkt];
      if (typeof text === 'string') {
        geometry = parseWkt(text);
        if (!geometry) {
          reject(mapping.wkt, 'bad-geometry', text.slice(0, 60));
          continue;
        }
      }
    }
    if (!geometry && mapping.x && mapping.y) {
      const rawX = record.properties[mapping.x];
      const rawY = record.properties[mapping.y];
      if (rawX === null || rawX === undefined || rawY === null || rawY === undefined) {
        reject(rawX === null || rawX === undefined ? mapping.x : mapping.y, 'no-position');
        continue;
      }
      const x = parseNumber(rawX, table.decimalComma);
      const y = parseNumber(rawY, table.decimalComma);
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        reject(Number.isFinite(x) ? mapping.y : mapping.x, 'bad-value', String(Number.isFinite(x) ? rawY : rawX));
        continue;
      }
      geometry = { type: 'Point', coordinates: [x, y] };
    }
    if (!geometry) {
      reject('geometry', 'no-position');
      continue;
    }

    const feature: Record<string, unknown> = {};
    const given: string[] = [];
    const defaulted: string[] = [];
    // Position or shape, in WGS84.
    if (geometryKind === 'LineString') {
      if (geometry.type !== 'LineString') {
        reject('geometry', 'bad-geometry', `${geometry.type} au lieu d’une ligne`);
        continue;
      }
      feature.coordinates = geometry.coordinates.map(toLonLat);
      if (!(feature.coordinates as LonLat[]).every((point) => inside(options.bounds, point))) {
        reject('geometry', 'outside-territory');
        continue;
      }
      given.push('coordinates');
    } else {
      let position: LonLat;
      if (geometry.type === 'Point') position = toLonLat(geometry.coordinates);
      else if (geometry.type === 'Polygon') {
        const outline = footprintOf(geometry.coordinates[0].map(toLonLat));
        if (!outline) {
          reject('geometry', 'bad-geometry');
          continue;
        }
        position = [round7(outline.centre[0]), round7(outline.centre[1])];
        if (layer === 'buildings') {
          feature.widthMetres = Math.max(1, Math.round(outline.widthMetres * 10) / 10);
          feature.depthMetres = Math.max(1, Math.round(outline.depthMetres * 10) / 10);
          feature.headingDegrees = Math.round(outline.headingDegrees * 10) / 10;
          given.push('widthMetres', 'depthMetres', 'headingDegrees');
        }
      } else {
        reject('geometry', 'bad-geometry', `${geometry.type} au lieu d’un point`);
        continue;
      }
      if (!inside(options.bounds, position)) {
        reject('geometry', 'outside-territory', `${position[0].toFixed(5)}, ${position[1].toFixed(5)}`);
        continue;
      }
      feature.position = position;
      given.push('position');
    }

    // Attributes.
    let refused = false;
    const warnings: ImportProblem[] = [];
    for (const spec of specs) {
      if (spec.key in feature) continue;
      const column = mapping[spec.key];
      const raw = column ? record.properties[column] : null;
      if (raw !== null && raw !== undefined) {
        const parsed = parseValue(spec, raw, table.decimalComma);
        if (parsed.ok) {
          let value = parsed.value;
          if (spec.key === 'oneway' && value === 'reverse') {
            feature.coordinates = [...(feature.coordinates as LonLat[])].reverse();
            value = true;
          }
          feature[spec.key] = value;
          given.push(spec.key);
          continue;
        }
        warnings.push({ file, line, field: column, code: parsed.code, detail: String(raw), severity: spec.required ? 'error' : 'warning' });
        if (spec.required) {
          refused = true;
          break;
        }
      } else if (spec.required) {
        problems.push({ file, line, field: column ?? spec.key, code: 'missing-required', severity: 'error' });
        refused = true;
        break;
      }
      if (spec.key === 'id') continue;
      if (!spec.fallback) continue;
      const fallback = spec.fallback(feature);
      feature[spec.key] = fallback.value;
      defaulted.push(spec.key);
      missing[spec.key] = (missing[spec.key] ?? 0) + 1;
      const key = `${spec.key}\u0000${String(fallback.value)}`;
      const use = defaultUses.get(key);
      if (use) use.count++;
      else defaultUses.set(key, { field: spec.key, value: fallback.value, source: fallback.source, count: 1 });
    }
    if (refused) {
      problems.push(...warnings.map((warning) => ({ ...warning, severity: 'error' as const })));
      rejected++;
      continue;
    }

    // Identifier: from the file, or made from the file and line; duplicates get a suffix.
    const baseId = typeof feature.id === 'string' && feature.id !== '' ? feature.id : `${normaliseName(file.replace(/\.[^.]+$/, '')) || 'import'}-${line}`;
    if (!given.includes('id')) defaulted.push('id');
    const seen = ids.get(baseId) ?? 0;
    ids.set(baseId, seen + 1);
    if (seen > 0) warnings.push({ file, line, field: mapping.id ?? 'id', code: 'duplicate-id', detail: baseId, severity: 'warning' });
    feature.id = seen > 0 ? `${baseId}-${seen + 1}` : baseId;
    delete feature.storeys;

    // The territory format's own check, as the loader would do it.
    const { position, coordinates, ...properties } = feature;
    const check = featureSchemas[layer].safeParse(properties);
    if (!check.success) {
      const issue = tightestBounds(check.error.issues)[0];
      const field = String(issue.path[0] ?? '');
      problems.push({ file, line, field: Object.entries(mapping).find(([key]) => key === field)?.[1] ?? field, code: 'bad-value', detail: issue.message, severity: 'error' });
      rejected++;
      continue;
    }
    problems.push(...warnings);
    const parsed = { ...check.data, ...(position ? { position } : {}), ...(coordinates ? { coordinates } : {}) } as unknown as LayerFeature;
    features.push({ line, feature: parsed, given, defaulted });
  }
  return { layer, file, crs: options.crs, features, rejected, problems, missing, defaults: [...defaultUses.values()] };
}

/** Positions of a table in its own system, for CRS detection and the preview. */
export function rawPositions(table: RawTable, mapping: ColumnMapping, limit = 200): Position[] {
  const positions: Position[] = [];
  for (const record of table.records) {
    if (positions.length >= limit) break;
    const geometry = record.geometry;
    if (geometry?.type === 'Point') positions.push(geometry.coordinates);
    else if (geometry?.type === 'LineString') positions.push(geometry.coordinates[0]);
    else if (geometry?.type === 'Polygon') positions.push(geometry.coordinates[0][0]);
    else if (mapping.x && mapping.y) {
      const x = parseNumber(record.properties[mapping.x], table.decimalComma);
      const y = parseNumber(record.properties[mapping.y], table.decimalComma);
      if (Number.isFinite(x) && Number.isFinite(y)) positions.push([x, y]);
    } else if (mapping.wkt && typeof record.properties[mapping.wkt] === 'string') {
      const wkt = parseWkt(record.properties[mapping.wkt] as string);
      if (wkt?.type === 'Point') positions.push(wkt.coordinates);
    }
  }
  return positions;
}
