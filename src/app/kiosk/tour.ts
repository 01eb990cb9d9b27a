/**
 * The kiosk's attract tour: steps that each show a scene (camera, layers, time, caption) for a
 * while, flying slowly to it and turning around it. Today the tour is `scenes/kiosk/tour.json` and
 * the scene files beside it; a council session (issue 10) plugs in by giving `Tour` steps built
 * from its own scenes (`tourFromScenes`).
 */
import { z } from 'zod';
import { sceneSchema, type SceneFile } from '../../domain/scene';
import type { Problem } from '../../domain/problem';
import { tightestBounds } from '../../domain/zodIssues';

export interface TourStep {
  scene: SceneFile;
  /** How long the step stays on screen. */
  seconds: number;
  /** Duration of the flight to the scene's camera. */
  flightSeconds: number;
  /** Slow turn around the centre of the view once there (0: still). */
  orbitDegreesPerSecond: number;
  /** Simulated seconds per real second while the step shows (0: the scene's time stays). */
  timeSpeed: number;
}

export type ChoiceId = 'night' | 'glass' | 'sensors';

export interface TourChoice {
  id: ChoiceId;
  scene: SceneFile;
  /** Show the present moment (live data) rather than the scene's time. */
  liveTime: boolean;
}

export interface Tour {
  id: string;
  steps: TourStep[];
  choices: TourChoice[];
}

const stepSchema = z.object({
  scene: z.string().min(1),
  seconds: z.number().positive().max(600).default(15),
  flightSeconds: z.number().min(0).max(60).default(6),
  orbitDegreesPerSecond: z.number().min(-20).max(20).default(1.5),
  timeSpeed: z.number().min(0).max(86_400).default(0),
});

export const tourFileSchema = z.object({
  id: z.string().min(1),
  comment: z.string().optional(),
  steps: z.array(stepSchema).min(1),
  choices: z.array(z.object({ id: z.enum(['night', 'glass', 'sensors']), scene: z.string().min(1), liveTime: z.boolean().default(false) })).default([]),
});

/**
 * A tour from its file and the scene files it names (by id). Steps whose scene is missing or
 * invalid are left out and reported; a tour with no valid step is null.
 */
export function buildTour(tourJson: unknown, scenes: Record<string, unknown>, file = 'scenes/kiosk/tour.json'): { tour: Tour | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = tourFileSchema.safeParse(tourJson);
  if (!parsed.success) {
    const issue = tightestBounds(parsed.error.issues)[0];
    return { tour: null, problems: [{ code: 'invalid-field', file, field: issue.path.join('.'), expected: issue.message }] };
  }
  const sceneById = (id: string): SceneFile | null => {
    const json = scenes[id];
    if (json === undefined) {
      problems.push({ code: 'missing-file', file: `scenes/kiosk/${id}.json` });
      return null;
    }
    const scene = sceneSchema.safeParse(json);
    if (!scene.success) {
      const issue = tightestBounds(scene.error.issues)[0];
      problems.push({ code: 'invalid-field', file: `scenes/kiosk/${id}.json`, field: issue.path.join('.'), expected: issue.message });
      return null;
    }
    return scene.data;
  };
  const steps: TourStep[] = [];
  for (const step of parsed.data.steps) {
    const scene = sceneById(step.scene);
    if (scene) steps.push({ ...step, scene });
  }
  const choices: TourChoice[] = [];
  for (const choice of parsed.data.choices) {
    const scene = sceneById(choice.scene);
    if (scene) choices.push({ id: choice.id, scene, liveTime: choice.liveTime });
  }
  return { tour: steps.length > 0 ? { id: parsed.data.id, steps, choices } : null, problems };
}

/** A tour from plain scenes (e.g. a council session's), each shown for the same time. */
export function tourFromScenes(id: string, scenes: SceneFile[], seconds = 16): Tour {
  return { id, steps: scenes.map((scene) => ({ scene, seconds, flightSeconds: 6, orbitDegreesPerSecond: 1.5, timeSpeed: 0 })), choices: [] };
}

/** Which step plays at `elapsedMs` into a looping tour, and how far into it. */
export function stepAt(tour: Tour, elapsedMs: number): { index: number; intoMs: number } {
  const total = tour.steps.reduce((sum, step) => sum + step.seconds * 1000, 0);
  let t = ((elapsedMs % total) + total) % total;
  for (let index = 0; index < tour.steps.length; index++) {
    const length = tour.steps[index].seconds * 1000;
    if (t < length) return { index, intoMs: t };
    t -= length;
  }
  return { index: 0, intoMs: 0 };
}

const files = import.meta.glob('../../../scenes/kiosk/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

/** The kiosk's own tour, from scenes/kiosk/. */
export function loadKioskTour(): { tour: Tour | null; problems: Problem[] } {
  const scenes: Record<string, unknown> = {};
  let tourJson: unknown = null;
  for (const [path, json] of Object.entries(files)) {
    const name = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    if (name === 'tour') tourJson = json;
    else scenes[name] = json;
  }
  return buildTour(tourJson, scenes);
}
