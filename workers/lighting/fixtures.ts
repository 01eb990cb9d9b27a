/**
 * Territories for the lighting engine's tests and benchmark.
 *
 * `fourLampTerritory`: one commune, two zones, two cabinets, four lamps, round parameters, so that
 * every figure can be checked by hand:
 *
 * | lamp | zone        | cabinet | technology | power | colour | usage       |
 * | L1   | Z1 (road)   | C1      | LED        | 100 W | 3000 K | road        |
 * | L2   | Z1 (road)   | C1      | LED        |  50 W | 4000 K | residential |
 * | L3   | Z2 (park)   | C2      | sodium     | 100 W | 2000 K | park        |
 * | L4   | Z2 (park)   | C2      | mercury    | 125 W | 4200 K | parking     |
 *
 * Price 0.20 €/kWh, 0.05 kg CO2e/kWh, ballast losses 10% (sodium and mercury), retrofit 400 €/lamp.
 * The commune sits at 48.3° N, 2.5° E (mainland France).
 */
import { seededRandom } from '../../src/domain/random';
import type { LampTechnology, LightingUsage, SourcedValue, StreetLight } from '../../src/domain/territory';
import type { LightingTerritory } from './api';
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioSchema, type Scenario, type ScenarioInput, type ScheduleInput } from '../../src/domain/lighting/scenario';

const CENTRE: [number, number] = [2.5, 48.3];

function parameter(value: number, unit: string): SourcedValue {
  return { value, unit, source: 'test fixture: round value to check by hand', unverified: true };
}

/** Only the layers the lighting engine reads, so that new layers of `Territory` leave these alone. */
function emptyTerritory(): LightingTerritory {
  return {
    bounds: { west: CENTRE[0] - 0.05, south: CENTRE[1] - 0.05, east: CENTRE[0] + 0.05, north: CENTRE[1] + 0.05 },
    communes: [
      {
        id: 'M1',
        name: 'Exempleville',
        population: 1000,
        centre: CENTRE,
        boundary: [
          [CENTRE[0] - 0.05, CENTRE[1] - 0.05],
          [CENTRE[0] + 0.05, CENTRE[1] - 0.05],
          [CENTRE[0] + 0.05, CENTRE[1] + 0.05],
          [CENTRE[0] - 0.05, CENTRE[1] + 0.05],
        ],
      },
    ],
    streetLights: [],
    cabinets: [],
    lightingZones: [],
    parameters: {
      electricityPriceEurPerKwh: parameter(0.2, '€/kWh'),
      electricityEmissionKgPerKwh: parameter(0.05, 'kg CO2e/kWh'),
      dischargeBallastLossRatio: parameter(0.1, 'ratio'),
      ledRetrofitCostEurPerLamp: parameter(400, '€/lamp'),
    },
  };
}

function lamp(
  id: string,
  technology: LampTechnology,
  powerWatts: number,
  colourTemperatureKelvin: number,
  zoneId: string,
  cabinetId: string,
  usage: LightingUsage,
  offset: number,
): StreetLight {
  return {
    id,
    position: [CENTRE[0] + offset * 0.001, CENTRE[1]],
    technology,
    powerWatts,
    colourTemperatureKelvin,
    mountingHeightMetres: 8,
    cabinetId,
    zoneId,
    communeId: 'M1',
    usage,
  };
}

export function fourLampTerritory(): LightingTerritory {
  const territory = emptyTerritory();
  territory.lightingZones = [
    { id: 'Z1', name: 'Grande rue', communeId: 'M1', usage: 'road' },
    { id: 'Z2', name: 'Parc et parking', communeId: 'M1', usage: 'park' },
  ];
  territory.cabinets = [
    { id: 'C1', name: 'Armoire mairie', position: CENTRE, zoneId: 'Z1', communeId: 'M1' },
    { id: 'C2', name: 'Armoire parc', position: CENTRE, zoneId: 'Z2', communeId: 'M1' },
  ];
  territory.streetLights = [
    lamp('L1', 'led', 100, 3000, 'Z1', 'C1', 'road', 1),
    lamp('L2', 'led', 50, 4000, 'Z1', 'C1', 'residential', 2),
    lamp('L3', 'sodium', 100, 2000, 'Z2', 'C2', 'park', 3),
    lamp('L4', 'mercury', 125, 4200, 'Z2', 'C2', 'parking', 4),
  ];
  return territory;
}

/** A full scenario from its distinctive parts (format, version, names filled in). */
export function scenarioOf(parts: Partial<Omit<ScenarioInput, 'schedules'>> & { schedules: ScenarioInput['schedules'] }): Scenario {
  return scenarioSchema.parse({ format: SCENARIO_FORMAT, version: SCENARIO_VERSION, id: 'test', name: 'Test', ...parts });
}

