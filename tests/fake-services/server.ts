/**
 * Local stand-ins for the public services Vigie builds a real twin from, answering on the same
 * paths, query parameters and content types as the real ones, under one base URL:
 *   /geo/communes/{INSEE}?format=geojson&geometry=contour&fields=…        (geo.api.gouv.fr)
 *   /geo/epcis/{SIREN}/communes?format=geojson&geometry=contour&fields=…
 *   /geopf/wmts?SERVICE=WMTS&REQUEST=GetCapabilities | GetTile&…            (data.geopf.fr)
 *   /geopf/wfs/ows?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=…&BBOX=…&COUNT=…&STARTINDEX=…
 *   /geopf/altimetrie/1.0/calcul/alti/rest/elevation.json?lon=a|b&lat=c|d&resource=…
 *   POST /overpass/api/interpreter  (data=[out:json]…)                       (Overpass API)
 * Failures are injected per service (status, Retry-After, how many times) through
 * `POST /_control/failures`; latency and throughput can be set for the benchmark.
 * No outside host is contacted; the app's test build points here (VITE_PUBLIC_SERVICES).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { toWgs84 } from '../../src/io/crs';
import { makeCommune, PRESETS, type FakeCommune } from './territory';

export type ServiceKey = 'geo' | 'wmts' | 'wfs' | 'altimetry' | 'overpass';

export interface Failure {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** How many requests fail before the service recovers (Infinity: never). */
  times: number;
}

export interface FakeOptions {
  port?: number;
  latencyMs?: number;
  /** Bytes a second for response bodies (0: unlimited). */
  bytesPerSecond?: number;
  communes?: FakeCommune[];
}

export interface FakeServices {
  server: Server;
  url: string;
  /** Requests seen, per service. */
  counts: Record<ServiceKey, number>;
  bytesSent: number;
  setFailure(service: ServiceKey, failure: Failure | null): void;
  close(): Promise<void>;
}

const fixtures = join(import.meta.dirname, 'fixtures');
const photoTiles = Array.from({ length: 8 }, (_, i) => readFileSync(join(fixtures, `photo-${i}.jpg`)));

function tileBounds(z: number, x: number, y: number) {
  const n = 2 ** z;
  const lon = (v: number) => (v / n) * 360 - 180;
  const lat = (v: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * v) / n))) * 180) / Math.PI;
  return { west: lon(x), east: lon(x + 1), north: lat(y), south: lat(y + 1) };
}

/** A Plan IGN-like tile: pale background, commune boundary, roads, buildings. */
function planTile(commune: FakeCommune, z: number, x: number, y: number): Buffer {
  const png = new PNG({ width: 256, height: 256 });
  const b = tileBounds(z, x, y);
  const px = (lon: number) => ((lon - b.west) / (b.east - b.west)) * 256;
  const py = (lat: number) => ((b.north - lat) / (b.north - b.south)) * 256;
  for (let i = 0; i < 256 * 256; i++) png.data.set([246, 243, 236, 255], i * 4);
  const dot = (cx: number, cy: number, rgb: [number, number, number], r = 1) => {
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const X = Math.round(cx + dx);
      const Y = Math.round(cy + dy);
      if (X >= 0 && X < 256 && Y >= 0 && Y < 256) png.data.set([...rgb, 255], (Y * 256 + X) * 4);
    }
  };
  const line = (points: Array<[number, number]>, rgb: [number, number, number], r: number) => {
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = [px(points[i - 1][0]), py(points[i - 1][1])];
      const [x1, y1] = [px(points[i][0]), py(points[i][1])];
      const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
      for (let s = 0; s <= steps; s++) dot(x0 + ((x1 - x0) * s) / Math.max(1, steps), y0 + ((y1 - y0) * s) / Math.max(1, steps), rgb, r);
    }
  };
  line(commune.outline, [150, 90, 160], 1);
  for (const road of commune.roads) {
    const coordinates = (road.geometry as { coordinates: number[][] }).coordinates.map((c) => toWgs84('EPSG:2154', c[0], c[1]));
    line(coordinates, [250, 200, 90], 2);
  }
  for (const building of commune.buildings) {
    const ring = (building.geometry as { coordinates: number[][][][] }).coordinates[0][0].map((c) => toWgs84('EPSG:2154', c[0], c[1]));
    const cx = ring.reduce((s, c) => s + c[0], 0) / ring.length;
    const cy = ring.reduce((s, c) => s + c[1], 0) / ring.length;
    dot(px(cx), py(cy), [170, 160, 150], 2);
  }
  return PNG.sync.write(png);
}

