/**
 * The real-commune flow, outside React: search (offline list), consent, build from the public
 * services (the pipeline is loaded on demand), storage in IndexedDB, opening a stored twin, zip
 * export and import. Opening puts the territory in the app's store through the same loader as the
 * demo, and writes `?stored=ID` in the address so that a reload reopens it, offline.
 */
import { createStore } from 'zustand/vanilla';
import type { Problem } from '../../domain/problem';
import type { SourceId, SourceProgress } from '../../io/public/build';
import { loadTerritory } from '../../io/territoryLoader';
import { defaultVisibility, type TwinStore } from '../../store/store';
import { HOSTS } from './config';
import { describeProblem, labelled, listed, translate, type MessageKey } from '../i18n';
import { loadCommuneSearch, type SearchHit } from './search';
import { describeSourceProblem } from './sourceProblems';
import { deleteTerritory, listTerritories, readTerritory, saveTerritory, StorageError, type StoredSummary } from './storage';

export type Phase = 'idle' | 'consent' | 'building' | 'failed';

export interface CommuneState {
  query: string;
  hits: SearchHit[];
  /** The index is being fetched, or could not be. */
  indexStatus: 'idle' | 'loading' | 'ready' | 'failed';
  chosen: SearchHit | null;
  phase: Phase;
  progress: Record<SourceId, SourceProgress> | null;
  /** Message of a build, storage or import failure, in the page's language when it was said. */
  error: string;
  /** Non-fatal message (storage full, but the twin opened). */
  notice: string;
  stored: StoredSummary[];
  /** The id of the real territory on screen, or null for the demo. */
  current: string | null;
}

export function createCommuneStore() {
  return createStore<CommuneState>()(() => ({
    query: '',
    hits: [],
    indexStatus: 'idle',
    chosen: null,
    phase: 'idle',
    progress: null,
    error: '',
    notice: '',
    stored: [],
    current: null,
  }));
}

/** Figures of the last build, for the benchmark (`window.vigie.commune()` with ?debug=1). */
export interface BuildStats {
  id: string;
  bytesFetched: number;
  storedBytes: number;
  /** Main-thread milliseconds converting, validating and storing (not waiting for the network). */
  processingMs: number;
  /** From "agree" to the territory in the store. */
  buildMs: number;
}

export class CommuneController {
  readonly store = createCommuneStore();
  lastBuild: BuildStats | null = null;
  private abort: AbortController | null = null;
  private searchSeq = 0;

  constructor(private readonly twin: TwinStore) {}

  /** A sentence in the page's language at the time it is said. */
  private say(key: MessageKey, params: Record<string, string | number> = {}): string {
    return translate(this.twin.getState().language, key, params);
  }

  private storageMessage(error: unknown): string {
    if (!(error instanceof StorageError)) return String(error);
    return error.kind === 'quota' ? this.say('commune.storageFull') : this.say('commune.storageFailed', { detail: error.detail });
  }

  async refreshStored(): Promise<void> {
    this.store.setState({ stored: await listTerritories() });
  }

  async search(query: string): Promise<void> {
    const seq = ++this.searchSeq;
    this.store.setState({ query });
    if (query.trim().length < 2) return this.store.setState({ hits: [] });
    if (this.store.getState().indexStatus !== 'ready') this.store.setState({ indexStatus: 'loading' });
    try {
      const search = await loadCommuneSearch();
      if (seq !== this.searchSeq) return;
      this.store.setState({ hits: search.search(query), indexStatus: 'ready' });
    } catch {
      this.store.setState({ indexStatus: 'failed', hits: [] });
    }
  }

  /** Chooses a commune or an EPCI and asks for consent; nothing is contacted yet. */
  choose(hit: SearchHit): void {
    this.store.setState({ chosen: hit, phase: 'consent', error: '', progress: null });
  }

  /** `?commune=INSEE` or `?epci=SIREN`: find it in the offline list and ask for consent. */
  async chooseByCode(kind: 'commune' | 'epci', code: string): Promise<void> {
    try {
      const search = await loadCommuneSearch();
      const hit = kind === 'commune' ? search.commune(code) : search.epci(code);
      if (hit) this.choose(hit);
      else this.store.setState({ error: this.say(kind === 'commune' ? 'commune.unknownInsee' : 'commune.unknownSiren', { code }) });
    } catch {
      this.store.setState({ indexStatus: 'failed' });
    }
  }

  dismiss(): void {
    this.abort?.abort();
    this.store.setState({ phase: 'idle', chosen: null, progress: null, error: '' });
  }

