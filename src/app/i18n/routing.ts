/** Strings of the collection rounds' rules: mixed fleet, windows, tip hours, reasons. */
export const fr = {
  'waste.reason.time-window': 'hors de ses créneaux de collecte',
  'waste.reason.tip-closed': 'quai de transfert fermé à l’heure du vidage',
  'waste.reason.no-vehicle-type': 'aucun type de camion ne collecte ce flux',
  'rounds.fleet': 'Flotte',
  'rounds.typeCount': '{name} ({capacity} kg)',
  'rounds.streams': 'collecte : {streams}',
  'rounds.rules': 'Règles des tournées',
  'rounds.rule.shift': 'Départ du dépôt à {start}, service de {hours} h',
  'rounds.rule.tip': 'Quai de transfert ouvert de {open} à {close}',
  'rounds.rule.break': 'Pause de {minutes} min après {hours} h',
  'rounds.rule.windows': '{count} point(s) avec des créneaux (place du marché, rue d’école, riverains…)',
  'rounds.rule.limited': '{count} tronçon(s) limité(s) en poids ou en largeur',
  'rounds.wait': 'attente {minutes} min',
  'rounds.seed': 'Mêmes entrées, mêmes chiffres : {iterations} itérations par tournée, graine {seed}.',
} as const;

export const en: Record<keyof typeof fr, string> = {
  'waste.reason.time-window': 'outside its collection windows',
  'waste.reason.tip-closed': 'transfer station closed when the truck would unload',
  'waste.reason.no-vehicle-type': 'no truck type collects this stream',
  'rounds.fleet': 'Fleet',
  'rounds.typeCount': '{name} ({capacity} kg)',
  'rounds.streams': 'collects: {streams}',
  'rounds.rules': 'Round rules',
  'rounds.rule.shift': 'Leave the depot at {start}, {hours} h shift',
  'rounds.rule.tip': 'Transfer station open {open} to {close}',
  'rounds.rule.break': '{minutes} min break after {hours} h',
  'rounds.rule.windows': '{count} point(s) with time windows (market square, school street, residents…)',
  'rounds.rule.limited': '{count} road section(s) with a weight or width limit',
  'rounds.wait': 'waits {minutes} min',
  'rounds.seed': 'Same inputs, same figures: {iterations} iterations a round, seed {seed}.',
};
