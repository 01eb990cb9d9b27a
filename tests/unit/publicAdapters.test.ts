/** One test per public-service adapter: a small answer in the service's documented format in, the expected features out. */
import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84 } from '../../src/io/crs';
import { fetchHeightGrid, encodeHeightmap } from '../../src/io/public/altimetry';
import { fetchBytes, retryAfterMs } from '../../src/io/public/http';
import { boundsOf, insideOutlines, parseOutline } from '../../src/io/public/outline';
import { overpassQuery, toCollectionPoints, toStreetLights, type OverpassElement } from '../../src/io/public/overpass';
import { fetchAllFeatures, getFeatureUrl, roadClass, toBuildings, toRoads, type WfsFeature } from '../../src/io/public/wfs';
import { chooseZoom, getTileUrl, tileCount, latToTileY, lonToTileX, tileRange, tileRangeBounds } from '../../src/io/public/wmts';
import { publicHosts, PRODUCTION_HOSTS } from '../../src/io/public/hosts';

const square = (lon: number, lat: number, d: number): Array<[number, number]> => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];

const outline = parseOutline({
  type: 'Feature',
  properties: { nom: 'Esternay', code: '51237', population: 1748, surface: 2270, codeDepartement: '51' },
  geometry: { type: 'MultiPolygon', coordinates: [[square(3.56, 48.73, 0.01)], [square(3.60, 48.73, 0.002)]] },
})!;

function fakeFetch(answers: Array<() => Response>, seen: string[] = []): typeof fetch {
  let i = 0;
  return (async (input: RequestInfo | URL) => {
    seen.push(String(input));
    return answers[Math.min(i++, answers.length - 1)]();
  }) as typeof fetch;
}

describe('hosts', () => {
  it('uses the real hosts unless the build names a local base', () => {
    expect(publicHosts(undefined)).toEqual(PRODUCTION_HOSTS);
    expect(publicHosts('http://127.0.0.1:4390/')).toEqual({ geo: 'http://127.0.0.1:4390/geo', geopf: 'http://127.0.0.1:4390/geopf', overpass: 'http://127.0.0.1:4390/overpass' });
  });
});

describe('http', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:05 GMT', Date.parse('2026-12-02T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
  });
  it('retries 429 and 503, waiting as told, then returns the body', async () => {
    const waits: number[] = [];
    const answer = await fetchBytes('http://x/a', {
      baseDelayMs: 5,
      fetchImpl: fakeFetch([
        () => new Response('slow down', { status: 429, headers: { 'retry-after': '0.02' } }),
        () => new Response('down', { status: 503 }),
        () => new Response('ok', { status: 200, headers: { 'content-type': 'text/plain' } }),
      ]),
      onRetry: (_attempt, wait) => waits.push(wait),
    });
    expect(new TextDecoder().decode(answer.body)).toBe('ok');
    expect(waits).toEqual([20, 10]);
  });
  it('does not retry a 404 and gives up after the last attempt', async () => {
    await expect(fetchBytes('http://x/b', { fetchImpl: fakeFetch([() => new Response('', { status: 404 })]) })).rejects.toMatchObject({ status: 404 });
    await expect(fetchBytes('http://x/c', { maxAttempts: 2, baseDelayMs: 1, fetchImpl: fakeFetch([() => new Response('', { status: 502 })]) })).rejects.toMatchObject({ status: 502 });
  });
});

describe('geo.api.gouv.fr outline', () => {
  it('keeps every polygon of a MultiPolygon and finds points inside', () => {
    expect(outline).toMatchObject({ code: '51237', name: 'Esternay', population: 1748, departement: '51' });
    expect(outline.rings).toHaveLength(2);
    expect(insideOutlines([outline], 3.56, 48.73)?.code).toBe('51237');
    expect(insideOutlines([outline], 3.60, 48.7301)?.code).toBe('51237');
    expect(insideOutlines([outline], 3.58, 48.73)).toBeNull();
    const bounds = boundsOf([outline], 0);
    expect(bounds.west).toBeCloseTo(3.55, 9);
    expect(bounds.south).toBeCloseTo(48.72, 9);
    expect(bounds.east).toBeCloseTo(3.602, 9);
    expect(bounds.north).toBeCloseTo(48.74, 9);
  });
});

