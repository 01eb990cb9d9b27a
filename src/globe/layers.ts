/**
 * Feature layers: each turns part of the territory into a few Cesium primitive collections (never
 * one Entity per feature). All follow one life cycle (src/globe/lifecycle.ts): built from the
 * territory, brought in step with the store by `update(state)` (visibility, lamp levels, sensor
 * readings), and destroyed with everything they added.
 */
import {
  BillboardCollection,
  BlendOption,
  BoxGeometry,
  Cartesian2,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayCondition,
  GeometryInstance,
  HeadingPitchRoll,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Matrix4,
  NearFarScalar,
  PerInstanceColorAppearance,
  PointPrimitiveCollection,
  Primitive,
  SplitDirection,
  Transforms,
  VerticalOrigin,
  Math as CesiumMath,
  type Billboard,
  type Scene,
} from 'cesium';
import { villageCentres } from '../domain/communes';
import { sampleHeight } from '../domain/heightmap';
import type { Building, BuildingUsage, Heightmap, Territory } from '../domain/territory';
import type { FeatureLayer, Selection, TwinState } from '../store/store';
import { TECHNOLOGY_COLOURS, collectionIcon, facilityIcon, sensorIcon, sensorValueIcon } from './icons';
import { footprintInstances } from './footprints';
import { LayerLifecycle } from './lifecycle';
import { rampColour } from './ramps';
import { ViewCheck } from './inView';

/** What a picked primitive carries, so that a click finds its feature. */
export interface PickId {
  layer: Selection['layer'];
  id: string;
}

/**
 * Points, icons and labels are drawn in the translucent pass only (their edges are antialiased
 * anyway): one shader program each instead of an opaque and a translucent one, which SwiftShader
 * and slow GPUs compile at start-up, on the main thread.
 */
export const ONE_PASS = BlendOption.TRANSLUCENT;

/** Labels share one set of options (hence one shader program): scaled, culled by distance, never hidden by the ground. */
const LABEL_FAR = new DistanceDisplayCondition(0, 250_000);

/** What the feature layers follow in the store. */
export type LayerState = Pick<TwinState, 'visible' | 'lampLevels' | 'sensorLevels'>;

export interface GlobeLayer {
  readonly name: FeatureLayer;
  readonly count: number;
  show: boolean;
  /** True once everything the layer draws is on the GPU. */
  isReady(): boolean;
  /** Brings the layer in step with the store (cheap when nothing it follows changed). */
  update(state: LayerState): void;
  destroy(): void;
}

/** A feature layer: shown when the store says so; subclasses follow more of the state. */
abstract class FeatureLayerBase extends LayerLifecycle<LayerState> implements GlobeLayer {
  abstract readonly name: FeatureLayer;
  abstract readonly count: number;
  abstract get show(): boolean;
  abstract set show(value: boolean);

  /** True once everything the layer draws is on the GPU (point and icon collections are at once). */
  isReady(): boolean {
    return true;
  }

  update(state: LayerState): void {
    const show = state.visible[this.name];
    if (this.show !== show) this.show = show;
  }
}

export class Ground {
  constructor(private readonly heightmap: Heightmap | null) {}

  heightAt(lon: number, lat: number): number {
    return this.heightmap ? sampleHeight(this.heightmap, lon, lat) : 0;
  }

  position(lon: number, lat: number, aboveGroundMetres: number, result?: Cartesian3): Cartesian3 {
    return Cartesian3.fromDegrees(lon, lat, this.heightAt(lon, lat) + aboveGroundMetres, undefined, result);
  }
}

const WALL_COLOURS: Record<BuildingUsage, Color> = {
  residential: Color.fromBytes(236, 226, 208),
  commercial: Color.fromBytes(222, 206, 174),
  public: Color.fromBytes(206, 214, 222),
  industrial: Color.fromBytes(190, 194, 198),
  agricultural: Color.fromBytes(176, 156, 126),
  religious: Color.fromBytes(222, 214, 196),
};
const ROOF_COLOURS: Record<BuildingUsage, Color> = {
  residential: Color.fromBytes(158, 74, 56),
  commercial: Color.fromBytes(120, 112, 108),
  public: Color.fromBytes(96, 104, 118),
  industrial: Color.fromBytes(150, 156, 160),
  agricultural: Color.fromBytes(128, 96, 72),
  religious: Color.fromBytes(84, 92, 104),
};

