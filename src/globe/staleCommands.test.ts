import { describe, expect, it } from 'vitest';
import { releaseStaleCommands, sceneViews, type ViewLike } from './staleCommands';

const command = (name: string) => ({ name });

describe('releaseStaleCommands', () => {
  it("cuts each pass's array to the frame's count and keeps the commands drawn", () => {
    const a = command('a');
    const b = command('b');
    const stale = command('destroyed model');
    const view: ViewLike = {
      frustumCommandsList: [
        { commands: [[a, b, stale, stale], [], [stale]], indices: [2, 0, 0] },
        { commands: [[a], [b]], indices: [1, 1] },
      ],
    };
    expect(releaseStaleCommands([view])).toBe(3);
    expect(view.frustumCommandsList[0]!.commands).toEqual([[a, b], [], []]);
    expect(view.frustumCommandsList[1]!.commands).toEqual([[a], [b]]);
    expect(JSON.stringify(view)).not.toContain('destroyed model');
    // Nothing left to clear: a second call changes nothing.
    expect(releaseStaleCommands([view])).toBe(0);
  });

  it('skips missing views and frustums', () => {
    expect(releaseStaleCommands([undefined, null, { frustumCommandsList: [undefined] }])).toBe(0);
  });

  it("lists a scene's distinct views", () => {
    const main: ViewLike = { frustumCommandsList: [] };
    const offscreen: ViewLike = { frustumCommandsList: [] };
    expect(sceneViews({ _defaultView: main, _view: main, _picking: { _pickOffscreenView: offscreen } })).toEqual([main, offscreen]);
  });
});
