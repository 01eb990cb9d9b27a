/**
 * The demo territory: a fictional intercommunality in the hills of the Grand Est. Deterministic:
 * the same seed and scale give the same files, byte for byte.
 */
import type {
  BuildingUsage,
  LampTechnology,
  LightingUsage,
  SensorKind,
  WasteStream,
} from '../../src/domain/territory';
import { LAND_COVER_CLASSES } from '../../src/domain/territory';
import { fromWgs84, toWgs84 } from '../../src/io/crs';
import { SpatialHash, distance, polylineLength, type Point } from './geometry';
import type { NetworkEdge, RoadNetwork } from './network';
import { walk } from './network';
import { Random, fractalNoise } from './random';
import { buildRoads, type Village } from './roads';
import { buildLandform, slopeAt, type Landform } from './terrain';

export interface DemoOptions {
  seed: number;
  /** Multiplies every count (communes, buildings, lamps, points, sensors) by growing the area. */
  scale: number;
}

export interface DemoOutput {
  /** File name (relative to the manifest) → contents. */
  files: Map<string, string | Uint8Array>;
  summary: Record<string, number>;
}

const CENTRE_LON = 6.92;
const CENTRE_LAT = 48.31;
const SIDE_METRES = 20_000;

const VILLAGE_NAMES = [
  'Vaudrecourt', 'Saint-Élophe-sur-Argence', 'Hautrupt', 'Les Granges-de-Vaux', 'Bellefontaine-la-Combe', 'Moncel-sous-Roche',
  'Rochebrune-en-Vosges', 'Fraize-le-Val', 'Ormont-la-Haute', 'Champdray-Saint-Jean', 'Brémoncourt', 'Laneuveville-aux-Bois',
  'Grandvillers-sur-Noire', 'Sainte-Hélène-du-Rupt', 'Aumontzey-le-Bas', 'Corcieux-la-Petite', 'Xonrupt-Argence', 'Biffontaine-Haute',
  'Taintrux-les-Prés', 'Mandray-sur-Combelle', 'Lusse-la-Forêt', 'Entre-deux-Eaux-Saint-Roch', 'Gerbépal-le-Moulin', 'Anould-sous-Bois',
  'Vanémont-la-Côte', 'Ban-sur-Argence', 'Pairis-le-Val', 'Nayemont-les-Fosses', 'Coinches-la-Grange', 'Denipaire-le-Haut',
];

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Local metres ↔ WGS84, through Lambert-93 (EPSG:2154), the frame French inventories use. */
class Frame {
  readonly originX: number;
  readonly originY: number;

  constructor(readonly widthMetres: number, readonly heightMetres: number) {
    const [x, y] = fromWgs84('EPSG:2154', CENTRE_LON, CENTRE_LAT);
    this.originX = Math.round(x - widthMetres / 2);
    this.originY = Math.round(y - heightMetres / 2);
  }

  lonLat(point: Point): [number, number] {
    const [lon, lat] = toWgs84('EPSG:2154', this.originX + point.x, this.originY + point.y);
    return [round(lon, 7), round(lat, 7)];
  }

  local(lon: number, lat: number): Point {
    const [x, y] = fromWgs84('EPSG:2154', lon, lat);
    return { x: x - this.originX, y: y - this.originY };
  }

  bounds(): { west: number; south: number; east: number; north: number } {
    const corners = [
      this.lonLat({ x: 0, y: 0 }),
      this.lonLat({ x: this.widthMetres, y: 0 }),
      this.lonLat({ x: 0, y: this.heightMetres }),
      this.lonLat({ x: this.widthMetres, y: this.heightMetres }),
    ];
    return {
      west: round(Math.min(...corners.map((c) => c[0])), 6),
      east: round(Math.max(...corners.map((c) => c[0])), 6),
      south: round(Math.min(...corners.map((c) => c[1])), 6),
      north: round(Math.max(...corners.map((c) => c[1])), 6),
    };
  }
}

/** Maps a regular lon/lat raster onto local metres through a grid of exact control points. */
function rasterSampler(frame: Frame, bounds: ReturnType<Frame['bounds']>, width: number, height: number): (col: number, row: number) => Point {
  const n = 32;
  const control: Point[] = [];
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      const lon = bounds.west + ((bounds.east - bounds.west) * i) / n;
      const lat = bounds.north - ((bounds.north - bounds.south) * j) / n;
      control.push(frame.local(lon, lat));
    }
  }
  return (col, row) => {
    const fi = (col / (width - 1)) * n;
    const fj = (row / (height - 1)) * n;
    const i = Math.min(n - 1, Math.floor(fi));
    const j = Math.min(n - 1, Math.floor(fj));
    const ti = fi - i;
    const tj = fj - j;
    const a = control[j * (n + 1) + i];
    const b = control[j * (n + 1) + i + 1];
    const c = control[(j + 1) * (n + 1) + i];
    const d = control[(j + 1) * (n + 1) + i + 1];
    return {
      x: (a.x * (1 - ti) + b.x * ti) * (1 - tj) + (c.x * (1 - ti) + d.x * ti) * tj,
      y: (a.y * (1 - ti) + b.y * ti) * (1 - tj) + (c.y * (1 - ti) + d.y * ti) * tj,
    };
  };
}

