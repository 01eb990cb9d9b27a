import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { SCENE_VERSION, sceneSchema } from '../scene';
import { SESSION_VERSION, migrateScene, migrateSession, sessionFileSchema } from './schema';
import { DEFAULT_VIEW_STATE, LINK_LAYERS, decodeViewState, encodeViewState, type ViewState } from './urlState';

const scenes = fileURLToPath(new URL('../../../scenes/', import.meta.url));
const readScene = (id: string): unknown => {
  try {
    return JSON.parse(readFileSync(`${scenes}${id}.json`, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
};

describe('scenes as slides', () => {
  it('a version 1 scene migrates to the current version with the slide defaults', () => {
    const v1 = readScene('default') as Record<string, unknown>;
    expect(v1.version).toBeUndefined();
    const migrated = migrateScene(v1);
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.from).toBe(1);
    expect(migrated.value.version).toBe(SCENE_VERSION);
    expect(migrated.value.view).toEqual({ mode: 'single', divider: 0.5 });
    expect(migrated.value.figures).toEqual([]);
    expect(migrated.value.caption).toEqual(v1.caption);
  });

  it('refuses a scene from a newer Vigie, bad figures and more than four of them, naming the field', () => {
    const v1 = readScene('default') as Record<string, unknown>;
    const newer = migrateScene({ ...v1, version: SCENE_VERSION + 1 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) expect(newer.problems[0].path).toBe('version');
    const paths = (scene: unknown) => sceneSchema.safeParse(scene).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...v1, figures: ['lighting.costEuros', 'nope'] })).toEqual(['figures.1']);
    expect(paths({ ...v1, figures: ['lighting.costEuros', 'lighting.energyMwh', 'lighting.co2Tonnes', 'lighting.darkHours', 'waste.km'] })).toEqual(['figures']);
    expect(paths({ ...v1, view: { mode: 'triple' } })).toEqual(['view.mode']);
    expect(paths({ ...v1, lighting: { id: '../etc' } })?.[0]).toMatch(/^lighting/);
  });
});

describe('sessions', () => {
  const files = readdirSync(`${scenes}sessions`).filter((name) => name.endsWith('.json'));

  it('every demo session file reads, names existing scenes and is current', () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const name of files) {
      const json = JSON.parse(readFileSync(`${scenes}sessions/${name}`, 'utf8')) as unknown;
      expect(sessionFileSchema.safeParse(json).error?.issues ?? []).toEqual([]);
      const migrated = migrateSession(json, readScene);
      expect(migrated.ok ? [] : migrated.problems).toEqual([]);
      if (migrated.ok) expect(`${migrated.value.id}.json`).toBe(name);
    }
  });

  it('the council demo has four slides or more, one of them the 23h–5h extinction split', () => {
    const json = JSON.parse(readFileSync(`${scenes}sessions/conseil-demo.json`, 'utf8')) as unknown;
    const migrated = migrateSession(json, readScene);
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.value.slides.length).toBeGreaterThanOrEqual(4);
    expect(migrated.value.slides.some((slide) => slide.view?.mode === 'split' && slide.lighting && 'id' in slide.lighting && slide.lighting.id === 'extinction-23h-5h')).toBe(true);
  });

  it('a version 1 session (scenes, French title, ISO time) migrates to version 2', () => {
    const v1 = { format: 'vigie-session', version: 1, id: 'ancienne', title: 'Séance de mars', date: '2026-03-12T18:30:00+01:00', author: 'Services techniques', scenes: ['default', 'rue'] };
    const migrated = migrateSession(v1, readScene);
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.from).toBe(1);
    expect(migrated.value.version).toBe(SESSION_VERSION);
    expect(migrated.value.title).toEqual({ fr: 'Séance de mars', en: 'Séance de mars' });
    expect(migrated.value.date).toBe('2026-03-12');
    expect(migrated.value.slides.map((slide) => slide.id)).toEqual(['default', 'rue']);
  });

  it('says what is wrong: unknown scene, bad date, newer version, not a session', () => {
    const base = { format: 'vigie-session', version: SESSION_VERSION, id: 's', title: { fr: 'a', en: 'b' }, date: '2026-03-12', author: 'x', slides: ['default'] };
    const problems = (json: unknown) => {
      const result = migrateSession(json, readScene);
      return result.ok ? [] : result.problems.map((problem) => problem.path);
    };
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, slides: ['default', 'nulle-part'] })).toEqual(['slides.1']);
    expect(problems({ ...base, date: '12/03/2026' })).toEqual(['date']);
    expect(problems({ ...base, version: SESSION_VERSION + 1 })).toEqual(['version']);
    expect(problems({ ...base, format: 'autre' })).toEqual(['format']);
    expect(problems([1, 2])).toEqual(['(racine)']);
    expect(problems({ ...base, slides: [] })).toEqual(['slides']);
  });
});

