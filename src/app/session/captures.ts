/**
 * Pictures of the slides as the presenter showed them, for the report. A copy of the frame is
 * taken at the end of each frame drawn while a slide is ready (and of the slide's first frame),
 * in `postRender`, while the drawing buffer still holds it: a GPU-side copy, no extra frame and no
 * read-back on the main thread. Each picture is kept under a key made of everything that decides
 * what the 3D view shows (camera, canvas size, time, layers, lamp levels, rounds, selection, the
 * split and its position, the territory); the report uses a picture only when the view it has just
 * put in place has the same key, and draws the view itself otherwise.
 */
import type { CesiumWidget } from 'cesium';
import type { TwinState } from '../../store/store';
import type { ComparisonState } from '../../store/comparison';
import { copyCanvas } from '../../globe/camera';

export interface ViewCapture {
  key: ViewKey;
  canvas: HTMLCanvasElement;
  /** Whether every terrain and imagery tile of the view was loaded when it was drawn. */
  tilesLoaded: boolean;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(value: object | null | undefined): number {
  if (!value) return 0;
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
}

/** A content hash of lamp or sensor levels (new arrays of equal values are the same picture). */
function levelsHash(levels: Float32Array | null): string {
  if (!levels) return '-';
  let hash = 2166136261;
  const bytes = new Uint32Array(levels.buffer, levels.byteOffset, levels.length);
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 16777619);
  return `${levels.length}:${(hash >>> 0).toString(36)}`;
}

/** What the 3D view shows: the camera (compared within a centimetre) and everything else. */
export interface ViewKey {
  camera: number[];
  state: string;
}

/** Everything that decides the 3D view's picture (levels only of the layers that show them). */
export function viewKey(widget: CesiumWidget, twin: TwinState, comparison: ComparisonState): ViewKey {
  const camera = widget.camera;
  const p = camera.positionWC;
  const d = camera.directionWC;
  const u = camera.upWC;
  const canvas = widget.scene.canvas;
  const visible = twin.visible;
  const fields: Record<string, string | number> = {
    size: `${canvas.clientWidth}x${canvas.clientHeight}`,
    territory: identity(twin.territory),
    imagery: identity(twin.imageryTiles),
    importPreview: identity(twin.importPreview),
    time: twin.time,
    language: twin.language,
    visible: JSON.stringify(visible),
    selection: JSON.stringify(twin.selection),
    lampLevels: visible.streetLights || visible.cabinets ? levelsHash(twin.lampLevels) : '',
    sensorLevels: visible.sensors || visible.cabinets ? levelsHash(twin.sensorLevels) : '',
    routes: identity(twin.routes),
    mode: comparison.mode,
    divider: comparison.divider,
    split: Math.round(widget.scene.splitPosition * 1e4),
    rightLampLevels: levelsHash(comparison.rightLampLevels),
    leftRoutes: identity(comparison.leftRoutes),
    rightRoutes: identity(comparison.rightRoutes),
  };
  return { camera: [p.x, p.y, p.z, d.x, d.y, d.z, u.x, u.y, u.z], state: Object.entries(fields).map(([name, value]) => `${name}=${value}`).join('|') };
}

/** The same view: same state, camera within a centimetre and a micro-radian (a flight's end and a jump to it). */
export function sameView(a: ViewKey, b: ViewKey): boolean {
  return difference(a, b) === null;
}

/** What differs between two views (the first field), or null: for the report's diagnosis. */
export function difference(a: ViewKey, b: ViewKey): string | null {
  for (let i = 0; i < 9; i++) if (Math.abs(a.camera[i] - b.camera[i]) > (i < 3 ? 0.01 : 1e-6)) return 'camera';
  if (a.state === b.state) return null;
  const other = b.state.split('|');
  const field = a.state.split('|').find((entry, i) => entry !== other[i]);
  return field?.split('=')[0] ?? 'state';
}

export class ViewCaptures {
  /** The last picture of each slide (by its index in the session), taken while it was shown. */
  private readonly kept = new Map<number, ViewCapture>();
  private attached: CesiumWidget | null = null;
  private remove: (() => void) | null = null;

  constructor(
    private readonly state: () => { twin: TwinState; comparison: ComparisonState },
    /** The slide whose frame is being finished, when it is one to keep (ready, or its first frame). */
    private readonly slideShown: () => number | null,
  ) {}

  /** Listens to this widget's frames (again after the globe was rebuilt). */
  attach(widget: CesiumWidget): void {
    if (this.attached === widget) return;
    this.remove?.();
    this.kept.clear();
    this.attached = widget;
    this.remove = widget.scene.postRender.addEventListener(() => this.afterFrame(widget));
  }

  /** The picture of exactly this view, if one was taken. */
  find(key: ViewKey): ViewCapture | null {
    for (const capture of this.kept.values()) if (sameView(capture.key, key)) return capture;
    return null;
  }

  /** The picture kept of a slide, whatever its view. */
  of(slot: number): ViewCapture | null {
    return this.kept.get(slot) ?? null;
  }

  /** Forgets the pictures (another session, or slides edited). */
  clear(): void {
    this.kept.clear();
  }

  private afterFrame(widget: CesiumWidget): void {
    if (widget.isDestroyed()) return;
    const slot = this.slideShown();
    if (slot === null) return;
    const { twin, comparison } = this.state();
    const key = viewKey(widget, twin, comparison);
    const tilesLoaded = widget.scene.globe.tilesLoaded;
    const kept = this.kept.get(slot);
    // Taken already, and with every tile or still without: nothing new to keep.
    if (kept && sameView(kept.key, key) && (kept.tilesLoaded || !tilesLoaded)) return;
    this.kept.set(slot, { key, canvas: copyCanvas(widget.scene.canvas, false), tilesLoaded });
  }

  detach(): void {
    this.remove?.();
    this.remove = null;
    this.attached = null;
    this.kept.clear();
  }
}
