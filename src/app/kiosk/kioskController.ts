/**
 * The kiosk's behaviour, apart from what it draws: the start state and the idle reset, the attract
 * tour, the big choices, and a calm notice after a recovery. Everything it changes goes through the
 * twin store and the globe's camera, so a reset puts back exactly what the start showed.
 */
import { createStore } from 'zustand/vanilla';
import type { SceneFile } from '../../domain/scene';
import type { Language } from '../../domain/language';
import { defaultVisibility, type TwinStore } from '../../store/store';
import type { AppContextValue } from '../context';
import { stepAt, type ChoiceId, type Tour } from './tour';
import { KioskWarmUp, warmUpStops, type WarmUpStatus } from './warmUp';

export type KioskPhase = 'choices' | 'attract' | 'explore';

export interface KioskState {
  phase: KioskPhase;
  /** The tour step on screen during the attract loop. */
  step: number;
  /** The choice being explored. */
  choice: ChoiceId | null;
  /** A calm message shown for a while (after a recovery), as a dictionary key. */
  notice: 'kiosk.recovered' | null;
  /** Times the kiosk went back to its start state without a touch. */
  idleResets: number;
  /** Times the attract loop started. */
  attracts: number;
  /** The warm-up through the tour's views (see warmUp.ts). */
  warmUp: WarmUpStatus;
}

export interface KioskTimes {
  /** No touch for this long: the attract tour plays (ms). */
  attractAfterMs: number;
  /** No touch for this long: everything returns to the start state (ms). */
  resetAfterMs: number;
}

/** No touch for this long (or since ready): the warm-up goes on, before the idle reset and the tour. */
const WARM_UP_AFTER_MS = 2500;

/**
 * How long past its time the idle reset waits for a running warm-up to finish (it takes about 30 s
 * under SwiftShader). With the default 90 s reset the warm-up is long done; with a short reset (a
 * test, an accelerated soak) cutting it at once would leave the kiosk cold for hours.
 */
export const WARM_UP_GRACE_MS = 30_000;

/** Idle times from the URL (`?idle=` for the tour, `?reset=` for the reset, in seconds). */
export function readKioskTimes(search: string): KioskTimes {
  const params = new URLSearchParams(search);
  const seconds = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isFinite(value) && value >= 1 && value <= 86_400 ? value : fallback;
  };
  return { attractAfterMs: seconds('idle', 90) * 1000, resetAfterMs: seconds('reset', 90) * 1000 };
}

interface StartState {
  language: Language;
  scene: SceneFile;
}

