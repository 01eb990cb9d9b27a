/**
 * A council session ("séance"): an ordered list of scenes (slides) with a title, a date and an
 * author. Plain JSON, validated with zod, versioned: `migrateSession` and `migrateScene` bring a
 * file of any earlier version to the current one, step by step (as zustand's persist does with
 * `version` and `migrate`), and refuse a file from a newer Vigie with a clear message.
 */
import { z } from 'zod';
import { SCENE_VERSION, sceneSchema, type SceneFile } from '../scene';
import { tightestBounds } from '../zodIssues';

export const SESSION_FORMAT = 'vigie-session';
export const SESSION_VERSION = 2;

const textSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) });

/** The current session format: every slide is a full scene. */
export const sessionSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/i, 'letters, digits and dashes'),
  title: textSchema,
  /** The day of the meeting, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  author: z.string().min(1),
  slides: z.array(sceneSchema).min(1).max(60),
});
export type Session = z.output<typeof sessionSchema>;

/** A session file as written in scenes/sessions/: slides may name a scene file instead of holding it. */
export const sessionFileSchema = sessionSchema.extend({
  slides: z.array(z.union([z.string().regex(/^[a-z0-9-]+$/i), sceneSchema])).min(1).max(60),
});

export type Migrated<T> = { ok: true; value: T; from: number } | { ok: false; problems: Array<{ path: string; message: string }> };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemsOf(error: z.ZodError, prefix = ''): Array<{ path: string; message: string }> {
  return tightestBounds(error.issues).map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(racine)', message: issue.message }));
}

/**
 * Scene migrations, from version N to N + 1. Version 1 (no `version` field) had camera, layers,
 * time and caption only: version 2 adds the slide fields with their defaults.
 */
const SCENE_MIGRATIONS: Record<number, (scene: Record<string, unknown>) => Record<string, unknown>> = {
  1: (scene) => ({ ...scene, version: 2, playing: scene.playing ?? false, timeBar: scene.timeBar ?? 'full', view: scene.view ?? { mode: 'single', divider: 0.5 }, figures: scene.figures ?? [] }),
};

export function migrateScene(json: unknown): Migrated<SceneFile> {
  if (!isObject(json)) return { ok: false, problems: [{ path: '(racine)', message: 'expected an object' }] };
  const from = json.version === undefined ? 1 : json.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return { ok: false, problems: [{ path: 'version', message: 'expected a whole number from 1' }] };
  if (from > SCENE_VERSION) return { ok: false, problems: [{ path: 'version', message: `version ${from} comes from a newer Vigie (this one reads up to ${SCENE_VERSION})` }] };
  let current: Record<string, unknown> = json;
  for (let version = from; version < SCENE_VERSION; version++) current = SCENE_MIGRATIONS[version](current);
  const parsed = sceneSchema.safeParse(current);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, value: parsed.data, from };
}

/**
 * Session migrations. Version 1 called the slides `scenes`, gave the title in French only
 * (`title: string`) and the date as a full ISO time; version 2 has `slides`, `title: {fr, en}` and
 * a day.
 */
const SESSION_MIGRATIONS: Record<number, (session: Record<string, unknown>) => Record<string, unknown>> = {
  1: (session) => {
    const { scenes, ...rest } = session;
    const title = typeof session.title === 'string' ? { fr: session.title, en: session.title } : session.title;
    const date = typeof session.date === 'string' ? session.date.slice(0, 10) : session.date;
    return { ...rest, slides: session.slides ?? scenes, title, date, version: 2 };
  },
};

/**
 * Reads a session of any known version. `resolve` turns a scene name into its file (for session
 * files that name scenes); each slide is migrated too.
 */
export function migrateSession(json: unknown, resolve: (id: string) => unknown = () => undefined): Migrated<Session> {
  if (!isObject(json)) return { ok: false, problems: [{ path: '(racine)', message: 'expected an object' }] };
  if (json.format !== SESSION_FORMAT) return { ok: false, problems: [{ path: 'format', message: `expected "${SESSION_FORMAT}"` }] };
  const from = json.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return { ok: false, problems: [{ path: 'version', message: 'expected a whole number from 1' }] };
  if (from > SESSION_VERSION) return { ok: false, problems: [{ path: 'version', message: `version ${from} comes from a newer Vigie (this one reads up to ${SESSION_VERSION})` }] };
  let current: Record<string, unknown> = json;
  for (let version = from; version < SESSION_VERSION; version++) current = SESSION_MIGRATIONS[version](current);
  const problems: Array<{ path: string; message: string }> = [];
  const slidesIn = Array.isArray(current.slides) ? current.slides : [];
  const slides: SceneFile[] = [];
  slidesIn.forEach((entry: unknown, index) => {
    const scene = typeof entry === 'string' ? resolve(entry) : entry;
    if (scene === undefined) {
      problems.push({ path: `slides.${index}`, message: `no scene file named "${String(entry)}"` });
      return;
    }
    const migrated = migrateScene(scene);
    if (migrated.ok) slides.push(migrated.value);
    else problems.push(...migrated.problems.map((problem) => ({ path: `slides.${index}.${problem.path}`, message: problem.message })));
  });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = sessionSchema.safeParse({ ...current, slides });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, value: parsed.data, from };
}

/** The problems as one line for a message. */
export function describeProblems(problems: Array<{ path: string; message: string }>): string {
  return problems
    .slice(0, 4)
    .map((problem) => `${problem.path} : ${problem.message}`)
    .join(' ; ');
}
