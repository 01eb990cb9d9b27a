/**
 * Strings of the public kiosk (`?mode=kiosk`): plain words, French first. A no-break space before
 * French "?" and ":" keeps them on their word's line in the big titles.
 */
export const fr = {
  'kiosk.touchToStart': 'Touchez l’écran pour explorer votre territoire',
  'kiosk.choose': 'Que voulez-vous voir\u00a0?',
  'kiosk.choice.night': 'La nuit, l’éclairage',
  'kiosk.choice.night.hint': 'Quelles rues restent éclairées la nuit',
  'kiosk.choice.glass': 'Où trier le verre\u00a0?',
  'kiosk.choice.glass.hint': 'Les colonnes à verre près de chez vous',
  'kiosk.choice.sensors': 'Les capteurs en direct',
  'kiosk.choice.sensors.hint': 'Ce que mesurent les capteurs de la commune',
  'kiosk.choices': 'Choisir',
  'kiosk.backToStart': 'Retour au départ',
  'kiosk.language': 'English',
  'kiosk.close': 'Fermer',
  'kiosk.live.on': 'Données en direct',
  'kiosk.live.off': 'Les données ne sont pas en direct pour le moment. Elles reviendront d’elles-mêmes.',
  'kiosk.live.since': 'Dernière mesure reçue à {time}.',
  'kiosk.recovered': 'L’écran a redémarré. Tout fonctionne de nouveau.',
  'kiosk.offline': 'Hors ligne\u00a0: le territoire est affiché depuis la mémoire de cette borne.',
  'kiosk.gesturesHint': 'Un doigt pour déplacer, deux doigts pour zoomer et tourner',
  'kiosk.step': 'Visite {index} sur {count}',
} as const;

export const en: Record<keyof typeof fr, string> = {
  'kiosk.touchToStart': 'Touch the screen to explore your territory',
  'kiosk.choose': 'What would you like to see?',
  'kiosk.choice.night': 'Night and street lighting',
  'kiosk.choice.night.hint': 'Which streets stay lit at night',
  'kiosk.choice.glass': 'Where can I recycle glass?',
  'kiosk.choice.glass.hint': 'The glass bottle banks near you',
  'kiosk.choice.sensors': 'Live sensors',
  'kiosk.choice.sensors.hint': 'What the commune’s sensors measure',
  'kiosk.choices': 'Choose',
  'kiosk.backToStart': 'Back to start',
  'kiosk.language': 'Français',
  'kiosk.close': 'Close',
  'kiosk.live.on': 'Live data',
  'kiosk.live.off': 'The data is not live at the moment. It will come back by itself.',
  'kiosk.live.since': 'Last reading received at {time}.',
  'kiosk.recovered': 'The screen restarted. Everything works again.',
  'kiosk.offline': 'Offline: the territory is shown from this kiosk’s memory.',
  'kiosk.gesturesHint': 'One finger to move, two fingers to zoom and turn',
  'kiosk.step': 'Tour {index} of {count}',
};
