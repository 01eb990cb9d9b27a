/**
 * The whole view in the URL, so that a link opens the same picture elsewhere: scene or session and
 * slide, camera, time, layers, language, mode, view mode and divider, and the lighting or waste
 * scenario (by id when it is a file of the site, else compressed into the link with lz-string).
 *
 * Readable parameters, versioned by `v`. A link without `v` is from before versioning (only
 * `scene`, `lang`, `mode`) and still opens. A parameter that does not read (tampered or cut
 * short) makes `decodeViewState` say which and why; the app then shows the default view.
 */
// lz-string is CommonJS: its default export works under Vite, vitest and plain Node (tsx) alike.
import LZString from 'lz-string';

const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = LZString;
import type { Language } from '../language';

export const URL_STATE_VERSION = 1;

/** The layers in the order of the `layers` bits: fixed for version 1 of the link. */
export const LINK_LAYERS = ['roads', 'buildings', 'streetLights', 'cabinets', 'collectionPoints', 'facilities', 'sensors', 'communes'] as const;
export type LinkLayer = (typeof LINK_LAYERS)[number];

/** Past this length, common mail clients may cut a link: offer the session as a file instead. */
export const LINK_LENGTH_LIMIT = 2000;

export interface LinkCamera {
  lon: number;
  lat: number;
  heightMetres: number;
  headingDegrees: number;
  pitchDegrees: number;
  rollDegrees: number;
}

export interface LinkWaste {
  policy: 'fixed' | 'fill-level';
  thresholdPercent: number;
  vehicles: number;
  weeks: number;
}

export interface ViewState {
  scene: string | null;
  session: string | null;
  /** Slide index (0-based) when a session is shown. */
  slide: number;
  camera: LinkCamera | null;
  /** UTC milliseconds. */
  time: number | null;
  playing: boolean;
  layers: Record<LinkLayer, boolean> | null;
  language: Language;
  mode: 'planning' | 'engineer' | 'kiosk';
  view: 'single' | 'split' | 'swipe';
  divider: number;
  lighting: { id: string } | { inline: Record<string, unknown> } | null;
  waste: LinkWaste | null;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  scene: null,
  session: null,
  slide: 0,
  camera: null,
  time: null,
  playing: false,
  layers: null,
  language: 'fr',
  mode: 'planning',
  view: 'single',
  divider: 0.5,
  lighting: null,
  waste: null,
};

const ID = /^[a-z0-9-]{1,80}$/i;

const round = (value: number, digits: number): number => Number(value.toFixed(digits)) + 0;

/** The state as a query string (no leading `?`). Parameters at their default are left out. */
export function encodeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('v', String(URL_STATE_VERSION));
  if (state.session) {
    params.set('session', state.session);
    params.set('slide', String(state.slide + 1));
  } else if (state.scene) params.set('scene', state.scene);
  if (state.language !== 'fr') params.set('lang', state.language);
  if (state.mode !== 'planning') params.set('mode', state.mode);
  if (state.camera) {
    const c = state.camera;
    // 7 decimals of a degree: about a centimetre.
    params.set('cam', [round(c.lon, 7), round(c.lat, 7), round(c.heightMetres, 2), round(c.headingDegrees, 3), round(c.pitchDegrees, 3), round(c.rollDegrees, 3)].join(','));
  }
  if (state.time !== null) params.set('t', new Date(state.time).toISOString());
  if (state.playing) params.set('play', '1');
  if (state.layers) params.set('layers', LINK_LAYERS.map((layer) => (state.layers![layer] ? '1' : '0')).join(''));
  // Always written: a link without `view` (written by hand) shows the slide's own view mode.
  params.set('view', state.view);
  if (state.view !== 'single') params.set('div', String(round(state.divider, 3)));
  if (state.lighting) {
    if ('id' in state.lighting) params.set('light', state.lighting.id);
    else params.set('lightz', compressToEncodedURIComponent(JSON.stringify(state.lighting.inline)));
  }
  if (state.waste) params.set('waste', [state.waste.policy, state.waste.thresholdPercent, state.waste.vehicles, state.waste.weeks].join(','));
  return params.toString();
}

/** `present`: the parameters the link gives (the others are left to the scene or slide). */
export type DecodedViewState = { ok: true; state: ViewState; version: number; present: Set<string> } | { ok: false; problems: string[] };

