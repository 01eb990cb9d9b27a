/**
 * Start-up of the council session feature: reads the link, picks the scene the globe starts on,
 * and once the territory is drawn applies the link's view (or the session's first slide).
 */
import type { AppContextValue } from '../context';
import { createComparisonStore } from '../../store/comparison';
import { decodeViewState } from '../../domain/session/urlState';
import type { SceneFile } from '../../domain/scene';
import { SessionController, findSession } from './sessionController';
import { LinkController } from './links';
import type { SessionContextValue } from './context';
import { translate } from '../i18n';

export interface SessionSetup {
  value: SessionContextValue;
  /** The scene the globe starts on: the link's slide when it names a session. */
  startScene: SceneFile | null;
  /** Forces the default view (the link did not read). */
  forceDefault: boolean;
  /** Applies the link's session or view (once); resolves when it is on screen. */
  openStartView(): Promise<void>;
  /** Once the first view is drawn: the start view, then the link follows the browser's history. */
  whenReady(): Promise<void>;
}

export function setupSession(app: AppContextValue, baseScene: string, search: string): SessionSetup {
  const comparison = createComparisonStore();
  const session = new SessionController(app.store, comparison, app.lighting, app.waste, app.globe);
  const links = new LinkController(app.store, comparison, session, app.lighting, app.waste, app.globe, () => baseScene);
  const decoded = decodeViewState(search);
  let startScene: SceneFile | null = null;
  let message: string | null = null;
  const language = decoded.ok ? decoded.state.language : new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'fr';
  if (!decoded.ok) message = translate(language, 'session.badLink', { detail: decoded.problems.join(' ; ') });
  else if (decoded.state.session) {
    const found = findSession(decoded.state.session, session.store.getState().saved);
    if (found.session) startScene = found.session.slides[Math.min(decoded.state.slide, found.session.slides.length - 1)];
    else message = translate(language, 'session.missingSession', { detail: found.problem ?? decoded.state.session });
  }
  session.store.setState({ message });
  let startView: Promise<void> | null = null;
  const hasViewState = decoded.ok && (decoded.version >= 1 || decoded.state.session !== null);
  return {
    value: { session, links, comparison },
    startScene,
    forceDefault: !decoded.ok,
    openStartView() {
      // A link's session and slide, or its view: applied once the territory is read (a slide then
      // waits for the first view to be drawn before it counts as ready).
      startView ??= (async () => {
        if (decoded.ok && decoded.version === 0 && decoded.state.session && !message) {
          // A link from before versioning: the session at its slide, as the slide says.
          const found = findSession(decoded.state.session, session.store.getState().saved);
          if (found.session) await session.open(found.session, 'file', decoded.state.slide);
        } else if (decoded.ok && hasViewState && !message) {
          const problem = await links.apply(decoded.state, false, decoded.present);
          if (problem) session.store.setState({ message: translate(language, 'session.missingSession', { detail: problem }) });
        }
      })();
      return startView;
    },
    async whenReady() {
      await this.openStartView();
      // The kiosk has no address bar and no Back: its URL stays the one it was started with (a
      // reload after a recovery or an update keeps its idle times and start view), and its tour,
      // idle resets and language button push no history entries.
      if (app.store.getState().mode !== 'kiosk') links.start();
    },
  };
}