describe('IGN WFS (BD TOPO)', () => {
  const [x, y] = fromWgs84('EPSG:2154', 3.56, 48.73);
  const building = (props: Record<string, unknown>): WfsFeature => ({
    type: 'Feature',
    id: 'batiment.1',
    geometry: { type: 'MultiPolygon', coordinates: [[[[x, y, 150], [x + 10, y, 150], [x + 10, y + 8, 150], [x, y + 8, 150], [x, y, 150]]]] },
    properties: { cleabs: 'BATIMENT0000000012345678', nature: 'Indifférenciée', usage_1: 'Résidentiel', nombre_d_etages: 2, hauteur: 7.4, ...props },
  });
  it('turns footprints in Lambert-93 into WGS84 polygons with height, usage and size', () => {
    const { buildings, withoutHeight } = toBuildings([building({}), building({ cleabs: 'B2', hauteur: null, nombre_d_etages: null, usage_1: 'Religieux' })], [outline]);
    expect(withoutHeight).toBe(1);
    const [house, chapel] = buildings;
    expect(house.properties).toMatchObject({ id: 'BATIMENT0000000012345678', heightMetres: 7.4, usage: 'residential', communeId: '51237', heightAssumed: false, floors: 2 });
    expect(house.properties.widthMetres).toBeCloseTo(10, 0);
    expect(house.properties.depthMetres).toBeCloseTo(8, 0);
    const [lon, lat] = toWgs84('EPSG:2154', x + 10, y + 8);
    expect(house.geometry.coordinates[0][2][0]).toBeCloseTo(lon, 7);
    expect(house.geometry.coordinates[0][2][1]).toBeCloseTo(lat, 7);
    expect(chapel.properties).toMatchObject({ heightMetres: 6, usage: 'religious', heightAssumed: true });
  });
  it('leaves out buildings whose centre is outside the commune', () => {
    const [fx, fy] = fromWgs84('EPSG:2154', 3.58, 48.73);
    const outside: WfsFeature = { ...building({}), geometry: { type: 'Polygon', coordinates: [[[fx, fy], [fx + 5, fy], [fx + 5, fy + 5], [fx, fy + 5], [fx, fy]]] } };
    expect(toBuildings([outside], [outline]).buildings).toHaveLength(0);
  });
  it('maps road sections: class, speed, one-way (reversed when "Sens inverse"), footpaths left out', () => {
    const line = (props: Record<string, unknown>, id: string): WfsFeature => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[x, y, 150], [x + 100, y, 151], [x + 200, y + 50, 152]] },
      properties: { cleabs: id, nature: 'Route à 1 chaussée', importance: '4', sens_de_circulation: 'Double sens', vitesse_moyenne_vl: 45, nom_1_gauche: 'Rue de Paris', ...props },
    });
    const bounds = boundsOf([outline], 100);
    const roads = toRoads([line({}, 'R1'), line({ sens_de_circulation: 'Sens inverse' }, 'R2'), line({ nature: 'Sentier' }, 'R3'), line({ nature: 'Chemin', vitesse_moyenne_vl: 0 }, 'R4')], bounds);
    expect(roads.map((road) => road.properties.id)).toEqual(['R1', 'R2', 'R4']);
    expect(roads[0].properties).toMatchObject({ roadClass: 'tertiary', speedKmh: 45, oneway: false, name: 'Rue de Paris' });
    expect(roads[1].properties.oneway).toBe(true);
    expect(roads[1].geometry.coordinates[0]).toEqual(roads[0].geometry.coordinates[2]);
    expect(roads[2].properties).toMatchObject({ roadClass: 'track', speedKmh: 15 });
    expect(roadClass('Type autoroutier', '1')).toBe('primary');
    expect(roadClass('Route à 2 chaussées', '2')).toBe('primary');
  });
  it('pages with COUNT and STARTINDEX until a short page', async () => {
    const seen: string[] = [];
    const page = (n: number) => () => new Response(JSON.stringify({ type: 'FeatureCollection', numberMatched: 5, numberReturned: n, features: Array.from({ length: n }, () => building({})) }), { headers: { 'content-type': 'application/json' } });
    const features = await fetchAllFeatures('https://data.geopf.fr', 'BDTOPO_V3:batiment', boundsOf([outline]), { fetchImpl: fakeFetch([page(2), page(2), page(1)], seen) }, undefined, 2);
    expect(features).toHaveLength(5);
    expect(seen.map((url) => new URL(url).searchParams.get('STARTINDEX'))).toEqual(['0', '2', '4']);
    const url = new URL(seen[0]);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ SERVICE: 'WFS', VERSION: '2.0.0', REQUEST: 'GetFeature', TYPENAMES: 'BDTOPO_V3:batiment', OUTPUTFORMAT: 'application/json', SRSNAME: 'EPSG:2154', COUNT: '2' });
    expect(url.searchParams.get('BBOX')).toMatch(/^\d+,\d+,\d+,\d+,EPSG:2154$/);
    expect(getFeatureUrl('https://data.geopf.fr', 'T', [1, 2, 3, 4], 10, 20)).toContain('https://data.geopf.fr/wfs/ows?');
  });
});

