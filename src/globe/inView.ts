/**
 * Whether a change at a point can show on the next frame: the point is in the camera's view volume
 * and no farther than the distance its primitive is drawn to. Layers that restyle often (live
 * readings) ask for a frame only when one of their changes can show: with software WebGL a frame
 * costs a core for a good part of a second, and a frame that would draw the same picture is that
 * much CPU taken from the broker, the live worker and the page.
 */
import { BoundingSphere, Cartesian3, Intersect, type Camera, type CullingVolume } from 'cesium';
import type { TwinState } from '../store/store';

/** What a check reads of the camera (a Cesium `Camera`; a plain object in the unit tests). */
export type ViewCamera = Pick<Camera, 'positionWC' | 'directionWC' | 'upWC' | 'frustum'>;

/** Radius of the sphere tested around a point, m: an icon or a dot is a few metres across at most where it is drawn. */
const POINT_RADIUS_METRES = 25;

export class ViewCheck {
  private volume: CullingVolume | null = null;
  private readonly sphere = new BoundingSphere(new Cartesian3(), POINT_RADIUS_METRES);

  constructor(private readonly camera: ViewCamera) {}

  /** Takes the camera as it is now; call before a series of `sees`. */
  begin(): this {
    const camera = this.camera;
    this.volume = camera.frustum.computeCullingVolume(camera.positionWC, camera.directionWC, camera.upWC);
    return this;
  }

  /** True when a change at `position` may show: within `farMetres` of the camera and not outside its view volume. */
  sees(position: Cartesian3, farMetres = Number.POSITIVE_INFINITY): boolean {
    if (!this.volume) this.begin();
    if (Cartesian3.distance(this.camera.positionWC, position) > farMetres + POINT_RADIUS_METRES) return false;
    Cartesian3.clone(position, this.sphere.center);
    return this.volume!.computeVisibility(this.sphere) !== Intersect.OUTSIDE;
  }
}

/** True when the only fields of the state that changed are the lamp and sensor levels (a live restyle). */
export function onlyLevelsChanged(state: TwinState, previous: TwinState): boolean {
  if (state.lampLevels === previous.lampLevels && state.sensorLevels === previous.sensorLevels) return false;
  for (const key in state) {
    if (key === 'lampLevels' || key === 'sensorLevels') continue;
    if (state[key as keyof TwinState] !== previous[key as keyof TwinState]) return false;
  }
  return true;
}
