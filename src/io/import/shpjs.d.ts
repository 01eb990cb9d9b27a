/** The parts of `shpjs` (6.x, no types of its own) that the shapefile reader uses. */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Geometries of a .shp; reprojected only when a .prj is given (Vigie never gives one). */
  export function parseShp(shp: ArrayBuffer | DataView | Uint8Array, prj?: string): Array<Geometry | null>;
  /** Records of a .dbf, text decoded with `encoding` (a TextDecoder label). */
  export function parseDbf(dbf: ArrayBuffer | DataView | Uint8Array, encoding?: string): Array<Record<string, string | number | boolean | Date | null>>;
}