  /** After "agree": builds, stores, opens. */
  async agree(): Promise<void> {
    const hit = this.store.getState().chosen;
    if (!hit) return;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.store.setState({ phase: 'building', error: '', notice: '', progress: null });
    const startedAt = performance.now();
    let built;
    try {
      const { buildTerritory } = await import('../../io/public/build');
      built = await buildTerritory(
        { kind: hit.kind, code: hit.code, name: hit.name },
        { hosts: HOSTS, signal, onProgress: (progress) => !signal.aborted && this.store.setState({ progress }) },
      );
    } catch (error) {
      if (signal.aborted) return this.store.setState({ phase: 'idle', chosen: null, progress: null });
      const { BuildError } = await import('../../io/public/build');
      const language = this.twin.getState().language;
      const message = error instanceof BuildError ? labelled(language, this.say('commune.source.outline'), describeSourceProblem(language, error.problem)) : this.say('commune.problem.unexpected', { detail: String((error as Error)?.message ?? error) });
      return this.store.setState({ phase: 'failed', error: message });
    }
    const { totalBytes } = await import('../../io/public/package');
    const summary: StoredSummary = {
      id: built.id,
      name: built.name,
      builtAt: new Date().toISOString(),
      bytes: totalBytes(built.files),
      target: `${hit.kind === 'commune' ? 'commune' : 'EPCI'} ${hit.code}`,
    };
    let notice = '';
    const saveStart = performance.now();
    try {
      await saveTerritory(summary, built.files);
    } catch (error) {
      notice = this.storageMessage(error);
    }
    const saveMs = performance.now() - saveStart;
    const failed = Object.values(built.progress).filter((p) => p.status === 'failed').length;
    const openStart = performance.now();
    const opened = await this.openFiles(built.files, built.id, notice === '');
    const openMs = performance.now() - openStart;
    this.lastBuild = {
      id: built.id,
      bytesFetched: built.bytesFetched,
      storedBytes: summary.bytes,
      processingMs: built.processingMs + saveMs + openMs,
      buildMs: performance.now() - startedAt,
    };
    this.store.setState({ phase: opened ? 'idle' : 'failed', chosen: opened ? null : hit, notice, progress: failed > 0 ? built.progress : null });
    await this.refreshStored();
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** Loads files through the same loader as the demo and puts them on screen. */
  async openFiles(files: ReadonlyMap<string, Uint8Array>, id: string | null, remember: boolean): Promise<boolean> {
    const { memorySource } = await import('../../io/public/package');
    const loaded = await loadTerritory('manifest.json', memorySource(files));
    if (!loaded.manifest) {
      // Each problem worded as the loader's problems are everywhere (the file, the field, what was expected).
      const language = this.twin.getState().language;
      this.store.setState({ error: listed(language, loaded.problems.map((problem) => describeProblem(language, problem))) || this.say('commune.unreadableManifest') });
      return false;
    }
    const previous = this.twin.getState();
    document.documentElement.dataset.twinReady = 'false';
    this.twin.setState({
      status: 'ready',
      territory: loaded.territory,
      heightmap: loaded.heightmap,
      landCover: loaded.landCover,
      imageryTiles: loaded.imageryTiles ?? [],
      sources: loaded.manifest.sources,
      attribution: loaded.manifest.attribution,
      problems: loaded.problems,
      visible: { ...defaultVisibility, ...previous.visible, communes: true, buildings: true },
      selection: null,
      caption: null,
      routes: null,
      lampLevels: null,
      sensorLevels: null,
      services: [],
      fictitious: loaded.manifest.fictitious,
      importedHistory: [],
    });
    this.store.setState({ current: id });
    if (remember && id) {
      const url = new URL(window.location.href);
      for (const key of ['territory', 'commune', 'epci', 'scene']) url.searchParams.delete(key);
      url.searchParams.set('stored', id);
      window.history.replaceState(null, '', url);
    }
    return true;
  }

  /** Opens a twin kept in this browser (no network). */
  async openStored(id: string): Promise<boolean> {
    let record;
    try {
      record = await readTerritory(id);
    } catch (error) {
      this.store.setState({ error: this.say('commune.storedUnreadable', { detail: (error as Error).message }) });
      return false;
    }
    if (!record) {
      this.store.setState({ error: this.say('commune.storedMissing', { id }) });
      return false;
    }
    return this.openFiles(record.files, id, true);
  }

  async remove(id: string): Promise<void> {
    await deleteTerritory(id);
    await this.refreshStored();
  }

  /** One zip with the manifest and its data, downloaded by the browser. */
  async exportZip(id: string): Promise<void> {
    const record = await readTerritory(id);
    if (!record) return;
    const { toZip } = await import('../../io/public/package');
    const zip = toZip(record.files);
    const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `vigie-${id}.zip`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** A zip made by the export (or by `npm run territory` then zipped): validated, stored, opened. */
  async importZip(file: File): Promise<void> {
    this.store.setState({ error: '', notice: '' });
    const { fromZip, totalBytes, ZipError } = await import('../../io/public/package');
    let files: Map<string, Uint8Array>;
    try {
      files = fromZip(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      const what = error instanceof ZipError ? this.say(error.kind === 'unreadable' ? 'commune.zipUnreadable' : 'commune.zipNoManifest', { detail: error.detail }) : String(error);
      return this.store.setState({ error: this.say('commune.fileProblem', { file: file.name, what }) });
    }
    let name = file.name.replace(/\.zip$/i, '');
    try {
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as { name?: unknown; built?: { target?: { kind?: string; code?: string } } };
      if (typeof manifest.name === 'string') name = manifest.name;
      const target = manifest.built?.target;
      if (target?.kind && target.code) name = name || `${target.kind} ${target.code}`;
    } catch {
      /* the loader reports it below */
    }
    const id = `zip-${name.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'territoire'}`;
    const opened = await this.openFiles(files, id, false);
    if (!opened) {
      const problems: Problem[] = this.twin.getState().problems;
      if (problems.length === 0) this.store.setState({ error: this.say('commune.fileProblem', { file: file.name, what: this.store.getState().error }) });
      return;
    }
    try {
      await saveTerritory({ id, name, builtAt: new Date().toISOString(), bytes: totalBytes(files), target: file.name }, files);
      const url = new URL(window.location.href);
      url.searchParams.set('stored', id);
      window.history.replaceState(null, '', url);
    } catch (error) {
      this.store.setState({ notice: this.storageMessage(error) });
    }
    await this.refreshStored();
  }

  /** Back to the demo: reload without the real territory in the address. */
  backToDemo(): void {
    const url = new URL(window.location.href);
    url.searchParams.delete('stored');
    window.location.assign(url);
  }
}
