/**
 * A fictional but realistic commune for the fake public services, generated from a seed: an
 * irregular outline, a village of BD TOPO buildings (Lambert-93 MultiPolygon Z with the real
 * attribute names), road sections (LineString Z, `nature`, `importance`, `sens_de_circulation`,
 * `vitesse_moyenne_vl`…), OSM street lamps and waste points, and a smooth relief. Two presets:
 * `esternay` (small, for the browser tests) and `belleville` (about 1,500 buildings over 10 km²,
 * for the benchmark).
 */
import { fromWgs84 } from '../../src/io/crs';

export interface FakeCommune {
  insee: string;
  name: string;
  postcode: string;
  departement: string;
  population: number;
  epci: { siren: string; name: string } | null;
  /** WGS84 outer ring. */
  outline: Array<[number, number]>;
  /** BD TOPO features in EPSG:2154 (GeoJSON, as the WFS answers). */
  buildings: Array<Record<string, unknown>>;
  roads: Array<Record<string, unknown>>;
  /** Overpass elements. */
  osm: Array<Record<string, unknown>>;
  /** Ground height in metres. */
  heightAt(lon: number, lat: number): number;
  /** Extent of the data, WGS84. */
  bounds: { west: number; south: number; east: number; north: number };
}

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export interface Preset {
  insee: string;
  name: string;
  postcode: string;
  departement: string;
  population: number;
  centre: [number, number];
  /** Half-width and half-height of the commune in metres. */
  halfWidth: number;
  halfHeight: number;
  buildings: number;
  lamps: number;
  points: number;
  baseHeight: number;
  epci: { siren: string; name: string } | null;
  seed: number;
}