function placeVillages(random: Random, landform: Landform, count: number): Village[] {
  const populations: number[] = [];
  // One market town (the seat), a few large villages, many small ones: about 3,000 people a commune.
  for (let i = 0; i < count; i++) {
    if (i === 0) populations.push(random.int(7000, 8500));
    else if (i % 10 === 1 || i % 10 === 2) populations.push(random.int(3400, 4600));
    else populations.push(random.int(900, 2600));
  }
  const villages: Village[] = [];
  const minSpacing = 3300;
  for (let i = 0; i < count; i++) {
    let best: Point | null = null;
    let bestScore = -Infinity;
    for (let attempt = 0; attempt < 200; attempt++) {
      const p = { x: random.range(1800, landform.widthMetres - 1800), y: random.range(1800, landform.heightMetres - 1800) };
      const nearestVillage = villages.reduce((d, v) => Math.min(d, distance(v.centre, p)), Infinity);
      if (nearestVillage < minSpacing) continue;
      const river = landform.riverDistanceAt(p.x, p.y);
      if (river < 120) continue;
      // Villages sit in valleys near water, on gentle ground; the largest ones on the main river.
      const score = -river / (i < 3 ? 300 : 900) - 40 * slopeAt(landform, p.x, p.y, 150) - landform.heightAt(p.x, p.y) / 400 + random.range(0, 0.8);
      if (score > bestScore) (bestScore = score), (best = p);
    }
    if (!best) continue;
    const population = populations[i];
    villages.push({
      index: villages.length,
      id: `C${String(villages.length + 1).padStart(2, '0')}`,
      name: VILLAGE_NAMES[villages.length % VILLAGE_NAMES.length] + (villages.length >= VILLAGE_NAMES.length ? ` ${Math.floor(villages.length / VILLAGE_NAMES.length) + 1}` : ''),
      population,
      centre: { x: Math.round(best.x), y: Math.round(best.y) },
      radiusMetres: 220 + 10.5 * Math.sqrt(population),
      isSeat: i === 0,
    });
  }
  return villages;
}

interface BuildingRecord {
  id: string;
  centre: Point;
  width: number;
  depth: number;
  angle: number;
  height: number;
  usage: BuildingUsage;
  village: number;
}

class BuildingPlacer {
  readonly buildings: BuildingRecord[] = [];
  private readonly hash = new SpatialHash<number>(50);

  constructor(private readonly network: RoadNetwork, private readonly landform: Landform) {}

  /** Places a building if it overlaps neither another building, a road nor a river. */
  tryPlace(centre: Point, width: number, depth: number, angle: number, height: number, usage: BuildingUsage, village: number, roadClearance: number): boolean {
    const radius = Math.hypot(width, depth) / 2;
    let blocked = false;
    this.hash.query(centre.x, centre.y, radius + 30, (index) => {
      const other = this.buildings[index];
      if (distance(other.centre, centre) < radius + Math.hypot(other.width, other.depth) / 2 - 1.5) blocked = true;
    });
    if (blocked) return false;
    if (this.network.nearest(centre, Math.min(width, depth) / 2 + roadClearance)) return false;
    if (this.landform.riverDistanceAt(centre.x, centre.y) < radius + 25) return false;
    if (centre.x < 30 || centre.y < 30 || centre.x > this.landform.widthMetres - 30 || centre.y > this.landform.heightMetres - 30) return false;
    this.buildings.push({ id: `B${String(this.buildings.length + 1).padStart(5, '0')}`, centre, width, depth, angle, height, usage, village });
    this.hash.insert(this.buildings.length - 1, centre.x - radius, centre.y - radius, centre.x + radius, centre.y + radius);
    return true;
  }
}

function edgeVillageDistance(edge: NetworkEdge, village: Village): number {
  return distance(edge.points[Math.floor(edge.points.length / 2)], village.centre);
}

function placeBuildings(random: Random, network: RoadNetwork, landform: Landform, villages: Village[]): BuildingPlacer {
  const placer = new BuildingPlacer(network, landform);
  // Landmarks first: church and town hall by the centre, a school, shops in the seat.
  for (const village of villages) {
    const near = network.nearest(village.centre, 400, (edge) => edge.village === village.index);
    const edge = near?.edge;
    const dir = edge ? Math.atan2(edge.points[near.segment + 1].y - edge.points[near.segment].y, edge.points[near.segment + 1].x - edge.points[near.segment].x) : 0;
    const normal = dir + Math.PI / 2;
    const at = (offset: number, along: number) => ({
      x: village.centre.x + Math.cos(dir) * along + Math.cos(normal) * offset,
      y: village.centre.y + Math.sin(dir) * along + Math.sin(normal) * offset,
    });
    placer.tryPlace(at(24, 0), 14, 30, dir, 16, 'religious', village.index, 4);
    placer.tryPlace(at(22, 30), 7, 7, dir, 34, 'religious', village.index, 4);
    placer.tryPlace(at(-20, 10), 22, 14, dir, 11, 'public', village.index, 4);
    placer.tryPlace(at(-24, 60), 40, 16, dir, 8, 'public', village.index, 4);
    if (village.population > 3000) {
      placer.tryPlace(at(-40, -90), 60, 40, dir, 7, 'commercial', village.index, 6);
      placer.tryPlace(at(40, -80), 30, 18, dir, 9, 'public', village.index, 4);
    }
  }
  // Houses along the village streets, denser and taller near the centre.
  const edges = network.liveEdges().filter((edge) => edge.village >= 0 && edge.roadClass !== 'track');
  for (const edge of edges) {
    const village = villages[edge.village];
    for (const side of [1, -1]) {
      let along = random.range(4, 12);
      const length = polylineLength(edge.points);
      while (along < length - 6) {
        const position = walkAt(edge.points, along);
        const fromCentre = distance(position.point, village.centre) / village.radiusMetres;
        const core = fromCentre < 0.3;
        const frontage = core ? random.range(8, 12) : random.range(12, 19);
        const width = core ? frontage - random.range(0, 1) : random.range(8, Math.min(13, frontage - 2));
        const depth = core ? random.range(9, 14) : random.range(8, 12);
        const setback = core ? random.range(0.5, 2) : random.range(4, 10);
        const offset = 4 + setback + depth / 2;
        const nx = -position.dy * side;
        const ny = position.dx * side;
        const centre = { x: position.point.x + nx * offset, y: position.point.y + ny * offset };
        if (random.next() < 1.25 - 0.5 * fromCentre) {
          const commercial = core && (edge.roadClass === 'primary' || edge.roadClass === 'secondary' || edge.roadClass === 'tertiary') && random.chance(0.3);
          const height = core ? random.range(8, 12.5) : random.range(5.5, 7.8);
          placer.tryPlace(centre, width, depth, Math.atan2(position.dy, position.dx), height, commercial ? 'commercial' : 'residential', village.index, 3 + setback - 1);
          // Behind a house in the outskirts: a garden shed or garage now and then.
          if (!core && random.chance(0.55)) {
            const back = offset + depth / 2 + 6;
            placer.tryPlace(
              { x: position.point.x + nx * back, y: position.point.y + ny * back },
              random.range(4, 7), random.range(4, 6), Math.atan2(position.dy, position.dx), random.range(2.6, 3.4), 'residential', village.index, 8,
            );
          }
        }
        along += frontage;
      }
    }
  }
  // A business park on the seat's main road, and farms along the tracks.
  const seat = villages.find((v) => v.isSeat)!;
  const mainRoads = network.liveEdges().filter((e) => (e.roadClass === 'primary' || e.roadClass === 'secondary') && e.village < 0);
  const nearSeat = mainRoads
    .map((edge) => ({ edge, d: Math.min(...edge.points.map((p) => Math.abs(distance(p, seat.centre) - seat.radiusMetres * 1.3))) }))
    .sort((a, b) => a.d - b.d)[0]?.edge;
  if (nearSeat) {
    for (const { point, dx, dy } of walk(nearSeat.points, 55)) {
      const d = distance(point, seat.centre);
      if (d < seat.radiusMetres * 1.05 || d > seat.radiusMetres * 2.2) continue;
      for (const side of [1, -1]) {
        const w = random.range(25, 60);
        const dep = random.range(18, 40);
        const offset = 12 + dep / 2;
        placer.tryPlace({ x: point.x - dy * side * offset, y: point.y + dx * side * offset }, w, dep, Math.atan2(dy, dx), random.range(7, 11), 'industrial', seat.index, 8);
      }
    }
  }
  const tracks = network.liveEdges().filter((e) => e.roadClass === 'track');
  for (const track of tracks) {
    if (!random.chance(0.45)) continue;
    const { point, dx, dy } = walkAt(track.points, polylineLength(track.points) * random.range(0.3, 0.95));
    const nearest = villages.reduce((best, v) => (distance(v.centre, point) < distance(best.centre, point) ? v : best));
    const angle = Math.atan2(dy, dx);
    placer.tryPlace({ x: point.x - dy * 22, y: point.y + dx * 22 }, random.range(28, 45), random.range(14, 20), angle, random.range(8, 11), 'agricultural', nearest.index, 10);
    placer.tryPlace({ x: point.x - dy * 22 + dx * 35, y: point.y + dx * 22 + dy * 35 }, random.range(12, 16), random.range(10, 13), angle, random.range(7, 9), 'residential', nearest.index, 10);
    placer.tryPlace({ x: point.x + dy * 25, y: point.y - dx * 25 }, random.range(18, 30), random.range(10, 15), angle, random.range(6, 8), 'agricultural', nearest.index, 10);
  }
  return placer;
}

