/**
 * The inventory import in the page: files dropped or picked → tables → a proposed mapping and
 * coordinate system the user confirms (with a preview of the first rows on the map) → merge into
 * the territory. Each import can be undone; the imported layers are saved per territory
 * (IndexedDB) and applied again when the territory opens.
 *
 * Nothing of the importers is in the page's first load: the files are read in the import worker
 * (workers/import: papaparse, shpjs, fflate; CSV and GeoJSON in chunks with a progress bar and a
 * cancel), and the mapping, conversion and merge code (src/io/import, proj4) is imported when the
 * first file comes (`engine()`).
 */
import { createStore } from 'zustand/vanilla';
import type { SupportedCrs } from '../../domain/manifest';
import type { LonLat, Territory } from '../../domain/territory';
import type { TwinStore } from '../../store/store';
import { proxy } from 'comlink';
import type { ColumnMapping, Conversion, CrsGuess, ImportLayer, MappingMemory, MergeMode, RawTable } from '../../io/import';
import type { NamedBlob, ReadProgress } from '../../io/import/readFiles';
import { loadImports, saveImports, type ImportLogEntry } from '../../io/import/importStorage';
import { createImportWorker } from '../../../workers/import/api';

/** The importers, loaded on demand (a chunk of their own). */
type Engine = typeof import('../../io/import');
let engineLoading: Promise<Engine> | null = null;
function loadEngine(): Promise<Engine> {
  engineLoading ??= import('../../io/import');
  return engineLoading;
}
/** The file reader: the import worker in the page, the same code on this thread without workers (Node). */
async function readOnThisThread(files: NamedBlob[], onProgress: (progress: ReadProgress) => void, signal: AbortSignal): Promise<RawTable[]> {
  const { readFiles } = await import('../../io/import/readFiles');
  return readFiles(files, onProgress, signal);
}

export interface ImportSummary {
  file: string;
  layer: ImportLayer;
  imported: number;
  rejected: number;
  added: number;
  updated: number;
  removed: number;
  conversion: Conversion;
}

interface HistoryEntry {
  territory: Territory;
  label: string;
}

export interface ImportState {
  /** Dialog stage: none, files being read, the mapping of `tables[current]`, or the result of the last import. */
  stage: 'closed' | 'reading' | 'mapping' | 'result';
  /** While reading: the file, bytes read and in all. */
  progress: ReadProgress | null;
  dragging: boolean;
  tables: RawTable[];
  current: number;
  layer: ImportLayer;
  mapping: ColumnMapping;
  crsGuess: CrsGuess | null;
  crs: SupportedCrs | null;
  mode: MergeMode;
  matchDistanceMetres: number;
  /** The conversion with the current choices (what "Importer" would bring in). */
  preview: Conversion | null;
  last: ImportSummary | null;
  /** Imports that can be undone, latest last (labels only; the territories stay in the controller). */
  undoLabels: string[];
  /** Per layer, the defaults the imported features use (for the what-if panels' labels). */
  defaultsByLayer: Partial<Record<ImportLayer, Conversion['defaults']>>;
  error: string | null;
}

export function createImportStore() {
  return createStore<ImportState>()(() => ({
    stage: 'closed',
    progress: null,
    dragging: false,
    tables: [],
    current: 0,
    layer: 'streetLights',
    mapping: {},
    crsGuess: null,
    crs: null,
    mode: 'complete',
    matchDistanceMetres: 0,
    preview: null,
    last: null,
    undoLabels: [],
    defaultsByLayer: {},
    error: null,
  }));
}
export type ImportStore = ReturnType<typeof createImportStore>;

/** localStorage-backed memory of the user's column choices. */
export const browserMappingMemory: MappingMemory = {
  load(layer) {
    try {
      return JSON.parse(localStorage.getItem(`vigie.import.mapping.${layer}`) ?? '{}') as Record<string, string>;
    } catch {
      return {};
    }
  },
  save(layer, remembered) {
    try {
      localStorage.setItem(`vigie.import.mapping.${layer}`, JSON.stringify(remembered));
    } catch {
      // Storage full or refused: the choice is simply not remembered.
    }
  },
};

