/**
 * The kiosk's warm-up: once the territory is on screen and nobody touches it, the view is taken
 * once through every state the tour, the choices and the clock will show (each scene's layers and
 * camera, the street furniture's models close up, day and night), behind a still picture of the
 * start view. Cesium builds a shader program the first time a combination of layers, lighting and
 * models is drawn (and keeps it in its cache): it does so now rather than as a stutter at the first
 * night or the first stop of the tour in front of a visitor. A touch stops it at once and puts the
 * view back; it goes on from where it stopped at the next quiet moment.
 */
import type { SceneFile } from '../../domain/scene';
import { defaultVisibility, type FeatureLayer, type TwinStore } from '../../store/store';
import type { SavedView, TwinGlobe } from '../../globe/TwinGlobe';
import type { Tour } from './tour';

export interface WarmUpStop {
  scene: SceneFile;
  /** The time shown (sun and lighting, the lamps' levels). */
  time: number;
}

const HOUR = 3_600_000;

/**
 * Where the warm-up goes: the start scene by day and by night (the kiosk's clock runs through
 * both), then each scene of the tour and of the choices at its own time, and at the end of a step
 * whose clock runs (the evening turning to night). Duplicates are left out.
 */
export function warmUpStops(start: SceneFile, tour: Tour | null): WarmUpStop[] {
  const stops: WarmUpStop[] = [];
  const seen = new Set<string>();
  const add = (scene: SceneFile, time: number) => {
    const key = `${JSON.stringify(scene.camera)}|${JSON.stringify(scene.layers)}|${time}`;
    if (seen.has(key)) return;
    seen.add(key);
    stops.push({ scene, time });
  };
  const startTime = Date.parse(start.time);
  add(start, startTime);
  add(start, startTime + 12 * HOUR);
  for (const step of tour?.steps ?? []) {
    const time = Date.parse(step.scene.time);
    add(step.scene, time);
    if (step.timeSpeed > 0) add(step.scene, time + step.seconds * 1000 * step.timeSpeed);
  }
  for (const choice of tour?.choices ?? []) {
    const time = Date.parse(choice.scene.time);
    add(choice.scene, time);
    // A live choice shows the present moment, day or night: both.
    if (choice.liveTime) add(choice.scene, time + 12 * HOUR);
  }
  return stops;
}

/**
 * A stop is left once its layers and models are drawn and its finest tiles are in, or after
 * TILES_LIMIT_MS without them (the coarser tiles drawn meanwhile use the same programs), and
 * after STOP_LIMIT_MS in any case (a source that keeps failing).
 */
const TILES_LIMIT_MS = 1500;
const STOP_LIMIT_MS = 5000;

export type WarmUpStatus = 'pending' | 'running' | 'done';

interface Saved {
  view: SavedView;
  visible: Record<FeatureLayer, boolean>;
  time: number;
}

export class KioskWarmUp {
  private next = 0;
  private run: number = 0;
  private saved: Saved | null = null;
  private still: HTMLCanvasElement | null = null;
  /** The globe the stops were all drawn on (a rebuilt view after a context loss starts again). */
  private doneFor: TwinGlobe | null = null;
  private runningOn: TwinGlobe | null = null;
  private began = 0;
  /** The time the warm-up last put in the store. */
  private setTime: number | null = null;
  /** A time somebody else set while the warm-up ran (a running clock): it is the one put back. */
  private externalTime: number | null = null;
  /** Time the warm-up has taken so far, in ms (diagnostics). */
  elapsedMs = 0;
  /** Times it was stopped by a touch. */
  interruptions = 0;

  constructor(
    private readonly twin: TwinStore,
    private readonly globe: () => TwinGlobe | null,
    readonly stops: readonly WarmUpStop[],
    private readonly onChange: (status: WarmUpStatus) => void = () => undefined,
  ) {}

  get status(): WarmUpStatus {
    if (this.runningOn) return 'running';
    const globe = this.globe();
    return this.stops.length === 0 || (globe !== null && globe === this.doneFor) ? 'done' : 'pending';
  }

  /** Stops done on the current globe. */
  get progress(): number {
    return this.status === 'done' ? this.stops.length : this.next;
  }

  /** Goes through the remaining stops; resolves when done or stopped. */
  async start(): Promise<void> {
    const globe = this.globe();
    if (!globe || this.status !== 'pending') return;
    if (this.doneFor !== null && this.doneFor !== globe) this.next = 0;
    const run = ++this.run;
    this.runningOn = globe;
    this.began = performance.now();
    this.setTime = null;
    this.externalTime = null;
    const state = this.twin.getState();
    this.saved = { view: globe.saveView(), visible: state.visible, time: state.time };
    this.still = globe.still();
    this.onChange('running');
    try {
      while (this.next < this.stops.length) {
        const stop = this.stops[this.next];
        this.setTime = stop.time;
        this.twin.setState({ visible: { ...defaultVisibility, ...stop.scene.layers }, time: stop.time });
        await globe.setCamera(stop.scene.camera, 0);
        if (run !== this.run) return;
        const arrived = performance.now();
        // Frames until the stop's tiles, layers and models are all drawn (furniture cells load once the camera has settled).
        let frames = 0;
        const settled = () => {
          const spent = performance.now() - arrived;
          return spent > STOP_LIMIT_MS || globe.settled(spent < TILES_LIMIT_MS);
        };
        while (frames < 3 || !settled()) {
          await globe.frameAfter(performance.now());
          if (run !== this.run) return;
          frames++;
          // The stop keeps its time (its lighting) while a clock elsewhere sets the store's.
          const time = this.twin.getState().time;
          if (time !== stop.time) {
            this.externalTime = time;
            this.twin.setState({ time: stop.time });
          }
        }
        // A visitor's tap picks what is under the finger: its pick programs too.
        globe.pickCentre();
        this.next++;
      }
      this.doneFor = globe;
      this.next = 0;
    } finally {
      if (run === this.run) this.finish();
    }
  }

  /**
   * A touch (or the idle reset, `touched` false): the warm-up stops where it is and the view is
   * put back as it was (synchronously).
   */
  stop(touched = true): void {
    if (!this.runningOn) return;
    this.run++;
    if (touched) this.interruptions++;
    this.finish();
  }

  private finish(): void {
    const globe = this.runningOn;
    const saved = this.saved;
    this.elapsedMs += performance.now() - this.began;
    this.runningOn = null;
    this.saved = null;
    if (globe && saved && globe === this.globe()) {
      // The clock may have been set meanwhile (a running clock): its latest time, not the one before.
      const timeIsOurs = this.setTime !== null && this.twin.getState().time === this.setTime;
      this.twin.setState({ visible: saved.visible, ...(timeIsOurs ? { time: this.externalTime ?? saved.time } : {}) });
      globe.restoreView(saved.view);
    }
    const still = this.still;
    this.still = null;
    // The still goes once the view behind it is drawn back as it was.
    if (still) {
      if (globe && globe === this.globe()) void globe.frameAfter(performance.now()).then(() => still.remove());
      else still.remove();
    }
    this.onChange(this.status);
  }
}