/** Reads a query string. On any unreadable parameter, says which: nothing is half applied. */
export function decodeViewState(search: string): DecodedViewState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const problems: string[] = [];
  const state: ViewState = { ...DEFAULT_VIEW_STATE };
  const versionText = params.get('v');
  const version = versionText === null ? 0 : Number(versionText);
  if (versionText !== null && (!Number.isInteger(version) || version < 1)) problems.push(`v=${versionText}\u00a0: version illisible`);
  if (version > URL_STATE_VERSION) problems.push(`v=${versionText}\u00a0: lien d’une version plus récente de Vigie (celle-ci lit jusqu’à ${URL_STATE_VERSION})`);

  const id = (name: string): string | null => {
    const value = params.get(name);
    if (value === null) return null;
    if (!ID.test(value)) {
      problems.push(`${name}\u00a0: identifiant invalide`);
      return null;
    }
    return value;
  };
  state.scene = id('scene');
  state.session = id('session');
  const slide = params.get('slide');
  if (slide !== null) {
    const n = Number(slide);
    if (!Number.isInteger(n) || n < 1 || n > 60) problems.push(`slide=${slide}\u00a0: numéro de diapositive attendu (1 à 60)`);
    else state.slide = n - 1;
  }
  const lang = params.get('lang');
  if (lang !== null) {
    if (lang === 'fr' || lang === 'en') state.language = lang;
    else if (version >= 1) problems.push(`lang=${lang}\u00a0: fr ou en attendu`);
  }
  const mode = params.get('mode');
  if (mode !== null) {
    if (mode === 'planning' || mode === 'engineer' || mode === 'kiosk') state.mode = mode;
    else if (version >= 1) problems.push(`mode=${mode}\u00a0: planning, engineer ou kiosk attendu`);
  }
  const cam = params.get('cam');
  if (cam !== null) {
    const parts = cam.split(',').map(Number);
    const [lon, lat, height, heading, pitch, roll] = parts;
    if (parts.length !== 6 || parts.some((value) => !Number.isFinite(value)) || Math.abs(lon) > 180 || Math.abs(lat) > 90 || height <= 0 || height > 5e7 || Math.abs(pitch) > 90)
      problems.push('cam\u00a0: six nombres attendus (longitude, latitude, hauteur, cap, inclinaison, roulis)');
    else state.camera = { lon, lat, heightMetres: height, headingDegrees: heading, pitchDegrees: pitch, rollDegrees: roll };
  }
  const time = params.get('t');
  if (time !== null) {
    const ms = /^\d{4}-\d{2}-\d{2}T/.test(time) ? Date.parse(time) : Number.NaN;
    if (Number.isNaN(ms)) problems.push(`t=${time}\u00a0: date et heure ISO 8601 attendues`);
    else state.time = ms;
  }
  const play = params.get('play');
  if (play !== null) {
    if (play === '1' || play === '0') state.playing = play === '1';
    else problems.push('play\u00a0: 0 ou 1 attendu');
  }
  const layers = params.get('layers');
  if (layers !== null) {
    if (!/^[01]+$/.test(layers) || layers.length !== LINK_LAYERS.length) problems.push(`layers\u00a0: ${LINK_LAYERS.length} chiffres 0 ou 1 attendus`);
    else state.layers = Object.fromEntries(LINK_LAYERS.map((layer, index) => [layer, layers[index] === '1'])) as Record<LinkLayer, boolean>;
  }
  const view = params.get('view');
  if (view !== null) {
    if (view === 'single' || view === 'split' || view === 'swipe') state.view = view;
    else problems.push(`view=${view}\u00a0: single, split ou swipe attendu`);
  }
  const divider = params.get('div');
  if (divider !== null) {
    const n = Number(divider);
    if (divider.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) problems.push(`div=${divider}\u00a0: nombre entre 0 et 1 attendu`);
    else state.divider = n;
  }
  const light = id('light');
  if (light) state.lighting = { id: light };
  const lightz = params.get('lightz');
  if (lightz !== null) {
    let inline: unknown = null;
    try {
      const text = decompressFromEncodedURIComponent(lightz);
      inline = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      inline = null;
    }
    if (typeof inline !== 'object' || inline === null || Array.isArray(inline)) problems.push('lightz\u00a0: scénario d’éclairage compressé illisible (lien coupé ou modifié)');
    else state.lighting = { inline: inline as Record<string, unknown> };
  }
  const waste = params.get('waste');
  if (waste !== null) {
    const [policy, threshold, vehicles, weeks] = waste.split(',');
    const t = Number(threshold);
    const v = Number(vehicles);
    const w = Number(weeks);
    if ((policy !== 'fixed' && policy !== 'fill-level') || !(t >= 1 && t <= 100) || !Number.isInteger(v) || v < 1 || v > 20 || !Number.isInteger(w) || w < 1 || w > 12)
      problems.push('waste\u00a0: politique, seuil, véhicules et semaines attendus');
    else state.waste = { policy, thresholdPercent: t, vehicles: v, weeks: w };
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, state, version, present: new Set(params.keys()) };
}