function randomState(random: () => number): ViewState {
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const maybe = <T,>(make: () => T): T | null => (random() < 0.3 ? null : make());
  const fixed = (value: number, digits: number) => Number(value.toFixed(digits)) + 0;
  const session = random() < 0.5;
  return {
    scene: session ? null : maybe(() => pick(['default', 'rue', 'centre-bourg', 'a-b-9'])),
    session: session ? pick(['conseil-demo', 'x1']) : null,
    slide: session ? Math.floor(random() * 60) : 0,
    camera: maybe(() => ({
      lon: fixed(random() * 360 - 180, 7),
      lat: fixed(random() * 180 - 90, 7),
      heightMetres: fixed(1 + random() * 1e6, 2),
      headingDegrees: fixed(random() * 360, 3),
      pitchDegrees: fixed(-random() * 90, 3),
      rollDegrees: fixed(random() * 2 - 1, 3),
    })),
    time: maybe(() => Math.floor(Date.UTC(2020, 0, 1) + random() * 1e11)),
    playing: random() < 0.5,
    layers: maybe(() => Object.fromEntries(LINK_LAYERS.map((layer) => [layer, random() < 0.5])) as ViewState['layers'] & object),
    language: pick(['fr', 'en'] as const),
    mode: pick(['planning', 'engineer', 'kiosk'] as const),
    view: pick(['single', 'split', 'swipe'] as const),
    divider: 0.5,
    lighting: maybe(() =>
      random() < 0.5
        ? { id: pick(['extinction-23h-5h', 'abaissement-50']) }
        : { inline: { format: 'vigie-lighting-scenario', version: 1, id: `s${Math.floor(random() * 1e6)}`, name: 'Coupure « été » — 23h→5h, 50 % €', cuts: [{ start: '23:00', end: '05:00' }] } },
    ),
    waste: maybe(() => ({ policy: pick(['fixed', 'fill-level'] as const), thresholdPercent: 1 + Math.floor(random() * 100), vehicles: 1 + Math.floor(random() * 20), weeks: 1 + Math.floor(random() * 12) })),
  };
}

describe('share links', () => {
  it('encode then decode gives the same state, on 2,000 random states', () => {
    const random = seededRandom(20261202);
    for (let i = 0; i < 2000; i++) {
      const state = randomState(random);
      if (state.view !== 'single') state.divider = Number(random().toFixed(3));
      const decoded = decodeViewState(encodeViewState(state));
      expect(decoded.ok ? decoded.state : decoded.problems).toEqual(state);
    }
  });

  it('a link from before versioning still opens', () => {
    const decoded = decodeViewState('?scene=rue&lang=en&mode=engineer&msaa=1');
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.state).toEqual({ ...DEFAULT_VIEW_STATE, scene: 'rue', language: 'en', mode: 'engineer' });
  });

  it('a tampered link is refused with the parameter named', () => {
    const good = encodeViewState({ ...DEFAULT_VIEW_STATE, scene: 'rue', camera: { lon: 6.9, lat: 48.3, heightMetres: 800, headingDegrees: 10, pitchDegrees: -30, rollDegrees: 0 }, time: Date.UTC(2026, 11, 15, 22, 30), lighting: { inline: { id: 'x' } } });
    expect(decodeViewState(good).ok).toBe(true);
    const tamper = (name: string, value: string) => {
      const params = new URLSearchParams(good);
      params.set(name, value);
      const decoded = decodeViewState(params.toString());
      return decoded.ok ? [] : decoded.problems;
    };
    expect(tamper('cam', '6.9,48.3,abc,0,0,0')[0]).toMatch(/^cam/);
    expect(tamper('t', 'hier')[0]).toMatch(/^t=/);
    expect(tamper('layers', '10x')[0]).toMatch(/^layers/);
    expect(tamper('lightz', 'N4Ig' + 'zzzz')[0]).toMatch(/^lightz/);
    expect(tamper('v', '99')[0]).toMatch(/plus récente/);
    expect(tamper('scene', '../../etc/passwd')[0]).toMatch(/^scene/);
    expect(tamper('div', '7')[0]).toMatch(/^div/);
  });
});
