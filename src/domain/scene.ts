/**
 * Scene files (scenes/*.json): what the view shows — camera, layers, time, caption in two languages.
 * A scene is also a slide of a council session (src/domain/session): it may say whether time
 * plays, what the time bar shows, a lighting or waste scenario to compare with today, the view mode
 * (single, split or swipe), a title and up to four key figures. Those fields are optional, so the
 * first scene files (version 1) still parse; `migrateScene` (src/domain/session/schema.ts) brings
 * any version to the current one.
 */
import { z } from 'zod';
import { tightestBounds } from './zodIssues';

const layersSchema = z.object({
  roads: z.boolean(),
  buildings: z.boolean(),
  streetLights: z.boolean(),
  cabinets: z.boolean(),
  collectionPoints: z.boolean(),
  facilities: z.boolean(),
  sensors: z.boolean(),
  communes: z.boolean(),
});

export const sceneCameraSchema = z.union([
  z.literal('home'),
  z.object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    heightMetres: z.number().positive(),
    headingDegrees: z.number().default(0),
    pitchDegrees: z.number().min(-90).max(0).default(-35),
  }),
  /** Looks at the largest commune's centre (`seat`) or at a commune by id. */
  z.object({
    focus: z.string().min(1),
    rangeMetres: z.number().positive(),
    headingDegrees: z.number().default(0),
    pitchDegrees: z.number().min(-90).max(0).default(-35),
  }),
]);

export const SCENE_VERSION = 2;

const textSchema = z.object({ fr: z.string(), en: z.string() });

/** The key figures a slide can show big (per side and their difference). */
export const FIGURE_KEYS = [
  'lighting.costEuros',
  'lighting.energyMwh',
  'lighting.co2Tonnes',
  'lighting.darkHours',
  'waste.km',
  'waste.hours',
  'waste.dieselLitres',
  'waste.overflows',
  'waste.costEuros',
  'waste.co2Tonnes',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** A lighting scenario: the id of a file in scenes/lighting/, or the scenario itself (checked when used). */
export const sceneLightingSchema = z.union([z.object({ id: z.string().regex(/^[a-z0-9-]+$/i) }), z.object({ inline: z.record(z.string(), z.unknown()) })]);

export const sceneWasteSchema = z.object({
  policy: z.enum(['fixed', 'fill-level']).default('fill-level'),
  thresholdPercent: z.number().min(1).max(100).default(80),
  vehicles: z.number().int().min(1).max(20).default(2),
  weeks: z.number().int().min(1).max(12).default(1),
});

export const sceneViewSchema = z.object({
  mode: z.enum(['single', 'split', 'swipe']).default('single'),
  /** Where the divider stands, as a share of the width from the left. */
  divider: z.number().min(0).max(1).default(0.5),
});

export const sceneSchema = z.object({
  /** Absent in the first scene files (version 1). */
  version: z.number().int().min(1).optional(),
  id: z.string().min(1),
  title: textSchema.optional(),
  territory: z.string().min(1).default('demo/manifest.json'),
  caption: z.object({ fr: z.string(), en: z.string() }),
  camera: sceneCameraSchema.default('home'),
  time: z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: 'ISO 8601 date and time' }),
  layers: layersSchema.partial().default({}),
  /** Whether time runs when the slide opens, and how fast (simulated seconds a second). */
  playing: z.boolean().optional(),
  speed: z.number().positive().optional(),
  /** What the time bar shows: everything, only the clock, or nothing. */
  timeBar: z.enum(['full', 'clock', 'hidden']).optional(),
  lighting: sceneLightingSchema.optional(),
  waste: sceneWasteSchema.optional(),
  view: sceneViewSchema.optional(),
  figures: z.array(z.enum(FIGURE_KEYS)).max(4).optional(),
});

export type SceneFile = z.infer<typeof sceneSchema>;
export type SceneCameraSpec = z.infer<typeof sceneCameraSchema>;

/** A problem with a scene file: the file, the field and what was expected. */
export interface SceneProblem {
  file: string;
  field: string;
  expected: string;
}

/** Validates a scene file's JSON: the scene with its defaults, or the first problem, named. */
export function parseScene(json: unknown, file: string): { scene: SceneFile; problem: null } | { scene: null; problem: SceneProblem } {
  const parsed = sceneSchema.safeParse(json);
  if (parsed.success) return { scene: parsed.data, problem: null };
  const issue = tightestBounds(parsed.error.issues)[0];
  return { scene: null, problem: { file, field: issue.path.map(String).join('.') || '(racine)', expected: issue.message } };
}