function walkAt(points: Point[], along: number): { point: Point; dx: number; dy: number } {
  for (const step of walk(points, Number.POSITIVE_INFINITY, along)) return step;
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const length = distance(last, before) || 1;
  return { point: last, dx: (last.x - before.x) / length, dy: (last.y - before.y) / length };
}

interface LampRecord {
  id: string;
  position: Point;
  technology: LampTechnology;
  powerWatts: number;
  colourTemperatureKelvin: number;
  mountingHeightMetres: number;
  usage: LightingUsage;
  village: number;
  cabinetId: string;
  zoneId: string;
}

const ZONE_CODES: Record<LightingUsage, string> = { road: 'TRA', residential: 'RES', heritage: 'CEN', park: 'PRC', parking: 'PKG' };

const ZONE_LABELS: Record<LightingUsage, string> = {
  road: 'Traversée',
  residential: 'Quartiers résidentiels',
  heritage: 'Centre ancien',
  park: 'Parc et square',
  parking: 'Parkings',
};

function lampFor(random: Random, usage: LightingUsage, roadClass: string): Pick<LampRecord, 'technology' | 'powerWatts' | 'colourTemperatureKelvin' | 'mountingHeightMetres'> {
  const technology = random.weighted<LampTechnology>(['sodium', 'mercury', 'led'], usage === 'road' ? [70, 5, 25] : usage === 'park' ? [20, 20, 60] : [52, 16, 32]);
  const main = roadClass === 'primary' || roadClass === 'secondary';
  if (technology === 'sodium') {
    return { technology, powerWatts: main ? 150 : random.pick([70, 100, 100]), colourTemperatureKelvin: 2000, mountingHeightMetres: main ? random.pick([9, 10]) : random.pick([6, 7, 8]) };
  }
  if (technology === 'mercury') return { technology, powerWatts: 125, colourTemperatureKelvin: 4000, mountingHeightMetres: random.pick([6, 7, 8]) };
  return {
    technology,
    powerWatts: main ? 55 : usage === 'park' ? 35 : random.pick([35, 45, 55]),
    colourTemperatureKelvin: random.weighted([3000, 2700, 4000], [60, 15, 25]),
    mountingHeightMetres: usage === 'park' ? 4 : main ? 9 : random.pick([5, 6, 7]),
  };
}

