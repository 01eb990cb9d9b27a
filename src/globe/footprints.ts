/**
 * Real building footprints (BD TOPO polygons) extruded by their height: walls from a little under
 * the lowest ground of the footprint to the roof, and a thin roof slab in the roof colour.
 */
import { Cartesian3, Color, ColorGeometryInstanceAttribute, GeometryInstance, PerInstanceColorAppearance, PolygonGeometry, PolygonHierarchy } from 'cesium';
import type { Building } from '../domain/territory';

export function footprintInstances(
  building: Building & { footprint: NonNullable<Building['footprint']> },
  heightAt: (lon: number, lat: number) => number,
  wall: Color,
  roof: Color,
  id: unknown,
): GeometryInstance[] {
  const ring = building.footprint.slice();
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 3 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  if (ring.length < 3) return [];
  let lowest = Infinity;
  const flat: number[] = [];
  for (const [lon, lat] of ring) {
    lowest = Math.min(lowest, heightAt(lon, lat));
    flat.push(lon, lat);
  }
  const base = lowest - 1.5;
  const top = heightAt(building.position[0], building.position[1]) + building.heightMetres;
  const hierarchy = new PolygonHierarchy(Cartesian3.fromDegreesArray(flat));
  const vertexFormat = PerInstanceColorAppearance.VERTEX_FORMAT;
  return [
    new GeometryInstance({
      geometry: new PolygonGeometry({ polygonHierarchy: hierarchy, height: base, extrudedHeight: top, vertexFormat }),
      attributes: { color: ColorGeometryInstanceAttribute.fromColor(wall) },
      id,
    }),
    new GeometryInstance({
      geometry: new PolygonGeometry({ polygonHierarchy: hierarchy, height: top, extrudedHeight: top + 0.4, vertexFormat }),
      attributes: { color: ColorGeometryInstanceAttribute.fromColor(roof) },
      id,
    }),
  ];
}