/**
 * Above this height over the ground the buildings are not drawn: from there a 10 m house is under
 * a pixel, while 20,000 boxes still cost every frame (and a shader program to link before the first
 * view). A commune's whole-territory view (a few km up) keeps them; an intercommunality's does not.
 */
export const BUILDINGS_MAX_HEIGHT_METRES = 8_000;

/** While the buildings are built ahead (hidden), a frame at most this often moves their build on, ms. */
const PREPARE_FRAME_MS = 500;

/** Extruded buildings: walls and a roof slab per building, batched into one primitive. */
export class BuildingsLayer extends FeatureLayerBase {
  readonly name = 'buildings';
  readonly count: number;
  /**
   * Made on first need (a near view, or `prepare`): Cesium builds a primitive's geometry whether it
   * is shown or not, so a primitive made at once would build 20,000 boxes (workers, then uploads)
   * while the first far view is still loading its terrain and imagery.
   */
  private primitive: Primitive | null = null;
  private wanted = true;
  private near = true;
  /** Built ahead (after the first view is drawn) even when far, so that a first close view is quick. */
  private preparing = false;

  constructor(
    scene: Scene,
    private readonly buildings: readonly Building[],
    private readonly ground: Ground,
  ) {
    super(scene);
    this.count = buildings.length;
    this.near = this.cameraNear();
    this.apply();
    this.listen(
      scene.preRender.addEventListener(() => {
        const near = this.cameraNear();
        if (near !== this.near) {
          this.near = near;
          this.apply();
        }
        if (this.preparing && this.primitive?.ready) {
          this.preparing = false;
          this.apply();
        } else if (this.preparing && this.prepareTimer === null) {
          // Cesium moves a primitive's build on only in a frame: one at most every PREPARE_FRAME_MS
          // while its workers build the geometry, not one after the other (with software WebGL each
          // costs half a core-second, taken from the live data and whatever else the page does).
          this.prepareTimer = setTimeout(() => {
            this.prepareTimer = null;
            if (this.preparing) scene.requestRender();
          }, PREPARE_FRAME_MS);
        }
      }),
    );
    this.listen(() => {
      if (this.prepareTimer !== null) clearTimeout(this.prepareTimer);
    });
  }

  private prepareTimer: ReturnType<typeof setTimeout> | null = null;

  /** Walls and a roof slab per building, batched into one primitive built in Cesium's workers. */
  private makePrimitive(): Primitive {
    const unitBox = BoxGeometry.fromDimensions({ dimensions: new Cartesian3(1, 1, 1), vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT });
    const instances: GeometryInstance[] = [];
    const hpr = new HeadingPitchRoll();
    const scale = new Cartesian3();
    const ground = this.ground;
    for (const building of this.buildings) {
      if (building.footprint) {
        const id: PickId = { layer: 'buildings', id: building.id };
        const footprint = building as Building & { footprint: NonNullable<Building['footprint']> };
        instances.push(...footprintInstances(footprint, (x, y) => ground.heightAt(x, y), WALL_COLOURS[building.usage], ROOF_COLOURS[building.usage], id));
        continue;
      }
      const [lon, lat] = building.position;
      // Sink the base a little so that buildings on slopes have no gap under them.
      const base = ground.heightAt(lon, lat) - 2;
      const wallHeight = building.heightMetres + 2 - (building.usage === 'religious' && building.widthMetres < 10 ? 0 : 0.6);
      hpr.heading = CesiumMath.toRadians(building.headingDegrees - 90);
      const id: PickId = { layer: 'buildings', id: building.id };
      const wallFrame = Transforms.headingPitchRollToFixedFrame(Cartesian3.fromDegrees(lon, lat, base + wallHeight / 2), hpr);
      Cartesian3.fromElements(building.widthMetres, building.depthMetres, wallHeight, scale);
      instances.push(
        new GeometryInstance({
          geometry: unitBox,
          modelMatrix: Matrix4.multiplyByScale(wallFrame, scale, new Matrix4()),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(WALL_COLOURS[building.usage]) },
          id,
        }),
      );
      const roofFrame = Transforms.headingPitchRollToFixedFrame(Cartesian3.fromDegrees(lon, lat, base + wallHeight + 0.3), hpr);
      Cartesian3.fromElements(building.widthMetres + 0.6, building.depthMetres + 0.6, 0.6, scale);
      instances.push(
        new GeometryInstance({
          geometry: unitBox,
          modelMatrix: Matrix4.multiplyByScale(roofFrame, scale, new Matrix4()),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(ROOF_COLOURS[building.usage]) },
          id,
        }),
      );
    }
    return this.add(
      new Primitive({
        geometryInstances: instances,
        appearance: new PerInstanceColorAppearance({ translucent: false, closed: true }),
        releaseGeometryInstances: true,
        asynchronous: true,
      }),
    );
  }

  private cameraNear(): boolean {
    const at = this.scene.camera.positionCartographic;
    const height = at.height - this.ground.heightAt(CesiumMath.toDegrees(at.longitude), CesiumMath.toDegrees(at.latitude));
    return !(height > BUILDINGS_MAX_HEIGHT_METRES);
  }

  private apply(): void {
    // Drawn when wanted and near; made (and so built) on the first such need or when prepared ahead.
    const show = this.wanted && this.near;
    if (this.count > 0 && !this.primitive && (show || this.preparing)) this.primitive = this.makePrimitive();
    if (this.primitive) this.primitive.show = show;
  }

  /** Builds the buildings in the background when the view is too far to draw them. */
  prepare(): void {
    if (this.primitive || this.count === 0) return;
    this.preparing = true;
    this.apply();
    this.scene.requestRender();
  }

  get show(): boolean {
    return this.wanted;
  }

  set show(value: boolean) {
    this.wanted = value;
    this.apply();
  }

  /** Ready once built, or at once when the view is too far for them to be drawn. */
  override isReady(): boolean {
    return this.count === 0 || !this.near || !this.wanted || (this.primitive?.ready ?? false);
  }
}