function placeStreetLights(random: Random, network: RoadNetwork, villages: Village[], buildings: BuildingRecord[], target: number): LampRecord[] {
  const edges = network.liveEdges().filter((edge) => edge.village >= 0);
  const litLength = edges.reduce((sum, edge) => sum + polylineLength(edge.points), 0);
  const spacing = Math.max(18, Math.min(45, litLength / (target * 0.97)));
  const lamps: Omit<LampRecord, 'id' | 'cabinetId' | 'zoneId'>[] = [];
  const churches = buildings.filter((b) => b.usage === 'religious');
  for (const edge of edges) {
    const village = villages[edge.village];
    let side = random.chance(0.5) ? 1 : -1;
    for (const { point, dx, dy } of walk(edge.points, spacing, random.range(3, spacing))) {
      side = -side;
      const position = { x: point.x - dy * side * 5.5, y: point.y + dx * side * 5.5 };
      const nearChurch = churches.some((c) => c.village === edge.village && distance(c.centre, position) < 110);
      const usage: LightingUsage = edge.roadClass === 'primary' || edge.roadClass === 'secondary' ? 'road' : nearChurch ? 'heritage' : 'residential';
      lamps.push({ position, usage, village: village.index, ...lampFor(random, usage, edge.roadClass) });
    }
  }
  // Parks and car parks in the larger villages: a lit path loop and a lit car park by the shops.
  for (const village of villages) {
    if (village.population < 1500) continue;
    for (let attempt = 0; attempt < 30; attempt++) {
      const angle = random.range(0, 2 * Math.PI);
      const at = { x: village.centre.x + Math.cos(angle) * village.radiusMetres * 0.45, y: village.centre.y + Math.sin(angle) * village.radiusMetres * 0.45 };
      if (network.nearest(at, 55) || buildings.some((b) => distance(b.centre, at) < 50)) continue;
      for (let k = 0; k < 10; k++) {
        const a = (k / 10) * 2 * Math.PI;
        lamps.push({ position: { x: at.x + 35 * Math.cos(a), y: at.y + 35 * Math.sin(a) }, usage: 'park', village: village.index, ...lampFor(random, 'park', 'path') });
      }
      break;
    }
    const shops = buildings.filter((b) => b.village === village.index && (b.usage === 'commercial' || b.usage === 'public') && b.width >= 30);
    for (const shop of shops.slice(0, 2)) {
      const cos = Math.cos(shop.angle);
      const sin = Math.sin(shop.angle);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 2; j++) {
          const along = (i - 1) * 18;
          const across = shop.depth / 2 + 10 + j * 16;
          lamps.push({
            position: { x: shop.centre.x + cos * along - sin * across, y: shop.centre.y + sin * along + cos * across },
            usage: 'parking',
            village: village.index,
            ...lampFor(random, 'parking', 'parking'),
          });
        }
      }
    }
  }
  return lamps.map((lamp, i) => ({ ...lamp, id: `L${String(i + 1).padStart(5, '0')}`, cabinetId: '', zoneId: '' }));
}

interface CabinetRecord {
  id: string;
  name: string;
  position: Point;
  zoneId: string;
  village: number;
}

function groupCabinets(lamps: LampRecord[], villages: Village[], network: RoadNetwork): { cabinets: CabinetRecord[]; zones: Array<{ id: string; name: string; village: number; usage: LightingUsage }> } {
  const zones: Array<{ id: string; name: string; village: number; usage: LightingUsage }> = [];
  const zoneIds = new Map<string, string>();
  const groups = new Map<string, LampRecord[]>();
  const cell = 420;
  for (const lamp of lamps) {
    const village = villages[lamp.village];
    const zoneKey = `${village.id}-${lamp.usage}`;
    if (!zoneIds.has(zoneKey)) {
      const id = `Z${village.id.slice(1)}-${ZONE_CODES[lamp.usage]}`;
      zoneIds.set(zoneKey, id);
      zones.push({ id, name: `${village.name} — ${ZONE_LABELS[lamp.usage]}`, village: village.index, usage: lamp.usage });
    }
    lamp.zoneId = zoneIds.get(zoneKey)!;
    const groupKey = `${lamp.zoneId}|${Math.floor(lamp.position.x / cell)}|${Math.floor(lamp.position.y / cell)}`;
    const group = groups.get(groupKey);
    if (group) group.push(lamp);
    else groups.set(groupKey, [lamp]);
  }
  const cabinets: CabinetRecord[] = [];
  const perVillage = new Map<number, number>();
  for (const [, group] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const village = villages[group[0].village];
    let x = 0;
    let y = 0;
    for (const lamp of group) (x += lamp.position.x), (y += lamp.position.y);
    const centroid = { x: x / group.length, y: y / group.length };
    // The cabinet stands on the pavement of the nearest road.
    const near = network.nearest(centroid, 400);
    let position = centroid;
    if (near) {
      const a = near.edge.points[near.segment];
      const b = near.edge.points[near.segment + 1];
      const on = { x: a.x + (b.x - a.x) * near.t, y: a.y + (b.y - a.y) * near.t };
      const length = distance(a, b) || 1;
      position = { x: on.x - ((b.y - a.y) / length) * 4, y: on.y + ((b.x - a.x) / length) * 4 };
    }
    const number = (perVillage.get(village.index) ?? 0) + 1;
    perVillage.set(village.index, number);
    const id = `A${village.id.slice(1)}-${String(number).padStart(2, '0')}`;
    cabinets.push({ id, name: `Armoire ${village.name} n° ${number}`, position, zoneId: group[0].zoneId, village: village.index });
    for (const lamp of group) lamp.cabinetId = id;
  }
  return { cabinets, zones };
}

/** Distance from a point to a polyline, metres. */
function distanceToPolyline(p: Point, line: Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 1; k < line.length; k++) {
    const a = line[k - 1];
    const b = line[k];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
  }
  return best;
}

/**
 * The rules of the collection rounds in the demo (no random draw, so the rest of the demo is
 * unchanged): three vehicle types (a 26 t rear-loader, a narrow 12 t one, a crane truck for glass
 * columns), the market square of the seat (before 07:00 or after 14:00), a school street in
 * another village (not 08:00–08:45), no collection before 06:00 in residential streets, two narrow
 * streets of the seat (2.3 m) and a bridge limited to 12 t in the countryside, the tip's hours
 * and a 30-minute break.
 */