/** What counts as somebody using the screen. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'wheel', 'keydown'] as const;

export class KioskController {
  readonly store = createStore<KioskState>()(() => ({ phase: 'choices', step: 0, choice: null, notice: null, idleResets: 0, attracts: 0, warmUp: 'pending' }));
  readonly warmUp: KioskWarmUp;
  private lastActivity = performance.now();
  private attractStarted = 0;
  private frame = 0;
  private lastFrame = 0;
  private lastTimeUpdate = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onActivity = (event: Event) => {
    // A pointer merely hovering (a mouse left on the screen) is not somebody there.
    if (event.type === 'pointermove' && (event as PointerEvent).pressure === 0 && (event as PointerEvent).pointerType === 'mouse') return;
    this.activity();
  };

  constructor(
    private readonly app: AppContextValue,
    private readonly start: StartState,
    readonly tour: Tour | null,
    readonly times: KioskTimes,
  ) {
    this.warmUp = new KioskWarmUp(app.store, () => app.globe.current, warmUpStops(start.scene, tour), (warmUp) => this.store.setState({ warmUp }));
  }

  private get twin(): TwinStore {
    return this.app.store;
  }

  /** Starts watching for touches and idle time. */
  attach(): void {
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, this.onActivity, { capture: true, passive: true });
    this.timer = setInterval(() => this.checkIdle(), 250);
  }

  detach(): void {
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, this.onActivity, { capture: true });
    if (this.timer) clearInterval(this.timer);
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.timer = null;
    this.warmUp.stop();
    this.stopLoop();
  }

  /** Somebody touched the screen: the idle clocks start again; a tour stops and offers choices. */
  activity(): void {
    this.lastActivity = performance.now();
    this.warmUp.stop();
    if (this.store.getState().phase === 'attract') {
      this.stopLoop();
      this.app.globe.current?.widget.camera.cancelFlight();
      this.store.setState({ phase: 'choices' });
      this.twin.setState({ playing: false });
    }
  }

  idleMs(): number {
    return performance.now() - this.lastActivity;
  }

  private resetDone = false;
  private reloadPending = false;

  /** A new version is installed: reload now if nobody is there, else at the next idle reset. */
  reloadWhenIdle(): void {
    this.reloadPending = true;
    if (this.store.getState().phase === 'attract') window.location.reload();
  }

  private checkIdle(): void {
    // The idle clocks start when the territory is on screen.
    if (this.twin.getState().status !== 'ready' || document.documentElement.dataset.twinReady !== 'true') {
      this.lastActivity = performance.now();
      return;
    }
    const idle = this.idleMs();
    // The warm-up first, in the first quiet moment (it puts the view back as it found it); the idle
    // reset and the tour wait for it, but not more than WARM_UP_GRACE_MS past the reset's time (a
    // slow machine, a view that keeps loading): then the warm-up stops where it is, and goes on
    // after the next visitor.
    const warmUp = this.warmUp.status;
    if (warmUp === 'running') {
      if (idle < this.times.resetAfterMs + WARM_UP_GRACE_MS || this.resetDone || this.store.getState().phase === 'attract') return;
      this.warmUp.stop(false);
    }
    // Not again right after the reset that stopped it: the start state stays as the reset left it
    // until the next visitor has come and gone.
    if (warmUp === 'pending' && idle >= WARM_UP_AFTER_MS && !this.resetDone && this.store.getState().phase !== 'attract') {
      void this.warmUp.start();
      return;
    }
    if (idle < Math.min(this.times.resetAfterMs, this.times.attractAfterMs)) {
      this.resetDone = false;
      return;
    }
    const phase = this.store.getState().phase;
    if (idle >= this.times.resetAfterMs && !this.resetDone && phase !== 'attract') {
      this.resetDone = true;
      if (this.reloadPending) {
        window.location.reload();
        return;
      }
      this.reset();
      this.store.setState({ idleResets: this.store.getState().idleResets + 1 });
    }
    if (idle >= this.times.attractAfterMs && this.store.getState().phase !== 'attract') this.startAttract();
  }

  /** Everything back as the kiosk started: camera, layers, language, time, panels. */
  reset(flightSeconds = 0): void {
    this.warmUp.stop();
    this.stopLoop();
    const { scene, language } = this.start;
    this.app.lighting.store.setState({ open: false });
    this.app.waste.store.setState({ open: false });
    this.twin.setState({
      language,
      selection: null,
      playing: false,
      visible: { ...defaultVisibility, ...scene.layers },
      caption: scene.caption,
      time: Date.parse(scene.time),
    });
    this.app.globe.current?.setCamera(scene.camera, flightSeconds);
    this.store.setState({ phase: 'choices', choice: null, step: 0 });
  }

  /** The big "back to start" button. */
  backToStart(): void {
    this.activity();
    this.reset(2);
  }

  startAttract(): void {
    if (!this.tour) return;
    this.warmUp.stop();
    this.stopLoop();
    this.twin.setState({ selection: null, language: this.start.language });
    this.app.lighting.store.setState({ open: false });
    this.app.waste.store.setState({ open: false });
    this.attractStarted = performance.now();
    this.store.setState({ phase: 'attract', step: -1, choice: null, attracts: this.store.getState().attracts + 1 });
    this.lastFrame = performance.now();
    this.frame = requestAnimationFrame(this.loop);
  }

  private readonly loop = (now: number) => {
    const tour = this.tour;
    if (!tour || this.store.getState().phase !== 'attract') return;
    const dt = Math.min(0.25, Math.max(0, (now - this.lastFrame) / 1000));
    this.lastFrame = now;
    const { index, intoMs } = stepAt(tour, performance.now() - this.attractStarted);
    const step = tour.steps[index];
    if (index !== this.store.getState().step) {
      this.store.setState({ step: index });
      this.showScene(step.scene, step.flightSeconds);
    } else {
      const globe = this.app.globe.current;
      if (globe && intoMs > step.flightSeconds * 1000 && step.orbitDegreesPerSecond !== 0) {
        globe.kioskCamera?.orbit(step.orbitDegreesPerSecond * dt);
        globe.widget.scene.requestRender();
      }
      // The clock runs through the evening a few times a second, not every frame.
      if (step.timeSpeed > 0 && now - this.lastTimeUpdate > 250) {
        const state = this.twin.getState();
        state.setTime(state.time + (now - this.lastTimeUpdate) * step.timeSpeed);
        this.lastTimeUpdate = now;
      }
    }
    this.frame = requestAnimationFrame(this.loop);
  };

  private stopLoop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private showScene(scene: SceneFile, flightSeconds: number, time = Date.parse(scene.time)): void {
    this.lastTimeUpdate = performance.now();
    this.twin.setState({ visible: { ...defaultVisibility, ...scene.layers }, caption: scene.caption, time, selection: null });
    this.app.globe.current?.setCamera(scene.camera, flightSeconds);
  }

  /** One of the big choices. */
  choose(id: ChoiceId): void {
    this.activity();
    const choice = this.tour?.choices.find((item) => item.id === id);
    if (!choice) return;
    this.stopLoop();
    this.showScene(choice.scene, 2.5, choice.liveTime ? Date.now() : Date.parse(choice.scene.time));
    // Live: the clock runs in real time so that new readings show as they arrive.
    this.twin.setState({ playing: choice.liveTime, speed: 1 });
    this.store.setState({ phase: 'explore', choice: id });
  }

  showChoices(): void {
    this.activity();
    this.store.setState({ phase: 'choices' });
  }

  closeChoices(): void {
    this.activity();
    this.store.setState({ phase: 'explore' });
  }

  toggleLanguage(): void {
    this.activity();
    const state = this.twin.getState();
    state.setLanguage(state.language === 'fr' ? 'en' : 'fr');
  }

  /** A calm message for a while (e.g. after a recovery). */
  notify(notice: KioskState['notice'], forMs = 12_000): void {
    this.store.setState({ notice });
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.store.setState({ notice: null }), forMs);
  }
}