/**
 * Street lights as points: coloured by lamp technology, or, when a time and a scenario give their
 * levels, as a warm glow when on, a dimmer one when dimmed and dark when off (3D poles close up:
 * see furniture.ts).
 */
export class StreetLightsLayer extends FeatureLayerBase {
  readonly name = 'streetLights';
  readonly count: number;
  private readonly points: PointPrimitiveCollection;
  private readonly technologyColours: Color[];
  private lastLevels: Float32Array | null = null;
  private levelsCopy: Float32Array | null = null;

  constructor(scene: Scene, private readonly territory: Territory, ground: Ground) {
    super(scene);
    this.points = new PointPrimitiveCollection({ blendOption: ONE_PASS });
    const outline = Color.fromBytes(40, 30, 10, 220);
    const colours = {
      sodium: Color.fromCssColorString(TECHNOLOGY_COLOURS.sodium),
      mercury: Color.fromCssColorString(TECHNOLOGY_COLOURS.mercury),
      led: Color.fromCssColorString(TECHNOLOGY_COLOURS.led),
    };
    this.technologyColours = territory.streetLights.map((light) => colours[light.technology]);
    // Close up the dot is the lamp's glow at the top of its 3D pole; from afar, a street light.
    const scaling = new NearFarScalar(150, 0.9, 25_000, 0.55);
    for (const light of territory.streetLights) {
      const [lon, lat] = light.position;
      this.points.add({
        position: ground.position(lon, lat, light.mountingHeightMetres),
        color: colours[light.technology],
        outlineColor: outline,
        outlineWidth: 1,
        pixelSize: 6,
        scaleByDistance: scaling,
        // Depth-tested: a lamp behind a house is hidden by it.
        id: { layer: 'streetLights', id: light.id } satisfies PickId,
      });
    }
    this.count = territory.streetLights.length;
    this.add(this.points);
    this.warmUp();
  }

  /**
   * Every lamp through each state's style and back to its technology colour, before the first
   * frame: the JIT has compiled the restyle by the time live meters need it within a frame's
   * budget (in a page just loaded, the first two switches of every lamp took about 4 ms each, the
   * next ones 0.2–0.4 ms).
   */
  private warmUp(): void {
    const levels = new Float32Array(this.count);
    for (const level of [0, 0.5, 0.8, 1]) {
      levels.fill(level);
      this.setLevels(levels);
    }
    this.setLevels(null);
  }

  private levelsSeen: Float32Array | null | undefined = undefined;

  override update(state: LayerState): void {
    super.update(state);
    if (state.lampLevels !== this.levelsSeen) {
      this.levelsSeen = state.lampLevels;
      this.setLevels(state.lampLevels);
    }
  }

