/**
 * Labelled defaults for what public data does not say (OpenStreetMap rarely gives a lamp's power;
 * nobody publishes collection days). Each default names its source in shared/DOMAIN.md; the
 * manifest lists, per layer, which fields were filled with them, and the panels say so.
 */
export interface DefaultValue {
  value: number | string;
  /** French text shown in the panel: where the figure comes from. */
  source: string;
  unverified: boolean;
}

export const LAMP_DEFAULTS = {
  technology: { value: 'sodium', source: 'Hypothèse\u00a0: sodium haute pression, le parc le plus courant (DOMAIN.md, «\u00a0Public lighting\u00a0»)', unverified: true },
  powerWatts: { value: 100, source: 'Sodium haute pression 70/100/150 W\u00a0: valeur médiane (DOMAIN.md, «\u00a0Public lighting\u00a0»)', unverified: false },
  colourTemperatureKelvin: { value: 2000, source: 'Teinte usuelle du sodium haute pression (non vérifiée)', unverified: true },
  mountingHeightMetres: { value: 8, source: 'Hauteur de feu usuelle en voirie (non vérifiée)', unverified: true },
  cabinetId: { value: 'ARMOIRE-INCONNUE', source: 'Armoire inconnue\u00a0: aucun inventaire public', unverified: true },
  zoneId: { value: 'ZONE-COMMUNE', source: 'Une seule zone pour toute la commune', unverified: true },
} satisfies Record<string, DefaultValue>;

export const WASTE_DEFAULTS = {
  columnVolumeLitres: { value: 3000, source: "Colonne d’apport volontaire de 2 à 5 m³\u00a0: 3 m³ (DOMAIN.md, «\u00a0Waste collection\u00a0»)", unverified: false },
  binVolumeLitres: { value: 240, source: 'Bac de 240 L pour 4 à 6 personnes (DOMAIN.md, «\u00a0Waste collection\u00a0»)', unverified: false },
  basketVolumeLitres: { value: 50, source: 'Corbeille de rue de 50 L (non vérifiée)', unverified: true },
  collectionWeekday: { value: 1, source: 'Jour de collecte inconnu\u00a0: lundi par défaut', unverified: true },
  collectionPeriodWeeks: { value: 2, source: 'Collecte tous les quinze jours en milieu rural (DOMAIN.md, «\u00a0Waste collection\u00a0»)', unverified: false },
} satisfies Record<string, DefaultValue>;
