/**
 * Each code of a scenario problem, from a small input to its sentence in French and English: the
 * input is a four-line scenario changed in one place, so that a reader can check the expected text.
 */
import { describe, expect, it } from 'vitest';
import { scenarioProblem, validateScenario, type ScenarioFaultCode, type ScenarioProblem } from '../../domain/lighting/scenario';
import { createTwinStore } from '../../store/store';
import { emptyTerritory } from '../../io/territoryLoader';
import { dictionaries } from '../i18n';
import { createLightingStore, LightingController } from './lightingStore';
import { describeScenarioProblem } from './scenarioProblems';

const territory = { lightingZones: [{ id: 'Z1' }], cabinets: [{ id: 'A1' }], communes: [{ id: 'C1' }] };
const sunsetToSunrise = () => ({ switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' } }) as Record<string, unknown>;
const retrofit = (changes: Record<string, unknown>) => ({ from: { technology: 'sodium' }, to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 }, unitCostEuros: 300, ...changes });

/** The problems of a valid scenario changed by `edit` (default schedule: sunset to sunrise). */
function problemsOf(edit: (scenario: Record<string, unknown>, schedule: Record<string, unknown>) => void): ScenarioProblem[] {
  const schedule = sunsetToSunrise();
  const scenario: Record<string, unknown> = { format: 'vigie-lighting-scenario', version: 1, id: 's', name: 'S', schedules: { default: schedule } };
  edit(scenario, schedule);
  const result = validateScenario(scenario, territory);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

/** French, then English (French numbers group thousands with a narrow no-break space). */
type Case = [code: ScenarioFaultCode, problem: () => ScenarioProblem, french: string, english: string];
const only = (edit: Parameters<typeof problemsOf>[0]) => () => {
  const problems = problemsOf(edit);
  expect(problems).toHaveLength(1);
  return problems[0];
};

const CASES: Case[] = [
  ['offBeforeOn', only((_, d) => Object.assign(d, { switchOn: { rule: 'fixed', time: '20:00' }, switchOff: { rule: 'fixed', time: '19:00' } })), 'horaire commun\u00a0: extinction à 19:00 avant l’allumage à 20:00', 'common schedule: switch-off at 19:00 before switch-on at 20:00'],
  ['offEqualsOn', only((_, d) => Object.assign(d, { switchOn: { rule: 'fixed', time: '20:00' }, switchOff: { rule: 'fixed', time: '20:00' } })), 'horaire commun\u00a0: extinction à 20:00, à l’heure même de l’allumage (20:00)\u00a0: jamais allumé', 'common schedule: switch-off at 20:00, the same time as switch-on (20:00): never lit'],
  ['cutEmpty', only((_, d) => (d.cuts = [{ start: '23:00', end: '23:00' }])), 'horaire commun, coupure 1\u00a0: la coupure 23:00–23:00 est vide', 'common schedule, night cut 1: night cut 23:00–23:00 is empty'],
  ['cutCrossesNoon', only((_, d) => (d.cuts = [{ start: '11:00', end: '13:00' }])), 'horaire commun, coupure 1\u00a0: la coupure 11:00–13:00 passe midi\u00a0; une coupure tient dans une nuit, de midi à midi', 'common schedule, night cut 1: night cut 11:00–13:00 crosses noon; a cut lies within one night, noon to noon'],
  ['cutsOverlap', only((_, d) => (d.cuts = [{ start: '23:00', end: '05:00' }, { start: '01:00', end: '03:00' }])), 'horaire commun\u00a0: les coupures 23:00–05:00 et 01:00–03:00 se chevauchent', 'common schedule: night cuts 23:00–05:00 and 01:00–03:00 overlap'],
  ['datesReversed', only((_, d) => (d.cuts = [{ start: '23:00', end: '05:00', dates: { from: '2026-03-01', to: '2026-02-01' } }])), 'horaire commun, coupure 1, dates\u00a0: du 2026-03-01 au 2026-02-01\u00a0: début après la fin', 'common schedule, night cut 1, dates: from 2026-03-01 to 2026-02-01: starts after it ends'],
  ['datesReversed', only((s) => (s.period = { from: '2026-12-31', to: '2026-01-01' })), 'période\u00a0: du 2026-12-31 au 2026-01-01\u00a0: début après la fin', 'period: from 2026-12-31 to 2026-01-01: starts after it ends'],
  ['dimmingAbove100', only((_, d) => (d.dimming = [{ time: '22:00', levelPercent: 150.5 }])), 'horaire commun, palier 1\u00a0: abaissement à 150,5\u00a0%, au-delà de 100\u00a0%', 'common schedule, dimming step 1: dimming to 150.5%, above 100%'],
  ['dimmingNotAbove0', only((_, d) => (d.dimming = [{ time: '23:00', levelPercent: 0 }])), 'horaire commun, palier 1\u00a0: abaissement à 0\u00a0% à 23:00\u00a0: un niveau doit dépasser 0\u00a0% (pour éteindre, utilisez une coupure)', 'common schedule, dimming step 1: dimming to 0% at 23:00: a level must be above 0% (use a night cut to switch off)'],
  ['twoSteps', only((_, d) => (d.dimming = [{ time: '23:00', levelPercent: 40 }, { time: '23:00', levelPercent: 30 }])), 'horaire commun, palier 2\u00a0: deux paliers à 23:00', 'common schedule, dimming step 2: two dimming steps at 23:00'],
  ['dateTwice', only((_, d) => (d.exceptions = [{ date: '07-14' }, { date: '07-14', mode: 'off' }])), 'horaire commun, exception 2\u00a0: date 07-14 donnée deux fois', 'common schedule, exception 2: date 07-14 listed twice'],
  ['periodTooLong', only((s) => (s.period = { from: '2000-01-01', to: '2026-01-01' })), 'période\u00a0: 9\u202f498 nuits, plus que 3\u202f660', 'period: 9,498 nights, more than 3,660'],
  ['unknownZone', only((s) => ((s.schedules as Record<string, unknown>).zones = { Z9: sunsetToSunrise() })), 'zone Z9\u00a0: zone Z9 inconnue sur ce territoire', 'zone Z9: zone Z9 is not in this territory'],
  ['unknownZone', only((s) => (s.zoneClosingTimes = { Z8: '22:00' })), 'heure de fermeture de la zone Z8\u00a0: zone Z8 inconnue sur ce territoire', 'closing time of zone Z8: zone Z8 is not in this territory'],
  ['unknownCabinet', only((s) => ((s.schedules as Record<string, unknown>).cabinets = { A9: sunsetToSunrise() })), 'armoire A9\u00a0: armoire A9 inconnue sur ce territoire', 'cabinet A9: cabinet A9 is not in this territory'],
  ['unknownCommune', only((s) => (s.retrofits = [retrofit({ label: 'mercure', selection: { kind: 'communes', ids: ['C1', 'C9'] } })])), 'rénovation 1 (mercure)\u00a0: commune C9 inconnue sur ce territoire', 'retrofit 1 (mercure): commune C9 is not in this territory'],
  ['powerFilterReversed', only((s) => (s.retrofits = [retrofit({ from: { technology: 'sodium', minPowerWatts: 150, maxPowerWatts: 70.5 } })])), 'rénovation 1\u00a0: filtre de puissance 150 W–70,5 W\u00a0: minimum au-dessus du maximum', 'retrofit 1: power filter 150 W–70.5 W: minimum above maximum'],
  ['clockTime', only((_, d) => (d.cuts = [{ start: '25:00', end: '05:00' }])), 'horaire commun, coupure 1, start\u00a0: heure attendue au format HH:MM, de 00:00 à 23:59', 'common schedule, night cut 1, start: expected a time HH:MM between 00:00 and 23:59'],
  ['isoDate', only((s) => (s.period = { from: '2026-02-30', to: '2026-12-31' })), 'période, from\u00a0: date attendue au format AAAA-MM-JJ', 'period, from: expected a date YYYY-MM-DD'],
  ['monthDay', only((_, d) => (d.cuts = [{ start: '23:00', end: '05:00', season: { from: '13-01', to: '03-31' } }])), 'horaire commun, coupure 1, season, from\u00a0: jour de l’année attendu au format MM-JJ', 'common schedule, night cut 1, season, from: expected a day of the year MM-DD'],
  ['exceptionDate', only((_, d) => (d.exceptions = [{ date: '14/07' }])), 'horaire commun, exception 1, date\u00a0: jour attendu au format MM-JJ (chaque année) ou AAAA-MM-JJ', 'common schedule, exception 1, date: expected MM-DD (every year) or YYYY-MM-DD'],
  ['missing', only((_, d) => delete d.switchOff), 'horaire commun, switchOff\u00a0: manquant\u00a0: un objet attendu', 'common schedule, switchOff: missing: expected an object'],
  ['wrongType', only((s) => (s.name = 3)), 'name\u00a0: un texte attendu, trouvé un nombre', 'name: expected a text, found a number'],
  ['wrongType', () => (validateScenario([], territory) as { problems: ScenarioProblem[] }).problems[0], 'scénario\u00a0: un objet attendu, trouvé une liste', 'scenario: expected an object, found a list'],
  ['wholeNumber', only((_, d) => (d.switchOn = { rule: 'sunset', minutesAfter: 1.5 })), 'horaire commun, switchOn, minutesAfter\u00a0: nombre entier attendu', 'common schedule, switchOn, minutesAfter: expected a whole number'],
  ['numberTooSmall', only((s) => (s.retrofits = [retrofit({ unitCostEuros: -1 })])), 'rénovation 1, unitCostEuros\u00a0: nombre d’au moins 0 attendu', 'retrofit 1, unitCostEuros: expected a number of at least 0'],
  ['numberTooSmall', only((s) => (s.retrofits = [retrofit({ from: { technology: 'sodium', minPowerWatts: 0 } })])), 'rénovation 1, from, minPowerWatts\u00a0: nombre supérieur à 0 attendu', 'retrofit 1, from, minPowerWatts: expected a number above 0'],
  ['numberTooLarge', only((_, d) => (d.switchOff = { rule: 'sunrise', minutesBefore: 300 })), 'horaire commun, switchOff, minutesBefore\u00a0: nombre d’au plus 240 attendu', 'common schedule, switchOff, minutesBefore: expected a number of at most 240'],
  ['numberTooLarge', () => scenarioProblem([{ kind: 'field', name: 'x' }], { code: 'numberTooLarge', maximum: 1.5, inclusive: false }), 'x\u00a0: nombre inférieur à 1,5 attendu', 'x: expected a number below 1.5'],
  ['emptyText', only((s) => (s.id = '')), 'id\u00a0: texte vide\u00a0; il en faut un', 'id: empty text; one is needed'],
  ['emptyList', only((_, d) => (d.cuts = [{ start: '23:00', end: '05:00', weekdays: [] }])), 'horaire commun, coupure 1, weekdays\u00a0: liste vide\u00a0; il faut au moins un élément', 'common schedule, night cut 1, weekdays: empty list; at least one item is needed'],
  ['wrongValue', only((s) => (s.format = 'vigie-scenario')), 'format\u00a0: "vigie-lighting-scenario" attendu', 'format: expected "vigie-lighting-scenario"'],
  ['notAnOption', only((_, d) => (d.exceptions = [{ date: '07-14', mode: 'dim' }])), 'horaire commun, exception 1, mode\u00a0: une valeur parmi "lit-all-night", "off" attendue', 'common schedule, exception 1, mode: expected one of "lit-all-night", "off"'],
  ['notAnOption', only((_, d) => (d.switchOn = { rule: 'moonrise' })), 'horaire commun, switchOn, rule\u00a0: une valeur parmi "sunset", "civil-dusk", "fixed" attendue', 'common schedule, switchOn, rule: expected one of "sunset", "civil-dusk", "fixed"'],
  ['unknownKey', only((s) => (s.colour = 'blue')), 'scénario\u00a0: clé «\u00a0colour\u00a0» inconnue', 'scenario: unknown key “colour”'],
  ['unknownKey', only((_, d) => (d.cuts = [{ start: '23:00', end: '05:00', days: [1] }])), 'horaire commun, coupure 1\u00a0: clé «\u00a0days\u00a0» inconnue', 'common schedule, night cut 1: unknown key “days”'],
  ['invalid', () => scenarioProblem([{ kind: 'scenario' }], { code: 'invalid', detail: 'Invalid input' }), 'scénario\u00a0: valeur refusée (Invalid input)', 'scenario: value refused (Invalid input)'],
  ['fileTooLarge', () => scenarioProblem([{ kind: 'file', name: 'grand.json' }], { code: 'fileTooLarge', megabytes: 5.2, limitMegabytes: 4 }), 'grand.json\u00a0: fichier trop gros\u00a0: 5,2 Mo pour 4 Mo au plus', 'grand.json: file too large: 5.2 MB, at most 4 MB'],
  ['json', () => scenarioProblem([{ kind: 'file', name: 'a.json' }], { code: 'json', detail: 'Unexpected end of JSON input' }), 'a.json\u00a0: JSON illisible (Unexpected end of JSON input)', 'a.json: unreadable JSON (Unexpected end of JSON input)'],
];

describe('scenario problems in the page language, one case per code', () => {
  it.each(CASES)('%s', (code, make, french, english) => {
    const problem = make();
    expect(problem.what.code).toBe(code);
    expect(describeScenarioProblem('fr', problem)).toBe(french);
    expect(describeScenarioProblem('en', problem)).toBe(english);
  });

  it('every code of the validator has a case above, and a sentence in both dictionaries', () => {
    const codes = new Set(CASES.map(([code]) => code));
    const keys = Object.keys(dictionaries.fr).filter((key) => /^scenarioProblem\.[a-zA-Z0-9]+$/.test(key));
    // A dictionary sentence per code (numberNotAbove and numberNotBelow are the strict bounds of numberTooSmall and numberTooLarge).
    expect(keys.map((key) => key.slice('scenarioProblem.'.length)).filter((code) => code !== 'numberNotAbove' && code !== 'numberNotBelow').sort()).toEqual([...codes].sort());
  });

  it('keeps an English message for the command line', () => {
    const [problem] = problemsOf((_, d) => (d.cuts = [{ start: '23:00', end: '05:00', dates: { from: '2026-03-01', to: '2026-02-01' } }]));
    expect(problem.message).toBe('default schedule, night cut 1, dates: from 2026-03-01 after to 2026-02-01');
    expect(problem.where).toEqual([{ kind: 'default' }, { kind: 'cut', index: 0 }, { kind: 'field', name: 'dates' }]);
  });
});

describe('scenario files the lighting panel refuses', () => {
  const controller = () => {
    const twin = createTwinStore({ territory: { ...emptyTerritory('Test'), lightingZones: [] }, status: 'ready', time: Date.UTC(2026, 11, 3, 18), fictitious: false });
    return new LightingController(createLightingStore(), twin);
  };

  it('names a file over the size limit with its size, unread', async () => {
    const lighting = controller();
    const accepted = await lighting.importFile({ name: 'grand.json', size: 5.2 * 1048576, text: () => Promise.reject(new Error('read')) });
    expect(accepted).toBe(false);
    const refused = lighting.store.getState().refused!;
    expect(refused.source).toBe('grand.json');
    expect(refused.problems.map((problem) => describeScenarioProblem('fr', problem))).toEqual([expect.stringMatching(/^grand\.json\u00a0: fichier trop gros\u00a0: 5,2 Mo pour \d+(,\d)? Mo au plus$/)]);
  });

  it('names a file that is not JSON with the parser message, and one that is with its problems', () => {
    const lighting = controller();
    expect(lighting.importText('{"format":', 'a.json')).toBe(false);
    const [unreadable] = lighting.store.getState().refused!.problems;
    expect(unreadable.what.code).toBe('json');
    expect(describeScenarioProblem('en', unreadable)).toMatch(/^a\.json: unreadable JSON \(.+\)$/);
    expect(lighting.importText('[]', 'b.json')).toBe(false);
    expect(lighting.store.getState().refused!.problems.map((problem) => describeScenarioProblem('fr', problem))).toEqual(['scénario\u00a0: un objet attendu, trouvé une liste']);
  });
});
