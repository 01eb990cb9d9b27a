/**
 * Street furniture in 3D, close up: poles with their luminaires, wheeled bins, drop-off columns and
 * a collection truck, modelled procedurally with three.js and handed to Cesium as glTF (as
 * one merged mesh per part and cell). No binary model file is stored anywhere. Models are built per
 * 300 m cell around the point the camera looks at, once the camera is low enough, and destroyed
 * when it moves away; from afar the same features are points and icons.
 */
import {
  Cartesian2,
  Cartesian3,
  DistanceDisplayCondition,
  Matrix4,
  Model,
  Transforms,
  Math as CesiumMath,
  type Scene,
} from 'cesium';
import {
  BoxGeometry,
  BufferGeometry,
  Color as ThreeColor,
  ConeGeometry,
  CylinderGeometry,
  Euler,
  Mesh,
  Matrix4 as ThreeMatrix4,
  MeshStandardMaterial,
  Quaternion,
  Scene as ThreeScene,
  Vector3,
} from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { FeatureLayer } from '../store/store';
import type { CollectionPoint, Facility, LonLat, Road, StreetLight, Territory, WasteStream } from '../domain/territory';
import type { Ground } from './layers';
import { nearestOnLines } from '../domain/geometry/geo';

const CELL_METRES = 300;
const LOAD_RADIUS_METRES = 650;
const SHOW_BELOW_METRES = 1400;

interface Part {
  geometry: BufferGeometry;
  material: MeshStandardMaterial;
  matrices: ThreeMatrix4[];
}

const STREAM_BODY: Record<WasteStream, string> = { residual: '#3f4347', recyclables: '#e3b400', glass: '#2c8a4b' };
const STREAM_LID: Record<WasteStream, string> = { residual: '#2a2d30', recyclables: '#f2cc2a', glass: '#3da865' };

function material(colour: string, options: { emissive?: string; metalness?: number; roughness?: number } = {}): MeshStandardMaterial {
  return new MeshStandardMaterial({
    color: new ThreeColor(colour),
    emissive: options.emissive ? new ThreeColor(options.emissive) : new ThreeColor(0x000000),
    metalness: options.metalness ?? 0.1,
    roughness: options.roughness ?? 0.7,
  });
}

/** Geometries with their base at y = 0, so instance matrices place them on the ground. */
function based<T extends BufferGeometry>(geometry: T, height: number): T {
  geometry.translate(0, height / 2, 0);
  return geometry;
}

class PartSet {
  readonly parts = new Map<string, Part>();

  add(key: string, make: () => { geometry: BufferGeometry; material: MeshStandardMaterial }, matrix: ThreeMatrix4): void {
    let part = this.parts.get(key);
    if (!part) {
      part = { ...make(), matrices: [] };
      this.parts.set(key, part);
    }
    part.matrices.push(matrix);
  }

  /**
   * One mesh per part with every copy baked in. (Cesium 1.140 does not apply the glTF y-up
   * correction to EXT_mesh_gpu_instancing transforms, which put instanced copies underground;
   * merged copies also draw in one call per part.)
   */
  toScene(): ThreeScene {
    const scene = new ThreeScene();
    for (const part of this.parts.values()) {
      const copies = part.matrices.map((matrix) => part.geometry.clone().applyMatrix4(matrix));
      const merged = copies.length === 1 ? copies[0] : mergeGeometries(copies, false);
      if (!merged) continue;
      scene.add(new Mesh(merged, part.material));
    }
    return scene;
  }
}

const up = new Vector3(0, 1, 0);

/** Local frame of a cell: glTF is y-up, so (east, up, -north). */
function compose(east: number, upMetres: number, north: number, headingRadians: number, scale: Vector3 = new Vector3(1, 1, 1)): ThreeMatrix4 {
  const rotation = new Quaternion().setFromAxisAngle(up, -headingRadians);
  return new ThreeMatrix4().compose(new Vector3(east, upMetres, -north), rotation, scale);
}

export class StreetFurniture {
  private readonly cells = new Map<string, { model: Model | null; cancelled: boolean; settled: boolean }>();
  private readonly lightsByCell = new Map<string, StreetLight[]>();
  private readonly pointsByCell = new Map<string, CollectionPoint[]>();
  private readonly facilitiesByCell = new Map<string, Facility[]>();
  private readonly roadsByCell = new Map<string, Road[]>();
  private readonly originLon: number;
  private readonly originLat: number;
  private readonly metresPerDegreeLon: number;
  private readonly metresPerDegreeLat = 111_320;
  private readonly removeListener: () => void;
  private visible = { streetLights: true, collectionPoints: true, facilities: true };
  private destroyed = false;
  private generation = 0;

