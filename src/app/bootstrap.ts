/**
 * Start-up: reads the URL, the scene file and the territory manifest, and fills the store. Errors in
 * the data become problems shown to the user; what is valid is loaded.
 */
import { sceneSchema, type SceneFile } from '../domain/scene';
import type { Problem } from '../domain/problem';
import { loadTerritory, type FileSource } from '../io/territoryLoader';
import { parseDataArray, parseHistoryCsv } from '../io/history';
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
  const parsed = sceneSchema.safeParse(json);
  if (parsed.success) return { scene: parsed.data, problems };
  const issue = parsed.error.issues[0];
  problems.push({ code: 'invalid-field', file: path.replace('../../', ''), field: issue.path.join('.'), expected: issue.message });
  return { scene: sceneSchema.parse(fallback[1]), problems };
}

/** Reads files from the page's own origin, relative to the manifest. */
export function fetchSource(baseUrl: URL): FileSource {
  const get = async (path: string) => {
    const response = await fetch(new URL(path, baseUrl));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  };
  return {
    readText: async (path) => (await get(path)).text(),
    readBinary: async (path) => (await get(path)).arrayBuffer(),
  };
}

export async function loadIntoStore(store: TwinStore, params: AppParams, scene: SceneFile, sceneProblems: Problem[]): Promise<void> {
  const manifestUrl = new URL(params.territory ?? scene.territory, document.baseURI);
  const directory = new URL('./', manifestUrl);
  const file = manifestUrl.pathname.slice(directory.pathname.length);
  const source = fetchSource(directory);
  const loaded = await loadTerritory(file, source);
  const problems = [...sceneProblems, ...loaded.problems];
  // Sensor history files named by the manifest: what is valid loads, the rest is reported.
  const importedHistory: Observation[] = [];
  for (const entry of loaded.manifest?.history ?? []) {
    let text: string;
    try {
      text = await source.readText(entry.file);
    } catch (error) {
      problems.push({ code: 'missing-file', file: entry.file, detail: String(error) });
      continue;
    }
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
    services: loaded.manifest.services,
    fictitious: loaded.manifest.fictitious,
    importedHistory,
    language: params.language,
    mode: params.mode,
  });
}