export const PRESETS: Record<'esternay' | 'belleville', Preset> = {
  esternay: {
    insee: '51237', name: 'Esternay', postcode: '51310', departement: '51', population: 1748,
    centre: [3.5608, 48.7317], halfWidth: 700, halfHeight: 550, buildings: 140, lamps: 36, points: 7, baseHeight: 160,
    epci: { siren: '200000000', name: 'CC de la Brie Champenoise (fictive)' }, seed: 51237,
  },
  belleville: {
    insee: '55043', name: 'Belleville-sur-Meuse', postcode: '55430', departement: '55', population: 3013,
    centre: [5.3725, 49.1785], halfWidth: 1800, halfHeight: 1400, buildings: 1500, lamps: 420, points: 40, baseHeight: 200,
    epci: null, seed: 55043,
  },
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function makeCommune(preset: Preset): FakeCommune {
  const rand = random(preset.seed);
  const [lon0, lat0] = preset.centre;
  const mLat = 1 / 111_320;
  const mLon = 1 / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const at = (dx: number, dy: number): [number, number] => [round(lon0 + dx * mLon, 7), round(lat0 + dy * mLat, 7)];
  // Outline: an irregular 24-gon inside the half-extents.
  const outline: Array<[number, number]> = [];
  for (let i = 0; i < 24; i++) {
    const angle = (i / 24) * Math.PI * 2;
    const r = 0.82 + 0.18 * rand();
    outline.push(at(Math.cos(angle) * preset.halfWidth * r, Math.sin(angle) * preset.halfHeight * r));
  }
  outline.push(outline[0]);
  const heightAt = (lon: number, lat: number) => {
    const x = (lon - lon0) / mLon;
    const y = (lat - lat0) / mLat;
    return preset.baseHeight + 18 * Math.sin(x / 600) + 12 * Math.cos(y / 450) + 6 * Math.sin((x + y) / 250);
  };
  const lambert = (dx: number, dy: number, z: number): [number, number, number] => {
    const [lon, lat] = at(dx, dy);
    const [x, y] = fromWgs84('EPSG:2154', lon, lat);
    return [round(x, 2), round(y, 2), round(z, 2)];
  };

  // Roads: a main road across, a cross road, and a grid of village streets.
  const roads: Array<Record<string, unknown>> = [];
  let roadId = 1;
  const addRoad = (points: Array<[number, number]>, props: Record<string, unknown>) => {
    const coordinates = points.map(([dx, dy]) => {
      const [lon, lat] = at(dx, dy);
      return lambert(dx, dy, heightAt(lon, lat));
    });
    const cleabs = `TRONROUT${String(roadId++).padStart(16, '0')}`;
    roads.push({
      type: 'Feature',
      id: `troncon_de_route.${roadId}`,
      geometry: { type: 'LineString', coordinates },
      geometry_name: 'geometrie',
      properties: {
        cleabs,
        nature: 'Route à 1 chaussée',
        nom_collaboratif_gauche: null,
        nom_collaboratif_droite: null,
        importance: '5',
        fictif: false,
        position_par_rapport_au_sol: '0',
        etat_de_l_objet: 'En service',
        date_creation: '2006-05-22 14:32:41.797',
        date_modification: '2023-03-10 10:22:33.254',
        nombre_de_voies: 2,
        largeur_de_chaussee: 5.5,
        itineraire_vert: false,
        prive: false,
        sens_de_circulation: 'Double sens',
        reserve_aux_bus: null,
        urbain: true,
        vitesse_moyenne_vl: 30,
        acces_vehicule_leger: 'Libre',
        nom_1_gauche: null,
        nom_1_droite: null,
        ...props,
      },
    });
  };
  const W = preset.halfWidth * 1.15;
  const H = preset.halfHeight * 1.15;
  // Main roads, split at the centre so that they meet at a junction.
  addRoad([[-W, -40], [-W / 2, -20], [0, 0]], { nature: 'Route à 1 chaussée', importance: '2', vitesse_moyenne_vl: 72, nom_1_gauche: 'RN 4', nom_1_droite: 'RN 4', urbain: false });
  addRoad([[0, 0], [W / 2, 25], [W, 50]], { nature: 'Route à 1 chaussée', importance: '2', vitesse_moyenne_vl: 72, nom_1_gauche: 'RN 4', nom_1_droite: 'RN 4', urbain: false });
  addRoad([[0, 0], [10, H / 2], [20, H]], { nature: 'Route à 1 chaussée', importance: '3', vitesse_moyenne_vl: 60, nom_1_gauche: 'Route de Sézanne', nom_1_droite: 'Route de Sézanne' });
  addRoad([[0, 0], [-15, -H / 2], [-30, -H]], { nature: 'Route à 1 chaussée', importance: '4', vitesse_moyenne_vl: 50, nom_1_gauche: 'Rue de Montmirail', nom_1_droite: 'Rue de Montmirail' });
  const village = Math.min(preset.halfWidth, preset.halfHeight) * 0.55;
  const step = village / 3;
  for (let i = -3; i <= 3; i++) {
    if (i === 0) continue;
    addRoad([[-village, i * step], [0, i * step], [village, i * step]], { nom_1_gauche: `Rue ${i > 0 ? 'Haute' : 'Basse'} n°${Math.abs(i)}`, sens_de_circulation: i === 1 ? 'Sens direct' : i === -1 ? 'Sens inverse' : 'Double sens' });
  }
  addRoad([[-village, -village], [-village * 1.4, -village * 1.6]], { nature: 'Chemin', importance: '6', vitesse_moyenne_vl: 15, urbain: false });
  addRoad([[village, village], [village * 1.3, village * 1.5]], { nature: 'Sentier', importance: '6', vitesse_moyenne_vl: 0, urbain: false });

  // Buildings: rectangles along the streets, a church, farms outside the village.
  const buildings: Array<Record<string, unknown>> = [];
  const usages = ['Résidentiel', 'Résidentiel', 'Résidentiel', 'Résidentiel', 'Annexe', 'Commercial et services', 'Agricole', 'Industriel', 'Indifférencié'];
  for (let i = 0; i < preset.buildings; i++) {
    const spread = i < preset.buildings * 0.85 ? village * 1.2 : Math.min(preset.halfWidth, preset.halfHeight) * 0.8;
    const cx = (rand() * 2 - 1) * spread;
    const row = Math.round((rand() * 2 - 1) * 3) * step + (rand() < 0.5 ? -1 : 1) * (9 + rand() * 6);
    const cy = i < preset.buildings * 0.85 ? row : (rand() * 2 - 1) * spread;
    const w = 7 + rand() * 12;
    const d = 6 + rand() * 7;
    const angle = (rand() - 0.5) * 0.3;
    const corners: Array<[number, number]> = [[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [-w / 2, d / 2], [-w / 2, -d / 2]].map(([x, y]) => [
      cx + x * Math.cos(angle) - y * Math.sin(angle),
      cy + x * Math.sin(angle) + y * Math.cos(angle),
    ]);
    const [clon, clat] = at(cx, cy);
    const ground = heightAt(clon, clat);
    const church = i === 0;
    const usage = church ? 'Religieux' : usages[Math.floor(rand() * usages.length)];
    const floors = church ? null : 1 + Math.floor(rand() * 2.5);
    const hasHeight = rand() > 0.04;
    const hauteur = church ? 22 : hasHeight ? round(floors! * 2.9 + 1.5 + rand() * 1.5, 1) : null;
    buildings.push({
      type: 'Feature',
      id: `batiment.${i + 1}`,
      geometry: { type: 'MultiPolygon', coordinates: [[corners.map(([x, y]) => lambert(x, y, ground + (hauteur ?? 6)))]] },
      geometry_name: 'geometrie',
      properties: {
        cleabs: `BATIMENT${String(preset.seed * 10000 + i).padStart(16, '0')}`,
        nature: church ? 'Eglise' : usage === 'Agricole' || usage === 'Industriel' ? 'Industriel, agricole ou commercial' : 'Indifférenciée',
        usage_1: usage,
        usage_2: null,
        construction_legere: false,
        etat_de_l_objet: 'En service',
        date_creation: '2010-02-01 09:15:34.1',
        date_modification: '2024-01-18 16:44:01.5',
        nombre_de_logements: usage === 'Résidentiel' ? 1 : 0,
        nombre_d_etages: floors,
        materiaux_des_murs: '01',
        materiaux_de_la_toiture: '10',
        hauteur,
        altitude_minimale_sol: round(ground - 0.5, 1),
        altitude_minimale_toit: hauteur === null ? null : round(ground + hauteur - 2, 1),
        altitude_maximale_toit: hauteur === null ? null : round(ground + hauteur, 1),
        altitude_maximale_sol: round(ground + 0.5, 1),
        origine_du_batiment: 'Cadastre',
        appariement_fichiers_fonciers: '51237000AB0123',
        identifiants_rnb: null,
      },
    });
  }

  // OSM: lamps along the village streets, recycling columns and bins.
  const osm: Array<Record<string, unknown>> = [];
  for (let i = 0; i < preset.lamps; i++) {
    const streetRow = (Math.floor(rand() * 6) - 3 || 1) * step;
    const [lon, lat] = at((rand() * 2 - 1) * village, streetRow + 4);
    const tags: Record<string, string> = { highway: 'street_lamp' };
    if (i % 5 === 0) tags['light:method'] = 'LED';
    if (i % 7 === 0) tags.ref = `EP-${100 + i}`;
    if (i % 4 === 0) tags.support = 'pole';
    osm.push({ type: 'node', id: 9_000_000_000 + preset.seed * 1000 + i, lat, lon, tags });
  }
  const kinds = [
    { amenity: 'recycling', recycling_type: 'container', 'recycling:glass_bottles': 'yes' },
    { amenity: 'recycling', recycling_type: 'container', 'recycling:paper': 'yes', 'recycling:plastic_packaging': 'yes' },
    { amenity: 'waste_disposal' },
    { amenity: 'waste_basket' },
  ];
  for (let i = 0; i < preset.points; i++) {
    const [lon, lat] = at((rand() * 2 - 1) * village, (rand() * 2 - 1) * village);
    osm.push({ type: 'node', id: 8_000_000_000 + preset.seed * 1000 + i, lat, lon, tags: kinds[i % kinds.length] });
  }
  // A recycling centre (déchèterie) drawn as a way: not a collection point.
  const [dlon, dlat] = at(-village * 1.3, village * 0.9);
  osm.push({ type: 'way', id: 7_000_000 + preset.seed, center: { lat: dlat, lon: dlon }, nodes: [1, 2, 3, 4, 1], tags: { amenity: 'recycling', recycling_type: 'centre', name: 'Déchèterie' } });

  const [west, south] = at(-W * 1.1, -H * 1.1);
  const [east, north] = at(W * 1.1, H * 1.1);
  return {
    insee: preset.insee,
    name: preset.name,
    postcode: preset.postcode,
    departement: preset.departement,
    population: preset.population,
    epci: preset.epci,
    outline,
    buildings,
    roads,
    osm,
    heightAt,
    bounds: { west, south, east, north },
  };
}
