/**
 * Coordinate systems: Lambert-93 (EPSG:2154), the conic conformal zones CC42–CC50 (EPSG:3942–3950) and
 * the overseas UTM systems (RGAF09 UTM 20N, RGFG95 UTM 22N, RGR92 UTM 40S, RGM04 UTM 38S) in which French
 * communes export their asset inventories, converted to and from WGS84 with proj4.
 */
import proj4 from 'proj4';
import type { SupportedCrs } from '../domain/manifest';
import type { LonLat } from '../domain/territory';

const GRS80_RGF93 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';

/** Lambert conformal conic parameters (lat_1, lat_2, lat_0, x_0, y_0) per EPSG code. */
const definitions: Record<Exclude<SupportedCrs, 'EPSG:4326'>, string> = {
  'EPSG:2154': `+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 ${GRS80_RGF93}`,
  'EPSG:3942': `+proj=lcc +lat_0=42 +lon_0=3 +lat_1=41.25 +lat_2=42.75 +x_0=1700000 +y_0=1200000 ${GRS80_RGF93}`,
  'EPSG:3943': `+proj=lcc +lat_0=43 +lon_0=3 +lat_1=42.25 +lat_2=43.75 +x_0=1700000 +y_0=2200000 ${GRS80_RGF93}`,
  'EPSG:3944': `+proj=lcc +lat_0=44 +lon_0=3 +lat_1=43.25 +lat_2=44.75 +x_0=1700000 +y_0=3200000 ${GRS80_RGF93}`,
  'EPSG:3945': `+proj=lcc +lat_0=45 +lon_0=3 +lat_1=44.25 +lat_2=45.75 +x_0=1700000 +y_0=4200000 ${GRS80_RGF93}`,
  'EPSG:3946': `+proj=lcc +lat_0=46 +lon_0=3 +lat_1=45.25 +lat_2=46.75 +x_0=1700000 +y_0=5200000 ${GRS80_RGF93}`,
  'EPSG:3947': `+proj=lcc +lat_0=47 +lon_0=3 +lat_1=46.25 +lat_2=47.75 +x_0=1700000 +y_0=6200000 ${GRS80_RGF93}`,
  'EPSG:3948': `+proj=lcc +lat_0=48 +lon_0=3 +lat_1=47.25 +lat_2=48.75 +x_0=1700000 +y_0=7200000 ${GRS80_RGF93}`,
  'EPSG:3949': `+proj=lcc +lat_0=49 +lon_0=3 +lat_1=48.25 +lat_2=49.75 +x_0=1700000 +y_0=8200000 ${GRS80_RGF93}`,
  'EPSG:3950': `+proj=lcc +lat_0=50 +lon_0=3 +lat_1=49.25 +lat_2=50.75 +x_0=1700000 +y_0=9200000 ${GRS80_RGF93}`,
  'EPSG:5490': `+proj=utm +zone=20 ${GRS80_RGF93}`,
  'EPSG:2972': `+proj=utm +zone=22 ${GRS80_RGF93}`,
  'EPSG:2975': `+proj=utm +zone=40 +south ${GRS80_RGF93}`,
  'EPSG:4471': `+proj=utm +zone=38 +south ${GRS80_RGF93}`,
};

for (const [code, definition] of Object.entries(definitions)) proj4.defs(code, definition);

const converters = new Map<string, proj4.Converter>();
function converter(crs: Exclude<SupportedCrs, 'EPSG:4326'>): proj4.Converter {
  let found = converters.get(crs);
  if (!found) {
    found = proj4(crs, 'EPSG:4326');
    converters.set(crs, found);
  }
  return found;
}

export function toWgs84(crs: SupportedCrs, x: number, y: number): LonLat {
  if (crs === 'EPSG:4326') return [x, y];
  const [lon, lat] = converter(crs).forward([x, y]);
  return [lon, lat];
}

export function fromWgs84(crs: SupportedCrs, lon: number, lat: number): [x: number, y: number] {
  if (crs === 'EPSG:4326') return [lon, lat];
  const [x, y] = converter(crs).inverse([lon, lat]);
  return [x, y];
}