  constructor(
    private readonly scene: Scene,
    territory: Territory,
    private readonly ground: Ground,
  ) {
    this.originLon = territory.bounds.west;
    this.originLat = territory.bounds.south;
    this.metresPerDegreeLon = 111_320 * Math.cos(CesiumMath.toRadians((territory.bounds.south + territory.bounds.north) / 2));
    const index = <T>(map: Map<string, T[]>, item: T, position: LonLat) => {
      const key = this.cellKey(position);
      const bucket = map.get(key);
      if (bucket) bucket.push(item);
      else map.set(key, [item]);
    };
    for (const light of territory.streetLights) index(this.lightsByCell, light, light.position);
    for (const point of territory.collectionPoints) index(this.pointsByCell, point, point.position);
    for (const facility of territory.facilities) index(this.facilitiesByCell, facility, facility.position);
    for (const road of territory.roads) {
      const keys = new Set(road.coordinates.map((position) => this.cellKey(position)));
      for (const key of keys) {
        const bucket = this.roadsByCell.get(key);
        if (bucket) bucket.push(road);
        else this.roadsByCell.set(key, [road]);
      }
    }
    this.removeListener = scene.camera.moveEnd.addEventListener(() => this.refresh());
  }

  private cellKey([lon, lat]: LonLat): string {
    const x = Math.floor(((lon - this.originLon) * this.metresPerDegreeLon) / CELL_METRES);
    const y = Math.floor(((lat - this.originLat) * this.metresPerDegreeLat) / CELL_METRES);
    return `${x},${y}`;
  }

  setVisibility(visible: Record<FeatureLayer, boolean>): void {
    const next = { streetLights: visible.streetLights, collectionPoints: visible.collectionPoints, facilities: visible.facilities };
    if (next.streetLights === this.visible.streetLights && next.collectionPoints === this.visible.collectionPoints && next.facilities === this.visible.facilities) return;
    this.visible = next;
    // Models mix several layers: rebuild the cells with what is visible now.
    this.clear();
    this.refresh();
  }

