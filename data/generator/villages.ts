/** The demo's villages: names, places on the landform, and each one's cell (its commune). */
import { distance, type Point } from './geometry';
import { Random } from './random';
import { type Village } from './roads';
import { slopeAt, type Landform } from './terrain';

export const VILLAGE_NAMES = [
  'Vaudrecourt', 'Saint-Élophe-sur-Argence', 'Hautrupt', 'Les Granges-de-Vaux', 'Bellefontaine-la-Combe', 'Moncel-sous-Roche',
  'Rochebrune-en-Vosges', 'Fraize-le-Val', 'Ormont-la-Haute', 'Champdray-Saint-Jean', 'Brémoncourt', 'Laneuveville-aux-Bois',
  'Grandvillers-sur-Noire', 'Sainte-Hélène-du-Rupt', 'Aumontzey-le-Bas', 'Corcieux-la-Petite', 'Xonrupt-Argence', 'Biffontaine-Haute',
  'Taintrux-les-Prés', 'Mandray-sur-Combelle', 'Lusse-la-Forêt', 'Entre-deux-Eaux-Saint-Roch', 'Gerbépal-le-Moulin', 'Anould-sous-Bois',
  'Vanémont-la-Côte', 'Ban-sur-Argence', 'Pairis-le-Val', 'Nayemont-les-Fosses', 'Coinches-la-Grange', 'Denipaire-le-Haut',
];

export function placeVillages(random: Random, landform: Landform, count: number): Village[] {
  const populations: number[] = [];
  // One market town (the seat), a few large villages, many small ones: about 3,000 people a commune.
  for (let i = 0; i < count; i++) {
    if (i === 0) populations.push(random.int(7000, 8500));
    else if (i % 10 === 1 || i % 10 === 2) populations.push(random.int(3400, 4600));
    else populations.push(random.int(900, 2600));
  }
  const villages: Village[] = [];
  const minSpacing = 3300;
  for (let i = 0; i < count; i++) {
    let best: Point | null = null;
    let bestScore = -Infinity;
    for (let attempt = 0; attempt < 200; attempt++) {
      const p = { x: random.range(1800, landform.widthMetres - 1800), y: random.range(1800, landform.heightMetres - 1800) };
      const nearestVillage = villages.reduce((d, v) => Math.min(d, distance(v.centre, p)), Infinity);
      if (nearestVillage < minSpacing) continue;
      const river = landform.riverDistanceAt(p.x, p.y);
      if (river < 120) continue;
      // Villages sit in valleys near water, on gentle ground; the largest ones on the main river.
      const score = -river / (i < 3 ? 300 : 900) - 40 * slopeAt(landform, p.x, p.y, 150) - landform.heightAt(p.x, p.y) / 400 + random.range(0, 0.8);
      if (score > bestScore) (bestScore = score), (best = p);
    }
    if (!best) continue;
    const population = populations[i];
    villages.push({
      index: villages.length,
      id: `C${String(villages.length + 1).padStart(2, '0')}`,
      name: VILLAGE_NAMES[villages.length % VILLAGE_NAMES.length] + (villages.length >= VILLAGE_NAMES.length ? ` ${Math.floor(villages.length / VILLAGE_NAMES.length) + 1}` : ''),
      population,
      centre: { x: Math.round(best.x), y: Math.round(best.y) },
      radiusMetres: 220 + 10.5 * Math.sqrt(population),
      isSeat: i === 0,
    });
  }
  return villages;
}

/** The cell of a village: the part of the territory closer to it than to any other village. */
export function voronoiCell(village: Village, villages: Village[], side: number): Point[] {
  let polygon: Point[] = [
    { x: 0, y: 0 },
    { x: side, y: 0 },
    { x: side, y: side },
    { x: 0, y: side },
  ];
  for (const other of villages) {
    if (other === village) continue;
    // Keep the half-plane closer to `village`: (p - m) · (other - village) <= 0.
    const mx = (village.centre.x + other.centre.x) / 2;
    const my = (village.centre.y + other.centre.y) / 2;
    const nx = other.centre.x - village.centre.x;
    const ny = other.centre.y - village.centre.y;
    const side = (p: Point) => (p.x - mx) * nx + (p.y - my) * ny;
    const clipped: Point[] = [];
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i];
      const b = polygon[(i + 1) % polygon.length];
      const sa = side(a);
      const sb = side(b);
      if (sa <= 0) clipped.push(a);
      if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
        const t = sa / (sa - sb);
        clipped.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
      }
    }
    polygon = clipped;
  }
  return [...polygon, polygon[0]];
}

