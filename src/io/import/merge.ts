/**
 * Imported features replace or complete the territory's: matched by id, else (point layers) by
 * the nearest existing feature within a distance the user sets. A matched feature takes what the
 * file gives and keeps what it does not (and keeps its id, so that sensors and routes still point
 * at it); an unmatched one is added. In `replace` mode the existing features that nothing matched
 * are removed; in `complete` mode they stay. The input arrays are never changed.
 */
import { distanceMetres } from '../../domain/geometry/geo';
import type { LonLat } from '../../domain/territory';
import type { ImportedFeature, LayerFeature } from './convert';

export type MergeMode = 'complete' | 'replace';

export interface MergeOptions {
  mode: MergeMode;
  /** Match by nearest position within this many metres (0: by id only). */
  matchDistanceMetres: number;
}

export interface MergeResult<T> {
  features: T[];
  added: number;
  updated: number;
  removed: number;
  /** Imported id → the id it was merged into (when matched by distance). */
  matchedIds: Record<string, string>;
}

function positionOf(feature: LayerFeature): LonLat | null {
  return 'position' in feature ? feature.position : null;
}

/** A grid of existing positions (about 100 m cells), for nearest-neighbour matching. */
class PositionGrid {
  private readonly cells = new Map<string, number[]>();
  constructor(
    private readonly positions: Array<LonLat | null>,
    private readonly cell = 0.001,
  ) {
    positions.forEach((position, index) => {
      if (!position) return;
      const key = `${Math.floor(position[0] / cell)},${Math.floor(position[1] / cell)}`;
      const list = this.cells.get(key);
      if (list) list.push(index);
      else this.cells.set(key, [index]);
    });
  }

  nearest(position: LonLat, maxMetres: number, taken: Set<number>): number {
    const rings = Math.max(1, Math.ceil(maxMetres / 70));
    const cx = Math.floor(position[0] / this.cell);
    const cy = Math.floor(position[1] / this.cell);
    let best = -1;
    let bestMetres = maxMetres;
    for (let x = cx - rings; x <= cx + rings; x++) {
      for (let y = cy - rings; y <= cy + rings; y++) {
        for (const index of this.cells.get(`${x},${y}`) ?? []) {
          if (taken.has(index)) continue;
          const metres = distanceMetres(position, this.positions[index]!);
          if (metres <= bestMetres) {
            best = index;
            bestMetres = metres;
          }
        }
      }
    }
    return best;
  }
}

export function mergeLayer<T extends LayerFeature>(existing: readonly T[], imported: ReadonlyArray<ImportedFeature<T>>, options: MergeOptions): MergeResult<T> {
  const byId = new Map(existing.map((feature, index) => [feature.id, index]));
  const grid = options.matchDistanceMetres > 0 ? new PositionGrid(existing.map(positionOf)) : null;
  const merged: Array<T | null> = [...existing];
  const taken = new Set<number>();
  const added: T[] = [];
  const matchedIds: Record<string, string> = {};
  let updated = 0;
  for (const item of imported) {
    let index = byId.get(item.feature.id) ?? -1;
    if (index >= 0 && taken.has(index)) index = -1;
    const position = positionOf(item.feature);
    if (index < 0 && grid && position) index = grid.nearest(position, options.matchDistanceMetres, taken);
    if (index < 0) {
      added.push(item.feature);
      continue;
    }
    taken.add(index);
    const base = existing[index];
    const next: Record<string, unknown> = { ...base };
    for (const key of item.given) if (key !== 'id') next[key] = (item.feature as unknown as Record<string, unknown>)[key];
    if (base.id !== item.feature.id) matchedIds[item.feature.id] = base.id;
    merged[index] = next as unknown as T;
    updated++;
  }
  let removed = 0;
  if (options.mode === 'replace') {
    merged.forEach((feature, index) => {
      if (feature && !taken.has(index)) {
        merged[index] = null;
        removed++;
      }
    });
  }
  // Ids must stay unique: an added feature whose id is already used gets a suffix.
  const used = new Set(merged.filter((feature): feature is T => feature !== null).map((feature) => feature.id));
  const fresh = added.map((feature) => {
    let id = feature.id;
    for (let n = 2; used.has(id); n++) id = `${feature.id}-${n}`;
    used.add(id);
    return id === feature.id ? feature : ({ ...feature, id } as T);
  });
  return { features: [...merged.filter((feature): feature is T => feature !== null), ...fresh], added: fresh.length, updated, removed, matchedIds };
}
