/** Scene files (scenes/*.json): what the view shows — camera, layers, time, caption in two languages. */
import { z } from 'zod';

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

export const sceneSchema = z.object({
  id: z.string().min(1),
  territory: z.string().min(1).default('demo/manifest.json'),
  caption: z.object({ fr: z.string(), en: z.string() }),
  camera: sceneCameraSchema.default('home'),
  time: z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: 'ISO 8601 date and time' }),
  layers: layersSchema.partial().default({}),
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
  const issue = parsed.error.issues[0];
  return { scene: null, problem: { file, field: issue.path.map(String).join('.') || '(racine)', expected: issue.message } };
}
