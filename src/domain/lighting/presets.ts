/**
 * Ready-made scenarios matching what French communes actually do (DOMAIN.md, "Public lighting"),
 * each a function of the territory. They return scenarios that already passed the schema (defaults
 * filled in), so they can be run as they are or saved as JSON and edited.
 */
import type { SourcedValue, StreetLight } from '../territory';
import { resolveLightingParameters } from './parameters';
import {
  AS_TODAY_SCENARIO_ID,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  scenarioSchema,
  type RetrofitPlan,
  type Scenario,
  type ScenarioInput,
  type ScheduleInput,
} from './scenario';

export interface PresetTerritory {
  streetLights: readonly Pick<StreetLight, 'technology' | 'powerWatts'>[];
  parameters: Readonly<Record<string, SourcedValue>>;
}

export interface PresetOptions {
  /** When given, the scenario covers the nights whose evening falls in that calendar year. */
  year?: number;
}

/** Nights lit all night whatever the schedule: national day and New Year's Eve. */
export const FESTIVE_EXCEPTIONS: ScheduleInput['exceptions'] = [
  { date: '07-14', mode: 'lit-all-night', label: '14 juillet' },
  { date: '12-31', mode: 'lit-all-night', label: 'Saint-Sylvestre' },
];

const SUNSET_TO_SUNRISE = {
  switchOn: { rule: 'sunset', minutesAfter: 0 },
  switchOff: { rule: 'sunrise', minutesBefore: 0 },
} as const satisfies Pick<ScheduleInput, 'switchOn' | 'switchOff'>;

function build(input: Omit<ScenarioInput, 'format' | 'version'>, options: PresetOptions): Scenario {
  const period = options.year === undefined ? undefined : { from: `${options.year}-01-01`, to: `${options.year}-12-31` };
  return scenarioSchema.parse({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, ...input, ...(period === undefined ? {} : { period }) });
}

/** The baseline: every lamp lit from sunset to sunrise, every night, as installed. */
export function asTodayScenario(_territory: PresetTerritory, options: PresetOptions = {}): Scenario {
  return build(
    {
      id: AS_TODAY_SCENARIO_ID,
      name: 'Situation actuelle',
      description: 'Allumage au coucher du soleil, extinction au lever, toute la nuit, parc tel qu’installé.',
      schedules: { default: { ...SUNSET_TO_SUNRISE } },
    },
    options,
  );
}

/** "Extinction 23h–5h" (Pasly and many others): off from 23:00 to 05:00, except festive nights. */
export function extinction23h5hScenario(_territory: PresetTerritory, options: PresetOptions = {}): Scenario {
  return build(
    {
      id: 'extinction-23h-5h',
      name: 'Extinction 23h–5h',
      description: 'Allumage au coucher du soleil, coupure de 23h à 5h, extinction au lever\u00a0; nuits du 14 juillet et du 31 décembre éclairées.',
      schedules: {
        default: { ...SUNSET_TO_SUNRISE, cuts: [{ start: '23:00', end: '05:00' }], exceptions: FESTIVE_EXCEPTIONS },
      },
    },
    options,
  );
}

/** "Abaissement 50 % de 22h à 6h" (Lille dims by 50% from 22:00). */
export function abaissement50Scenario(_territory: PresetTerritory, options: PresetOptions = {}): Scenario {
  return build(
    {
      id: 'abaissement-50-22h-6h',
      name: 'Abaissement 50\u00a0% de 22h à 6h',
      description: 'Allumage au coucher du soleil, puissance réduite de moitié de 22h à 6h, extinction au lever.',
      schedules: {
        default: {
          ...SUNSET_TO_SUNRISE,
          dimming: [
            { time: '22:00', levelPercent: 50 },
            { time: '06:00', levelPercent: 100 },
          ],
          exceptions: FESTIVE_EXCEPTIONS,
        },
      },
    },
    options,
  );
}

/** LED retrofit power for a high-pressure sodium lamp (DOMAIN.md: 70/100/150 W → 35/45/55 W). */
export function ledPowerForSodiumWatts(sodiumWatts: number): number {
  if (sodiumWatts <= 70) return 35;
  if (sodiumWatts <= 100) return 45;
  if (sodiumWatts <= 150) return 55;
  // Beyond the usual range: keep the same ratio as 150 → 55 W, rounded to 5 W.
  return Math.max(5, Math.round((sodiumWatts * 55) / 150 / 5) * 5);
}

/** "Passage LED des lampes sodium": every sodium lamp replaced by an LED at 3000 K, schedule unchanged. */
export function passageLedSodiumScenario(territory: PresetTerritory, options: PresetOptions = {}): Scenario {
  const unitCostEuros = resolveLightingParameters(territory.parameters).ledRetrofitCostEurPerLamp.value;
  const sodiumPowers = [...new Set(territory.streetLights.filter((lamp) => lamp.technology === 'sodium').map((lamp) => lamp.powerWatts))].sort(
    (a, b) => a - b,
  );
  const retrofits: RetrofitPlan[] = sodiumPowers.map((powerWatts) => ({
    label: `sodium ${powerWatts} W → LED ${ledPowerForSodiumWatts(powerWatts)} W`,
    from: { technology: 'sodium', minPowerWatts: powerWatts, maxPowerWatts: powerWatts },
    to: { technology: 'led', powerWatts: ledPowerForSodiumWatts(powerWatts), colourTemperatureKelvin: 3000 },
    selection: { kind: 'all' },
    unitCostEuros,
  }));
  return build(
    {
      id: 'passage-led-sodium',
      name: 'Passage LED des lampes sodium',
      description: 'Lampes sodium haute pression remplacées par des LED 3000 K (70→35 W, 100→45 W, 150→55 W), horaires inchangés.',
      schedules: { default: { ...SUNSET_TO_SUNRISE } },
      retrofits,
    },
    options,
  );
}

export const LIGHTING_PRESETS = [
  { id: AS_TODAY_SCENARIO_ID, build: asTodayScenario },
  { id: 'extinction-23h-5h', build: extinction23h5hScenario },
  { id: 'abaissement-50-22h-6h', build: abaissement50Scenario },
  { id: 'passage-led-sodium', build: passageLedSodiumScenario },
] as const;
