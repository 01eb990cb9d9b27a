import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tightestBounds } from './zodIssues';
import { parseScene } from './scene';

describe('tightestBounds', () => {
  const schema = z.object({ minutes: z.number().int().min(-240).max(240), name: z.string().min(2).max(4) });
  const issuesOf = (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a failure');
    return parsed.error.issues;
  };

  it("keeps only the schema's own bound when .int()'s safe-integer range is broken too", () => {
    const all = issuesOf({ minutes: 1e300, name: 'abc' });
    expect(all.map((issue) => issue.code)).toEqual(['too_big', 'too_big']);
    expect(tightestBounds(all).map((issue) => (issue.code === 'too_big' ? issue.maximum : null))).toEqual([240]);
    const below = tightestBounds(issuesOf({ minutes: -1e21, name: 'abc' }));
    expect(below.map((issue) => (issue.code === 'too_small' ? issue.minimum : null))).toEqual([-240]);
  });

  it('keeps bounds of different fields and other issues, in their order', () => {
    const kept = tightestBounds(issuesOf({ minutes: 1e300, name: 'a' }));
    expect(kept.map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['minutes', 'too_big'],
      ['name', 'too_small'],
    ]);
    const other = issuesOf({ minutes: 2.5, name: 5 });
    expect(tightestBounds(other)).toEqual(other);
  });

  it("makes a scene file's message name the scene's bound", () => {
    expect(parseScene({ version: 1, id: 'a', caption: { fr: 'a', en: 'a' }, time: '2026-01-01T00:00:00Z', waste: { vehicles: 1e300 } }, 'scene.json').problem).toEqual({
      file: 'scene.json',
      field: 'waste.vehicles',
      expected: expect.stringMatching(/<=20$/),
    });
  });
});
