import type { LonLat, Territory } from './territory';

/**
 * Where each commune's village stands: the mean position of its church and public buildings when
 * it has some, else of all its buildings, else the centre of its boundary.
 */
export function villageCentres(territory: Territory): Map<string, LonLat> {
  const sums = new Map<string, { lon: number; lat: number; count: number; civicLon: number; civicLat: number; civic: number }>();
  for (const building of territory.buildings) {
    let sum = sums.get(building.communeId);
    if (!sum) {
      sum = { lon: 0, lat: 0, count: 0, civicLon: 0, civicLat: 0, civic: 0 };
      sums.set(building.communeId, sum);
    }
    sum.lon += building.position[0];
    sum.lat += building.position[1];
    sum.count++;
    if (building.usage === 'religious' || building.usage === 'public') {
      sum.civicLon += building.position[0];
      sum.civicLat += building.position[1];
      sum.civic++;
    }
  }
  const centres = new Map<string, LonLat>();
  for (const commune of territory.communes) {
    const sum = sums.get(commune.id);
    if (sum && sum.civic > 0) centres.set(commune.id, [sum.civicLon / sum.civic, sum.civicLat / sum.civic]);
    else if (sum && sum.count > 0) centres.set(commune.id, [sum.lon / sum.count, sum.lat / sum.count]);
    else centres.set(commune.id, commune.centre);
  }
  return centres;
}