  /** Loads the cells around the point the camera looks at; unloads the rest. */
  refresh(): void {
    if (this.destroyed) return;
    const camera = this.scene.camera;
    const carto = camera.positionCartographic;
    const cameraLon = CesiumMath.toDegrees(carto.longitude);
    const cameraLat = CesiumMath.toDegrees(carto.latitude);
    const heightAboveGround = carto.height - this.ground.heightAt(cameraLon, cameraLat);
    const wanted = new Set<string>();
    if (heightAboveGround < SHOW_BELOW_METRES) {
      const canvas = this.scene.canvas;
      const ray = camera.getPickRay(new Cartesian2(canvas.clientWidth / 2, canvas.clientHeight / 2));
      const hit = ray ? this.scene.globe.pick(ray, this.scene) : undefined;
      const targets: LonLat[] = [[cameraLon, cameraLat]];
      if (hit) {
        const target = this.scene.globe.ellipsoid.cartesianToCartographic(hit);
        if (target) targets.push([CesiumMath.toDegrees(target.longitude), CesiumMath.toDegrees(target.latitude)]);
      }
      for (const [lon, lat] of targets) {
        const cx = ((lon - this.originLon) * this.metresPerDegreeLon) / CELL_METRES;
        const cy = ((lat - this.originLat) * this.metresPerDegreeLat) / CELL_METRES;
        const reach = LOAD_RADIUS_METRES / CELL_METRES;
        for (let x = Math.floor(cx - reach); x <= Math.floor(cx + reach); x++) {
          for (let y = Math.floor(cy - reach); y <= Math.floor(cy + reach); y++) {
            if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= reach + 0.75) wanted.add(`${x},${y}`);
          }
        }
      }
    }
    for (const [key, cell] of this.cells) {
      if (wanted.has(key)) continue;
      cell.cancelled = true;
      if (cell.model) this.scene.primitives.remove(cell.model);
      this.cells.delete(key);
    }
    for (const key of wanted) if (!this.cells.has(key)) void this.load(key);
  }

  private async load(key: string): Promise<void> {
    const cell = { model: null as Model | null, cancelled: false, settled: false };
    this.cells.set(key, cell);
    try {
      await this.build(key, cell);
    } catch (error) {
      // A cell that cannot be modelled keeps its points and icons; the rest of the view goes on.
      console.warn(`street furniture cell ${key}:`, error);
    } finally {
      cell.settled = true;
      this.scene.requestRender();
    }
  }

  /** True once every cell around the camera has its model loaded (or has nothing to show). */
  isReady(): boolean {
    for (const cell of this.cells.values()) {
      if (!cell.settled) return false;
      if (cell.model && !cell.model.ready) return false;
    }
    return true;
  }

  /** Number of cells with a model on the globe. */
  get modelCount(): number {
    let count = 0;
    for (const cell of this.cells.values()) if (cell.model) count++;
    return count;
  }

  private async build(key: string, cell: { model: Model | null; cancelled: boolean }): Promise<void> {
    const [x, y] = key.split(',').map(Number);
    const centreLon = this.originLon + ((x + 0.5) * CELL_METRES) / this.metresPerDegreeLon;
    const centreLat = this.originLat + ((y + 0.5) * CELL_METRES) / this.metresPerDegreeLat;
    const centreHeight = this.ground.heightAt(centreLon, centreLat);
    const parts = this.buildParts(key, centreLon, centreLat, centreHeight);
    if (parts.parts.size === 0) return;
    const glb = (await new GLTFExporter().parseAsync(parts.toScene(), { binary: true })) as ArrayBuffer;
    if (cell.cancelled || this.destroyed) return;
    const model = await Model.fromGltfAsync({
      gltf: new Uint8Array(glb),
      modelMatrix: Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(centreLon, centreLat, centreHeight), undefined, new Matrix4()),
      distanceDisplayCondition: new DistanceDisplayCondition(0, SHOW_BELOW_METRES * 1.6),
      allowPicking: false,
      // No dynamic environment map: Cesium would render an atmosphere cube map around each model
      // (its own programs, and a second set of the model's programs once it is there, linked on
      // the frame the street comes into view: seconds on a software renderer) for reflections
      // nobody sees on boxes a few metres tall. The models keep Cesium's default image-based light.
      environmentMapOptions: { enabled: false },
      // A binary glTF buffer is accepted in place of a URL (Model.fromGltfAsync reads `gltf`).
      // Cesium's resource cache keys an in-memory glTF by its base path: each model needs its own,
      // or every cell would show the first cell's furniture. Nothing is fetched from it.
      basePath: `vigie-furniture/${key}/${++this.generation}/`,
    } as unknown as Parameters<typeof Model.fromGltfAsync>[0]);
    if (cell.cancelled || this.destroyed) {
      model.destroy();
      return;
    }
    cell.model = model;
    this.scene.primitives.add(model);
    this.scene.requestRender();
  }

  private local(lon: number, lat: number, centreLon: number, centreLat: number): { east: number; north: number } {
    return { east: (lon - centreLon) * this.metresPerDegreeLon, north: (lat - centreLat) * this.metresPerDegreeLat };
  }

  /** Heading (radians, clockwise from north) from a point towards the nearest road (Turf's nearest point on line). */
  private headingToRoad(key: string, [lon, lat]: LonLat): number {
    const nearest = nearestOnLines([lon, lat], (this.roadsByCell.get(key) ?? []).map((road) => road.coordinates));
    if (nearest === null) return 0;
    return Math.atan2((nearest.point[0] - lon) * this.metresPerDegreeLon, (nearest.point[1] - lat) * this.metresPerDegreeLat);
  }

  private buildParts(key: string, centreLon: number, centreLat: number, centreHeight: number): PartSet {
    const parts = new PartSet();
    const groundAt = (lon: number, lat: number) => this.ground.heightAt(lon, lat) - centreHeight;
    if (this.visible.streetLights) {
      for (const light of this.lightsByCell.get(key) ?? []) {
        const [lon, lat] = light.position;
        const { east, north } = this.local(lon, lat, centreLon, centreLat);
        const base = groundAt(lon, lat);
        const height = light.mountingHeightMetres;
        const heading = this.headingToRoad(key, light.position);
        parts.add('pole', () => ({ geometry: based(new CylinderGeometry(0.09, 0.14, 1, 10), 1), material: material('#55606b', { metalness: 0.6, roughness: 0.4 }) }), compose(east, base, north, heading, new Vector3(1, height, 1)));
        // The arm reaches 1.2 m towards the road; the luminaire hangs at its end.
        const armLength = 1.2;
        const ax = east + Math.sin(heading) * armLength * 0.5;
        const an = north + Math.cos(heading) * armLength * 0.5;
        parts.add('arm', () => ({ geometry: new BoxGeometry(0.05, 0.05, 1), material: material('#55606b', { metalness: 0.6, roughness: 0.4 }) }), compose(ax, base + height - 0.05, an, heading, new Vector3(1, 1, armLength)));
        const hx = east + Math.sin(heading) * armLength;
        const hn = north + Math.cos(heading) * armLength;
        const glow = light.technology === 'sodium' ? '#ffb347' : light.technology === 'mercury' ? '#cfe0ff' : '#fff6e0';
        parts.add(`head-${light.technology}`, () => ({ geometry: new BoxGeometry(0.4, 0.16, 0.75), material: material('#2f353b', { emissive: glow, roughness: 0.5 }) }), compose(hx, base + height - 0.12, hn, heading));
      }
    }
    if (this.visible.collectionPoints) {
      for (const point of this.pointsByCell.get(key) ?? []) {
        const [lon, lat] = point.position;
        const { east, north } = this.local(lon, lat, centreLon, centreLat);
        const base = groundAt(lon, lat);
        const heading = this.headingToRoad(key, point.position);
        if (point.container === 'column') {
          parts.add(`column-${point.stream}`, () => ({ geometry: based(new CylinderGeometry(0.72, 0.8, 1.7, 16), 1.7), material: material(STREAM_BODY[point.stream], { roughness: 0.6 }) }), compose(east, base, north, heading));
          parts.add(`column-cap-${point.stream}`, () => ({ geometry: based(new ConeGeometry(0.78, 0.35, 16), 0.35), material: material(STREAM_LID[point.stream], { roughness: 0.5 }) }), compose(east, base + 1.7, north, heading));
        } else {
          // A row of wheeled bins facing the road.
          for (let i = 0; i < point.containerCount; i++) {
            const along = (i - (point.containerCount - 1) / 2) * 0.85;
            const bx = east + Math.cos(heading) * along;
            const bn = north - Math.sin(heading) * along;
            parts.add(`bin-${point.stream}`, () => ({ geometry: based(new BoxGeometry(0.68, 1.0, 0.8), 1.0), material: material('#3f4347', { roughness: 0.8 }) }), compose(bx, base + 0.05, bn, heading));
            parts.add(`lid-${point.stream}`, () => ({ geometry: based(new BoxGeometry(0.72, 0.07, 0.86), 0.07), material: material(STREAM_LID[point.stream], { roughness: 0.6 }) }), compose(bx, base + 1.05, bn, heading));
          }
        }
      }
    }
    if (this.visible.facilities) {
      for (const facility of this.facilitiesByCell.get(key) ?? []) {
        if (facility.kind !== 'depot') continue;
        const [lon, lat] = facility.position;
        const { east, north } = this.local(lon, lat, centreLon, centreLat);
        const base = groundAt(lon, lat);
        const heading = this.headingToRoad(key, facility.position) + Math.PI / 2;
        addTruck(parts, east + 12, base, north, heading);
      }
    }
    return parts;
  }

  private clear(): void {
    for (const cell of this.cells.values()) {
      cell.cancelled = true;
      if (cell.model) this.scene.primitives.remove(cell.model);
    }
    this.cells.clear();
  }

  destroy(): void {
    this.destroyed = true;
    this.removeListener();
    this.clear();
  }
}

