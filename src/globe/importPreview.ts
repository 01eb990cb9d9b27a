/**
 * The first rows of an inventory being imported, drawn over everything (magenta dots with a white
 * ring, lines for roads) so the user sees where they will land before confirming; the camera
 * frames them.
 */
import { BoundingSphere, Cartesian3, Cartographic, Color, HeadingPitchRange, Math as CesiumMath, Material, Matrix4, PointPrimitiveCollection, PolylineCollection, type Scene } from 'cesium';
import type { ImportPreview } from '../store/store';
import type { Ground } from './layers';

const COLOUR = Color.fromCssColorString('#d6137a');

export class ImportPreviewLayer {
  private readonly points = new PointPrimitiveCollection();
  private readonly lines = new PolylineCollection();

  constructor(private readonly scene: Scene) {
    scene.primitives.add(this.points);
    scene.primitives.add(this.lines);
  }

  set(preview: ImportPreview | null, ground: Ground): void {
    this.points.removeAll();
    this.lines.removeAll();
    if (!preview) {
      this.scene.requestRender();
      return;
    }
    const all: Cartesian3[] = [];
    for (const [lon, lat] of preview.points) {
      const position = ground.position(lon, lat, 4);
      all.push(position);
      this.points.add({ position, pixelSize: 13, color: COLOUR, outlineColor: Color.WHITE, outlineWidth: 2.5, disableDepthTestDistance: Number.POSITIVE_INFINITY });
    }
    for (const line of preview.lines) {
      const positions = line.map(([lon, lat]) => ground.position(lon, lat, 3));
      all.push(...positions);
      this.lines.add({ positions, width: 5, material: Material.fromType('Color', { color: COLOUR }) });
    }
    if (all.length > 0) {
      const sphere = BoundingSphere.fromPoints(all);
      sphere.radius = Math.max(sphere.radius, 60);
      // Panels cover both sides: frame the rows wide, aimed a little east so they sit left of the import panel.
      const centre = Cartographic.fromCartesian(sphere.center);
      centre.longitude += (sphere.radius * 0.35) / (6_371_000 * Math.cos(centre.latitude));
      sphere.center = Cartesian3.fromRadians(centre.longitude, centre.latitude, centre.height);
      // At once: the globe renders on demand, and a flight's tween would wait for frames nobody asks for.
      this.scene.camera.viewBoundingSphere(sphere, new HeadingPitchRange(0, CesiumMath.toRadians(-55), sphere.radius * 5.8));
      this.scene.camera.lookAtTransform(Matrix4.IDENTITY);
    }
    this.scene.requestRender();
  }

  destroy(): void {
    this.scene.primitives.remove(this.points);
    this.scene.primitives.remove(this.lines);
  }
}
