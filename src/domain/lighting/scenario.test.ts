import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fourLampTerritory } from '../../../workers/lighting/fixtures';
import { DEFAULT_LIGHTING_PARAMETERS, resolveLightingParameters } from './parameters';
import { LIGHTING_PRESETS, ledPowerForSodiumWatts, passageLedSodiumScenario } from './presets';
import { validateScenario, type ScenarioInput } from './scenario';

const territory = fourLampTerritory();

function base(): ScenarioInput & Record<string, unknown> {
  return {
    format: 'vigie-lighting-scenario',
    version: 1,
    id: 'test',
    name: 'Test',
    schedules: { default: { switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' } } },
  };
}

/** The problem messages of a scenario made from `base()` changed by `edit`. */
function problemsOf(edit: (scenario: ReturnType<typeof base>) => void): string[] {
  const scenario = base();
  edit(scenario);
  const validation = validateScenario(scenario, territory);
  return validation.ok ? [] : validation.problems.map((problem) => problem.message);
}

describe('validateScenario', () => {
  it('accepts a minimal scenario and fills in the defaults', () => {
    const validation = validateScenario(base(), territory);
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    expect(validation.scenario.baseline).toBe('as-today');
    expect(validation.scenario.schedules.default.cuts).toEqual([]);
    expect(validation.scenario.schedules.default.switchOn).toEqual({ rule: 'sunset', minutesAfter: 0 });
    expect(validation.scenario.retrofits).toEqual([]);
  });

  it('does not modify its input', () => {
    const input = base();
    const before = JSON.stringify(input);
    validateScenario(input, territory);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('says where a fixed switch-off comes before the switch-on', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.zones = { Z1: { switchOn: { rule: 'fixed', time: '20:00' }, switchOff: { rule: 'fixed', time: '18:00' } } };
      }),
    ).toEqual(['zone Z1: switch-off 18:00 before switch-on 20:00']);
  });

  it("names only the schema's own bound of a huge offset, not also the safe-integer range", () => {
    for (const [minutes, expected] of [
      [1e300, 'default schedule, switchOn, minutesAfter: expected a number of at most 240'],
      [-1e21, 'default schedule, switchOn, minutesAfter: expected a number of at least -240'],
      [241, 'default schedule, switchOn, minutesAfter: expected a number of at most 240'],
    ] as const) {
      expect(
        problemsOf((scenario) => {
          scenario.schedules.default.switchOn = { rule: 'sunset', minutesAfter: minutes };
        }),
      ).toEqual([expected]);
    }
  });

  it('rejects a switch-off equal to the switch-on', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default = { switchOn: { rule: 'fixed', time: '20:00' }, switchOff: { rule: 'fixed', time: '20:00' } };
      }),
    ).toEqual(['default schedule: switch-off 20:00 equals switch-on 20:00: never lit']);
  });

  it('rejects dimming above 100% and at 0%, and two steps at the same time', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.dimming = [
          { time: '22:00', levelPercent: 120 },
          { time: '23:00', levelPercent: 0 },
          { time: '23:00', levelPercent: 40 },
        ];
      }),
    ).toEqual([
      'default schedule, dimming step 1: dimming 120% above 100%',
      'default schedule, dimming step 2: dimming 0% at 23:00: a level must be above 0% (use a night cut to switch off)',
      'default schedule, dimming step 3: two dimming steps at 23:00',
    ]);
  });

  it('rejects overlapping night cuts that can apply on the same night', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.cuts = [
          { start: '23:00', end: '05:00' },
          { start: '01:00', end: '04:00' },
        ];
      }),
    ).toEqual(['default schedule: night cuts overlap 23:00–05:00 and 01:00–04:00']);
  });

  it('accepts overlapping hours on different weekdays or in different seasons', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.cuts = [
          { start: '23:00', end: '05:00', weekdays: [1, 2, 3, 4, 7] },
          { start: '01:00', end: '05:00', weekdays: [5, 6] },
        ];
      }),
    ).toEqual([]);
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.cuts = [
          { start: '22:00', end: '06:00', season: { from: '06-01', to: '08-31' } },
          { start: '23:00', end: '05:00', season: { from: '09-01', to: '05-31' } },
        ];
      }),
    ).toEqual([]);
  });

  it('sees seasons that overlap across the new year', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.cuts = [
          { start: '22:00', end: '06:00', season: { from: '11-01', to: '02-28' } },
          { start: '23:00', end: '05:00', season: { from: '02-01', to: '03-31' } },
        ];
      }),
    ).toEqual(['default schedule: night cuts overlap 22:00–06:00 and 23:00–05:00']);
  });

  it('rejects a cut that crosses noon and an empty cut', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.cuts = [
          { start: '11:00', end: '13:00' },
          { start: '23:00', end: '23:00' },
        ];
      }),
    ).toEqual([
      'default schedule, night cut 1: night cut 11:00–13:00 crosses noon; a cut lies within one night, noon to noon',
      'default schedule, night cut 2: night cut 23:00–23:00 is empty',
    ]);
  });

  it('names unknown zones, cabinets and communes', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.zones = { ZX: { switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' } } };
        scenario.schedules.cabinets = { CX: { switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' } } };
        scenario.retrofits = [
          {
            label: 'mercure',
            from: { technology: 'mercury' },
            to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 },
            selection: { kind: 'communes', ids: ['MX'] },
            unitCostEuros: 400,
          },
        ];
        scenario.zoneClosingTimes = { ZY: '22:00' };
      }),
    ).toEqual(['zone ZX: unknown zone ZX', 'cabinet CX: unknown cabinet CX', 'retrofit 1 (mercure): unknown commune MX', 'closing time of zone ZY: unknown zone ZY']);
  });

  it('rejects a power filter whose minimum is above its maximum', () => {
    expect(
      problemsOf((scenario) => {
        scenario.retrofits = [
          {
            from: { technology: 'sodium', minPowerWatts: 150, maxPowerWatts: 70 },
            to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 },
            unitCostEuros: 400,
          },
        ];
      }),
    ).toEqual(['retrofit 1: power filter 150 W–70 W has its minimum above its maximum']);
  });

  it('rejects a period that ends before it starts, or is too long', () => {
    expect(problemsOf((scenario) => (scenario.period = { from: '2026-12-31', to: '2026-01-01' }))).toEqual(['period: from 2026-12-31 after to 2026-01-01']);
    expect(problemsOf((scenario) => (scenario.period = { from: '2000-01-01', to: '2026-01-01' }))).toEqual(['period: 9498 nights, more than 3660']);
  });

  it('rejects an exception date given twice', () => {
    expect(
      problemsOf((scenario) => {
        scenario.schedules.default.exceptions = [{ date: '07-14' }, { date: '07-14', mode: 'off' }];
      }),
    ).toEqual(['default schedule, exception 2: date 07-14 listed twice']);
  });

  it('reports malformed fields with their place in words', () => {
    const messages = problemsOf((scenario) => {
      scenario.schedules.zones = { Z1: { switchOn: { rule: 'sunset' }, switchOff: { rule: 'sunrise' }, cuts: [{ start: '25:00', end: '05:00' }] } };
      scenario.schedules.default.exceptions = [{ date: '14/07' }];
      scenario.colour = 'blue';
    });
    expect(messages).toContain('zone Z1, night cut 1, start: expected a local time HH:MM between 00:00 and 23:59');
    expect(messages).toContain('default schedule, exception 1, date: expected MM-DD (every year) or YYYY-MM-DD');
    expect(messages).toContain('scenario: unknown key "colour"');
  });

  it('gives each problem its place as typed parts and its fault as a code with values', () => {
    const scenario = base();
    scenario.schedules.zones = { Z1: { switchOn: { rule: 'fixed', time: '20:00' }, switchOff: { rule: 'fixed', time: '19:00' }, dimming: [{ time: '23:00', levelPercent: 0 }] } };
    scenario.retrofits = [{ label: 'mercure', from: { technology: 'mercury' }, to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 }, selection: { kind: 'zones', ids: ['ZX'] }, unitCostEuros: 400 }];
    const validation = validateScenario(scenario, territory);
    expect(validation.ok ? [] : validation.problems.map(({ where, what }) => ({ where, what }))).toEqual([
      { where: [{ kind: 'zone', id: 'Z1' }], what: { code: 'offBeforeOn', off: '19:00', on: '20:00' } },
      { where: [{ kind: 'zone', id: 'Z1' }, { kind: 'step', index: 0 }], what: { code: 'dimmingNotAbove0', levelPercent: 0, time: '23:00' } },
      { where: [{ kind: 'retrofit', index: 0, label: 'mercure' }], what: { code: 'unknownZone', id: 'ZX' } },
    ]);
  });

  it("gives the schema's errors a code too, with the type found read from the file", () => {
    const scenario = base();
    Object.assign(scenario, { name: 3 });
    scenario.zoneClosingTimes = { Z1: '7h' };
    scenario.schedules.default.cuts = [{ start: '23:00', end: '05:00', weekdays: [0] }];
    const validation = validateScenario(scenario, territory);
    expect(validation.ok ? [] : validation.problems.map(({ where, what }) => ({ where, what }))).toEqual([
      { where: [{ kind: 'field', name: 'name' }], what: { code: 'wrongType', expected: 'text', received: 'number' } },
      { where: [{ kind: 'default' }, { kind: 'cut', index: 0 }, { kind: 'field', name: 'weekdays' }, { kind: 'field', name: '0' }], what: { code: 'numberTooSmall', minimum: 1, inclusive: true } },
      { where: [{ kind: 'closing', zone: 'Z1' }], what: { code: 'clockTime' } },
    ]);
  });

  it('rejects an unknown switch-on rule and a missing switch-off', () => {
    const messages = problemsOf((scenario) => {
      scenario.schedules.default = { switchOn: { rule: 'moonrise' } } as never;
    });
    expect(messages.length).toBe(2);
    expect(messages[0]).toMatch(/^default schedule, switchOn, rule: /);
    expect(messages[1]).toMatch(/^default schedule, switchOff: /);
  });

  it('accepts every preset and every scene file', () => {
    for (const preset of LIGHTING_PRESETS) {
      const validation = validateScenario(preset.build(territory, { year: 2026 }), territory);
      expect(validation.ok, preset.id).toBe(true);
    }
    const directory = fileURLToPath(new URL('../../../scenes/lighting/', import.meta.url));
    const files = readdirSync(directory).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const validation = validateScenario(JSON.parse(readFileSync(directory + file, 'utf8')), territory);
      expect(validation.ok ? [] : validation.problems, file).toEqual([]);
    }
  });
});

