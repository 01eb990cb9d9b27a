import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { buildTour } from './tour';
import { warmUpStops } from './warmUp';
import type { SceneFile } from '../../domain/scene';

const folder = new URL('../../../scenes/kiosk/', import.meta.url);
const scenes: Record<string, unknown> = {};
for (const name of readdirSync(folder).filter((file) => file.endsWith('.json') && file !== 'tour.json')) {
  scenes[name.slice(0, -5)] = JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
}
const { tour } = buildTour(JSON.parse(readFileSync(new URL('tour.json', folder), 'utf8')), scenes);
const HOUR = 3_600_000;

describe('kiosk warm-up stops', () => {
  it('visits the start by day and night, every tour and choice scene once, and the end of a step whose clock runs', () => {
    const start = tour!.steps[0].scene;
    const stops = warmUpStops(start, tour);
    const keys = stops.map((stop) => `${stop.scene.id}@${stop.time}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(stops[0]).toEqual({ scene: start, time: Date.parse(start.time) });
    expect(stops[1]).toEqual({ scene: start, time: Date.parse(start.time) + 12 * HOUR });
    for (const step of tour!.steps) expect(keys).toContain(`${step.scene.id}@${Date.parse(step.scene.time)}`);
    for (const choice of tour!.choices) expect(keys).toContain(`${choice.scene.id}@${Date.parse(choice.scene.time)}`);
    const running = tour!.steps.find((step) => step.timeSpeed > 0)!;
    expect(keys).toContain(`${running.scene.id}@${Date.parse(running.scene.time) + running.seconds * 1000 * running.timeSpeed}`);
    // A live choice shows the present moment, by day or by night: both are visited.
    const live = tour!.choices.find((choice) => choice.liveTime)!;
    expect(keys).toContain(`${live.scene.id}@${Date.parse(live.scene.time) + 12 * HOUR}`);
  });

  it('without a tour, warms the start scene by day and night only', () => {
    const start = scenes.territoire as SceneFile;
    expect(warmUpStops(start, null).map((stop) => stop.time - Date.parse(start.time))).toEqual([0, 12 * HOUR]);
  });
});