  /**
   * Restyles the lamps for their levels; null (or a NaN level: none yet, the lamps being restyled
   * over several frames) is the lamp's technology colour. One pass; only the lamps whose state
   * class changed are touched.
   */
  setLevels(levels: Float32Array | null): void {
    if (levels === null && this.lastLevels === null) return;
    const count = Math.min(this.points.length, this.territory.streetLights.length);
    const previous = this.lastLevels !== null && this.lastLevels.length === count ? this.lastLevels : null;
    const next = levels !== null && levels.length === count ? levels : null;
    // A frame only when a lamp that changed can show (the layer shown and the lamp in view): live
    // meters restyle the lamps of their cabinets once a second.
    let visible = false;
    const view = this.points.show ? this.view.begin() : null;
    for (let i = 0; i < count; i++) {
      const before = previous ? lampClass(previous[i]) : TECHNOLOGY_CLASS;
      const after = next ? lampClass(next[i]) : TECHNOLOGY_CLASS;
      if (before === after) continue;
      const point = this.points.get(i);
      if (after === TECHNOLOGY_CLASS) {
        point.color = this.technologyColours[i];
        point.pixelSize = 6;
      } else {
        const style = LAMP_STYLES[after];
        point.color = style.colour;
        point.pixelSize = style.size;
      }
      if (!visible && view && view.sees(point.position)) visible = true;
    }
    // A copy kept in one buffer for the layer's life (no array per update).
    if (next) {
      if (!this.levelsCopy || this.levelsCopy.length !== count) this.levelsCopy = new Float32Array(count);
      this.levelsCopy.set(next);
      this.lastLevels = this.levelsCopy;
    } else this.lastLevels = null;
    if (visible) this.scene.requestRender();
  }

  private readonly view = new ViewCheck(this.scene.camera);

  /** Which side of the split view the lamps are drawn on (src/globe/comparison.ts). */
  setSplitDirection(direction: SplitDirection): void {
    if (this.splitDirection === direction) return;
    this.splitDirection = direction;
    for (let i = 0; i < this.points.length; i++) this.points.get(i).splitDirection = direction;
    this.scene.requestRender();
  }

  private splitDirection: SplitDirection = SplitDirection.NONE;

  get show(): boolean {
    return this.points.show;
  }

  set show(value: boolean) {
    this.points.show = value;
  }
}

/** A lamp without a level: drawn in its technology's colour. */
const TECHNOLOGY_CLASS = 4;

/** 0 off, 1 dimmed below 60 %, 2 dimmed, 3 on; TECHNOLOGY_CLASS without a level (NaN). */
function lampClass(level: number): number {
  if (Number.isNaN(level)) return TECHNOLOGY_CLASS;
  if (level <= 0.001) return 0;
  if (level < 0.6) return 1;
  if (level < 0.999) return 2;
  return 3;
}

export const LAMP_STATE_COLOURS = { on: '#ffcf5c', dimmed: '#d99a2b', off: '#3b4046' } as const;

const LAMP_STYLES = [
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.off), size: 4 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.dimmed).withAlpha(0.85), size: 5 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.dimmed), size: 6 },
  { colour: Color.fromCssColorString(LAMP_STATE_COLOURS.on), size: 8 },
];

const CABINET_FILL = Color.fromBytes(122, 75, 196);

export class CabinetsLayer extends FeatureLayerBase {
  readonly name = 'cabinets';
  readonly count: number;
  private readonly points: PointPrimitiveCollection;

  private readonly index = new Map<string, number>();

  /**
   * Colours a cabinet by what its meter reads (null: back to the plain symbol). True when that
   * changed its colour where it can show (the layer shown and the cabinet in `view`, when given).
   */
  setColour(cabinetId: string, colour: Color | null, view?: ViewCheck): boolean {
    const at = this.index.get(cabinetId);
    if (at === undefined) return false;
    const point = this.points.get(at);
    const next = colour ?? CABINET_FILL;
    if (Color.equals(point.color, next)) return false;
    point.color = next;
    return this.points.show && (!view || view.sees(point.position));
  }

  constructor(scene: Scene, territory: Territory, ground: Ground) {
    super(scene);
    this.points = new PointPrimitiveCollection({ blendOption: ONE_PASS });
    const fill = CABINET_FILL;
    territory.cabinets.forEach((cabinet, i) => this.index.set(cabinet.id, i));
    for (const cabinet of territory.cabinets) {
      const [lon, lat] = cabinet.position;
      this.points.add({
        position: ground.position(lon, lat, 2),
        color: fill,
        outlineColor: Color.WHITE,
        outlineWidth: 2,
        pixelSize: 10,
        scaleByDistance: new NearFarScalar(300, 1.3, 25_000, 0.6),
        disableDepthTestDistance: 1500,
        id: { layer: 'cabinets', id: cabinet.id } satisfies PickId,
      });
    }
    this.count = territory.cabinets.length;
    this.add(this.points);
  }

