/** URL parameters (see README): scene, lang, mode, msaa, debug. Unknown values fall back to defaults. */
import type { Language } from './i18n';
import type { Mode } from '../store/store';

export interface AppParams {
  scene: string;
  language: Language;
  mode: Mode;
  msaaSamples: number;
  debug: boolean;
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
  };
}
