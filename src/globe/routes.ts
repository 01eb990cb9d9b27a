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

function truckIcon(colour: string): HTMLCanvasElement {
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

export class RoutesLayer {
  private readonly lines = new PolylineCollection();
  private readonly labels: LabelCollection;
  private readonly trucks: BillboardCollection;
  private moving: MovingTruck[] = [];

  constructor(
    private readonly scene: Scene,
    private readonly ground: Ground,
  ) {
    this.labels = new LabelCollection({ scene });
    this.trucks = new BillboardCollection({ scene });
    scene.primitives.add(this.lines);
    scene.primitives.add(this.labels);
    scene.primitives.add(this.trucks);
  }

  private lift([lon, lat]: LonLat, metres: number): Cartesian3 {
    return this.ground.position(lon, lat, metres);
  }

  set(drawing: RouteDrawing | null, timeMs: number): void {
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
              pixelOffset: new Cartesian2(0, -4),
              disableDepthTestDistance: 3000,
            });
          }
        }
        if (whole.length > 1) {
          const cumulative = [0];
          for (let i = 1; i < whole.length; i++) cumulative.push(cumulative[i - 1] + Cartesian3.distance(whole[i - 1], whole[i]));
          const billboard = this.trucks.add({ position: whole[0], image: truckIcon(truck.colour), scale: 0.8, disableDepthTestDistance: Number.POSITIVE_INFINITY, verticalOrigin: VerticalOrigin.CENTER });
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
      truck.billboard.position = Cartesian3.lerp(truck.path[low], truck.path[high], (target - truck.cumulative[low]) / span, new Cartesian3());
    }
    this.scene.requestRender();
  }

  destroy(): void {
    this.scene.primitives.remove(this.lines);
    this.scene.primitives.remove(this.labels);
    this.scene.primitives.remove(this.trucks);
  }
}
