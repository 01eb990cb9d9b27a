/**
 * Collection rounds on the map: one coloured line per truck and trip, laid on the terrain, each
 * stop numbered in order, and the truck itself moving along its round with the time bar.
 */
import {
  BillboardCollection,
  Cartesian3,
  Color,
  LabelCollection,
  LabelStyle,
  Material,
  PolylineCollection,
  VerticalOrigin,
  Cartesian2,
  type Billboard,
  type Scene,
} from 'cesium';
import type { LonLat } from '../domain/territory';
import type { RouteDrawing } from '../store/store';
import type { Ground } from './layers';
import { LayerLifecycle } from './lifecycle';

/**
 * One canvas per truck colour for the page's life, added to the billboard atlas once under a shared
 * id (the atlas never shrinks: an image without an id would be added again on every re-run).
 */
const truckIcons = new Map<string, { id: string; image: HTMLCanvasElement }>();

function truckIcon(colour: string): { id: string; image: HTMLCanvasElement } {
  let icon = truckIcons.get(colour);
  if (!icon) {
    icon = { id: `truck-${colour}`, image: drawTruck(colour) };
    truckIcons.set(colour, icon);
  }
  return icon;
}

function drawTruck(colour: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 40;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.strokeStyle = '#ffffff';
  context.lineWidth = 3;
  context.beginPath();
  context.arc(20, 20, 17, 0, Math.PI * 2);
  context.fill();
  context.stroke();
  context.fillStyle = '#ffffff';
  // A small truck: body, cab, wheels.
  context.fillRect(9, 14, 14, 10);
  context.fillRect(24, 17, 7, 7);
  context.beginPath();
  context.arc(14, 26, 3, 0, Math.PI * 2);
  context.arc(27, 26, 3, 0, Math.PI * 2);
  context.fill();
  return canvas;
}

interface MovingTruck {
  billboard: Billboard;
  startMs: number;
  durationMs: number;
  path: Cartesian3[];
  cumulative: number[];
  /** Times along the path (vertex index, instant) from the schedule: stops' arrivals and departures. */
  keys: Array<{ index: number; ms: number }>;
}

export interface RoutesState {
  routes: RouteDrawing | null;
  time: number;
}

const scratchTruck = new Cartesian3();
const STOP_LABEL_OFFSET = new Cartesian2(0, -4);

export class RoutesLayer extends LayerLifecycle<RoutesState> {
  private readonly lines: PolylineCollection;
  private readonly labels: LabelCollection;
  private readonly trucks: BillboardCollection;
  private moving: MovingTruck[] = [];
  private drawn: RouteDrawing | null | undefined = undefined;
  private time = Number.NaN;

  constructor(
    scene: Scene,
    private readonly ground: Ground,
  ) {
    super(scene);
    this.lines = this.add(new PolylineCollection());
    this.labels = this.add(new LabelCollection({ scene }));
    this.trucks = this.add(new BillboardCollection({ scene }));
  }

  /** Redraws the rounds when they change; otherwise only moves the trucks. */
  update(state: RoutesState): void {
    if (state.routes !== this.drawn) this.set(state.routes, state.time);
    else if (state.time !== this.time) this.setTime(state.time);
  }

  private lift([lon, lat]: LonLat, metres: number): Cartesian3 {
    return this.ground.position(lon, lat, metres);
  }

  set(drawing: RouteDrawing | null, timeMs: number): void {
    this.drawn = drawing;
    this.lines.removeAll();
    this.labels.removeAll();
    this.trucks.removeAll();
    this.moving = [];
    if (drawing) {
      for (const truck of drawing.trucks) {
        const whole: Cartesian3[] = [];
        const keys: MovingTruck['keys'] = [];
        let number = 0;
        for (const trip of truck.trips) {
          const offset = whole.length;
          if (trip.startMs !== undefined && trip.endMs !== undefined && trip.path.length > 1) {
            keys.push({ index: offset, ms: trip.startMs });
            for (const stop of trip.stops) {
              if (stop.pathIndex === undefined) continue;
              keys.push({ index: offset + stop.pathIndex, ms: stop.arrivalMs });
              if (stop.departMs !== undefined) keys.push({ index: offset + stop.pathIndex, ms: stop.departMs });
            }
            keys.push({ index: offset + trip.path.length - 1, ms: trip.endMs });
          }
          const tripColour = Color.fromCssColorString(trip.colour);
          const positions = trip.path.map((point) => this.lift(point, 4));
          whole.push(...positions);
          if (positions.length > 1) {
            this.lines.add({ positions, width: 4, material: Material.fromType('Color', { color: tripColour.withAlpha(0.95) }) });
          }
          for (const stop of trip.stops) {
            number++;
            this.labels.add({
              position: this.lift(stop.position, 8),
              text: String(number),
              font: 'bold 13px DejaVu Sans, sans-serif',
              fillColor: Color.WHITE,
              outlineColor: tripColour,
              outlineWidth: 4,
              style: LabelStyle.FILL_AND_OUTLINE,
              verticalOrigin: VerticalOrigin.BOTTOM,
              pixelOffset: STOP_LABEL_OFFSET,
              disableDepthTestDistance: 3000,
            });
          }
        }
        if (whole.length > 1) {
          const cumulative = [0];
          for (let i = 1; i < whole.length; i++) cumulative.push(cumulative[i - 1] + Cartesian3.distance(whole[i - 1], whole[i]));
          const icon = truckIcon(truck.colour);
          const billboard = this.trucks.add({ position: whole[0], image: icon.image, imageId: icon.id, scale: 0.8, disableDepthTestDistance: Number.POSITIVE_INFINITY, verticalOrigin: VerticalOrigin.CENTER } as Billboard.ConstructorOptions);
          this.moving.push({ billboard, startMs: truck.startMs, durationMs: truck.durationMs, path: whole, cumulative, keys });
        }
      }
    }
    this.setTime(timeMs);
  }

  /**
   * Puts each truck where it is at `timeMs`, hidden outside its round: by the schedule's times
   * (waiting at a stop, then on at an even pace to the next one), else at an even pace.
   */
  setTime(timeMs: number): void {
    this.time = timeMs;
    for (const truck of this.moving) {
      const fraction = (timeMs - truck.startMs) / truck.durationMs;
      truck.billboard.show = fraction >= 0 && fraction <= 1;
      if (!truck.billboard.show) continue;
      let target = fraction * truck.cumulative[truck.cumulative.length - 1];
      const keys = truck.keys;
      if (keys.length > 1) {
        let k = 0;
        while (k < keys.length - 2 && keys[k + 1].ms <= timeMs) k++;
        const from = truck.cumulative[Math.min(keys[k].index, truck.cumulative.length - 1)];
        const to = truck.cumulative[Math.min(keys[k + 1].index, truck.cumulative.length - 1)];
        const span = keys[k + 1].ms - keys[k].ms;
        const share = span > 0 ? Math.max(0, Math.min(1, (timeMs - keys[k].ms) / span)) : 1;
        target = from + (to - from) * share;
      }
      let low = 0;
      let high = truck.cumulative.length - 1;
      while (low < high - 1) {
        const mid = (low + high) >> 1;
        if (truck.cumulative[mid] <= target) low = mid;
        else high = mid;
      }
      const span = truck.cumulative[high] - truck.cumulative[low] || 1;
      // The billboard copies the position: one scratch for every truck and tick.
      truck.billboard.position = Cartesian3.lerp(truck.path[low], truck.path[high], (target - truck.cumulative[low]) / span, scratchTruck);
    }
    this.scene.requestRender();
  }
}
