/**
 * Every scene file (scenes/*.json) parses with sceneSchema (src/domain/scene.ts), is found under
 * the name the URL gives (`?scene=<id>` looks for `<id>.json`), and says nothing the schema would
 * silently drop (a misspelt layer name would be stripped, and the layer left as it was).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sceneSchema } from '../../src/domain/scene';

const directory = fileURLToPath(new URL('../../scenes/', import.meta.url));
const names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();

describe('scene files', () => {
  it('include the default scene the app falls back to', () => {
    expect(names).toContain('default.json');
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of names) {
    it(`${name} parses, is named after its id and keeps every key it sets`, () => {
      const json = JSON.parse(readFileSync(directory + name, 'utf8')) as Record<string, unknown>;
      const parsed = sceneSchema.safeParse(json);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const scene = parsed.data!;
      expect(`${scene.id}.json`).toBe(name);
      expect(scene.caption.fr.trim()).not.toBe('');
      expect(scene.caption.en.trim()).not.toBe('');
      expect(scene.caption.en).not.toBe(scene.caption.fr);
      // A time with its offset, so that the sun and the lights are where the caption says.
      expect(scene.time).toMatch(/(Z|[+-]\d\d:\d\d)$/);
      expect(Object.keys(json).sort()).toEqual(Object.keys(scene).filter((key) => key in json).sort());
      expect(Object.keys(scene.layers).sort()).toEqual(Object.keys((json.layers ?? {}) as object).sort());
      if (typeof json.camera === 'object') expect(Object.keys(scene.camera as object)).toEqual(expect.arrayContaining(Object.keys(json.camera as object)));
    });
  }

  it('a misspelt or mistyped scene is refused, the field named', () => {
    const good = JSON.parse(readFileSync(directory + 'default.json', 'utf8')) as Record<string, unknown>;
    const issues = (scene: unknown) => sceneSchema.safeParse(scene).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ ...good, time: 'demain' })).toEqual(['time']);
    expect(issues({ ...good, caption: { fr: 'Seulement en français' } })).toEqual(['caption.en']);
    expect(issues({ ...good, camera: { lon: 6.9, lat: 48.3, heightMetres: -5 } })).toEqual(['camera.heightMetres']);
    expect(issues({ ...good, layers: { roads: 'oui' } })).toEqual(['layers.roads']);
  });
});