/** The layer a file most likely holds, from its name and columns. */
export function guessLayer(table: RawTable): ImportLayer {
  const text = `${table.file} ${table.columns.join(' ')}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (/batiment|building|usage_1|hauteur.*etage/.test(text)) return 'buildings';
  if (/troncon|route|road|highway|sens_de_circulation/.test(text)) return 'roads';
  if (/collecte|dechet|pav|conteneur|flux|bac/.test(text)) return 'collectionPoints';
  if (/capteur|sensor/.test(text)) return 'sensors';
  if (/armoire|cabinet/.test(text) && !/lamp|eclairage|puissance|point_lumineux/.test(text)) return 'cabinets';
  return 'streetLights';
}

/** Identifies a territory for the saved imports (the demo and each built commune have their own). */
export function territoryKey(territory: Territory): string {
  const b = territory.bounds;
  return `${territory.name}|${[b.west, b.south, b.east, b.north].map((v) => v.toFixed(4)).join(',')}`;
}

const PREVIEW_ROWS = 50;

export class ImportController {
  readonly store = createImportStore();
  private readonly history: HistoryEntry[] = [];
  /** Territories this controller produced (so that their arrival is not taken for a new load). */
  private readonly produced = new WeakSet<Territory>();
  private log: ImportLogEntry[] = [];
  private readonly layersImported = new Set<ImportLayer>();
  private engineLoaded: Engine | null = null;
  private worker: ReturnType<typeof createImportWorker> | null = null;
  private reading: AbortController | null = null;

  constructor(
    private readonly twin: TwinStore,
    private readonly memory: MappingMemory = browserMappingMemory,
  ) {
    twin.subscribe((state, previous) => {
      if (state.territory && state.territory !== previous.territory && !this.produced.has(state.territory)) void this.onLoaded(state.territory);
    });
  }

  /** A territory opened: apply the imports saved for it (undoable back to the territory as loaded). */
  private async onLoaded(territory: Territory): Promise<void> {
    this.history.length = 0;
    this.layersImported.clear();
    this.log = [];
    this.store.setState({ undoLabels: [], defaultsByLayer: {}, last: null });
    let saved;
    try {
      saved = await loadImports(territoryKey(territory));
    } catch (error) {
      this.store.setState({ error: String(error) });
      return;
    }
    if (!saved || this.twin.getState().territory !== territory) return;
    let next: Territory = territory;
    for (const [layer, features] of Object.entries(saved.layers) as Array<[ImportLayer, unknown[]]>) {
      next = { ...next, [layer]: features };
      this.layersImported.add(layer);
    }
    this.log = saved.log;
    this.push({ territory, label: 'saved' });
    this.produced.add(next);
    this.twin.setState({ territory: next });
  }

  private push(entry: HistoryEntry): void {
    this.history.push(entry);
    this.store.setState({ undoLabels: this.history.map((item) => item.label) });
  }

  /** The importers' code, loaded once (a separate chunk): the panel's first use or a drop. */
  async engine(): Promise<Engine> {
    this.engineLoaded ??= await loadEngine();
    return this.engineLoaded;
  }

  private get io(): Engine {
    if (!this.engineLoaded) throw new Error('import engine not loaded');
    return this.engineLoaded;
  }

  /**
   * Files dropped or picked: read in the import worker with a progress bar (cancel with
   * `cancelReading`), then the mapping dialog. Files too large or with too many records come
   * back as tables whose problem says so.
   */
  async openFiles(files: ReadonlyArray<{ name: string; size?: number; arrayBuffer(): Promise<ArrayBuffer> }>): Promise<void> {
    this.reading?.abort();
    const controller = new AbortController();
    this.reading = controller;
    this.store.setState({ stage: 'reading', progress: { file: files[0]?.name ?? '', done: 0, total: files.reduce((sum, file) => sum + (file.size ?? 0), 0) }, error: null, dragging: false });
    const engine = this.engine();
    let tables: RawTable[];
    try {
      const blobs: NamedBlob[] = await Promise.all(files.map(async (file) => ({ name: file.name, blob: file instanceof Blob ? file : new Blob([await file.arrayBuffer()]) })));
      const onProgress = (progress: ReadProgress) => {
        if (this.reading === controller) this.store.setState({ progress });
      };
      if (typeof Worker === 'function') {
        this.worker ??= createImportWorker();
        const worker = this.worker;
        controller.signal.addEventListener('abort', () => void worker.api.cancel());
        tables = await worker.api.read(blobs, proxy(onProgress));
      } else tables = await readOnThisThread(blobs, onProgress, controller.signal);
      await engine;
    } catch (error) {
      if (this.reading !== controller) return;
      this.reading = null;
      const message = error instanceof Error ? error.message : String(error);
      const cancelled = controller.signal.aborted || message.startsWith('cancelled') || (error instanceof Error && error.name === 'ImportCancelled');
      this.store.setState(cancelled ? { stage: 'closed', progress: null, tables: [], error: null } : { stage: 'reading', progress: null, tables: [], error: message });
      return;
    }
    if (this.reading !== controller) return;
    this.reading = null;
    if (tables.length === 0) {
      this.store.setState({ stage: 'closed', progress: null });
      return;
    }
    this.store.setState({ tables, current: 0, stage: 'mapping', progress: null, error: null });
    this.selectTable(0);
  }

  /** Stops the reading under way; the panel closes and nothing changes. */
  cancelReading(): void {
    const controller = this.reading;
    if (!controller) return;
    controller.abort();
    this.reading = null;
    this.store.setState({ stage: 'closed', progress: null, tables: [] });
  }

  selectTable(index: number): void {
    const table = this.store.getState().tables[index];
    if (!table) return;
    this.store.setState({ current: index });
    this.setLayer(guessLayer(table));
  }

  setLayer(layer: ImportLayer): void {
    const state = this.store.getState();
    const table = state.tables[state.current];
    const territory = this.twin.getState().territory;
    if (!table) return;
    const proposal = this.io.propose(table, layer, territory?.bounds ?? null, this.memory);
    this.store.setState({ layer, mapping: proposal.mapping, crsGuess: proposal.crs, crs: proposal.crs.crs });
    this.refresh();
  }

  setMapping(field: string, column: string | null): void {
    const mapping = { ...this.store.getState().mapping };
    for (const [key, value] of Object.entries(mapping)) if (key === field || (column !== null && value === column)) delete mapping[key];
    if (column !== null) mapping[field] = column;
    this.store.setState({ mapping });
    // Coordinates changed: the system may change too.
    if (field === 'x' || field === 'y' || field === 'wkt') {
      const state = this.store.getState();
      const table = state.tables[state.current];
      const proposal = this.io.propose({ ...table }, state.layer, this.twin.getState().territory?.bounds ?? null, { load: () => ({}), save: () => {} });
      if (!state.crs) this.store.setState({ crsGuess: proposal.crs, crs: proposal.crs.crs });
    }
    this.refresh();
  }

  setCrs(crs: SupportedCrs): void {
    this.store.setState({ crs });
    this.refresh();
  }

  setMerge(mode: MergeMode, matchDistanceMetres: number): void {
    this.store.setState({ mode, matchDistanceMetres: Math.max(0, Number.isFinite(matchDistanceMetres) ? matchDistanceMetres : 0) });
  }

  /** Converts with the current choices and shows the first rows on the map. */
  private refresh(): void {
    const state = this.store.getState();
    const table = state.tables[state.current];
    const territory = this.twin.getState().territory;
    if (!table || !state.crs) {
      this.store.setState({ preview: null });
      this.twin.setState({ importPreview: null });
      return;
    }
    const preview = this.io.convert(table, state.layer, state.mapping, state.crs, territory?.bounds ?? null);
    this.store.setState({ preview });
    const points: LonLat[] = [];
    const lines: LonLat[][] = [];
    for (const item of preview.features.slice(0, PREVIEW_ROWS)) {
      if ('coordinates' in item.feature) lines.push(item.feature.coordinates);
      else points.push(item.feature.position);
    }
    this.twin.setState({ importPreview: { points, lines } });
  }

  /** Imports the current table into the territory (undoable), remembers the mapping, saves. */
  async confirm(): Promise<ImportSummary | null> {
    const state = this.store.getState();
    const table = state.tables[state.current];
    const territory = this.twin.getState().territory;
    if (!table || !territory || !state.crs) return null;
    const conversion = this.io.convert(table, state.layer, state.mapping, state.crs, territory.bounds);
    const merged = this.io.mergeIntoTerritory(territory, state.layer, conversion, { mode: state.mode, matchDistanceMetres: state.matchDistanceMetres });
    this.io.rememberMapping(state.layer, table.columns, state.mapping, this.memory);
    const summary: ImportSummary = {
      file: table.file,
      layer: state.layer,
      imported: conversion.features.length,
      rejected: conversion.rejected,
      added: merged.result.added,
      updated: merged.result.updated,
      removed: merged.result.removed,
      conversion,
    };
    this.push({ territory, label: table.file });
    this.layersImported.add(state.layer);
    this.log = [...this.log, { at: new Date().toISOString(), file: table.file, layer: state.layer, imported: summary.imported, rejected: summary.rejected }];
    this.produced.add(merged.territory);
    this.twin.setState({ territory: merged.territory, importPreview: null });
    const defaultsByLayer = { ...state.defaultsByLayer, [state.layer]: conversion.defaults };
    // The next table of the drop, if any, else the result.
    const next = state.current + 1 < state.tables.length ? state.current + 1 : -1;
    this.store.setState({ last: summary, defaultsByLayer, stage: next >= 0 ? 'mapping' : 'result', preview: null });
    if (next >= 0) this.selectTable(next);
    await this.persist(merged.territory);
    return summary;
  }

  /** Puts the territory back as it was before the last import. */
  async undo(): Promise<void> {
    const entry = this.history.pop();
    if (!entry) return;
    this.store.setState({ undoLabels: this.history.map((item) => item.label), last: null, stage: this.store.getState().stage === 'result' ? 'closed' : this.store.getState().stage });
    this.log = this.log.slice(0, -1);
    if (this.history.length === 0) {
      this.layersImported.clear();
      this.log = [];
      this.store.setState({ defaultsByLayer: {} });
    }
    this.produced.add(entry.territory);
    this.twin.setState({ territory: entry.territory });
    await this.persist(entry.territory);
  }

  cancel(): void {
    this.reading?.abort();
    this.reading = null;
    this.store.setState({ stage: 'closed', tables: [], preview: null });
    this.twin.setState({ importPreview: null });
  }

  close(): void {
    this.store.setState({ stage: 'closed' });
  }

  private async persist(territory: Territory): Promise<void> {
    const layers: Partial<Record<ImportLayer, unknown[]>> = {};
    for (const layer of this.layersImported) layers[layer] = territory[layer];
    try {
      await saveImports({ territoryId: territoryKey(territory), layers: layers as never, log: this.log });
    } catch (error) {
      // Quota or a refused database: the import stays in the page, and the user is told it is not saved.
      this.store.setState({ error: String(error) });
    }
  }
}
