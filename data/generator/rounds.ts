/**
 * The demo's collection-round rules (manifest `waste` section and road limits), derived from the
 * generated network and points without any random draw, so that the rest of the demo is unchanged.
 */
import type { Point } from './geometry';
import type { NetworkEdge } from './network';
import type { Village } from './roads';
import type { CollectionRecord } from './collection';

/** Distance from a point to a polyline, metres. */
function distanceToPolyline(p: Point, line: Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 1; k < line.length; k++) {
    const a = line[k - 1];
    const b = line[k];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y));
  }
  return best;
}

/**
 * The rules of the collection rounds in the demo (no random draw, so the rest of the demo is
 * unchanged): three vehicle types (a 26 t rear-loader, a narrow 12 t one, a crane truck for glass
 * columns), the market square of the seat (before 07:00 or after 14:00), a school street in
 * another village (not 08:00–08:45), no collection before 06:00 in residential streets, two narrow
 * streets of the seat (2.3 m) and a bridge limited to 12 t in the countryside, the tip's hours
 * and a 30-minute break. The fleet grows with the territory's scale (`--scale 5`: five times the
 * points, ten 26 t trucks instead of two), at least one truck of each type.
 */
export function collectionRules(edges: NetworkEdge[], points: CollectionRecord[], villages: Village[], scale = 1) {
  const trucks = (count: number) => Math.max(1, Math.round(count * scale));
  const seat = villages.find((village) => village.isSeat)!;
  const other = villages.find((village) => !village.isSeat)!;
  const nearest = (village: Village, count: number) =>
    points
      .filter((point) => point.village === village.index && point.container === 'bin')
      .map((point) => ({ point, metres: Math.hypot(point.position.x - village.centre.x, point.position.y - village.centre.y) }))
      .sort((a, b) => a.metres - b.metres || a.point.id.localeCompare(b.point.id))
      .slice(0, count)
      .map((entry) => entry.point.id);
  const limits = new Map<number, { maxWidthMetres?: number; maxWeightTonnes?: number }>();
  // Narrow streets: the first two residential streets of the seat with a bin point on them, away from the centre.
  const market = new Set(nearest(seat, 3));
  let narrow = 0;
  edges.forEach((edge, i) => {
    if (narrow >= 2 || edge.village !== seat.index || edge.roadClass !== 'residential') return;
    const served = points.some((point) => point.village === seat.index && !market.has(point.id) && distanceToPolyline(point.position, edge.points) < 25);
    if (!served) return;
    limits.set(i, { maxWidthMetres: 2.3 });
    narrow++;
  });
  const bridge = edges.findIndex((edge) => edge.village < 0 && edge.roadClass === 'tertiary');
  if (bridge >= 0) limits.set(bridge, { maxWeightTonnes: 12 });
  const waste = {
    vehicleTypes: [
      { id: 'rear-26t', name: 'Benne 26 t', count: trucks(2), capacityKg: 9000, streams: ['residual', 'recyclables'], weightTonnes: 26, widthMetres: 2.55 },
      { id: 'rear-12t', name: 'Mini-benne 12 t', count: trucks(1), capacityKg: 3500, streams: ['residual', 'recyclables'], weightTonnes: 12, widthMetres: 2.2, fuelLitresPer100Km: 45, crewCostEurPerHour: 80 },
      { id: 'crane', name: 'Camion-grue (verre)', count: trucks(1), capacityKg: 8000, streams: ['glass'], weightTonnes: 19, widthMetres: 2.55, fuelLitresPer100Km: 60, crewCostEurPerHour: 70 },
    ],
    windows: [
      { label: `Place du marché, ${seat.name}`, pointIds: [...market], allowed: [['00:00', '07:00'], ['14:00', '24:00']] },
      { label: `Rue de l’école, ${other.name}`, pointIds: nearest(other, 2), forbidden: [['08:00', '08:45'], ['16:15', '17:00']] },
      { label: 'Rues résidentielles\u00a0: pas avant 6\u00a0h (bruit)', roadClass: 'residential', forbidden: [['00:00', '06:00']] },
    ],
    tipHours: ['06:00', '17:30'],
    shiftStart: '06:00',
    breakMinutes: 30,
    breakAfterHours: 4,
  };
  return { limits, waste };
}

