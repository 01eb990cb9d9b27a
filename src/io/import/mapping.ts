/**
 * Which column of the file fills which field of the layer: proposed from French (and English)
 * header names, overridden by what the user chose before for the same header (remembered per
 * layer, in localStorage in the browser), then confirmed in the mapping dialog.
 */
import { LAYER_FIELDS, normaliseName, type FieldSpec } from './fields';
import type { ImportLayer, RawTable } from './types';

/** Field key → column name. Fields absent from the mapping are not in the file. */
export type ColumnMapping = Record<string, string>;

/** Choices remembered from earlier imports: per layer, normalised header → field key ('' = ignore). */
export interface MappingMemory {
  load(layer: ImportLayer): Record<string, string>;
  save(layer: ImportLayer, remembered: Record<string, string>): void;
}

export const noMemory: MappingMemory = { load: () => ({}), save: () => {} };

/** The fields the mapping dialog offers for a table (coordinates only when the file has no geometry). */
export function mappableFields(layer: ImportLayer, table: Pick<RawTable, 'records'>): FieldSpec[] {
  const hasGeometry = table.records.some((record) => record.geometry !== null);
  return LAYER_FIELDS[layer].filter((field) => !(hasGeometry && (field.key === 'x' || field.key === 'y' || field.key === 'wkt')));
}

function score(field: FieldSpec, header: string): number {
  const exact = field.synonyms.indexOf(header);
  if (exact >= 0) return 100 - exact;
  const tokens = header.split('_');
  for (let i = 0; i < field.synonyms.length; i++) {
    const synonym = field.synonyms[i];
    if (synonym.length >= 4 && (header.startsWith(`${synonym}_`) || tokens.includes(synonym))) return 50 - i;
  }
  return 0;
}

/** Proposes a mapping: remembered choices first, then the best name matches, one column per field. */
export function proposeMapping(layer: ImportLayer, table: Pick<RawTable, 'columns' | 'records'>, memory: MappingMemory = noMemory): ColumnMapping {
  const fields = mappableFields(layer, table);
  const keys = new Set(fields.map((field) => field.key));
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const remembered = memory.load(layer);
  for (const column of table.columns) {
    const choice = remembered[normaliseName(column)];
    if (choice === undefined) continue;
    used.add(column);
    if (choice !== '' && keys.has(choice) && !(choice in mapping)) mapping[choice] = column;
  }
  const candidates: Array<{ field: string; column: string; score: number; filled: number }> = [];
  const filled = new Map<string, number>();
  const filledIn = (column: string) => {
    let count = filled.get(column);
    if (count === undefined) {
      count = 0;
      for (const record of table.records) {
        const value = record.properties[column];
        if (value !== null && value !== undefined && value !== '') count++;
      }
      filled.set(column, count);
    }
    return count;
  };
  for (const field of fields) {
    if (field.key in mapping) continue;
    for (const column of table.columns) {
      if (used.has(column)) continue;
      const value = score(field, normaliseName(column));
      if (value > 0) candidates.push({ field: field.key, column, score: value, filled: filledIn(column) });
    }
  }
  // Two headers that read the same (`id` and `id_`, `Puissance` and `puissance`): the one filled in
  // more records.
  candidates.sort((a, b) => b.score - a.score || b.filled - a.filled);
  for (const candidate of candidates) {
    if (candidate.field in mapping || used.has(candidate.column)) continue;
    mapping[candidate.field] = candidate.column;
    used.add(candidate.column);
  }
  return mapping;
}

/** Remembers the user's choices: each column's normalised header → its field, or '' when ignored. */
export function rememberMapping(layer: ImportLayer, columns: readonly string[], mapping: ColumnMapping, memory: MappingMemory): void {
  const remembered = { ...memory.load(layer) };
  const byColumn = new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
  for (const column of columns) remembered[normaliseName(column)] = byColumn.get(column) ?? '';
  memory.save(layer, remembered);
}

/** `--map column=field` pairs (the CLI) on top of a proposal. */
export function applyOverrides(mapping: ColumnMapping, overrides: ReadonlyArray<[column: string, field: string]>): ColumnMapping {
  const result = { ...mapping };
  for (const [column, field] of overrides) {
    for (const [key, value] of Object.entries(result)) if (value === column) delete result[key];
    if (field !== '' && field !== '-') result[field] = column;
  }
  return result;
}