  get show(): boolean {
    return this.points.show;
  }

  set show(value: boolean) {
    this.points.show = value;
  }
}

interface BillboardSpec {
  lon: number;
  lat: number;
  aboveGroundMetres: number;
  icon: { id: string; image: HTMLCanvasElement };
  pickId: PickId;
  scale: number;
}

/** Features drawn as icons standing on the ground: collection points, sensors, facilities. */
export class IconLayer extends FeatureLayerBase {
  readonly count: number;
  private readonly billboards: BillboardCollection;

  constructor(
    scene: Scene,
    readonly name: FeatureLayer,
    specs: readonly BillboardSpec[],
    ground: Ground,
    protected readonly farMetres: number,
  ) {
    super(scene);
    this.billboards = new BillboardCollection({ scene, blendOption: ONE_PASS });
    const scaling = new NearFarScalar(150, 0.7, 30_000, 0.35);
    const display = new DistanceDisplayCondition(0, farMetres);
    for (const spec of specs) {
      this.billboards.add({
        position: ground.position(spec.lon, spec.lat, spec.aboveGroundMetres),
        image: spec.icon.image,
        imageId: spec.icon.id,
        scale: spec.scale,
        verticalOrigin: VerticalOrigin.BOTTOM,
        scaleByDistance: scaling,
        distanceDisplayCondition: display,
        id: spec.pickId,
        // Shared images: one copy in the texture atlas per symbol.
      } as Billboard.ConstructorOptions);
    }
    this.count = specs.length;
    this.add(this.billboards);
  }

  get show(): boolean {
    return this.billboards.show;
  }

  set show(value: boolean) {
    this.billboards.show = value;
  }

  /** Restyles one icon: a new image (shared by id) and a tint; null tint for none. True when its tint changed. */
  restyle(index: number, icon: { id: string; image: HTMLCanvasElement } | null, tint: Color | null): boolean {
    const billboard = this.billboards.get(index);
    if (!billboard) return false;
    if (icon) billboard.setImage(icon.id, icon.image);
    const colour = tint ?? Color.WHITE;
    if (Color.equals(billboard.color, colour)) return false;
    billboard.color = colour;
    return true;
  }

  /** Whether a change of icon `index` can show on the next frame (the layer shown, the icon in view and near enough). */
  protected seen(index: number, view: ViewCheck): boolean {
    const billboard = this.billboards.get(index);
    return this.billboards.show && billboard !== undefined && view.sees(billboard.position, this.farMetres);
  }
}

export function collectionPointsLayer(scene: Scene, territory: Territory, ground: Ground): IconLayer {
  return new IconLayer(
    scene,
    'collectionPoints',
    territory.collectionPoints.map((point) => ({
      lon: point.position[0],
      lat: point.position[1],
      aboveGroundMetres: 1,
      icon: collectionIcon(point.stream, point.container === 'column'),
      pickId: { layer: 'collectionPoints', id: point.id },
      scale: 0.75,
    })),
    ground,
    7_000,
  );
}

/**
 * Sensors as icons tinted by their reading's colour (silent ones grey); a power meter also colours
 * its cabinet (on, dimmed or off).
 */
export class SensorsLayer extends IconLayer {
  private levelsSeen: Float32Array | null = null;
  private valueIcons = false;
  /** The levels the icons were last tinted with. */
  private tinted: Float32Array | null = null;
  private readonly tints = new Map<string, Color>();

  constructor(
    scene: Scene,
    private readonly territory: Territory,
    ground: Ground,
    private readonly cabinets: CabinetsLayer | null,
  ) {
    super(scene, 'sensors', sensorSpecs(territory), ground, 5_000);
  }

