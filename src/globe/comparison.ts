/**
 * Baseline against scenario on one map: Cesium's scene split (`Scene.splitPosition`) with
 * per-side primitives. In Cesium 1.140, `splitDirection` is honoured by imagery layers, 3D Tiles,
 * glTF models, `PointPrimitive` and `Billboard`, and NOT by `Primitive` (buildings), polylines or
 * labels (checked in @cesium/engine/Source/Scene: only PointPrimitive.js, Billboard.js,
 * ImageryLayer.js, Cesium3DTileset.js, Model/ and GaussianSplatPrimitive.js read it).
 *
 * So each side gets its own primitives of a kind that splits:
 * - street lights: the main layer's points are drawn on the LEFT (today), a second point
 *   collection at the same places on the RIGHT, styled by the scenario's levels at the same instant;
 * - collection rounds: drawn as chains of points (one every few metres, so they read as lines)
 *   and truck billboards, one set per side, instead of the polylines of routes.ts;
 * - what is the same on both sides (terrain, imagery, buildings, icons) is drawn once, unsplit.
 * See ARCHITECTURE.md, "Split view".
 */
import {
  BillboardCollection,
  Cartesian3,
  Color,
  NearFarScalar,
  PointPrimitiveCollection,
  SplitDirection,
  VerticalOrigin,
  type Billboard,
  type CesiumWidget,
} from 'cesium';
import type { ComparisonState, ComparisonStore } from '../store/comparison';
import type { RouteDrawing, TwinState, TwinStore } from '../store/store';
import type { Territory } from '../domain/territory';
import { LAMP_STATE_COLOURS, ONE_PASS, type Ground, type StreetLightsLayer } from './layers';

/** What the comparison needs from the twin globe. */
export interface ComparisonHost {
  readonly widget: CesiumWidget;
  readonly groundModel: Ground;
  readonly currentTerritory: Territory | null;
  streetLightsLayer(): StreetLightsLayer | null;
}

const LAMP_COLOURS = [
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.off), size: 4 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.dimmed).withAlpha(0.85), size: 5 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.dimmed), size: 6 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.on), size: 8 },
];

function lampClass(level: number): number {
  if (level <= 0.001) return 0;
  if (level < 0.6) return 1;
  if (level < 0.999) return 2;
  return 3;
}

export class SplitComparison {
  private rightLamps: PointPrimitiveCollection | null = null;
  private lampsFor: Territory | null = null;
  private readonly routePoints = new PointPrimitiveCollection();
  private readonly trucks: BillboardCollection;
  private moving: Array<{ billboard: Billboard; startMs: number; durationMs: number; path: Cartesian3[]; cumulative: number[] }> = [];
  private readonly unsubscribe: Array<() => void> = [];
  private destroyed = false;

  constructor(
    private readonly host: ComparisonHost,
    private readonly twin: TwinStore,
    private readonly comparison: ComparisonStore,
  ) {
    const scene = host.widget.scene;
    this.trucks = new BillboardCollection({ scene });
    scene.primitives.add(this.routePoints);
    scene.primitives.add(this.trucks);
    this.unsubscribe.push(comparison.subscribe((state, previous) => this.update(state, previous)));
    this.unsubscribe.push(
      twin.subscribe((state, previous) => {
        if (state.territory !== previous.territory || state.visible !== previous.visible) this.update(comparison.getState(), null);
        if (state.time !== previous.time) this.setTime(state.time);
      }),
    );
    this.update(comparison.getState(), null);
  }

  /** Called by the globe once it has built its layers for a territory. */
  refresh(): void {
    this.update(this.comparison.getState(), null);
  }

  private get split(): boolean {
    return this.comparison.getState().mode !== 'single';
  }

  private update(state: ComparisonState, previous: ComparisonState | null): void {
    if (this.destroyed) return;
    const scene = this.host.widget.scene;
    const twin: TwinState = this.twin.getState();
    const split = state.mode !== 'single';
    scene.splitPosition = split ? state.divider : 0;
    const layer = this.host.streetLightsLayer();
    layer?.setSplitDirection(split ? SplitDirection.LEFT : SplitDirection.NONE);
    const territory = this.host.currentTerritory;
    if (territory && this.lampsFor !== territory) this.buildRightLamps(territory);
    if (this.rightLamps) {
      this.rightLamps.show = split && twin.visible.streetLights && state.rightLampLevels !== null;
      if (!previous || state.rightLampLevels !== previous.rightLampLevels) this.styleRightLamps(state.rightLampLevels);
    }
    if (!previous || state.leftRoutes !== previous.leftRoutes || state.rightRoutes !== previous.rightRoutes || state.mode !== previous.mode) {
      this.drawRoutes(split ? state.leftRoutes : null, split ? state.rightRoutes : null);
    }
    scene.requestRender();
  }