function collectionRules(edges: NetworkEdge[], points: CollectionRecord[], villages: Village[]) {
  const seat = villages.find((village) => village.isSeat)!;
  const other = villages.find((village) => !village.isSeat)!;
  const nearest = (village: Village, count: number) =>
    points
      .filter((point) => point.village === village.index && point.container === 'bin')
      .map((point) => ({ point, metres: Math.hypot(point.position.x - village.centre.x, point.position.y - village.centre.y) }))
      .sort((a, b) => a.metres - b.metres || a.point.id.localeCompare(b.point.id))
      .slice(0, count)
      .map((entry) => entry.point.id);
  const limits = new Map<number, { maxWidthMetres?: number; maxWeightTonnes?: number }>();
  // Narrow streets: the first two residential streets of the seat with a bin point on them, away from the centre.
  const market = new Set(nearest(seat, 3));
  let narrow = 0;
  edges.forEach((edge, i) => {
    if (narrow >= 2 || edge.village !== seat.index || edge.roadClass !== 'residential') return;
    const served = points.some((point) => point.village === seat.index && !market.has(point.id) && distanceToPolyline(point.position, edge.points) < 25);
    if (!served) return;
    limits.set(i, { maxWidthMetres: 2.3 });
    narrow++;
  });
  const bridge = edges.findIndex((edge) => edge.village < 0 && edge.roadClass === 'tertiary');
  if (bridge >= 0) limits.set(bridge, { maxWeightTonnes: 12 });
  const waste = {
    vehicleTypes: [
      { id: 'rear-26t', name: 'Benne 26 t', count: 2, capacityKg: 9000, streams: ['residual', 'recyclables'], weightTonnes: 26, widthMetres: 2.55 },
      { id: 'rear-12t', name: 'Mini-benne 12 t', count: 1, capacityKg: 3500, streams: ['residual', 'recyclables'], weightTonnes: 12, widthMetres: 2.2, fuelLitresPer100Km: 45, crewCostEurPerHour: 80 },
      { id: 'crane', name: 'Camion-grue (verre)', count: 1, capacityKg: 8000, streams: ['glass'], weightTonnes: 19, widthMetres: 2.55, fuelLitresPer100Km: 60, crewCostEurPerHour: 70 },
    ],
    windows: [
      { label: `Place du marché, ${seat.name}`, pointIds: [...market], allowed: [['00:00', '07:00'], ['14:00', '24:00']] },
      { label: `Rue de l’école, ${other.name}`, pointIds: nearest(other, 2), forbidden: [['08:00', '08:45'], ['16:15', '17:00']] },
      { label: 'Rues résidentielles : pas avant 6 h (bruit)', roadClass: 'residential', forbidden: [['00:00', '06:00']] },
    ],
    tipHours: ['06:00', '17:30'],
    shiftStart: '06:00',
    breakMinutes: 30,
    breakAfterHours: 4,
  };
  return { limits, waste };
}

interface CollectionRecord {
  id: string;
  name: string;
  position: Point;
  stream: WasteStream;
  container: 'bin' | 'column';
  volumeLitres: number;
  containerCount: number;
  collectionWeekday: number;
  collectionPeriodWeeks: number;
  village: number;
}

function placeCollectionPoints(random: Random, network: RoadNetwork, villages: Village[], targets: Record<WasteStream, number>): CollectionRecord[] {
  const edges = network.liveEdges().filter((edge) => edge.village >= 0);
  const streetLength = edges.reduce((sum, edge) => sum + polylineLength(edge.points), 0);
  const points: CollectionRecord[] = [];
  const taken = new SpatialHash<Point>(40);
  const isFree = (p: Point, radius: number) => {
    let free = true;
    taken.query(p.x, p.y, radius, (q) => {
      if (distance(p, q) < radius) free = false;
    });
    return free;
  };
  const weekdayOf = (village: Village, stream: WasteStream) => {
    const base = 1 + (village.index % 5);
    return stream === 'residual' ? base : stream === 'recyclables' ? 1 + ((village.index + 2) % 5) : 1 + ((village.index + 4) % 5);
  };
  for (const stream of ['glass', 'recyclables', 'residual'] as const) {
    const spacing = streetLength / (targets[stream] * 1.12);
    const count = new Map<number, number>();
    for (const edge of edges) {
      const village = villages[edge.village];
      for (const { point, dx, dy } of walk(edge.points, spacing, random.range(0, spacing))) {
        const side = random.chance(0.5) ? 1 : -1;
        const position = { x: point.x - dy * side * 4.5, y: point.y + dx * side * 4.5 };
        if (!isFree(position, 25)) continue;
        const column = stream === 'glass' || (stream === 'recyclables' && random.chance(0.35)) || (stream === 'residual' && village.isSeat && random.chance(0.1));
        const containerCount = column ? 1 : random.int(2, 5);
        const volumeLitres = column ? (stream === 'glass' ? random.pick([3000, 4000]) : stream === 'residual' ? 5000 : 4000) : containerCount * random.pick(stream === 'residual' ? [240, 340, 660] : [340, 660]);
        const n = (count.get(village.index) ?? 0) + 1;
        count.set(village.index, n);
        const label = { residual: 'Ordures ménagères', recyclables: 'Emballages', glass: 'Verre' }[stream];
        const street = edge.name.startsWith('RD') ? edge.name.split(',')[0] : edge.name;
        points.push({
          id: `P${{ residual: 'R', recyclables: 'E', glass: 'V' }[stream]}${village.id.slice(1)}-${String(n).padStart(3, '0')}`,
          name: `${label} — ${street}, ${village.name}`,
          position,
          stream,
          container: column ? 'column' : 'bin',
          volumeLitres,
          containerCount,
          collectionWeekday: weekdayOf(village, stream),
          collectionPeriodWeeks: stream === 'residual' ? 1 : stream === 'recyclables' ? 2 : 4,
          village: village.index,
        });
        taken.insert(position, position.x, position.y, position.x, position.y);
      }
    }
  }
  return points;
}

