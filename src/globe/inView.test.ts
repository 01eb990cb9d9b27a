import { describe, expect, it } from 'vitest';
import { Cartesian3, PerspectiveFrustum, Math as CesiumMath } from 'cesium';
import { ViewCheck, onlyLevelsChanged } from './inView';
import { createTwinStore } from '../store/store';

/** A camera at the origin looking down +x, up +z, 60° wide, drawing from 1 m to 100 km. */
function camera() {
  const frustum = new PerspectiveFrustum({ fov: CesiumMath.toRadians(60), aspectRatio: 1.5, near: 1, far: 100_000 });
  return { positionWC: new Cartesian3(0, 0, 0), directionWC: new Cartesian3(1, 0, 0), upWC: new Cartesian3(0, 0, 1), frustum };
}

describe('ViewCheck', () => {
  it('sees a point ahead, not one behind the camera nor one off to the side', () => {
    const view = new ViewCheck(camera()).begin();
    expect(view.sees(new Cartesian3(1000, 0, 0))).toBe(true);
    expect(view.sees(new Cartesian3(1000, 200, 100))).toBe(true);
    expect(view.sees(new Cartesian3(-1000, 0, 0))).toBe(false);
    expect(view.sees(new Cartesian3(1000, 5000, 0))).toBe(false);
  });

  it('does not see a point farther than its display distance', () => {
    const view = new ViewCheck(camera()).begin();
    expect(view.sees(new Cartesian3(4000, 0, 0), 5000)).toBe(true);
    expect(view.sees(new Cartesian3(6000, 0, 0), 5000)).toBe(false);
  });

  it('follows the camera when begun again', () => {
    const cam = camera();
    const view = new ViewCheck(cam).begin();
    const point = new Cartesian3(-1000, 0, 0);
    expect(view.sees(point)).toBe(false);
    cam.directionWC = new Cartesian3(-1, 0, 0);
    expect(view.begin().sees(point)).toBe(true);
  });
});

describe('onlyLevelsChanged', () => {
  it('is true for new lamp or sensor levels alone, false when anything else changed too', () => {
    const store = createTwinStore();
    const before = store.getState();
    store.setState({ sensorLevels: new Float32Array(3) });
    expect(onlyLevelsChanged(store.getState(), before)).toBe(true);
    const levels = store.getState();
    store.setState({ lampLevels: new Float32Array(2), time: before.time + 1000 });
    expect(onlyLevelsChanged(store.getState(), levels)).toBe(false);
    const timed = store.getState();
    store.setState({ selection: { layer: 'sensors', id: 's1' } });
    expect(onlyLevelsChanged(store.getState(), timed)).toBe(false);
    // Nothing changed: not a levels-only change (the globe draws as before).
    expect(onlyLevelsChanged(store.getState(), store.getState())).toBe(false);
  });
});
