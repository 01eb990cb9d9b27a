/**
 * Share links and browser history: the URL always holds the whole view (src/domain/session/urlState).
 * A slide, a view mode, a layer, the language or a scenario changed: a new history entry
 * (pushState), so that back and forward step through them; the camera or the time moved: the
 * current entry is updated (replaceState). Back/forward re-apply the state of the entry.
 */
import { decodeViewState, encodeViewState, LINK_LAYERS, type ViewState } from '../../domain/session/urlState';
import type { SceneFile } from '../../domain/scene';
import type { ComparisonStore } from '../../store/comparison';
import { defaultVisibility, type TwinStore } from '../../store/store';
import type { LightingController } from '../lighting/lightingStore';
import type { WasteController } from '../waste/wasteStore';
import type { TwinGlobe } from '../../globe/TwinGlobe';
import { readCamera, setCameraExact } from '../../globe/camera';
import { findSession, sceneFile, type SessionController } from './sessionController';
import { migrateScene } from '../../domain/session/schema';

export class LinkController {
  private applying = false;
  private replaceTimer = 0;
  private started = false;

  constructor(
    private readonly twin: TwinStore,
    private readonly comparison: ComparisonStore,
    private readonly session: SessionController,
    private readonly lighting: LightingController,
    private readonly waste: WasteController,
    private readonly globe: { current: TwinGlobe | null },
    private readonly baseScene: () => string,
  ) {}

  /** The view as it is now. */
  viewState(): ViewState {
    const twin = this.twin.getState();
    const { session, index } = this.session.store.getState();
    const comparison = this.comparison.getState();
    const globe = this.globe.current;
    const slide = this.session.slide;
    const lightingState = this.lighting.store.getState();
    const scenario = lightingState.scenario;
    let lighting: ViewState['lighting'] = null;
    const showsScenario = lightingState.view === 'scenario' || (comparison.mode !== 'single' && comparison.rightLampLevels !== null);
    if (scenario && showsScenario) {
      const fromSlide = this.session.lightingShown;
      lighting = fromSlide && fromSlide.scenario === scenario && fromSlide.id ? { id: fromSlide.id } : { inline: scenario as unknown as Record<string, unknown> };
    }
    const wasteSettings = slide?.waste ?? null;
    return {
      scene: session ? null : this.baseScene(),
      session: session ? session.id : null,
      slide: session ? index : 0,
      camera: globe ? readCamera(globe.widget) : null,
      time: twin.time,
      playing: twin.playing,
      layers: Object.fromEntries(LINK_LAYERS.map((layer) => [layer, twin.visible[layer]])) as ViewState['layers'],
      language: twin.language,
      mode: twin.mode,
      view: comparison.mode,
      divider: comparison.divider,
      lighting,
      waste: wasteSettings,
    };
  }

  url(): string {
    return `${location.origin}${location.pathname}?${encodeViewState(this.viewState())}${this.extraParams()}`;
  }

  /** Parameters that are not view state but must stay (msaa, debug, territory, stored: a real twin kept in this browser). */
  private extraParams(): string {
    const current = new URLSearchParams(location.search);
    const kept = new URLSearchParams();
    for (const name of ['msaa', 'debug', 'territory', 'stored']) {
      const value = current.get(name);
      if (value !== null) kept.set(name, value);
    }
    const text = kept.toString();
    return text ? `&${text}` : '';
  }

  /**
   * A change of the view: a new history entry. While a slide is being put in place (its layers,
   * time, view mode and scenario arrive one after the other), the changes only update the current
   * entry: the slide's own entry is pushed once, by `onSlide`, so that Back returns to the slide
   * before and never to a half-applied mix of the two.
   */
  push(): void {
    if (this.applying || !this.started) return;
    if (this.session.store.getState().status === 'applying') return this.replaceSoon();
    this.pushEntry();
  }

  private pushEntry(): void {
    if (this.applying || !this.started) return;
    const url = this.url();
    if (url === location.href) return;
    history.pushState({ vigie: 1 }, '', url);
  }

  replaceSoon(): void {
    if (this.applying || !this.started) return;
    clearTimeout(this.replaceTimer);
    this.replaceTimer = window.setTimeout(() => {
      if (!this.applying) history.replaceState({ vigie: 1 }, '', this.url());
    }, 400);
  }

  /** Starts following the view: history entries, and back/forward. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.twin.subscribe((state, previous) => {
      if (state.visible !== previous.visible || state.language !== previous.language) this.push();
      else if (state.time !== previous.time || state.playing !== previous.playing) this.replaceSoon();
    });
    this.comparison.subscribe((state, previous) => {
      if (state.mode !== previous.mode) this.push();
      else if (state.divider !== previous.divider) this.replaceSoon();
    });
    this.lighting.store.subscribe((state, previous) => {
      if (state.scenario !== previous.scenario || state.view !== previous.view) this.replaceSoon();
    });
    this.session.onSlide = () => {
      // After the slide's state is in: the entry holds the new slide.
      queueMicrotask(() => this.pushEntry());
    };
    this.globe.current?.widget.camera.moveEnd.addEventListener(() => this.replaceSoon());
    window.addEventListener('popstate', () => {
      const decoded = decodeViewState(location.search);
      if (decoded.ok) void this.apply(decoded.state, false, decoded.present);
    });
    // A change made just before leaving (or reloading) is written before the page goes.
    window.addEventListener('pagehide', () => {
      clearTimeout(this.replaceTimer);
      if (!this.applying) history.replaceState({ vigie: 1 }, '', this.url());
    });
    history.replaceState({ vigie: 1 }, '', this.url());
  }

  /** Puts the view in the state of a link. Returns a message when something in it cannot be shown. */
  async apply(state: ViewState, fly: boolean, present: Set<string> = new Set(['view'])): Promise<string | null> {
    this.applying = true;
    clearTimeout(this.replaceTimer);
    let message: string | null = null;
    try {
      this.twin.getState().setLanguage(state.language);
      if (state.session) {
        const found = findSession(state.session, this.session.store.getState().saved);
        if (!found.session) {
          message = found.problem ?? state.session;
          this.session.close();
        } else {
          const current = this.session.store.getState().session;
          if (current?.id === found.session.id) {
            this.session.store.setState({ index: Math.min(state.slide, current.slides.length - 1) });
          } else this.session.store.setState({ session: found.session, origin: 'file', index: Math.min(state.slide, found.session.slides.length - 1), figures: {} });
        }
      } else if (this.session.store.getState().session) this.session.close();
      const base = this.session.slide ?? (migrateScene(sceneFile(state.scene ?? this.baseScene()) ?? sceneFile('default')) as { ok: true; value: SceneFile }).value;
      const override: SceneFile = {
        ...base,
        time: state.time !== null ? new Date(state.time).toISOString() : base.time,
        playing: present.has('play') ? state.playing : base.playing,
        layers: state.layers ? { ...defaultVisibility, ...state.layers } : base.layers,
        // What the link does not give is the slide's own.
        view: present.has('view') ? { mode: state.view, divider: state.divider } : base.view,
        lighting: state.lighting ?? base.lighting,
        waste: state.waste ?? base.waste,
      };
      // The figures of the slides to come are computed while this one is put in place.
      const shown = this.session.store.getState().session;
      if (shown) void this.session.prefetch(shown);
      await this.session.showScene(override, fly && !state.camera);
      const globe = this.globe.current;
      if (state.camera && globe) setCameraExact(globe.widget, state.camera);
      if (state.time !== null) this.twin.setState({ time: state.time });
    } finally {
      this.applying = false;
    }
    return message;
  }
}