function landCoverRaster(
  random: Random,
  landform: Landform,
  villages: Village[],
  buildings: BuildingRecord[],
  sample: (col: number, row: number) => Point,
  size: number,
): Uint8Array {
  const classes = new Uint8Array(size * size);
  const WATER = LAND_COVER_CLASSES.indexOf('water');
  const FOREST = LAND_COVER_CLASSES.indexOf('forest');
  const FIELD = LAND_COVER_CLASSES.indexOf('field');
  const MEADOW = LAND_COVER_CLASSES.indexOf('meadow');
  const BUILT = LAND_COVER_CLASSES.indexOf('built');
  const ORCHARD = LAND_COVER_CLASSES.indexOf('orchard');
  // Built-up: within 30 m of a building, on a 10 m grid.
  const cell = 10;
  const bw = Math.ceil(landform.widthMetres / cell) + 1;
  const bh = Math.ceil(landform.heightMetres / cell) + 1;
  const built = new Uint8Array(bw * bh);
  for (const building of buildings) {
    const reach = 22 + Math.max(building.width, building.depth) / 2;
    const x0 = Math.max(0, Math.floor((building.centre.x - reach) / cell));
    const x1 = Math.min(bw - 1, Math.ceil((building.centre.x + reach) / cell));
    const y0 = Math.max(0, Math.floor((building.centre.y - reach) / cell));
    const y1 = Math.min(bh - 1, Math.ceil((building.centre.y + reach) / cell));
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (Math.hypot(x * cell - building.centre.x, y * cell - building.centre.y) < reach) built[y * bw + x] = 1;
  }
  const forestNoise = fractalNoise(random.fork('forest'), 5);
  const fieldNoise = fractalNoise(random.fork('fields'), 3);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const p = sample(col, row);
      const i = row * size + col;
      const bx = Math.round(p.x / cell);
      const by = Math.round(p.y / cell);
      const river = landform.riverDistanceAt(p.x, p.y);
      if (river < 16) {
        classes[i] = WATER;
        continue;
      }
      if (bx >= 0 && by >= 0 && bx < bw && by < bh && built[by * bw + bx]) {
        classes[i] = BUILT;
        continue;
      }
      const slope = slopeAt(landform, p.x, p.y, 40);
      const height = landform.heightAt(p.x, p.y);
      const nearestVillage = villages.reduce((d, v) => Math.min(d, distance(v.centre, p) / v.radiusMetres), Infinity) + 0.5 * fieldNoise(p.x - 3000, p.y, 700);
      const wooded = forestNoise(p.x, p.y, 2500) + 2.2 * slope + (height - 600) / 350 - (nearestVillage < 2 ? 0.5 : 0);
      if (wooded > 0.5) classes[i] = FOREST;
      else if (nearestVillage < 1.5 && fieldNoise(p.x, p.y, 300) > 0.25) classes[i] = ORCHARD;
      else if (river < 260 || fieldNoise(p.x + 5000, p.y, 900) > 0.1) classes[i] = MEADOW;
      else classes[i] = FIELD;
    }
  }
  return classes;
}