  override update(state: LayerState): void {
    super.update(state);
    const levels = state.sensorLevels;
    if (levels === this.levelsSeen || levels === null || levels.length !== this.territory.sensors.length) return;
    this.levelsSeen = levels;
    const sensors = this.territory.sensors;
    // A live batch changes a few sensors: only those are retinted (the copy is kept in one buffer).
    const before = this.valueIcons && this.tinted ? this.tinted : null;
    // A frame only when a change can show: the first value icons, or a new tint on an icon (or a
    // cabinet) in view; icons beyond their display distance or off screen are drawn as they are
    // now on the next frame that something else asks for.
    let visible = !this.valueIcons;
    const view = this.view.begin();
    for (let i = 0; i < sensors.length; i++) {
      const sensor = sensors[i];
      if (before && (before[i] === levels[i] || (Number.isNaN(before[i]) && Number.isNaN(levels[i])))) continue;
      // Once readings exist, the icons show a value gauge (images shared by id in the atlas).
      if (!this.valueIcons) this.restyle(i, sensorValueIcon(sensor.kind), null);
      const colour = rampColour(sensor.kind, levels[i]);
      let tint = this.tints.get(colour);
      if (!tint) {
        tint = Color.fromCssColorString(colour);
        this.tints.set(colour, tint);
      }
      if (this.restyle(i, null, tint) && !visible && this.seen(i, view)) visible = true;
      if (sensor.kind === 'power-meter' && sensor.targetId && this.cabinets?.setColour(sensor.targetId, tint, view)) visible = true;
    }
    this.valueIcons = true;
    if (!this.tinted) this.tinted = new Float32Array(levels.length);
    this.tinted.set(levels);
    if (visible) this.scene.requestRender();
  }

  private readonly view = new ViewCheck(this.scene.camera);
}

function sensorSpecs(territory: Territory): BillboardSpec[] {
  return territory.sensors.map((sensor) => ({
      lon: sensor.position[0],
      lat: sensor.position[1],
      // Beside the equipment it measures, a little higher so both can be clicked.
      aboveGroundMetres: 7,
      icon: sensorIcon(sensor.kind),
      pickId: { layer: 'sensors', id: sensor.id },
      scale: 0.7,
  }));
}

/** Depot and transfer station: large icons with their names. */
export class FacilitiesLayer extends FeatureLayerBase {
  readonly name = 'facilities';
  readonly count: number;
  private readonly icons: IconLayer;
  private readonly labels: LabelCollection;

  constructor(scene: Scene, territory: Territory, ground: Ground) {
    super(scene);
    this.icons = new IconLayer(
      scene,
      'facilities',
      territory.facilities.map((facility) => ({
        lon: facility.position[0],
        lat: facility.position[1],
        aboveGroundMetres: 2,
        icon: facilityIcon(facility.kind),
        pickId: { layer: 'facilities', id: facility.id },
        scale: 0.9,
      })),
      ground,
      Number.POSITIVE_INFINITY,
    );
    this.labels = new LabelCollection({ scene, blendOption: ONE_PASS });
    for (const facility of territory.facilities) {
      this.labels.add({
        position: ground.position(facility.position[0], facility.position[1], 2),
        text: facility.name,
        font: '600 14px "DejaVu Sans", sans-serif',
        fillColor: Color.WHITE,
        outlineColor: Color.fromBytes(20, 30, 40),
        outlineWidth: 3,
        style: LabelStyle.FILL_AND_OUTLINE,
        pixelOffset: new Cartesian2(0, -52),
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.BOTTOM,
        scaleByDistance: new NearFarScalar(2_000, 1, 40_000, 0.8),
        distanceDisplayCondition: new DistanceDisplayCondition(0, 12_000),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    this.count = territory.facilities.length;
    this.add(this.labels);
    // The icons are a layer of their own: they go with this one.
    this.listen(() => this.icons.destroy());
  }

  get show(): boolean {
    return this.icons.show;
  }

  set show(value: boolean) {
    this.icons.show = value;
    this.labels.show = value;
  }
}

/** Commune names over their village centres (the boundaries are an imagery overlay). */
export class CommuneLabelsLayer extends LayerLifecycle<LayerState> {
  private readonly labels: LabelCollection;

  constructor(scene: Scene, territory: Territory, ground: Ground) {
    super(scene);
    this.labels = new LabelCollection({ scene, blendOption: ONE_PASS });
    const centres = villageCentres(territory);
    for (const commune of territory.communes) {
      const [lon, lat] = centres.get(commune.id) ?? commune.centre;
      this.labels.add({
        position: ground.position(lon, lat, 60),
        text: commune.name,
        font: '600 17px "DejaVu Sans", sans-serif',
        fillColor: Color.WHITE,
        outlineColor: Color.fromBytes(60, 20, 70),
        outlineWidth: 4,
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
        scaleByDistance: new NearFarScalar(2_000, 1.1, 40_000, 0.75),
        distanceDisplayCondition: LABEL_FAR,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    this.add(this.labels);
  }

  update(state: LayerState): void {
    this.labels.show = state.visible.communes;
  }
}
