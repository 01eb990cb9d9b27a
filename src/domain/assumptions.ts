/**
 * The cost and emission defaults, defined ONCE with their sources in French and English (see
 * shared/DOMAIN.md). The demo generator writes them into the demo manifest, the lighting and waste
 * engines fall back on them when a territory's manifest does not set a value, and the panels and
 * the council report show the source text in the page's language.
 */
import type { Language } from './language';
import type { SourcedValue } from './territory';

export interface Assumption {
  value: number;
  unit: string;
  source: { fr: string; en: string };
  /** True where DOMAIN.md has no primary source for the default. */
  unverified: boolean;
}

export const ASSUMPTIONS = {
  electricityPriceEurPerKwh: {
    value: 0.11,
    unit: '€/kWh',
    source: {
      fr: "Part énergie seule, 2022, pour un syndicat d’énergie (DOMAIN.md)\u00a0; abonnement et taxes en sus, le prix tout compris est plus élevé (non vérifié).",
      en: 'Energy part alone, 2022, for one energy syndicate (DOMAIN.md); subscription and taxes come on top, so the all-in price is higher (unverified).',
    },
    unverified: true,
  },
  electricityEmissionKgPerKwh: {
    value: 0.06,
    unit: 'kg CO2e/kWh',
    source: {
      fr: "Mix moyen de consommation demandé par l’ADEME pour les inventaires\u00a0; valeurs citées 0,052 à 0,073 kg CO2e/kWh (DOMAIN.md, non vérifié à la source).",
      en: 'Average consumption mix that ADEME asks inventories to use; quoted values 0.052 to 0.073 kg CO2e/kWh (DOMAIN.md, unverified at the source).',
    },
    unverified: true,
  },
  dischargeBallastLossRatio: {
    value: 0.12,
    unit: 'ratio',
    source: {
      fr: 'Pertes des ballasts des lampes à décharge (sodium, mercure), environ 10 à 15\u00a0% (DOMAIN.md, non vérifié)\u00a0; sans objet pour les LED.',
      en: 'Ballast losses of discharge lamps (sodium, mercury), about 10 to 15 % (DOMAIN.md, unverified); not applied to LED.',
    },
    unverified: true,
  },
  ledRetrofitCostEurPerLamp: {
    value: 500,
    unit: '€/lamp',
    source: {
      fr: "Aucune source dans DOMAIN.md\u00a0: ordre de grandeur du remplacement d’un luminaire par un luminaire LED, à fixer d’après un devis.",
      en: 'No source in DOMAIN.md: order of magnitude for replacing one luminaire by an LED one, to be set from a quote.',
    },
    unverified: true,
  },
  wasteWeeksPerYear: {
    value: 52,
    unit: '×',
    source: {
      fr: 'Chiffres annuels de la collecte\u00a0: les semaines simulées (mi-décembre) ramenées à l’année, total × 52 ÷ nombre de semaines simulées\u00a0; la saison (été, fêtes) n’est pas modélisée (hypothèse, non vérifié).',
      en: 'Annual collection figures: the weeks simulated (mid-December) scaled to the year, total × 52 ÷ number of weeks simulated; the season (summer, holidays) is not modelled (assumption, unverified).',
    },
    unverified: true,
  },
  truckFuelLitresPer100Km: {
    value: 80,
    unit: 'L/100 km',
    source: {
      fr: 'Benne à ordures ménagères diesel, 300 à 800 arrêts par tournée (chiffre de constructeur, DOMAIN.md).',
      en: 'Diesel refuse collection truck, 300 to 800 stops a round (manufacturer figure, DOMAIN.md).',
    },
    unverified: false,
  },
  dieselEmissionKgPerLitre: {
    value: 3.16,
    unit: 'kg CO2e/L',
    source: {
      fr: 'Gazole, amont compris (Base Carbone via un tiers\u00a0; 2,5 kg en combustion seule, DOMAIN.md) — à confirmer.',
      en: 'Diesel, upstream included (Base Carbone through a third party; 2.5 kg for combustion alone, DOMAIN.md) — to be confirmed.',
    },
    unverified: true,
  },
  dieselPriceEurPerLitre: {
    value: 1.75,
    unit: '€/L',
    source: {
      fr: 'Hypothèse\u00a0: prix du gazole professionnel, à remplacer par celui du marché de la collectivité.',
      en: "Assumption: professional diesel price, to be replaced by the authority's contract price.",
    },
    unverified: true,
  },
  truckCapacityKg: {
    value: 7000,
    unit: 'kg',
    source: {
      fr: "Jusqu’à environ 7 t par vidage en service rural (syndicat rural de 121 communes, DOMAIN.md).",
      en: 'Up to about 7 t per unloading in rural service (rural syndicate of 121 communes, DOMAIN.md).',
    },
    unverified: false,
  },
  crewCostEurPerHour: {
    value: 95,
    unit: '€/h',
    source: {
      fr: 'Hypothèse\u00a0: équipage (chauffeur et deux ripeurs) et amortissement du véhicule.',
      en: 'Assumption: crew (driver and two loaders) and depreciation of the truck.',
    },
    unverified: true,
  },
  shiftHours: {
    value: 8.75,
    unit: 'h',
    source: {
      fr: 'Journée de travail de 8 h 45 (syndicat rural de 121 communes, DOMAIN.md).',
      en: 'Working day of 8 h 45 (rural syndicate of 121 communes, DOMAIN.md).',
    },
    unverified: false,
  },
  binServiceSeconds: {
    value: 30,
    unit: 's',
    source: { fr: "Hypothèse\u00a0: levée et vidage d’un bac roulant.", en: 'Assumption: lifting and emptying one wheeled bin.' },
    unverified: true,
  },
  columnServiceSeconds: {
    value: 240,
    unit: 's',
    source: { fr: 'Hypothèse\u00a0: vidage d’une colonne d’apport volontaire à la grue.', en: 'Assumption: emptying one drop-off column with the crane.' },
    unverified: true,
  },
  tipSeconds: {
    value: 1200,
    unit: 's',
    source: { fr: 'Hypothèse\u00a0: pesée et vidage au quai de transfert.', en: 'Assumption: weighing and unloading at the transfer station.' },
    unverified: true,
  },
  'densityKgPerLitre.residual': {
    value: 0.12,
    unit: 'kg/L',
    source: { fr: 'Hypothèse\u00a0: ordures ménagères non compactées dans un bac plein.', en: 'Assumption: uncompacted residual waste in a full bin.' },
    unverified: true,
  },
  'densityKgPerLitre.recyclables': {
    value: 0.04,
    unit: 'kg/L',
    source: { fr: 'Hypothèse\u00a0: emballages et papiers non compactés.', en: 'Assumption: uncompacted packaging and paper.' },
    unverified: true,
  },
  'densityKgPerLitre.glass': {
    value: 0.3,
    unit: 'kg/L',
    source: { fr: 'Hypothèse\u00a0: bouteilles en verre dans une colonne.', en: 'Assumption: glass bottles in a column.' },
    unverified: true,
  },
} as const satisfies Record<string, Assumption>;

export type AssumptionKey = keyof typeof ASSUMPTIONS;

/** A default as the manifest and the engines carry it, with its source in one language (French by default). */
export function sourcedDefault(key: AssumptionKey, language: Language = 'fr'): SourcedValue {
  const assumption: Assumption = ASSUMPTIONS[key];
  return { value: assumption.value, unit: assumption.unit, source: assumption.source[language], unverified: assumption.unverified };
}

/** Several defaults at once, keyed as in the manifest's `parameters`. */
export function sourcedDefaults<K extends AssumptionKey>(keys: readonly K[], language: Language = 'fr'): Record<K, SourcedValue> {
  const out = {} as Record<K, SourcedValue>;
  for (const key of keys) out[key] = sourcedDefault(key, language);
  return out;
}

/**
 * The source of a parameter in the page's language: the English text when the value is the
 * shared default with its French text (what the demo manifest writes), else the text as found.
 */
export function sourceIn(key: string, value: SourcedValue, language: Language): string {
  const assumption = (ASSUMPTIONS as Record<string, Assumption>)[key];
  if (assumption && assumption.value === value.value && (value.source === assumption.source.fr || value.source === assumption.source.en)) return assumption.source[language];
  return value.source;
}
