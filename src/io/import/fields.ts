/**
 * What each layer's fields are called in French inventories, what their values look like, and
 * the labelled default used when a file does not give them (sources from shared/DOMAIN.md;
 * "NON VÉRIFIÉ" where DOMAIN.md has no primary source).
 */
import type { ImportLayer } from './types';

export type FieldKind = 'id' | 'text' | 'number' | 'integer' | 'enum' | 'boolean' | 'weekday' | 'coordinate';

export interface Default {
  value: string | number | boolean | null;
  /** Where the figure comes from, shown next to it. */
  source: string;
}

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  /** Normalised header names (see `normaliseName`) proposed for this field, best first. */
  synonyms: string[];
  /** Enum values and the patterns (on normalised text) that mean them, first match wins. */
  values?: Array<[string, RegExp]>;
  min?: number;
  max?: number;
  /** Missing → the record is rejected. */
  required?: boolean;
  /** When the file does not say; may depend on fields already read. */
  fallback?: (feature: Record<string, unknown>) => Default;
}

/** Lower case, no accents, words joined by `_`: `Type de lampe` → `type_de_lampe`. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const ID: FieldSpec = {
  key: 'id',
  kind: 'id',
  synonyms: ['id', 'identifiant', 'ident', 'cleabs', 'code', 'ref', 'reference', 'numero', 'num', 'no', 'n', 'n_point', 'no_point', 'numero_point', 'num_point', 'id_pl', 'num_pl', 'numero_pl', 'n_pl', 'point_lumineux', 'code_point', 'id_point', 'gid', 'fid', 'objectid'],
};
const COMMUNE: FieldSpec = { key: 'communeId', kind: 'text', synonyms: ['commune', 'code_insee', 'insee', 'insee_com', 'code_commune', 'communeid', 'commune_id'], fallback: () => ({ value: '', source: 'non renseigné' }) };
const NAME: FieldSpec = { key: 'name', kind: 'text', synonyms: ['nom', 'name', 'libelle', 'designation', 'intitule', 'adresse', 'localisation'], fallback: () => ({ value: '', source: 'non renseigné' }) };
const X: FieldSpec = { key: 'x', kind: 'coordinate', synonyms: ['x', 'lon', 'long', 'longitude', 'lng', 'coord_x', 'coordx', 'x_l93', 'xl93', 'x_lambert', 'x_lambert93', 'x_cc', 'est', 'easting', 'x_wgs84'] };
const Y: FieldSpec = { key: 'y', kind: 'coordinate', synonyms: ['y', 'lat', 'latitude', 'coord_y', 'coordy', 'y_l93', 'yl93', 'y_lambert', 'y_lambert93', 'y_cc', 'nord', 'northing', 'y_wgs84'] };
const WKT: FieldSpec = { key: 'wkt', kind: 'text', synonyms: ['wkt', 'geom', 'geometry', 'geometrie', 'the_geom', 'point'] };
const USAGE_VALUES: Array<[string, RegExp]> = [
  ['heritage', /patrimoine|monument|mise_en_valeur|eglise|heritage/],
  ['park', /parc|jardin|square|park/],
  ['parking', /parking|stationnement/],
  ['residential', /residenti|lotissement|habitation|quartier/],
  ['road', /route|voie|rue|chaussee|road|boulevard|avenue|carrefour|rond_point/],
];

const LAMP_POWER: Record<string, Default> = {
  sodium: { value: 100, source: 'DOMAIN.md\u00a0: sodium haute pression 70/100/150 W, valeur médiane' },
  mercury: { value: 125, source: 'DOMAIN.md\u00a0: ballon fluorescent (mercure) 125 W' },
  led: { value: 45, source: 'DOMAIN.md\u00a0: LED de remplacement 35/45/55 W, valeur médiane' },
};
const LAMP_KELVIN: Record<string, Default> = {
  sodium: { value: 2000, source: 'teinte usuelle du sodium haute pression (NON VÉRIFIÉ)' },
  mercury: { value: 4000, source: 'teinte usuelle du ballon fluorescent (NON VÉRIFIÉ)' },
  led: { value: 3000, source: 'arrêté du 27 décembre 2018\u00a0: 3000 K au plus (DOMAIN.md)' },
};

export const LAYER_FIELDS: Record<ImportLayer, FieldSpec[]> = {
  streetLights: [
    ID,
    {
      key: 'technology',
      kind: 'enum',
      synonyms: ['type_lampe', 'type_de_lampe', 'lampe', 'technologie', 'techno', 'source', 'type_source', 'source_lumineuse', 'type_luminaire', 'luminaire', 'type', 'nature_lampe'],
      values: [
        ['led', /led|diode/],
        ['mercury', /mercure|ballon|fluo|mbf|hql|(^|_)bf($|_)|(^|_)hg/],
        ['sodium', /sodium|(^|_)shp|(^|_)sbp|(^|_)son($|_)|nahp|vsap|(^|_)hps|(^|_)sht/],
      ],
      fallback: () => ({ value: 'sodium', source: 'DOMAIN.md\u00a0: le sodium haute pression est le parc le plus courant (70/100/150 W)' }),
    },
    {
      key: 'powerWatts',
      kind: 'number',
      synonyms: ['puissance', 'puissance_w', 'puissance_lampe', 'puiss', 'p_w', 'pw', 'watt', 'watts', 'w', 'power', 'puissance_nominale'],
      min: 1,
      max: 2000,
      fallback: (feature) => LAMP_POWER[String(feature.technology)] ?? LAMP_POWER.sodium,
    },
    {
      key: 'colourTemperatureKelvin',
      kind: 'number',
      synonyms: ['temperature_couleur', 'temperature_de_couleur', 'temp_couleur', 'tc', 'kelvin', 'k', 'cct', 'temperature'],
      min: 1000,
      max: 10000,
      fallback: (feature) => LAMP_KELVIN[String(feature.technology)] ?? LAMP_KELVIN.sodium,
    },
    {
      key: 'mountingHeightMetres',
      kind: 'number',
      synonyms: ['hauteur', 'hauteur_feu', 'hauteur_de_feu', 'hauteur_m', 'hauteur_mat', 'ht', 'h', 'height'],
      min: 0.5,
      max: 40,
      fallback: () => ({ value: 8, source: 'hauteur de feu courante en voirie (NON VÉRIFIÉ)' }),
    },
    {
      key: 'cabinetId',
      kind: 'text',
      synonyms: ['armoire', 'id_armoire', 'armoire_id', 'code_armoire', 'num_armoire', 'armoire_de_commande', 'commande', 'depart', 'cabinet', 'cabinetid', 'poste'],
      fallback: () => ({ value: 'sans-armoire', source: 'armoire non renseignée' }),
    },
    {
      key: 'zoneId',
      kind: 'text',
      synonyms: ['zone', 'secteur', 'zone_eclairage', 'zoneid', 'quartier'],
      fallback: () => ({ value: 'sans-zone', source: 'zone non renseignée\u00a0: horaire par défaut du scénario' }),
    },
    COMMUNE,
    { key: 'usage', kind: 'enum', synonyms: ['usage', 'type_voie', 'voie', 'classe', 'usage_eclairage', 'fonction'], values: USAGE_VALUES, fallback: () => ({ value: 'road', source: 'éclairage de voirie par défaut' }) },
    X,
    Y,
    WKT,
  ],
  cabinets: [
    ID,
    NAME,
    { key: 'zoneId', kind: 'text', synonyms: ['zone', 'secteur', 'zone_eclairage', 'zoneid'], fallback: () => ({ value: 'sans-zone', source: 'zone non renseignée' }) },
    COMMUNE,
    X,
    Y,
    WKT,
  ],
  collectionPoints: [
    ID,
    NAME,
    {
      key: 'stream',
      kind: 'enum',
      synonyms: ['flux', 'type_dechet', 'dechet', 'dechets', 'filiere', 'type_flux', 'stream', 'collecte'],
      values: [
        ['glass', /verre|glass/],
        ['recyclables', /recycl|emballage|(^|_)cs($|_)|selecti|(^|_)tri|jaune|papier|multimat|journaux/],
        ['residual', /(^|_)om|ordure|residu|menager|gris|(^|_)omr/],
      ],
      fallback: () => ({ value: 'residual', source: 'ordures ménagères résiduelles par défaut' }),
    },
    {
      key: 'container',
      kind: 'enum',
      synonyms: ['contenant', 'type_contenant', 'conteneur', 'type_conteneur', 'container', 'equipement', 'type'],
      values: [
        ['column', /colonne|(^|_)pav|apport|enterre|aerien|semi|column/],
        ['bin', /bac|poubelle|bin/],
      ],
      fallback: () => ({ value: 'bin', source: 'bac roulant par défaut' }),
    },
    {
      key: 'volumeLitres',
      kind: 'number',
      synonyms: ['volume', 'volume_l', 'volume_litres', 'capacite', 'capacite_l', 'litres', 'contenance', 'vol'],
      min: 10,
      max: 20000,
      fallback: (feature) =>
        feature.container === 'column'
          ? { value: 4000, source: 'DOMAIN.md\u00a0: colonnes d’apport volontaire de 2 à 5 m³' }
          : { value: 240, source: 'DOMAIN.md\u00a0: bac de 240 L pour 4 à 6 personnes' },
    },
    { key: 'containerCount', kind: 'integer', synonyms: ['nombre', 'nb', 'nb_bacs', 'nombre_bacs', 'quantite', 'qte', 'nb_conteneurs'], min: 1, max: 100, fallback: () => ({ value: 1, source: 'un contenant par point' }) },
    {
      key: 'collectionWeekday',
      kind: 'weekday',
      synonyms: ['jour', 'jour_collecte', 'jour_de_collecte', 'jour_ramassage', 'collecte_jour', 'weekday'],
      fallback: () => ({ value: 1, source: 'jour de collecte non renseigné\u00a0: lundi (NON VÉRIFIÉ)' }),
    },
    {
      key: 'collectionPeriodWeeks',
      kind: 'integer',
      synonyms: ['frequence', 'periodicite', 'periode', 'semaines', 'frequence_semaines'],
      min: 1,
      max: 8,
      fallback: () => ({ value: 1, source: 'collecte hebdomadaire par défaut (DOMAIN.md\u00a0: de toutes les deux semaines à trois fois par semaine)' }),
    },
    COMMUNE,
    X,
    Y,
    WKT,
  ],
  sensors: [
    ID,
    NAME,
    {
      key: 'kind',
      kind: 'enum',
      synonyms: ['type', 'type_capteur', 'nature', 'kind', 'mesure', 'grandeur'],
      values: [
        ['fill-level', /remplissage|niveau|fill/],
        ['power-meter', /electri|energie|puissance|power|compteur_e/],
        ['air-quality', /air|no2|pollution|qualite/],
        ['traffic-counter', /trafic|traffic|comptage|vehicule/],
        ['parking', /parking|stationnement|place/],
      ],
      required: true,
    },
    { key: 'targetId', kind: 'text', synonyms: ['cible', 'objet', 'equipement', 'target', 'targetid', 'id_objet', 'point_collecte', 'armoire'], fallback: () => ({ value: null, source: 'non rattaché' }) },
    { key: 'unit', kind: 'text', synonyms: ['unite', 'unit'], fallback: () => ({ value: '', source: 'non renseigné' }) },
    {
      key: 'samplesPerDay',
      kind: 'number',
      synonyms: ['mesures_par_jour', 'frequence', 'frequence_mesure', 'samples_per_day', 'samplesperday'],
      min: 0.01,
      max: 100000,
      fallback: () => ({ value: 24, source: 'DOMAIN.md\u00a0: 5 à 24 mesures par jour (capteurs de remplissage)' }),
    },
    COMMUNE,
    { key: 'capacity', kind: 'number', synonyms: ['capacite', 'places', 'voies', 'capacity'], min: 0, max: 100000, fallback: () => ({ value: null, source: 'non renseigné' }) },
    X,
    Y,
    WKT,
  ],
  buildings: [
    ID,
    {
      key: 'heightMetres',
      kind: 'number',
      synonyms: ['hauteur', 'hauteur_m', 'haut', 'height', 'h'],
      min: 1,
      max: 300,
      fallback: (feature) =>
        typeof feature.storeys === 'number' ? { value: 3 * feature.storeys, source: '3 m par étage (NON VÉRIFIÉ)' } : { value: 6, source: 'deux niveaux, 6 m (NON VÉRIFIÉ)' },
    },
    { key: 'storeys', kind: 'integer', synonyms: ['nombre_d_etages', 'nb_etages', 'etages', 'niveaux', 'nb_niveaux'], min: 1, max: 100 },
    {
      key: 'usage',
      kind: 'enum',
      synonyms: ['usage_1', 'usage1', 'usage', 'nature', 'destination', 'type'],
      values: [
        ['religious', /religi|eglise|chapelle|culte/],
        ['agricultural', /agricol|ferme|grange|hangar_agricole/],
        ['industrial', /industri|usine|atelier/],
        ['commercial', /commerc|service|bureau|magasin/],
        ['public', /public|mairie|ecole|enseignement|administra|sport|sante|mairie/],
        ['residential', /residenti|habitation|logement|maison|annexe/],
      ],
      fallback: () => ({ value: 'residential', source: 'usage non renseigné\u00a0: résidentiel' }),
    },
    { key: 'widthMetres', kind: 'number', synonyms: ['largeur', 'width'], min: 1, max: 500, fallback: () => ({ value: 10, source: 'emprise non renseignée\u00a0: 10 m (NON VÉRIFIÉ)' }) },
    { key: 'depthMetres', kind: 'number', synonyms: ['profondeur', 'longueur', 'depth'], min: 1, max: 500, fallback: () => ({ value: 10, source: 'emprise non renseignée\u00a0: 10 m (NON VÉRIFIÉ)' }) },
    { key: 'headingDegrees', kind: 'number', synonyms: ['orientation', 'cap', 'angle', 'heading'], min: -360, max: 360, fallback: () => ({ value: 0, source: 'orientation non renseignée' }) },
    COMMUNE,
    X,
    Y,
    WKT,
  ],
  roads: [
    ID,
    { key: 'name', kind: 'text', synonyms: ['nom', 'nom_1_gauche', 'nom_voie_ban_gauche', 'nom_collaboratif_gauche', 'nom_1_droite', 'name', 'libelle', 'voie'], fallback: () => ({ value: '', source: 'non renseigné' }) },
    {
      key: 'roadClass',
      kind: 'enum',
      synonyms: ['importance', 'classe', 'nature', 'highway', 'type_voie', 'roadclass', 'categorie'],
      values: [
        ['primary', /^[12]$|autorout|2_chaussees|primary|trunk|motorway|nationale/],
        ['secondary', /^3$|bretelle|secondary|departementale/],
        ['tertiary', /^4$|tertiary|rond_point/],
        ['residential', /^5$|1_chaussee|residential|unclassified|living_street|rue|route/],
        ['service', /^6$|service/],
        ['track', /chemin|sentier|empierre|track|path|piste|escalier/],
      ],
      fallback: () => ({ value: 'residential', source: 'classe non renseignée\u00a0: desserte' }),
    },
    {
      key: 'speedKmh',
      kind: 'number',
      synonyms: ['vitesse', 'vitesse_moyenne_vl', 'vitesse_max', 'vmax', 'maxspeed', 'speed', 'speedkmh'],
      min: 1,
      max: 150,
      fallback: (feature) => ({ value: ({ primary: 80, secondary: 70, tertiary: 50, residential: 30, service: 20, track: 15 } as Record<string, number>)[String(feature.roadClass)] ?? 30, source: 'vitesse selon la classe de voie (NON VÉRIFIÉ)' }),
    },
    {
      key: 'oneway',
      kind: 'boolean',
      synonyms: ['sens_de_circulation', 'sens', 'sens_unique', 'oneway', 'circulation'],
      fallback: () => ({ value: false, source: 'double sens par défaut' }),
    },
    COMMUNE,
    WKT,
  ],
};

/** The geometry each layer needs. */
export const LAYER_GEOMETRY: Record<ImportLayer, 'Point' | 'LineString' | 'Polygon'> = {
  streetLights: 'Point',
  cabinets: 'Point',
  collectionPoints: 'Point',
  sensors: 'Point',
  buildings: 'Polygon',
  roads: 'LineString',
};

