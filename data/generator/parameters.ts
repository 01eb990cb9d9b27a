/** The demo's cost and emission parameters, with their sources. */

/** Cost and emission parameters, with their sources (../shared/DOMAIN.md). */
export const DEFAULT_PARAMETERS = {
  electricityPriceEurPerKwh: {
    value: 0.11,
    unit: '€/kWh',
    source: "Part énergie seule, 2022, pour un syndicat d'énergie ; hors abonnement et taxes (prix tout compris non vérifié).",
    unverified: true,
  },
  electricityEmissionKgPerKwh: {
    value: 0.06,
    unit: 'kg CO2e/kWh',
    source: "Mix moyen de consommation demandé par l'ADEME ; valeurs citées 0,052–0,073 kg CO2e/kWh (non vérifié à la source).",
    unverified: true,
  },
  dischargeBallastLossRatio: {
    value: 0.12,
    unit: 'ratio',
    source: 'Pertes des ballasts des lampes à décharge (sodium, mercure), environ 10–15 % (non vérifié).',
    unverified: true,
  },
  truckFuelLitresPer100Km: {
    value: 80,
    unit: 'L/100 km',
    source: 'Benne à ordures ménagères diesel, 300 à 800 arrêts par tournée (chiffre de constructeur).',
    unverified: false,
  },
  dieselEmissionKgPerLitre: {
    value: 3.16,
    unit: 'kg CO2e/L',
    source: 'Gazole, amont compris (Base Carbone, via un tiers ; 2,5 kg en combustion seule) — à confirmer.',
    unverified: true,
  },
  dieselPriceEurPerLitre: {
    value: 1.75,
    unit: '€/L',
    source: 'Prix du gazole professionnel, hypothèse à remplacer par le prix du marché de la collectivité.',
    unverified: true,
  },
  truckCapacityKg: {
    value: 7000,
    unit: 'kg',
    source: "Jusqu'à environ 7 t par vidage en service rural (syndicat rural de 121 communes).",
    unverified: false,
  },
  crewCostEurPerHour: {
    value: 95,
    unit: '€/h',
    source: 'Équipage (chauffeur et deux ripeurs) et amortissement du véhicule, hypothèse à remplacer.',
    unverified: true,
  },
  shiftHours: {
    value: 8.75,
    unit: 'h',
    source: 'Journée de travail de 8 h 45 (syndicat rural de 121 communes).',
    unverified: false,
  },
} as const;