  private buildRightLamps(territory: Territory): void {
    const scene = this.host.widget.scene;
    if (this.rightLamps) scene.primitives.remove(this.rightLamps);
    const points = new PointPrimitiveCollection({ blendOption: ONE_PASS });
    const outline = Color.fromBytes(40, 30, 10, 220);
    const scaling = new NearFarScalar(150, 0.9, 25_000, 0.55);
    for (const light of territory.streetLights) {
      points.add({
        position: this.host.groundModel.position(light.position[0], light.position[1], light.mountingHeightMetres),
        color: LAMP_COLOURS[3].colour,
        outlineColor: outline,
        outlineWidth: 1,
        pixelSize: 8,
        scaleByDistance: scaling,
        splitDirection: SplitDirection.RIGHT,
        id: { layer: 'streetLights', id: light.id },
      });
    }
    points.show = false;
    scene.primitives.add(points);
    this.rightLamps = points;
    this.lampsFor = territory;
  }

  private styleRightLamps(levels: Float32Array | null): void {
    const points = this.rightLamps;
    if (!points || !levels || levels.length !== points.length) return;
    for (let i = 0; i < points.length; i++) {
      const style = LAMP_COLOURS[lampClass(levels[i])];
      const point = points.get(i);
      point.color = style.colour;
      point.pixelSize = style.size;
    }
  }

  private drawRoutes(left: RouteDrawing | null, right: RouteDrawing | null): void {
    this.routePoints.removeAll();
    this.trucks.removeAll();
    this.moving = [];
    const ground = this.host.groundModel;
    const spacing = 12;
    const add = (drawing: RouteDrawing | null, direction: SplitDirection) => {
      if (!drawing) return;
      for (const truck of drawing.trucks) {
        const whole: Cartesian3[] = [];
        for (const trip of truck.trips) {
          const colour = Color.fromCssColorString(trip.colour);
          for (let i = 0; i < trip.path.length; i++) {
            const here = ground.position(trip.path[i][0], trip.path[i][1], 4);
            whole.push(here);
            if (i === 0) continue;
            const before = whole[whole.length - 2];
            const steps = Math.max(1, Math.ceil(Cartesian3.distance(before, here) / spacing));
            for (let s = 1; s <= steps; s++) {
              const at = Cartesian3.lerp(before, here, s / steps, new Cartesian3());
              this.routePoints.add({ position: at, color: colour, pixelSize: 4, splitDirection: direction, disableDepthTestDistance: 2000 });
            }
          }
        }
        if (whole.length > 1) {
          const cumulative = [0];
          for (let i = 1; i < whole.length; i++) cumulative.push(cumulative[i - 1] + Cartesian3.distance(whole[i - 1], whole[i]));
          const billboard = this.trucks.add({
            position: whole[0],
            image: truckDot(truck.colour),
            scale: 0.8,
            splitDirection: direction,
            disableDepthTestDistance: Number.POSITIVE_INFINITY,
            verticalOrigin: VerticalOrigin.CENTER,
          } as Billboard.ConstructorOptions);
          this.moving.push({ billboard, startMs: truck.startMs, durationMs: truck.durationMs, path: whole, cumulative });
        }
      }
    };
    add(left, SplitDirection.LEFT);
    add(right, SplitDirection.RIGHT);
    this.setTime(this.twin.getState().time);
  }

  private setTime(timeMs: number): void {
    for (const truck of this.moving) {
      const fraction = (timeMs - truck.startMs) / truck.durationMs;
      truck.billboard.show = fraction >= 0 && fraction <= 1;
      if (!truck.billboard.show) continue;
      const target = fraction * truck.cumulative[truck.cumulative.length - 1];
      let low = 0;
      let high = truck.cumulative.length - 1;
      while (low < high - 1) {
        const mid = (low + high) >> 1;
        if (truck.cumulative[mid] <= target) low = mid;
        else high = mid;
      }
      const span = truck.cumulative[high] - truck.cumulative[low] || 1;
      truck.billboard.position = Cartesian3.lerp(truck.path[low], truck.path[high], (target - truck.cumulative[low]) / span, new Cartesian3());
    }
    this.host.widget.scene.requestRender();
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.unsubscribe) off();
    const scene = this.host.widget.scene;
    if (scene.isDestroyed()) return;
    scene.splitPosition = 0;
    if (this.rightLamps) scene.primitives.remove(this.rightLamps);
    scene.primitives.remove(this.routePoints);
    scene.primitives.remove(this.trucks);
  }
}

const truckDots = new Map<string, HTMLCanvasElement>();
function truckDot(colour: string): HTMLCanvasElement {
  let canvas = truckDots.get(colour);
  if (canvas) return canvas;
  canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 32;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.strokeStyle = '#ffffff';
  context.lineWidth = 3;
  context.beginPath();
  context.arc(16, 16, 13, 0, Math.PI * 2);
  context.fill();
  context.stroke();
  context.fillStyle = '#ffffff';
  context.fillRect(8, 11, 11, 8);
  context.fillRect(20, 13, 5, 6);
  truckDots.set(colour, canvas);
  return canvas;
}