function featureCollection(features: unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export function generateDemo(options: DemoOptions): DemoOutput {
  const random = new Random(options.seed);
  const scale = Math.max(0.2, options.scale);
  const side = Math.round(SIDE_METRES * Math.sqrt(scale));
  const frame = new Frame(side, side);
  const bounds = frame.bounds();
  const landform = buildLandform(random.fork('landform'), side, side);
  const villages = placeVillages(random.fork('villages'), landform, Math.round(10 * scale));
  const { network } = buildRoads(random.fork('roads'), landform, villages, 4.4);
  const placer = placeBuildings(random.fork('buildings'), network, landform, villages);
  const buildings = placer.buildings;
  const lamps = placeStreetLights(random.fork('lamps'), network, villages, buildings, Math.round(5000 * scale));
  const { cabinets, zones } = groupCabinets(lamps, villages, network);
  const points = placeCollectionPoints(random.fork('collection'), network, villages, {
    residual: Math.round(300 * scale),
    recyclables: Math.round(200 * scale),
    glass: Math.round(100 * scale),
  });

  // Depot by the seat's business park; transfer station at the far end of a main road.
  const seat = villages.find((v) => v.isSeat)!;
  const industrial = buildings.filter((b) => b.usage === 'industrial');
  const depotAt = industrial.length > 0 ? industrial[0].centre : { x: seat.centre.x + seat.radiusMetres, y: seat.centre.y };
  const depotRoad = network.nearest(depotAt, 500);
  const onRoad = (hit: NonNullable<typeof depotRoad>) => {
    const a = hit.edge.points[hit.segment];
    const b = hit.edge.points[hit.segment + 1];
    return { x: a.x + (b.x - a.x) * hit.t, y: a.y + (b.y - a.y) * hit.t };
  };
  const depot = depotRoad ? onRoad(depotRoad) : depotAt;
  const farthest = villages.filter((v) => !v.isSeat).sort((a, b) => distance(b.centre, seat.centre) - distance(a.centre, seat.centre))[0] ?? seat;
  const transferTarget = { x: (farthest.centre.x * 2 + seat.centre.x) / 3, y: (farthest.centre.y * 2 + seat.centre.y) / 3 };
  const transferRoad = network.nearest(transferTarget, 3000, (edge) => edge.roadClass === 'primary' || edge.roadClass === 'secondary');
  const transfer = transferRoad ? onRoad(transferRoad) : transferTarget;

  // Sensors: power meters on every cabinet, fill-level on columns, air quality, traffic, parking.
  const sensorRandom = random.fork('sensors');
  type SensorRecord = { id: string; name: string; kind: SensorKind; position: Point; targetId: string | null; unit: string; samplesPerDay: number; village: number; capacity: number | null };
  const sensors: SensorRecord[] = [];
  const addSensor = (record: Omit<SensorRecord, 'id'>) => sensors.push({ ...record, id: `S${String(sensors.length + 1).padStart(4, '0')}` });
  for (const cabinet of cabinets) {
    addSensor({ name: `Compteur ${cabinet.name}`, kind: 'power-meter', position: cabinet.position, targetId: cabinet.id, unit: 'kW', samplesPerDay: 96, village: cabinet.village, capacity: null });
  }
  for (const point of points) {
    const equipped = point.stream === 'glass' || (point.container === 'column' && sensorRandom.chance(0.7));
    if (!equipped) continue;
    addSensor({ name: `Sonde de remplissage ${point.id}`, kind: 'fill-level', position: point.position, targetId: point.id, unit: '%', samplesPerDay: sensorRandom.pick([4, 6, 12, 24]), village: point.village, capacity: null });
  }
  for (const village of villages) {
    addSensor({ name: `Qualité de l'air — ${village.name}`, kind: 'air-quality', position: { x: village.centre.x + 30, y: village.centre.y - 25 }, targetId: null, unit: 'µg/m³', samplesPerDay: 24, village: village.index, capacity: null });
  }
  const mainEdges = network.liveEdges().filter((e) => e.roadClass === 'primary' || e.roadClass === 'secondary');
  const trafficCount = Math.round(20 * scale);
  for (let i = 0; i < trafficCount && mainEdges.length > 0; i++) {
    const edge = mainEdges[(i * 7) % mainEdges.length];
    const { point } = walkAt(edge.points, polylineLength(edge.points) * sensorRandom.range(0.3, 0.7));
    const village = villages.reduce((best, v) => (distance(v.centre, point) < distance(best.centre, point) ? v : best));
    addSensor({ name: `Compteur routier — ${edge.name.split(',')[0]}`, kind: 'traffic-counter', position: point, targetId: null, unit: 'véh./h', samplesPerDay: 96, village: village.index, capacity: 2 });
  }
  const parkingLamps = lamps.filter((l) => l.usage === 'parking');
  const lots = new Map<string, LampRecord>();
  for (const lamp of parkingLamps) if (!lots.has(lamp.cabinetId + Math.floor(lamp.position.x / 100))) lots.set(lamp.cabinetId + Math.floor(lamp.position.x / 100), lamp);
  for (const lamp of lots.values()) {
    const village = villages[lamp.village];
    addSensor({ name: `Parking — ${village.name}`, kind: 'parking', position: lamp.position, targetId: null, unit: 'places', samplesPerDay: 96, village: village.index, capacity: sensorRandom.pick([40, 60, 80, 120]) });
  }

  // Communes: Voronoi cells of the village centres, clipped to the territory.
  const communeCells = villages.map((village) => voronoiCell(village, villages, side));

  // Rasters on regular lon/lat grids, north row first.
  const heightSize = Math.min(1025, Math.round(513 * Math.sqrt(scale)));
  const heightSample = rasterSampler(frame, bounds, heightSize, heightSize);
  const heights = new Uint16Array(heightSize * heightSize);
  for (let row = 0; row < heightSize; row++) {
    for (let col = 0; col < heightSize; col++) {
      const p = heightSample(col, row);
      heights[row * heightSize + col] = Math.round(landform.heightAt(p.x, p.y) * 10);
    }
  }
  const landSize = Math.min(2048, Math.round(1024 * Math.sqrt(scale)));
  const landCover = landCoverRaster(random.fork('landcover'), landform, villages, buildings, rasterSampler(frame, bounds, landSize, landSize), landSize);

  const communeOf = (village: number) => villages[village].id;
  const point = (p: Point) => ({ type: 'Point', coordinates: frame.lonLat(p) });
  const files = new Map<string, string | Uint8Array>();
  files.set('terrain.bin', new Uint8Array(heights.buffer));
  files.set('landcover.bin', landCover);
  files.set(
    'communes.geojson',
    featureCollection(
      villages.map((village, i) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [communeCells[i].map((p) => frame.lonLat(p))] },
        properties: { id: village.id, name: village.name, population: village.population },
      })),
    ),
  );
  const edgesOut = network.liveEdges();
  const rounds = collectionRules(edgesOut, points, villages);
  files.set(
    'roads.geojson',
    featureCollection(
      edgesOut.map((edge, i) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: edge.points.map((p) => frame.lonLat(p)) },
        properties: { id: `R${String(i + 1).padStart(5, '0')}`, name: edge.name, roadClass: edge.roadClass, speedKmh: edge.speedKmh, oneway: edge.oneway, ...rounds.limits.get(i) },
      })),
    ),
  );
  files.set(
    'waterways.geojson',
    featureCollection(
      landform.rivers.map((river, i) => ({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: river.points.map((p) => frame.lonLat({ x: Math.max(0, Math.min(side, p.x)), y: Math.max(0, Math.min(side, p.y)) })) },
        properties: { id: `W${i + 1}`, name: river.name, widthMetres: river.widthMetres },
      })),
    ),
  );
  files.set(
    'buildings.geojson',
    featureCollection(
      buildings.map((b) => ({
        type: 'Feature',
        geometry: point(b.centre),
        properties: {
          id: b.id,
          widthMetres: round(b.width, 1),
          depthMetres: round(b.depth, 1),
          // Local angle is counter-clockwise from east; heading is clockwise from north.
          headingDegrees: round((90 - (b.angle * 180) / Math.PI + 360) % 360, 1),
          heightMetres: round(b.height, 1),
          usage: b.usage,
          communeId: communeOf(b.village),
        },
      })),
    ),
  );
  files.set(
    'street-lights.geojson',
    featureCollection(
      lamps.map((l) => ({
        type: 'Feature',
        geometry: point(l.position),
        properties: {
          id: l.id,
          technology: l.technology,
          powerWatts: l.powerWatts,
          colourTemperatureKelvin: l.colourTemperatureKelvin,
          mountingHeightMetres: l.mountingHeightMetres,
          cabinetId: l.cabinetId,
          zoneId: l.zoneId,
          communeId: communeOf(l.village),
          usage: l.usage,
        },
      })),
    ),
  );
  files.set(
    'cabinets.geojson',
    featureCollection(cabinets.map((c) => ({ type: 'Feature', geometry: point(c.position), properties: { id: c.id, name: c.name, zoneId: c.zoneId, communeId: communeOf(c.village) } }))),
  );
  files.set(
    'lighting-zones.geojson',
    featureCollection(zones.map((z) => ({ type: 'Feature', geometry: null, properties: { id: z.id, name: z.name, communeId: communeOf(z.village), usage: z.usage } }))),
  );
  files.set(
    'collection-points.geojson',
    featureCollection(
      points.map((p) => ({
        type: 'Feature',
        geometry: point(p.position),
        properties: {
          id: p.id,
          name: p.name,
          stream: p.stream,
          container: p.container,
          volumeLitres: p.volumeLitres,
          containerCount: p.containerCount,
          collectionWeekday: p.collectionWeekday,
          collectionPeriodWeeks: p.collectionPeriodWeeks,
          communeId: communeOf(p.village),
        },
      })),
    ),
  );
  files.set(
    'facilities.geojson',
    featureCollection([
      { type: 'Feature', geometry: point(depot), properties: { id: 'F1', name: `Centre technique de collecte, ${seat.name}`, kind: 'depot' } },
      { type: 'Feature', geometry: point(transfer), properties: { id: 'F2', name: 'Quai de transfert du Val', kind: 'transfer' } },
    ]),
  );
  files.set(
    'sensors.geojson',
    featureCollection(
      sensors.map((s) => ({
        type: 'Feature',
        geometry: point(s.position),
        properties: { id: s.id, name: s.name, kind: s.kind, targetId: s.targetId, unit: s.unit, samplesPerDay: s.samplesPerDay, communeId: communeOf(s.village), capacity: s.capacity },
      })),
    ),
  );
  const manifest = {
    format: 'vigie-territory',
    version: 1,
    name: scale === 1 ? 'Communauté de communes du Val d’Argence' : `Communauté de communes du Val d’Argence (×${scale})`,
    fictitious: true,
    attribution: 'Territoire fictif généré par Vigie (graine ' + options.seed + '). Toute ressemblance avec des lieux réels est fortuite.',
    bounds,
    terrain: { heightmap: { file: 'terrain.bin', width: heightSize, height: heightSize, encoding: 'uint16-decimetres' } },
    imagery: { landCover: { file: 'landcover.bin', width: landSize, height: landSize } },
    layers: {
      communes: 'communes.geojson',
      roads: 'roads.geojson',
      waterways: 'waterways.geojson',
      buildings: 'buildings.geojson',
      streetLights: 'street-lights.geojson',
      cabinets: 'cabinets.geojson',
      lightingZones: 'lighting-zones.geojson',
      collectionPoints: 'collection-points.geojson',
      facilities: 'facilities.geojson',
      sensors: 'sensors.geojson',
    },
    parameters: DEFAULT_PARAMETERS,
    waste: rounds.waste,
    services: [],
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return {
    files,
    summary: {
      communes: villages.length,
      inhabitants: villages.reduce((sum, v) => sum + v.population, 0),
      roadKilometres: round(network.totalLengthMetres() / 1000, 1),
      roads: edgesOut.length,
      buildings: buildings.length,
      streetLights: lamps.length,
      cabinets: cabinets.length,
      lightingZones: zones.length,
      collectionPoints: points.length,
      sensors: sensors.length,
    },
  };
}

