import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { buildTour, stepAt, tourFromScenes } from './tour';
import { readKioskTimes } from './kioskController';
import { clampPosition, limitsFor } from '../../globe/kioskCamera';

const folder = new URL('../../../scenes/kiosk/', import.meta.url);
const scenes: Record<string, unknown> = {};
for (const name of readdirSync(folder).filter((file) => file.endsWith('.json') && file !== 'tour.json')) {
  scenes[name.slice(0, -5)] = JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
}
const tourJson = JSON.parse(readFileSync(new URL('tour.json', folder), 'utf8')) as { steps: Array<{ scene: string }> };

describe('kiosk tour', () => {
  it('builds every step and the three choices from scenes/kiosk', () => {
    const { tour, problems } = buildTour(tourJson, scenes);
    expect(problems).toEqual([]);
    expect(tour!.steps.length).toBe(tourJson.steps.length);
    expect(tour!.choices.map((choice) => choice.id)).toEqual(['night', 'glass', 'sensors']);
    // Day and night: at least one step after dark (local hour ≥ 19 or < 6) and one by day.
    const hours = tour!.steps.map((step) => new Date(step.scene.time).getUTCHours());
    expect(hours.some((hour) => hour >= 18 || hour < 5)).toBe(true);
    expect(hours.some((hour) => hour >= 7 && hour <= 15)).toBe(true);
    for (const step of tour!.steps) {
      expect(step.scene.caption.fr).not.toBe(step.scene.caption.en);
      expect(step.flightSeconds).toBeLessThan(step.seconds);
    }
  });

  it('leaves out a step whose scene is missing or broken, and says which file', () => {
    const { tour, problems } = buildTour({ id: 't', steps: [{ scene: 'absent' }, { scene: 'nuit' }, { scene: 'bad' }] }, { ...scenes, bad: { id: 'bad', caption: { fr: 'a' } } });
    expect(tour!.steps.map((step) => step.scene.id)).toEqual(['nuit']);
    expect(problems.map((problem) => problem.file)).toEqual(['scenes/kiosk/absent.json', 'scenes/kiosk/bad.json']);
    expect(buildTour({ id: 't', steps: [] }, scenes).tour).toBeNull();
    expect(buildTour({ id: 't', steps: [{ scene: 'absent' }] }, scenes).tour).toBeNull();
  });

  it('loops through the steps by elapsed time', () => {
    const { tour } = buildTour({ id: 't', steps: [{ scene: 'nuit', seconds: 10 }, { scene: 'verre', seconds: 5 }] }, scenes);
    expect(stepAt(tour!, 0)).toEqual({ index: 0, intoMs: 0 });
    expect(stepAt(tour!, 9_999).index).toBe(0);
    expect(stepAt(tour!, 10_000)).toEqual({ index: 1, intoMs: 0 });
    expect(stepAt(tour!, 15_000 + 2_000)).toEqual({ index: 0, intoMs: 2_000 });
    const fromSession = tourFromScenes('session', [tour!.steps[0].scene, tour!.steps[1].scene], 8);
    expect(stepAt(fromSession, 9_000)).toEqual({ index: 1, intoMs: 1_000 });
  });

  it('reads idle times from the URL, with defaults and limits', () => {
    expect(readKioskTimes('')).toEqual({ attractAfterMs: 90_000, resetAfterMs: 90_000 });
    expect(readKioskTimes('?idle=5&reset=3')).toEqual({ attractAfterMs: 5_000, resetAfterMs: 3_000 });
    expect(readKioskTimes('?idle=-1&reset=abc')).toEqual({ attractAfterMs: 90_000, resetAfterMs: 90_000 });
  });
});

describe('kiosk camera limits', () => {
  const bounds = { west: 5.9, south: 48.2, east: 6.1, north: 48.35 };
  const limits = limitsFor(bounds);

  it('keep a camera inside as it is', () => {
    expect(clampPosition(6, 48.25, 2000, 300, limits)).toBeNull();
  });

  it('bring back a camera flown off sideways, into space or under the ground', () => {
    expect(clampPosition(12, 48.25, 2000, 300, limits)).toEqual([limits.east, 48.25, 2000]);
    expect(clampPosition(6, 10, 2000, 300, limits)).toEqual([6, limits.south, 2000]);
    expect(clampPosition(6, 48.25, 9e6, 300, limits)).toEqual([6, 48.25, limits.maxHeightMetres]);
    expect(clampPosition(6, 48.25, 100, 300, limits)).toEqual([6, 48.25, 300 + limits.minAboveGroundMetres]);
  });

  it('allow a margin around the territory but not much more', () => {
    expect(limits.west).toBeLessThan(bounds.west);
    expect(limits.east - limits.west).toBeLessThan((bounds.east - bounds.west) * 1.6);
    expect(limits.maxHeightMetres).toBeLessThan(100_000);
  });
});