/** 18:00 to 06:00, fixed. */
export const EIGHTEEN_TO_SIX: Pick<ScheduleInput, 'switchOn' | 'switchOff'> = {
  switchOn: { rule: 'fixed', time: '18:00' },
  switchOff: { rule: 'fixed', time: '06:00' },
};


const SYNTHETIC_USAGES: LightingUsage[] = ['road', 'residential', 'residential', 'road', 'park', 'parking'];

/**
 * A seeded synthetic territory: `lampCount` lamps over communes of about 2,000 lamps, zones of
 * about 200 and cabinets of about 40, with a mix of sodium, mercury and LED.
 */
export function syntheticTerritory(lampCount: number, seed: number): LightingTerritory {
  const random = seededRandom(seed);
  const territory = emptyTerritory();
  const communeCount = Math.max(1, Math.round(lampCount / 2000));
  const zoneCount = Math.max(2, Math.round(lampCount / 200));
  const cabinetCount = Math.max(2, Math.round(lampCount / 40));
  territory.communes = Array.from({ length: communeCount }, (_, index) => ({ ...territory.communes[0], id: `M${index + 1}`, name: `Commune ${index + 1}` }));
  territory.lightingZones = Array.from({ length: zoneCount }, (_, index) => ({
    id: `Z${index + 1}`,
    name: `Zone ${index + 1}`,
    communeId: `M${(index % communeCount) + 1}`,
    usage: SYNTHETIC_USAGES[index % SYNTHETIC_USAGES.length],
  }));
  territory.cabinets = Array.from({ length: cabinetCount }, (_, index) => {
    const zone = territory.lightingZones[index % zoneCount];
    return { id: `C${index + 1}`, name: `Armoire ${index + 1}`, position: CENTRE, zoneId: zone.id, communeId: zone.communeId };
  });
  const technologies: LampTechnology[] = ['sodium', 'sodium', 'sodium', 'led', 'led', 'mercury'];
  const sodiumPowers = [70, 100, 150];
  const ledPowers = [35, 45, 55];
  const zoneById = new Map(territory.lightingZones.map((zone) => [zone.id, zone]));
  territory.streetLights = Array.from({ length: lampCount }, (_, index) => {
    const cabinet = territory.cabinets[Math.floor(random() * cabinetCount)];
    const zone = zoneById.get(cabinet.zoneId)!;
    const technology = technologies[Math.floor(random() * technologies.length)];
    const powerWatts =
      technology === 'sodium' ? sodiumPowers[Math.floor(random() * 3)] : technology === 'led' ? ledPowers[Math.floor(random() * 3)] : 125;
    const colour = technology === 'sodium' ? 2000 : technology === 'mercury' ? 4200 : random() < 0.5 ? 3000 : 4000;
    return lamp(`L${index + 1}`, technology, powerWatts, colour, zone.id, cabinet.id, zone.usage, index % 100);
  });
  return territory;
}

/**
 * A scenario for the synthetic territory with several distinct schedules: a default cut 23:00–05:00,
 * dimming in one zone out of three, civil twilight in one out of five, and a few cabinet overrides.
 */
export function syntheticScenario(territory: LightingTerritory): Scenario {
  const zones: Record<string, ScheduleInput> = {};
  territory.lightingZones.forEach((zone, index) => {
    if (index % 3 === 0) {
      zones[zone.id] = {
        switchOn: { rule: 'sunset', minutesAfter: 10 },
        switchOff: { rule: 'sunrise', minutesBefore: 10 },
        dimming: [
          { time: '22:00', levelPercent: 50 },
          { time: '06:00', levelPercent: 100 },
        ],
      };
    } else if (index % 5 === 0) {
      zones[zone.id] = { switchOn: { rule: 'civil-dusk' }, switchOff: { rule: 'civil-dawn' }, cuts: [{ start: '00:00', end: '05:00' }] };
    }
  });
  const cabinets: Record<string, ScheduleInput> = {};
  territory.cabinets.forEach((cabinet, index) => {
    if (index % 50 === 7) {
      cabinets[cabinet.id] = { switchOn: { rule: 'sunset' }, switchOff: { rule: 'fixed', time: '00:30' } };
    }
  });
  return scenarioOf({
    id: 'synthetic',
    name: 'Synthetic',
    schedules: {
      default: {
        switchOn: { rule: 'sunset' },
        switchOff: { rule: 'sunrise' },
        cuts: [{ start: '23:00', end: '05:00' }],
        exceptions: [
          { date: '07-14', mode: 'lit-all-night' },
          { date: '12-31', mode: 'lit-all-night' },
        ],
      },
      zones,
      cabinets,
    },
    retrofits: [
      {
        from: { technology: 'sodium', maxPowerWatts: 100 },
        to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 },
        unitCostEuros: 450,
      },
    ],
  });
}