/** The cell of a village: the part of the territory closer to it than to any other village. */
function voronoiCell(village: Village, villages: Village[], side: number): Point[] {
  let polygon: Point[] = [
    { x: 0, y: 0 },
    { x: side, y: 0 },
    { x: side, y: side },
    { x: 0, y: side },
  ];
  for (const other of villages) {
    if (other === village) continue;
    // Keep the half-plane closer to `village`: (p - m) · (other - village) <= 0.
    const mx = (village.centre.x + other.centre.x) / 2;
    const my = (village.centre.y + other.centre.y) / 2;
    const nx = other.centre.x - village.centre.x;
    const ny = other.centre.y - village.centre.y;
    const side = (p: Point) => (p.x - mx) * nx + (p.y - my) * ny;
    const clipped: Point[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i];
      const b = polygon[(i + 1) % polygon.length];
      const sa = side(a);
      const sb = side(b);
      if (sa <= 0) clipped.push(a);
      if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
        const t = sa / (sa - sb);
        clipped.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
      }
    }
    polygon = clipped;
  }
  return [...polygon, polygon[0]];
}

/** Cost and emission parameters, with their sources (../shared/DOMAIN.md). */
export const DEFAULT_PARAMETERS = {
  electricityPriceEurPerKwh: {
    value: 0.11,
    unit: '€/kWh',
    source: "Part énergie seule, 2022, pour un syndicat d'énergie ; hors abonnement et taxes (prix tout compris non vérifié).",
    unverified: true,
  },
  electricityEmissionKgPerKwh: {
    value: 0.06,
    unit: 'kg CO2e/kWh',
    source: "Mix moyen de consommation demandé par l'ADEME ; valeurs citées 0,052–0,073 kg CO2e/kWh (non vérifié à la source).",
    unverified: true,
  },
  dischargeBallastLossRatio: {
    value: 0.12,
    unit: 'ratio',
    source: 'Pertes des ballasts des lampes à décharge (sodium, mercure), environ 10–15 % (non vérifié).',
    unverified: true,
  },
  truckFuelLitresPer100Km: {
    value: 80,
    unit: 'L/100 km',
    source: 'Benne à ordures ménagères diesel, 300 à 800 arrêts par tournée (chiffre de constructeur).',
    unverified: false,
  },
  dieselEmissionKgPerLitre: {
    value: 3.16,
    unit: 'kg CO2e/L',
    source: 'Gazole, amont compris (Base Carbone, via un tiers ; 2,5 kg en combustion seule) — à confirmer.',
    unverified: true,
  },
  dieselPriceEurPerLitre: {
    value: 1.75,
    unit: '€/L',
    source: 'Prix du gazole professionnel, hypothèse à remplacer par le prix du marché de la collectivité.',
    unverified: true,
  },
  truckCapacityKg: {
    value: 7000,
    unit: 'kg',
    source: "Jusqu'à environ 7 t par vidage en service rural (syndicat rural de 121 communes).",
    unverified: false,
  },
  crewCostEurPerHour: {
    value: 95,
    unit: '€/h',
    source: 'Équipage (chauffeur et deux ripeurs) et amortissement du véhicule, hypothèse à remplacer.',
    unverified: true,
  },
  shiftHours: {
    value: 8.75,
    unit: 'h',
    source: 'Journée de travail de 8 h 45 (syndicat rural de 121 communes).',
    unverified: false,
  },
} as const;