function exceptionReport(code: string, text: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ExceptionReport xmlns="http://www.opengis.net/ows/1.1" version="2.0.0"><Exception exceptionCode="${code}"><ExceptionText>${text}</ExceptionText></Exception></ExceptionReport>`;
}

function capabilities(base: string): string {
  const layer = (id: string, format: string) =>
    `<Layer><ows:Title>${id}</ows:Title><ows:Identifier>${id}</ows:Identifier><Style isDefault="true"><ows:Identifier>normal</ows:Identifier></Style><Format>${format}</Format><TileMatrixSetLink><TileMatrixSet>PM</TileMatrixSet></TileMatrixSetLink></Layer>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" version="1.0.0"><ows:ServiceIdentification><ows:Title>Service de visualisation WMTS (local)</ows:Title></ows:ServiceIdentification><Contents>${layer('ORTHOIMAGERY.ORTHOPHOTOS', 'image/jpeg')}${layer('GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2', 'image/png')}<TileMatrixSet><ows:Identifier>PM</ows:Identifier><ows:SupportedCRS>EPSG:3857</ows:SupportedCRS></TileMatrixSet></Contents><ServiceMetadataURL xlink:href="${base}/wmts?SERVICE=WMTS&amp;REQUEST=GetCapabilities" xmlns:xlink="http://www.w3.org/1999/xlink"/></Capabilities>`;
}

function outlineFeature(commune: FakeCommune): unknown {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [commune.outline] },
    properties: {
      nom: commune.name,
      code: commune.insee,
      codesPostaux: [commune.postcode],
      centre: { type: 'Point', coordinates: commune.outline.reduce((s, c) => [s[0] + c[0] / commune.outline.length, s[1] + c[1] / commune.outline.length], [0, 0]) },
      surface: 0,
      population: commune.population,
      codeEpci: commune.epci?.siren,
      codeDepartement: commune.departement,
    },
  };
}

function intersects(feature: Record<string, unknown>, box: number[]): boolean {
  const coordinates = JSON.stringify((feature.geometry as { coordinates: unknown }).coordinates).match(/-?\d+(\.\d+)?/g)!.map(Number);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < coordinates.length; i += 3) {
    minX = Math.min(minX, coordinates[i]), maxX = Math.max(maxX, coordinates[i]);
    minY = Math.min(minY, coordinates[i + 1]), maxY = Math.max(maxY, coordinates[i + 1]);
  }
  return minX <= box[2] && maxX >= box[0] && minY <= box[3] && maxY >= box[1];
}

