/**
 * Start-up: reads the URL, the scene file and the territory manifest, and fills the store. Errors in
 * the data become problems shown to the user; what is valid is loaded.
 */
import { parseScene, sceneSchema, type SceneFile } from '../domain/scene';
import type { Problem } from '../domain/problem';
import { loadTerritory, readProblem, type FileSource } from '../io/territoryLoader';
import { LIMITS, checkSize } from '../io/limits';
import { resolveCodecPaths } from '../io/live/types';
import type { Observation } from '../domain/series/store';
import { defaultVisibility, type TwinStore } from '../store/store';
import type { AppParams } from './params';

const sceneFiles = import.meta.glob('../../scenes/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export function findScene(id: string): { scene: SceneFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const entry = Object.entries(sceneFiles).find(([path]) => path.endsWith(`/${id}.json`));
  const fallback = Object.entries(sceneFiles).find(([path]) => path.endsWith('/default.json'))!;
  if (!entry) problems.push({ code: 'missing-file', file: `scenes/${id}.json` });
  const [path, json] = entry ?? fallback;
  const parsed = parseScene(json, path.replace('../../', ''));
  if (parsed.scene) return { scene: parsed.scene, problems };
  problems.push({ code: 'invalid-field', ...parsed.problem });
  return { scene: sceneSchema.parse(fallback[1]), problems };
}

/**
 * Reads files from the page's own origin, relative to the manifest. A file larger than the limit
 * (src/io/limits.ts) is refused from its announced size, or while it streams in, never parsed.
 */
export function fetchSource(baseUrl: URL): FileSource {
  const get = async (path: string) => {
    const response = await fetch(new URL(path, baseUrl));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  };
  return {
    readText: async (path) => new TextDecoder().decode(await readCapped(await get(path), path)),
    readBinary: async (path) => (await readCapped(await get(path), path)).buffer as ArrayBuffer,
  };
}

async function readCapped(response: Response, file: string, limit: number = LIMITS.fileBytes): Promise<Uint8Array> {
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced)) checkSize(file, announced, limit);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      checkSize(file, received, limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) (bytes.set(chunk, offset), (offset += chunk.byteLength));
  return bytes;
}

export async function loadIntoStore(store: TwinStore, params: AppParams, scene: SceneFile, sceneProblems: Problem[]): Promise<void> {
  const manifestUrl = new URL(params.territory ?? scene.territory, document.baseURI);
  const directory = new URL('./', manifestUrl);
  const file = manifestUrl.pathname.slice(directory.pathname.length);
  const source = fetchSource(directory);
  const loaded = await loadTerritory(file, source);
  performance.mark('vigie:territory-read');
  const problems = [...sceneProblems, ...loaded.problems];
  // Sensor history files named by the manifest: what is valid loads, the rest is reported.
  const importedHistory: Observation[] = [];
  for (const entry of loaded.manifest?.history ?? []) {
    let text: string;
    try {
      text = await source.readText(entry.file);
    } catch (error) {
      problems.push(readProblem(entry.file, error));
      continue;
    }
    // The history readers (and papaparse) only for a territory that names history files.
    const { parseDataArray, parseHistoryCsv } = await import('../io/history');
    const parsed = entry.format === 'csv' ? parseHistoryCsv(text, entry.file) : parseDataArray(text, entry.file, entry.datastreams);
    problems.push(...parsed.problems);
    for (const observation of parsed.observations) importedHistory.push(observation);
  }
  if (!loaded.manifest) {
    store.setState({ status: 'failed', problems });
    return;
  }
  store.setState({
    status: 'ready',
    territory: loaded.territory,
    heightmap: loaded.heightmap,
    landCover: loaded.landCover,
    imageryTiles: loaded.imageryTiles ?? [],
    sources: loaded.manifest.sources,
    attribution: loaded.manifest.attribution,
    problems,
    visible: { ...defaultVisibility, ...scene.layers },
    caption: scene.caption,
    time: Date.parse(scene.time),
    services: resolveCodecPaths(loaded.manifest.services, directory),
    fictitious: loaded.manifest.fictitious,
    importedHistory,
    language: params.language,
    mode: params.mode,
  });
}