describe('presets and parameters', () => {
  it('replaces each sodium power by its LED equivalent at the territory’s unit cost', () => {
    const scenario = passageLedSodiumScenario(territory);
    expect(scenario.retrofits).toHaveLength(1);
    expect(scenario.retrofits[0].from).toEqual({ technology: 'sodium', minPowerWatts: 100, maxPowerWatts: 100 });
    expect(scenario.retrofits[0].to).toEqual({ technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 });
    expect(scenario.retrofits[0].unitCostEuros).toBe(400);
    expect([70, 100, 150, 250].map(ledPowerForSodiumWatts)).toEqual([35, 45, 55, 90]);
  });

  it('takes parameters from the territory, else the defaults with their sources', () => {
    const resolved = resolveLightingParameters({ dischargeBallastLossRatio: { value: 0.15, unit: 'ratio', source: 'manifest', unverified: false } });
    expect(resolved.dischargeBallastLossRatio.value).toBe(0.15);
    expect(resolved.electricityPriceEurPerKwh).toEqual(DEFAULT_LIGHTING_PARAMETERS.electricityPriceEurPerKwh);
    for (const value of Object.values(DEFAULT_LIGHTING_PARAMETERS)) {
      expect(value.source.length).toBeGreaterThan(20);
      expect(value.unverified).toBe(true);
    }
  });
});