export async function startFakeServices(options: FakeOptions = {}): Promise<FakeServices> {
  const communes = options.communes ?? [makeCommune(PRESETS.esternay)];
  const failures = new Map<ServiceKey, Failure>();
  const counts: Record<ServiceKey, number> = { geo: 0, wmts: 0, wfs: 0, altimetry: 0, overpass: 0 };
  const altiTimes: number[] = [];
  const state = { bytesSent: 0, linkBusyUntil: 0 };
  let base = '';

  const send = async (response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    response.writeHead(status, { 'content-type': type, 'content-length': String(bytes.length), 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After', ...headers });
    if (options.bytesPerSecond) {
      // Throttled: chunks of 16 KiB, every response sharing one link of the given throughput.
      const chunk = 16_384;
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        const part = bytes.subarray(offset, offset + chunk);
        const now = Date.now();
        const start = Math.max(now, state.linkBusyUntil);
        state.linkBusyUntil = start + (part.length / options.bytesPerSecond) * 1000;
        if (state.linkBusyUntil > now) await new Promise((resolve) => setTimeout(resolve, state.linkBusyUntil - now));
        response.write(part);
      }
      response.end();
    } else response.end(bytes);
    state.bytesSent += bytes.length;
  };
  const json = (response: ServerResponse, value: unknown, status = 200, type = 'application/json; charset=utf-8') => send(response, status, type, JSON.stringify(value));

  const failed = async (service: ServiceKey, response: ServerResponse): Promise<boolean> => {
    const failure = failures.get(service);
    if (!failure || failure.times <= 0) return false;
    failure.times--;
    const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
    await send(response, failure.status, 'text/plain; charset=utf-8', failure.status === 429 ? 'Too Many Requests' : 'Service Unavailable', headers);
    return true;
  };

  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const q = (name: string) => url.searchParams.get(name) ?? [...url.searchParams.entries()].find(([key]) => key.toUpperCase() === name.toUpperCase())?.[1] ?? null;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' });
      return response.end();
    }
    if (path === '/_control/failures' && request.method === 'POST') {
      const body = JSON.parse((await readBody(request)) || '{}') as Partial<Record<ServiceKey, Failure | null>>;
      for (const [key, failure] of Object.entries(body)) {
        if (failure) failures.set(key as ServiceKey, { ...failure, times: failure.times ?? Number.POSITIVE_INFINITY });
        else failures.delete(key as ServiceKey);
      }
      return json(response, { ok: true });
    }
    // geo.api.gouv.fr
    let match = /^\/geo\/communes\/([0-9AB]{5})$/.exec(path);
    if (match) {
      counts.geo++;
      if (await failed('geo', response)) return;
      const commune = communes.find((c) => c.insee === match![1]);
      if (!commune) return json(response, { code: 404, message: 'Commune non trouvée' }, 404);
      if (q('format') !== 'geojson' || q('geometry') !== 'contour') return json(response, { code: 400, message: 'format=geojson&geometry=contour attendus (service local)' }, 400);
      return json(response, outlineFeature(commune));
    }
    match = /^\/geo\/epcis\/(\d{9})\/communes$/.exec(path);
    if (match) {
      counts.geo++;
      if (await failed('geo', response)) return;
      const members = communes.filter((c) => c.epci?.siren === match![1]);
      if (members.length === 0) return json(response, { code: 404, message: 'EPCI non trouvé' }, 404);
      return json(response, { type: 'FeatureCollection', features: members.map(outlineFeature) });
    }
    // IGN WMTS
    if (path === '/geopf/wmts') {
      counts.wmts++;
      if (await failed('wmts', response)) return;
      const request = q('REQUEST');
      if (request === 'GetCapabilities') return send(response, 200, 'application/xml', capabilities(base + '/geopf'));
      if (request !== 'GetTile' || q('SERVICE') !== 'WMTS' || q('TILEMATRIXSET') !== 'PM' || q('STYLE') !== 'normal') {
        return send(response, 400, 'application/xml', exceptionReport('MissingParameterValue', 'SERVICE=WMTS, REQUEST, STYLE=normal, TILEMATRIXSET=PM attendus'));
      }
      const z = Number(q('TILEMATRIX'));
      const x = Number(q('TILECOL'));
      const y = Number(q('TILEROW'));
      const layer = q('LAYER');
      const tb = tileBounds(z, x, y);
      const commune = communes.find((c) => tb.east >= c.bounds.west && tb.west <= c.bounds.east && tb.north >= c.bounds.south && tb.south <= c.bounds.north);
      if (!commune) return send(response, 404, 'application/xml', exceptionReport('TileOutOfRange', 'Tuile hors de la couverture'));
      if (layer === 'ORTHOIMAGERY.ORTHOPHOTOS' && q('FORMAT') === 'image/jpeg') return send(response, 200, 'image/jpeg', photoTiles[(x * 7 + y * 3) % photoTiles.length]);
      if (layer === 'GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2' && q('FORMAT') === 'image/png') return send(response, 200, 'image/png', planTile(commune, z, x, y));
      return send(response, 400, 'application/xml', exceptionReport('InvalidParameterValue', `Couche ou format inconnu : ${layer} ${q('FORMAT')}`));
    }
    // IGN WFS
    if (path === '/geopf/wfs/ows') {
      counts.wfs++;
      if (await failed('wfs', response)) return;
      if (q('SERVICE') !== 'WFS' || q('VERSION') !== '2.0.0' || q('REQUEST') !== 'GetFeature' || q('SRSNAME') !== 'EPSG:2154' || q('OUTPUTFORMAT') !== 'application/json') {
        return send(response, 400, 'application/xml', exceptionReport('MissingParameterValue', 'SERVICE=WFS, VERSION=2.0.0, REQUEST=GetFeature, SRSNAME=EPSG:2154, OUTPUTFORMAT=application/json attendus'));
      }
      const typeName = q('TYPENAMES');
      const parts = (q('BBOX') ?? '').split(',');
      const box = parts.slice(0, 4).map(Number);
      if (box.length !== 4 || box.some((v) => !Number.isFinite(v)) || parts[4] !== 'EPSG:2154') return send(response, 400, 'application/xml', exceptionReport('InvalidParameterValue', 'BBOX=xmin,ymin,xmax,ymax,EPSG:2154 attendu'));
      const all = typeName === 'BDTOPO_V3:batiment' ? communes.flatMap((c) => c.buildings) : typeName === 'BDTOPO_V3:troncon_de_route' ? communes.flatMap((c) => c.roads) : null;
      if (!all) return send(response, 400, 'application/xml', exceptionReport('InvalidParameterValue', `Type inconnu : ${typeName}`));
      const count = Math.min(5000, Number(q('COUNT') ?? 5000));
      const start = Number(q('STARTINDEX') ?? 0);
      const matched = all.filter((feature) => intersects(feature, box));
      const page = matched.slice(start, start + count);
      return json(
        response,
        {
          type: 'FeatureCollection',
          features: page,
          totalFeatures: matched.length,
          numberMatched: matched.length,
          numberReturned: page.length,
          timeStamp: new Date().toISOString(),
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
        },
        200,
        'application/json;charset=UTF-8',
      );
    }
    // IGN altimetry (5 requests a second per IP: beyond, 429)
    if (path === '/geopf/altimetrie/1.0/calcul/alti/rest/elevation.json') {
      counts.altimetry++;
      if (await failed('altimetry', response)) return;
      const now = Date.now();
      while (altiTimes.length && now - altiTimes[0] > 1000) altiTimes.shift();
      if (altiTimes.length >= 5) return send(response, 429, 'application/json', JSON.stringify({ error: 'Too Many Requests' }), { 'retry-after': '1' });
      altiTimes.push(now);
      const lons = (q('lon') ?? '').split('|').map(Number);
      const lats = (q('lat') ?? '').split('|').map(Number);
      if (lons.length !== lats.length || lons.some((v) => !Number.isFinite(v)) || lats.some((v) => !Number.isFinite(v)) || !q('resource')) {
        return json(response, { error: { code: 'BAD_REQUEST', message: 'lon, lat (séparés par |) et resource attendus' } }, 400);
      }
      const elevations = lons.map((lon, i) => {
        const commune = communes.find((c) => lon >= c.bounds.west - 0.05 && lon <= c.bounds.east + 0.05 && lats[i] >= c.bounds.south - 0.05 && lats[i] <= c.bounds.north + 0.05);
        return { lon, lat: lats[i], z: commune ? Math.round(commune.heightAt(lon, lats[i]) * 100) / 100 : -99999, acc: 2.5 };
      });
      return json(response, q('zonly') === 'true' ? { elevations: elevations.map((e) => e.z) } : { elevations });
    }
    // Overpass API
    if (path === '/overpass/api/interpreter') {
      counts.overpass++;
      if (await failed('overpass', response)) return;
      const body = request.method === 'POST' ? await readBody(request) : url.search.slice(1);
      const query = new URLSearchParams(body).get('data') ?? '';
      const bbox = /\((-?\d+\.?\d*),(-?\d+\.?\d*),(-?\d+\.?\d*),(-?\d+\.?\d*)\)/.exec(query);
      if (!query.includes('[out:json]') || !bbox) return send(response, 400, 'text/html; charset=utf-8', '<p><strong>Error</strong>: line 1: parse error: [out:json] and a bbox expected</p>');
      const [south, west, north, east] = bbox.slice(1).map(Number);
      const wanted = (tags: Record<string, string>) =>
        (tags.highway === 'street_lamp' && query.includes('"highway"="street_lamp"')) || (tags.amenity !== undefined && query.includes(`"amenity"="${tags.amenity}"`));
      const elements = communes
        .flatMap((c) => c.osm)
        .filter((element) => {
          const lat = (element.lat ?? (element.center as { lat: number } | undefined)?.lat) as number;
          const lon = (element.lon ?? (element.center as { lon: number } | undefined)?.lon) as number;
          return lat >= south && lat <= north && lon >= west && lon <= east && wanted(element.tags as Record<string, string>);
        })
        .map((element) => (element.type === 'way' ? { type: 'way', id: element.id, center: element.center, nodes: element.nodes, tags: element.tags } : element));
      return json(response, {
        version: 0.6,
        generator: 'Overpass API 0.7.62 (local fake)',
        osm3s: { timestamp_osm_base: '2026-12-01T00:00:00Z', copyright: 'The data included in this document is from www.openstreetmap.org. The data is made available under ODbL.' },
        elements,
      });
    }
    return send(response, 404, 'text/plain; charset=utf-8', `Not found: ${path}`);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake services: no address');
  base = `http://127.0.0.1:${address.port}`;
  return {
    server,
    url: base,
    counts,
    get bytesSent() {
      return state.bytesSent;
    },
    setFailure(service, failure) {
      if (failure) failures.set(service, failure);
      else failures.delete(service);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// `npx tsx tests/fake-services/server.ts [port]`: serves the Esternay-like commune for manual use.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const services = await startFakeServices({ port: Number(process.argv[2] ?? 4390) });
  console.log(JSON.stringify({ fakeServices: services.url }));
}