const WEEKDAYS: Array<[number, RegExp]> = [
  [1, /^(lu|lun|lundi|mon|monday)$/],
  [2, /^(ma|mar|mardi|tue|tuesday)$/],
  [3, /^(me|mer|mercredi|wed|wednesday)$/],
  [4, /^(je|jeu|jeudi|thu|thursday)$/],
  [5, /^(ve|ven|vendredi|fri|friday)$/],
  [6, /^(sa|sam|samedi|sat|saturday)$/],
  [7, /^(di|dim|dimanche|sun|sunday)$/],
];

/** `lundi`, `Lun.`, `1` → ISO weekday; NaN when not a weekday. */
export function parseWeekday(value: string | number): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 7 ? value : Number.NaN;
  const text = normaliseName(value);
  if (/^[1-7]$/.test(text)) return Number(text);
  for (const [day, pattern] of WEEKDAYS) if (pattern.test(text)) return day;
  return Number.NaN;
}

/** `oui`, `sens direct`, `1` → true; `non`, `double sens`, `0` → false; `sens inverse` → 'reverse'. */
export function parseOneway(value: string | number | boolean): boolean | 'reverse' | null {
  if (typeof value === 'boolean') return value;
  const text = normaliseName(String(value));
  if (/inverse|reverse|^-1$/.test(text)) return 'reverse';
  if (/double|deux_sens|both|^(non|no|false|faux|0|n|f)$|sans_objet/.test(text)) return false;
  if (/direct|unique|^(oui|yes|true|vrai|1|o|y|t)$/.test(text)) return true;
  return null;
}
