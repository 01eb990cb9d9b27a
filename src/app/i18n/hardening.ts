/** Strings of the hardening work: inputs too large, accessible date and time fields. */
export const fr = {
  'problem.too-large': 'Fichier «\u00a0{file}\u00a0» trop volumineux ({detail}, limite {expected})\u00a0: il n’est pas chargé, le reste du territoire l’est.',
  'hardening.date': 'Date',
  'hardening.time': 'Heure',
  'hardening.day': 'Jour',
  'hardening.month': 'Mois',
  'hardening.year': 'Année',
  'hardening.hour': 'Heure',
  'hardening.minute': 'Minute',
  'hardening.scenarioTooLarge': 'Fichier «\u00a0{file}\u00a0» trop volumineux ({size}, limite {limit}).',
} as const;

export const en: Record<keyof typeof fr, string> = {
  'problem.too-large': 'File “{file}” is too large ({detail}, limit {expected}): it is not loaded; the rest of the territory is.',
  'hardening.date': 'Date',
  'hardening.time': 'Time',
  'hardening.day': 'Day',
  'hardening.month': 'Month',
  'hardening.year': 'Year',
  'hardening.hour': 'Hour',
  'hardening.minute': 'Minute',
  'hardening.scenarioTooLarge': 'File “{file}” is too large ({size}, limit {limit}).',
};
