import { describe, expect, it } from 'vitest';
import type { LonLat } from '../territory';
import { distanceMetres, footprintOf, nearestOnLines } from './geo';

const LAT = 48.3;
const M_LAT = 111_195; // metres per degree of latitude on Turf's sphere (R = 6,371,008.8 m)
const M_LON = M_LAT * Math.cos((LAT * Math.PI) / 180);
/** A point `east`, `north` metres from (2.5, 48.3). */
const at = (east: number, north: number): LonLat => [2.5 + east / M_LON, LAT + north / M_LAT];

describe('nearest point on roads (Turf)', () => {
  it('finds the foot of the perpendicular, the line, the segment and where along it', () => {
    const roads = [
      [at(0, 0), at(100, 0), at(200, 0)],
      [at(0, 50), at(200, 50)],
    ];
    const nearest = nearestOnLines(at(150, 10), roads)!;
    expect(nearest.line).toBe(0);
    expect(nearest.segment).toBe(1);
    expect(nearest.t).toBeCloseTo(0.5, 2);
    expect(nearest.metres).toBeCloseTo(10, 1);
    expect(distanceMetres(nearest.point, at(150, 0))).toBeLessThan(0.05);
    const upper = nearestOnLines(at(20, 40), roads)!;
    expect(upper.line).toBe(1);
    expect(upper.metres).toBeCloseTo(10, 1);
  });

  it('counts a point past the end of a line as the end of its last segment (t = 1)', () => {
    const nearest = nearestOnLines(at(230, -5), [[at(0, 0), at(100, 0)], [at(100, 0), at(200, 0)]])!;
    expect(nearest.line).toBe(1);
    expect(nearest.segment).toBe(0);
    expect(nearest.t).toBe(1);
    expect(nearest.metres).toBeCloseTo(Math.hypot(30, 5), 1);
  });

  it('skips lines of fewer than two points and answers null when none is left', () => {
    expect(nearestOnLines(at(0, 0), [])).toBeNull();
    expect(nearestOnLines(at(0, 0), [[at(5, 5)]])).toBeNull();
    expect(nearestOnLines(at(0, 0), [[at(5, 5)], [at(0, 10), at(10, 10)]])!.line).toBe(1);
  });
});

describe('building footprints (Turf centroid and area)', () => {
  it('gives a rotated 20 × 10 m rectangle its centre, area, sides and heading', () => {
    const heading = (30 * Math.PI) / 180;
    // Width along the heading (clockwise from north), depth across it.
    const corner = (u: number, v: number) => at(u * Math.sin(heading) + v * Math.cos(heading) + 40, u * Math.cos(heading) - v * Math.sin(heading) + 60);
    const ring = [corner(-10, -5), corner(10, -5), corner(10, 5), corner(-10, 5), corner(-10, -5)];
    const footprint = footprintOf(ring)!;
    expect(distanceMetres(footprint.centre, at(40, 60))).toBeLessThan(0.05);
    expect(footprint.areaSquareMetres).toBeCloseTo(200, 0);
    expect(footprint.widthMetres).toBeCloseTo(20, 1);
    expect(footprint.depthMetres).toBeCloseTo(10, 1);
    expect(footprint.headingDegrees).toBeCloseTo(30, 0);
  });

  it('an L-shaped outline: area of the L, centroid inside the bounding box, rectangle around it', () => {
    const ring = [at(0, 0), at(30, 0), at(30, 10), at(10, 10), at(10, 30), at(0, 30)];
    const footprint = footprintOf(ring)!;
    expect(footprint.areaSquareMetres).toBeCloseTo(500, 0);
    expect(distanceMetres(footprint.centre, at(11, 11))).toBeLessThan(0.1);
    expect(footprint.widthMetres * footprint.depthMetres).toBeCloseTo(900, 0);
  });

  it('refuses a degenerate outline', () => {
    expect(footprintOf([at(0, 0), at(1, 1)])).toBeNull();
  });
});