describe('Overpass (OpenStreetMap)', () => {
  const elements: OverpassElement[] = [
    { type: 'node', id: 1, lat: 48.73, lon: 3.56, tags: { highway: 'street_lamp', 'light:method': 'LED', ref: 'EP-1' } },
    { type: 'node', id: 2, lat: 48.731, lon: 3.561, tags: { highway: 'street_lamp', height: '6' } },
    { type: 'node', id: 3, lat: 48.732, lon: 3.562, tags: { amenity: 'recycling', recycling_type: 'container', 'recycling:glass_bottles': 'yes' } },
    { type: 'node', id: 4, lat: 48.733, lon: 3.559, tags: { amenity: 'recycling', 'recycling:paper': 'yes', 'recycling:glass_bottles': 'yes' } },
    { type: 'way', id: 5, center: { lat: 48.729, lon: 3.558 }, tags: { amenity: 'waste_disposal' } },
    { type: 'way', id: 6, center: { lat: 48.729, lon: 3.557 }, tags: { amenity: 'recycling', recycling_type: 'centre' } },
    { type: 'node', id: 7, lat: 48.73, lon: 3.58, tags: { highway: 'street_lamp' } },
  ];
  it('asks for lamps and waste points in south, west, north, east order', () => {
    const query = overpassQuery({ west: 3.5, south: 48.7, east: 3.6, north: 48.8 });
    expect(query).toContain('[out:json]');
    expect(query).toContain('node["highway"="street_lamp"](48.700000,3.500000,48.800000,3.600000)');
    expect(query).toContain('"amenity"="waste_basket"');
  });
  it('turns lamps into street lights and lists the defaulted fields', () => {
    const lamps = toStreetLights(elements, [outline]);
    expect(lamps.map((lamp) => lamp.properties.id)).toEqual(['osm-node-1', 'osm-node-2']);
    expect(lamps[0].properties).toMatchObject({ technology: 'led', powerWatts: 100, ref: 'EP-1', communeId: '51237' });
    expect(lamps[0].properties.assumed).not.toContain('technology');
    expect(lamps[1].properties).toMatchObject({ technology: 'sodium', mountingHeightMetres: 6 });
    expect(lamps[1].properties.assumed).toContain('technology');
    expect(lamps[1].properties.assumed).not.toContain('mountingHeightMetres');
  });
  it('turns recycling and waste disposal into collection points, not the recycling centre', () => {
    const points = toCollectionPoints(elements, [outline]);
    expect(points.map((point) => [point.properties.id, point.properties.stream, point.properties.container])).toEqual([
      ['osm-node-3', 'glass', 'column'],
      ['osm-node-4', 'recyclables', 'column'],
      ['osm-way-5', 'residual', 'bin'],
    ]);
    expect(points[0].properties.assumed).toEqual(['volumeLitres', 'collectionWeekday', 'collectionPeriodWeeks']);
  });
});

describe('IGN WMTS', () => {
  it('computes PM tile numbers and ranges', () => {
    expect(lonToTileX(0, 1)).toBe(1);
    expect(latToTileY(0.0001, 1)).toBe(0);
    expect(lonToTileX(3.5608, 17)).toBe(66832);
    expect(latToTileY(48.7317, 17)).toBe(45161); // (1 − asinh(tan φ)/π)/2 · 2¹⁷ = 45161.5
    const range = tileRange({ west: 3.55, south: 48.72, east: 3.57, north: 48.74 }, 16);
    const b = tileRangeBounds(range);
    expect(b.west).toBeLessThanOrEqual(3.55);
    expect(b.east).toBeGreaterThanOrEqual(3.57);
    expect(b.south).toBeLessThanOrEqual(48.72);
    expect(b.north).toBeGreaterThanOrEqual(48.74);
    const area = { west: 3.55, south: 48.72, east: 3.57, north: 48.74 };
    for (const max of [20, 60, 240]) {
      const zoom = chooseZoom(area, max);
      expect(tileCount(tileRange(area, zoom))).toBeLessThanOrEqual(max);
      expect(tileCount(tileRange(area, zoom + 1))).toBeGreaterThan(max);
    }
    expect(getTileUrl('https://data.geopf.fr', 'ORTHOIMAGERY.ORTHOPHOTOS', 'image/jpeg', 17, 66832, 45161)).toBe(
      'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=ORTHOIMAGERY.ORTHOPHOTOS&STYLE=normal&FORMAT=image/jpeg&TILEMATRIXSET=PM&TILEMATRIX=17&TILEROW=45161&TILECOL=66832',
    );
  });
});

describe('IGN altimetry', () => {
  it('asks a grid in batches and fills points without data', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL) => {
      seen.push(String(input));
      const url = new URL(String(input));
      const lons = url.searchParams.get('lon')!.split('|');
      return new Response(JSON.stringify({ elevations: lons.map((lon, i) => ({ lon: Number(lon), lat: 0, z: i === 0 && seen.length === 1 ? -99999 : 150, acc: 2.5 })) }));
    }) as typeof fetch;
    const grid = await fetchHeightGrid('https://data.geopf.fr', { west: 3.5, south: 48.7, east: 3.6, north: 48.8 }, 11, { fetchImpl }, () => undefined);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('/altimetrie/1.0/calcul/alti/rest/elevation.json?lon=');
    expect(seen[0]).toContain('resource=ign_rge_alti_wld');
    expect(grid.noData).toBe(1);
    expect(grid.heightsMetres.every((h) => h === 150)).toBe(true);
    const bytes = encodeHeightmap(grid);
    expect(new DataView(bytes.buffer).getUint16(0, true)).toBe(1500);
  });
});
