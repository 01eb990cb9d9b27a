/** The demo's public lighting: street lights along the roads, their lamps and zones, grouped into cabinets. */
import type { LampTechnology, LightingUsage } from '../../src/domain/territory';
import { distance, polylineLength, type Point } from './geometry';
import type { RoadNetwork } from './network';
import { walk } from './network';
import { Random } from './random';
import { type Village } from './roads';
import { BuildingRecord } from './buildings';

export interface LampRecord {
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

export const ZONE_CODES: Record<LightingUsage, string> = { road: 'TRA', residential: 'RES', heritage: 'CEN', park: 'PRC', parking: 'PKG' };

export const ZONE_LABELS: Record<LightingUsage, string> = {
  road: 'Traversée',
  residential: 'Quartiers résidentiels',
  heritage: 'Centre ancien',
  park: 'Parc et square',
  parking: 'Parkings',
};

export function lampFor(random: Random, usage: LightingUsage, roadClass: string): Pick<LampRecord, 'technology' | 'powerWatts' | 'colourTemperatureKelvin' | 'mountingHeightMetres'> {
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

export function placeStreetLights(random: Random, network: RoadNetwork, villages: Village[], buildings: BuildingRecord[], target: number): LampRecord[] {
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

export interface CabinetRecord {
  id: string;
  name: string;
  position: Point;
  zoneId: string;
  village: number;
}

export function groupCabinets(lamps: LampRecord[], villages: Village[], network: RoadNetwork): { cabinets: CabinetRecord[]; zones: Array<{ id: string; name: string; village: number; usage: LightingUsage }> } {
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

