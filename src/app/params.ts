/**
 * URL parameters (see README): scene, lang, mode, msaa, debug, and territory (a manifest on the
 * page's own site, in place of the scene's). Unknown values fall back to defaults.
 */
import type { Language } from './i18n';
import type { Mode } from '../store/store';

export interface AppParams {
  scene: string;
  language: Language;
  mode: Mode;
  msaaSamples: number;
  debug: boolean;
  /** A manifest path relative to the page, or null for the scene's own territory. */
  territory: string | null;
}

export function readParams(search: string): AppParams {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  const mode = params.get('mode');
  const msaa = Number(params.get('msaa'));
  const scene = params.get('scene') ?? 'default';
  return {
    scene: /^[a-z0-9-]+$/i.test(scene) ? scene : 'default',
    language: lang === 'en' ? 'en' : 'fr',
    mode: mode === 'engineer' || mode === 'kiosk' ? mode : 'planning',
    msaaSamples: [1, 2, 4, 8].includes(msaa) ? msaa : 4,
    debug: params.get('debug') === '1',
    territory: sameSitePath(params.get('territory')),
  };
}

/** Only relative paths to a JSON file on the page's own site: never another host. */
function sameSitePath(value: string | null): string | null {
  if (!value) return null;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*\.json$/.test(value) || value.includes('..') || value.includes('//')) return null;
  return value;
}
