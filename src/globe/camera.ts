/**
 * The camera as plain numbers, for share links and captured scenes: read it, put it back exactly
 * (a restored link lands within a centimetre), or fly to it and know when the flight is done.
 */
import { Cartesian2, Cartesian3, Cartographic, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { LinkCamera } from '../domain/session/urlState';

export function readCamera(widget: CesiumWidget): LinkCamera {
  const camera = widget.camera;
  const at = Cartographic.fromCartesian(camera.positionWC);
  return {
    lon: CesiumMath.toDegrees(at.longitude),
    lat: CesiumMath.toDegrees(at.latitude),
    heightMetres: at.height,
    headingDegrees: CesiumMath.toDegrees(camera.heading),
    pitchDegrees: CesiumMath.toDegrees(camera.pitch),
    rollDegrees: CesiumMath.toDegrees(camera.roll),
  };
}

export function setCameraExact(widget: CesiumWidget, camera: LinkCamera): void {
  widget.camera.cancelFlight();
  widget.camera.setView({
    destination: Cartesian3.fromDegrees(camera.lon, camera.lat, camera.heightMetres),
    orientation: { heading: CesiumMath.toRadians(camera.headingDegrees), pitch: CesiumMath.toRadians(camera.pitchDegrees), roll: CesiumMath.toRadians(camera.rollDegrees) },
  });
  widget.scene.requestRender();
}

/** Distance in metres between two camera positions (for tests and diagnosis). */
export function cameraDistance(a: LinkCamera, b: LinkCamera): number {
  return Cartesian3.distance(Cartesian3.fromDegrees(a.lon, a.lat, a.heightMetres), Cartesian3.fromDegrees(b.lon, b.lat, b.heightMetres));
}

/** Ground metres per CSS pixel at the bottom middle of the view (for a scale bar), or null. */
export function metresPerPixel(widget: CesiumWidget): number | null {
  const canvas = widget.scene.canvas;
  const y = canvas.clientHeight * 0.8;
  const x = canvas.clientWidth / 2;
  const a = widget.camera.pickEllipsoid(new Cartesian2(x - 50, y));
  const b = widget.camera.pickEllipsoid(new Cartesian2(x + 50, y));
  if (!a || !b) return null;
  return Cartesian3.distance(a, b) / 100;
}

/** The view drawn now, copied into a 2D canvas at its pixel size. */
export function captureCanvas(widget: CesiumWidget, inMainMemory = true): HTMLCanvasElement {
  const scene = widget.scene;
  scene.requestRender();
  // At the clock's time: without it Cesium would light the scene for the real time of day.
  scene.render(widget.clock.currentTime);
  return copyCanvas(scene.canvas, inMainMemory);
}

/**
 * A copy of a canvas (a drawn 3D view, while its drawing buffer still holds the frame). In main
 * memory (`willReadFrequently`) when the page reads its pixels at once, instead of waiting for a
 * GPU read-back behind the globe's frames; else a GPU-side copy, for pictures kept or read by a
 * worker.
 */
export function copyCanvas(source: HTMLCanvasElement, inMainMemory: boolean): HTMLCanvasElement {
  const copy = document.createElement('canvas');
  copy.width = source.width;
  copy.height = source.height;
  copy.getContext('2d', inMainMemory ? { willReadFrequently: true } : undefined)!.drawImage(source, 0, 0);
  return copy;
}
