/**
 * Geometry on WGS84 coordinates with Turf (`@turf/*` submodules, imported one by one so that the
 * bundles only carry what is used): nearest point on roads, distances, footprint centroids (centre of mass) and
 * areas. Coordinates are `[lon, lat]` degrees; distances and areas in metres and square metres.
 */
import area from '@turf/area';
import centerOfMass from '@turf/center-of-mass';
import distance from '@turf/distance';
import { multiLineString, polygon } from '@turf/helpers';
import nearestPointOnLine from '@turf/nearest-point-on-line';
import type { LonLat } from '../territory';

/** Great-circle distance in metres. */
export function distanceMetres(a: LonLat, b: LonLat): number {
  return distance(a, b, { units: 'meters' });
}

export interface NearestOnLines {
  /** The nearest point on the lines. */
  point: LonLat;
  /** Distance from the query point to it. */
  metres: number;
  /** Which line, which segment of it, and where along that segment (0 at its start, 1 at its end). */
  line: number;
  segment: number;
  t: number;
}

/** The nearest point to `position` on any of `lines` (each at least two points); null when there is none. */
export function nearestOnLines(position: LonLat, lines: readonly (readonly LonLat[])[]): NearestOnLines | null {
  const usable: LonLat[][] = [];
  const index: number[] = [];
  lines.forEach((line, i) => {
    if (line.length >= 2) {
      usable.push(line as LonLat[]);
      index.push(i);
    }
  });
  if (usable.length === 0) return null;
  const snapped = nearestPointOnLine(multiLineString(usable), position, { units: 'meters' });
  const { lineStringIndex, segmentIndex, pointDistance } = snapped.properties;
  const line = usable[lineStringIndex];
  // At a line's last vertex Turf answers with that vertex's index: count it as the end of the last segment.
  const segment = Math.min(segmentIndex, line.length - 2);
  const a = line[segment];
  const b = line[segment + 1];
  const length = distanceMetres(a, b);
  const [lon, lat] = snapped.geometry.coordinates;
  // Where along the segment, measured from its start.
  const along = distanceMetres(a, [lon, lat]);
  return {
    point: [lon, lat],
    metres: pointDistance,
    line: index[lineStringIndex],
    segment,
    t: length > 0 ? Math.max(0, Math.min(1, along / length)) : 0,
  };
}

export interface Footprint {
  /** Centroid of the outline. */
  centre: LonLat;
  areaSquareMetres: number;
  /** Sides of the smallest rectangle around the outline (along its heading, across it). */
  widthMetres: number;
  depthMetres: number;
  /** Direction of the rectangle's `width` side, clockwise from north, 0–180. */
  headingDegrees: number;
}

/**
 * A building footprint (a polygon's outer ring, closed or not) as a centre, an area and the
 * smallest enclosing rectangle (tried along each edge of the outline), which is how the twin
 * draws buildings that come as outlines (BD TOPO `batiment`).
 */
export function footprintOf(ring: readonly LonLat[]): Footprint | null {
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : [...ring];
  if (open.length < 3) return null;
  const closed = [...open, open[0]];
  const shape = polygon([closed as LonLat[]]);
  // The area-weighted centroid (Turf's `centroid` is the mean of the vertices, off for an L-shaped house).
  const [lon, lat] = centerOfMass(shape).geometry.coordinates;
  const areaSquareMetres = area(shape);
  // Local metres around the centroid (a building is small enough for a flat frame).
  const metresPerDegreeLat = distanceMetres([lon, lat - 0.0005], [lon, lat + 0.0005]) / 0.001;
  const metresPerDegreeLon = distanceMetres([lon - 0.0005, lat], [lon + 0.0005, lat]) / 0.001;
  const points = open.map(([x, y]) => [(x - lon) * metresPerDegreeLon, (y - lat) * metresPerDegreeLat] as const);
  let best = { area: Number.POSITIVE_INFINITY, width: 0, depth: 0, heading: 0 };
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[(i + 1) % points.length];
    const length = Math.hypot(bx - ax, by - ay);
    if (length === 0) continue;
    const ux = (bx - ax) / length;
    const uy = (by - ay) / length;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of points) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const boxArea = (maxU - minU) * (maxV - minV);
    if (boxArea < best.area - 1e-9) {
      const heading = ((Math.atan2(ux, uy) * 180) / Math.PI + 360) % 180;
      best = { area: boxArea, width: maxU - minU, depth: maxV - minV, heading };
    }
  }
  if (!Number.isFinite(best.area)) return null;
  return { centre: [lon, lat], areaSquareMetres, widthMetres: best.width, depthMetres: best.depth, headingDegrees: best.heading };
}
