/**
 * The demo territory: a fictional intercommunality in the hills of the Grand Est. Deterministic:
 * the same seed and scale give the same files, byte for byte.
 */
import type { SensorKind } from '../../src/domain/territory';
import { distance, polylineLength, type Point } from './geometry';
import { Random } from './random';
import { buildRoads } from './roads';
import type { NetworkEdge } from './network';
import { buildLandform } from './terrain';
import { SIDE_METRES, round, Frame, rasterSampler } from './frame';
import { placeVillages, voronoiCell } from './villages';
import { placeBuildings, walkAt } from './buildings';
import { LampRecord, placeStreetLights, groupCabinets } from './lighting';
import { placeCollectionPoints } from './collection';
import { landCoverRaster, featureCollection } from './landCover';
import { DEFAULT_PARAMETERS } from './parameters';
import { collectionRules } from './rounds';

export { DEFAULT_PARAMETERS } from './parameters';

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
  /** The nearest road point: preferred roads first, then any road, the radius doubling until one is found. */
  const snapToRoad = (target: Point, radius: number, preferred: (edge: NetworkEdge) => boolean = () => true): Point => {
    for (const accept of [preferred, () => true]) {
      for (let r = radius; r <= 2 * side; r *= 2) {
        const hit = network.nearest(target, r, accept);
        if (hit) return onRoad(hit);
      }
    }
    return target;
  };
  const depot = depotRoad ? onRoad(depotRoad) : snapToRoad(depotAt, 500);
  const farthest = villages.filter((v) => !v.isSeat).sort((a, b) => distance(b.centre, seat.centre) - distance(a.centre, seat.centre))[0] ?? seat;
  const transferTarget = { x: (farthest.centre.x * 2 + seat.centre.x) / 3, y: (farthest.centre.y * 2 + seat.centre.y) / 3 };
  // On a main road near the target; at larger scales there may be none within 3 km, then the nearest road
  // further out (the tip was left off the network at --scale 5, over 250 m from any road).
  const transfer = snapToRoad(transferTarget, 3000, (edge) => edge.roadClass === 'primary' || edge.roadClass === 'secondary');

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
    addSensor({ name: `Qualité de l’air — ${village.name}`, kind: 'air-quality', position: { x: village.centre.x + 30, y: village.centre.y - 25 }, targetId: null, unit: 'µg/m³', samplesPerDay: 24, village: village.index, capacity: null });
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
  const rounds = collectionRules(edgesOut, points, villages, scale);
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
    timeZone: 'Europe/Paris',
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