/** A refuse collection truck: cab, compacting body and wheels, about 9 m long. */
export function addTruck(parts: PartSet, east: number, base: number, north: number, heading: number): void {
  const forward = (metres: number) => ({ e: east + Math.sin(heading) * metres, n: north + Math.cos(heading) * metres });
  const cab = forward(3.3);
  parts.add('truck-cab', () => ({ geometry: based(new BoxGeometry(2.5, 2.7, 2.1), 2.7), material: material('#f4f6f7', { roughness: 0.4 }) }), compose(cab.e, base + 0.6, cab.n, heading));
  const body = forward(-1.2);
  parts.add('truck-body', () => ({ geometry: based(new BoxGeometry(2.5, 3.0, 6.2), 3.0), material: material('#2e8b57', { roughness: 0.5 }) }), compose(body.e, base + 0.7, body.n, heading));
  parts.add('truck-chassis', () => ({ geometry: based(new BoxGeometry(2.2, 0.5, 8.8), 0.5), material: material('#2b2b2b') }), compose(east, base + 0.45, north, heading));
  for (const along of [3.2, -1.6, -3.0]) {
    for (const side of [-1, 1]) {
      const at = forward(along);
      const e = at.e + Math.cos(heading) * side * 1.1;
      const n = at.n - Math.sin(heading) * side * 1.1;
      const wheel = new ThreeMatrix4().compose(new Vector3(e, base + 0.5, -n), new Quaternion().setFromEuler(new Euler(0, -heading, Math.PI / 2, 'YXZ')), new Vector3(1, 1, 1));
      parts.add('truck-wheel', () => ({ geometry: new CylinderGeometry(0.5, 0.5, 0.4, 14), material: material('#1b1b1b', { roughness: 0.9 }) }), wheel);
    }
  }
}

export type { PartSet };
