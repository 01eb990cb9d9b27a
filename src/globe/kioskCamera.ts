/**
 * The kiosk's camera: touch navigation kept within the territory (the camera's ground point stays
 * over it, its height between just above the terrain and high enough to see everything, and it
 * always looks down enough that the territory never leaves the view), and the attract loop's slow
 * turn around the centre of the view. Per-frame code uses scratch objects only.
 */
import { Cartesian2, Cartesian3, Cartographic, Math as CesiumMath, Matrix4, Transforms, type CesiumWidget } from 'cesium';
import type { Territory } from '../domain/territory';
import type { Ground } from './layers';

type Bounds = Territory['bounds'];

export interface CameraLimits {
  west: number;
  south: number;
  east: number;
  north: number;
  /** Lowest height above the terrain (m). */
  minAboveGroundMetres: number;
  /** Highest camera height above the ellipsoid (m). */
  maxHeightMetres: number;
  /** The camera never looks up further than this pitch (degrees, negative is down). */
  maxPitchDegrees: number;
}

/** Limits for a territory: its bounds plus a margin of a fifth of its size, up to 2.2 widths high. */
export function limitsFor(bounds: Bounds): CameraLimits {
  const marginLon = (bounds.east - bounds.west) * 0.2;
  const marginLat = (bounds.north - bounds.south) * 0.2;
  const lat = (bounds.north + bounds.south) / 2;
  const widthMetres = Math.max((bounds.east - bounds.west) * 111_320 * Math.cos(CesiumMath.toRadians(lat)), (bounds.north - bounds.south) * 110_540);
  return {
    west: bounds.west - marginLon,
    south: bounds.south - marginLat - (bounds.north - bounds.south) * 0.6,
    east: bounds.east + marginLon,
    north: bounds.north + marginLat,
    minAboveGroundMetres: 40,
    maxHeightMetres: Math.max(3000, widthMetres * 2.2),
    maxPitchDegrees: -12,
  };
}

/** Where a camera at (lon, lat, height) must go to respect the limits, or null when it does. */
export function clampPosition(lonDeg: number, latDeg: number, heightMetres: number, groundMetres: number, limits: CameraLimits): [number, number, number] | null {
  const lon = Math.min(limits.east, Math.max(limits.west, lonDeg));
  const lat = Math.min(limits.north, Math.max(limits.south, latDeg));
  const height = Math.min(limits.maxHeightMetres, Math.max(groundMetres + limits.minAboveGroundMetres, heightMetres));
  if (lon === lonDeg && lat === latDeg && height === heightMetres) return null;
  return [lon, lat, height];
}

const scratchCartographic = new Cartographic();
const scratchDestination = new Cartesian3();
const scratchCentre = new Cartesian2();
const scratchTarget = new Cartesian3();
const scratchFrame = new Matrix4();
const scratchOrientation = { heading: 0, pitch: 0, roll: 0 };
const scratchView = { destination: scratchDestination, orientation: scratchOrientation };

export class KioskCamera {
  private limits: CameraLimits | null = null;
  private readonly removeListener: () => void;
  /** How many times the camera was brought back within the limits (for tests and stats). */
  corrections = 0;

  constructor(
    private readonly widget: CesiumWidget,
    private ground: Ground,
  ) {
    const controller = widget.scene.screenSpaceCameraController;
    // Touch: one finger pans, two fingers zoom and turn; no free look that could point at the sky.
    controller.enableLook = false;
    controller.inertiaSpin = 0.6;
    controller.inertiaTranslate = 0.6;
    controller.inertiaZoom = 0.5;
    this.removeListener = widget.scene.preRender.addEventListener(() => this.enforce());
  }

  setTerritory(bounds: Bounds, ground: Ground): void {
    this.ground = ground;
    this.limits = limitsFor(bounds);
    const controller = this.widget.scene.screenSpaceCameraController;
    controller.maximumZoomDistance = this.limits.maxHeightMetres;
    controller.minimumZoomDistance = this.limits.minAboveGroundMetres;
  }

  /** Brings the camera back within the limits; true when it had to. Called before every frame. */
  enforce(): boolean {
    const limits = this.limits;
    // A flight in progress (attract loop, back to start) goes where it was sent.
    if (!limits || (this.widget.scene as unknown as { tweens: { length: number } }).tweens.length > 0) return false;
    const camera = this.widget.camera;
    const at = Cartographic.fromCartesian(camera.positionWC, undefined, scratchCartographic);
    if (!at) return false;
    const lon = CesiumMath.toDegrees(at.longitude);
    const lat = CesiumMath.toDegrees(at.latitude);
    const groundHeight = this.ground.heightAt(Math.min(limits.east, Math.max(limits.west, lon)), Math.min(limits.north, Math.max(limits.south, lat)));
    const clamped = clampPosition(lon, lat, at.height, groundHeight, limits);
    const maxPitch = CesiumMath.toRadians(limits.maxPitchDegrees);
    const pitchTooHigh = camera.pitch > maxPitch;
    if (!clamped && !pitchTooHigh && Math.abs(camera.roll) < 1e-3) return false;
    const [clon, clat, cheight] = clamped ?? [lon, lat, at.height];
    Cartesian3.fromDegrees(clon, clat, cheight, undefined, scratchDestination);
    scratchOrientation.heading = camera.heading;
    scratchOrientation.pitch = Math.min(camera.pitch, maxPitch);
    scratchOrientation.roll = 0;
    camera.setView(scratchView);
    this.corrections++;
    return true;
  }

  /** Turns the view around the ground point at its centre by `degrees`. */
  orbit(degrees: number): void {
    const scene = this.widget.scene;
    const canvas = scene.canvas;
    scratchCentre.x = canvas.clientWidth / 2;
    scratchCentre.y = canvas.clientHeight / 2;
    const target = scene.camera.pickEllipsoid(scratchCentre, scene.globe.ellipsoid, scratchTarget);
    if (!target) return;
    const camera = scene.camera;
    Transforms.eastNorthUpToFixedFrame(target, scene.globe.ellipsoid, scratchFrame);
    camera.lookAtTransform(scratchFrame);
    camera.rotateRight(CesiumMath.toRadians(degrees));
    camera.lookAtTransform(Matrix4.IDENTITY);
  }

  /** Whether the camera is within the limits now (for tests). */
  inBounds(): boolean {
    const limits = this.limits;
    if (!limits) return true;
    const at = Cartographic.fromCartesian(this.widget.camera.positionWC, undefined, scratchCartographic);
    if (!at) return false;
    const lon = CesiumMath.toDegrees(at.longitude);
    const lat = CesiumMath.toDegrees(at.latitude);
    const eps = 1e-6;
    return lon >= limits.west - eps && lon <= limits.east + eps && lat >= limits.south - eps && lat <= limits.north + eps && at.height <= limits.maxHeightMetres + 1 && at.height >= this.ground.heightAt(lon, lat) + limits.minAboveGroundMetres - 1;
  }

  destroy(): void {
    this.removeListener();
  }
}
