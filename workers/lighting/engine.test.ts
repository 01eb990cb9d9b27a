import { describe, expect, it } from 'vitest';
import { abaissement50Scenario, asTodayScenario, extinction23h5hScenario } from '../../src/domain/lighting/presets';
import type { ScheduleInput } from '../../src/domain/lighting/scenario';
import { compareResults, lampStateAt, powerProfile, resultTransferables, runComparison, runScenario, type LightingResult } from './engine';
import { EIGHTEEN_TO_SIX, fourLampTerritory, scenarioOf, syntheticScenario, syntheticTerritory } from './fixtures';

const territory = fourLampTerritory();
const CUT_23_05 = [{ start: '23:00', end: '05:00' }];

/** One schedule for every lamp over the given evenings. */
function run(schedule: ScheduleInput, from: string, to = from, extra: Parameters<typeof scenarioOf>[0] | object = {}): LightingResult {
  const result = runScenario(scenarioOf({ schedules: { default: schedule }, period: { from, to }, ...extra }), territory, { year: 2026 });
  if (result === null) throw new Error('stopped');
  return result;
}

const round = (values: ArrayLike<number>, digits = 6): number[] => Array.from(values, (value) => Number(value.toFixed(digits)));

describe('four lamps, checked by hand', () => {
  // 18:00–06:00 with a cut 23:00–05:00: lit 18:00–23:00 and 05:00–06:00, 6 h.
  const result = run({ ...EIGHTEEN_TO_SIX, cuts: CUT_23_05 }, '2026-01-15');

  it('burns 6 h a night', () => {
    expect(round(result.lamps.burningHours)).toEqual([6, 6, 6, 6]);
    expect(round(result.lamps.fullPowerEquivalentHours)).toEqual([6, 6, 6, 6]);
  });

  it('counts kWh with ballast losses for sodium and mercury only', () => {
    // L1 100 W LED: 0.6; L2 50 W LED: 0.3; L3 100 W sodium × 1.1: 0.66; L4 125 W mercury × 1.1: 0.825.
    expect(round(result.lamps.energyKwh)).toEqual([0.6, 0.3, 0.66, 0.825]);
    expect(result.totals.energyKwh).toBeCloseTo(2.385, 9);
    expect(result.totals.costEuros).toBeCloseTo(2.385 * 0.2, 9);
    expect(result.totals.emissionsKgCo2e).toBeCloseTo(2.385 * 0.05, 9);
    expect(round(result.lamps.costEuros)).toEqual([0.12, 0.06, 0.132, 0.165]);
  });

  it('adds up per cabinet, zone and commune, with each cabinet’s peak', () => {
    expect(result.cabinets.ids).toEqual(['C1', 'C2']);
    expect(round(result.cabinets.energyKwh)).toEqual([0.9, 1.485]);
    expect(round(result.cabinets.peakKw)).toEqual([0.15, 0.2475]);
    expect(round(result.zones.energyKwh)).toEqual([0.9, 1.485]);
    expect(Array.from(result.zones.lampCount)).toEqual([2, 2]);
    expect(round(result.communes.energyKwh)).toEqual([2.385]);
    expect(round(result.communes.lampBurningHours)).toEqual([24]);
    expect(result.totals.peakKw).toBeCloseTo(0.3975, 9);
    expect(result.totals.installedKw).toBeCloseTo(0.3975, 9);
  });

  it('counts the hours dark between sunset and sunrise', () => {
    const nightHours = (result.nights.sunriseMs[0] - result.nights.sunsetMs[0]) / 3_600_000;
    expect(nightHours).toBeGreaterThan(15);
    // All 6 lit hours lie between sunset (about 17:15) and sunrise (about 08:35).
    expect(result.lamps.darkHours[0]).toBeCloseTo(nightHours - 6, 9);
    expect(result.nights.eveningDates).toEqual(['2026-01-15']);
    expect(result.nights.energyKwh[0]).toBeCloseTo(2.385, 9);
  });
});

describe('daylight saving nights', () => {
  it('lasts 11 h from 18:00 to 06:00 on the night clocks go forward, 13 h when they go back', () => {
    expect(run(EIGHTEEN_TO_SIX, '2026-03-28').lamps.burningHours[0]).toBe(11);
    expect(run(EIGHTEEN_TO_SIX, '2026-10-24').lamps.burningHours[0]).toBe(13);
    expect(run(EIGHTEEN_TO_SIX, '2026-10-25').lamps.burningHours[0]).toBe(12);
  });

  it('cuts 23:00–05:00 for 5 h in March and 7 h in October, leaving 6 h lit', () => {
    expect(run({ ...EIGHTEEN_TO_SIX, cuts: CUT_23_05 }, '2026-03-28').lamps.burningHours[0]).toBe(6);
    expect(run({ ...EIGHTEEN_TO_SIX, cuts: CUT_23_05 }, '2026-10-24').lamps.burningHours[0]).toBe(6);
  });

  it('moves a dimming step in the spring gap (02:30) to 03:30 summer time', () => {
    // Lit 18:00 CET → 03:30 CEST = 8.5 h at 100%, then 03:30 → 06:00 CEST = 2.5 h at 50%.
    const result = run({ ...EIGHTEEN_TO_SIX, dimming: [{ time: '02:30', levelPercent: 50 }] }, '2026-03-28');
    expect(result.lamps.burningHours[0]).toBe(11);
    expect(result.lamps.fullPowerEquivalentHours[0]).toBe(9.75);
  });

  it('sums 12 h × 365 for a whole year of 18:00–06:00 (the two DST nights cancel out)', () => {
    expect(run(EIGHTEEN_TO_SIX, '2026-01-01', '2026-12-31').lamps.burningHours[0]).toBe(4380);
  });
});

describe('exceptions', () => {
  it('lights 14 July all night without its cut, and honours a dated exception over a yearly one', () => {
    const schedule = { ...EIGHTEEN_TO_SIX, cuts: CUT_23_05, exceptions: [{ date: '07-14' }] };
    expect(run(schedule, '2026-07-13', '2026-07-15').lamps.burningHours[0]).toBe(6 + 12 + 6);
    const dated = { ...schedule, exceptions: [{ date: '07-14' }, { date: '2026-07-14', mode: 'off' as const }] };
    expect(run(dated, '2026-07-13', '2026-07-15').lamps.burningHours[0]).toBe(6 + 0 + 6);
    expect(run(dated, '2027-07-14').lamps.burningHours[0]).toBe(12);
  });

  it('applies a cut only on its weekdays, season and dates (the weekday of the evening)', () => {
    // 2026-01-16 is a Friday, 2026-01-17 a Saturday.
    const weekdays = { ...EIGHTEEN_TO_SIX, cuts: [{ start: '23:00', end: '05:00', weekdays: [1, 2, 3, 4, 7] }] };
    expect(round(run(weekdays, '2026-01-15', '2026-01-18').schedules.burningHours)).toEqual([6 + 12 + 12 + 6]);
    const season = { ...EIGHTEEN_TO_SIX, cuts: [{ start: '23:00', end: '05:00', season: { from: '12-01', to: '01-16' } }] };
    expect(run(season, '2026-01-15', '2026-01-18').lamps.burningHours[0]).toBe(6 + 6 + 12 + 12);
    const dates = { ...EIGHTEEN_TO_SIX, cuts: [{ start: '23:00', end: '05:00', dates: { from: '2026-01-17', to: '2026-01-17' } }] };
    expect(run(dates, '2026-01-15', '2026-01-18').lamps.burningHours[0]).toBe(12 + 12 + 6 + 12);
  });
});

describe('dimming', () => {
  it('draws half power from 22:00 to 06:00', () => {
    const result = run({ ...EIGHTEEN_TO_SIX, dimming: [{ time: '22:00', levelPercent: 50 }, { time: '06:00', levelPercent: 100 }] }, '2026-01-15');
    // 4 h at 100% + 8 h at 50% = 8 full-power hours, 12 burning hours.
    expect(result.lamps.burningHours[0]).toBe(12);
    expect(result.lamps.fullPowerEquivalentHours[0]).toBe(8);
    expect(result.lamps.energyKwh[0]).toBeCloseTo(0.8, 12);
    expect(result.cabinets.peakKw[0]).toBeCloseTo(0.15, 12);
  });

  it('combines dimming and cuts, and lowers the peak of a cabinet that is never at full power', () => {
    const result = run({ ...EIGHTEEN_TO_SIX, cuts: CUT_23_05, dimming: [{ time: '12:00', levelPercent: 40 }] }, '2026-01-15');
    expect(result.lamps.fullPowerEquivalentHours[0]).toBeCloseTo(2.4, 12);
    expect(result.cabinets.peakKw[0]).toBeCloseTo(0.06, 12);
  });
});

describe('schedules per zone and per cabinet', () => {
  it('gives a cabinet override precedence over its zone, and shares identical schedules', () => {
    const same = { switchOn: { rule: 'fixed', time: '18:00' }, switchOff: { rule: 'fixed', time: '23:00' } } as const;
    const scenario = scenarioOf({
      period: { from: '2026-01-15', to: '2026-01-15' },
      schedules: { default: EIGHTEEN_TO_SIX, zones: { Z1: same, Z2: { ...EIGHTEEN_TO_SIX, cuts: CUT_23_05 } }, cabinets: { C2: same } },
    });
    const result = runScenario(scenario, territory, { year: 2026 })!;
    expect(round(result.lamps.burningHours)).toEqual([5, 5, 5, 5]);
    expect(result.schedules.sources).toEqual([['zone Z1', 'cabinet C2']]);
  });

  it('applies a cabinet override even to a lamp whose zone was met first', () => {
    // L2 stays in zone Z1 but hangs on cabinet C2, which has an override; L1 (C1, Z1) comes first.
    const variant = fourLampTerritory();
    variant.streetLights[1] = { ...variant.streetLights[1], cabinetId: 'C2' };
    const scenario = scenarioOf({
      period: { from: '2026-01-15', to: '2026-01-15' },
      schedules: {
        default: EIGHTEEN_TO_SIX,
        zones: { Z1: { ...EIGHTEEN_TO_SIX, cuts: CUT_23_05 } },
        cabinets: { C2: { switchOn: { rule: 'fixed', time: '18:00' }, switchOff: { rule: 'fixed', time: '20:00' } } },
      },
    });
    const result = runScenario(scenario, variant, { year: 2026 })!;
    expect(round(result.lamps.burningHours)).toEqual([6, 2, 2, 2]);
  });

  it('finds the peak of a cabinet feeding lamps on two schedules that do not overlap', () => {
    // L2 moved to zone Z2 but still on cabinet C1: C1 feeds L1 (18:00–23:00) and L2 (23:00–06:00).
    const variant = fourLampTerritory();
    variant.streetLights[1] = { ...variant.streetLights[1], zoneId: 'Z2' };
    const scenario = scenarioOf({
      period: { from: '2026-01-15', to: '2026-01-15' },
      schedules: {
        default: EIGHTEEN_TO_SIX,
        zones: {
          Z1: { switchOn: { rule: 'fixed', time: '18:00' }, switchOff: { rule: 'fixed', time: '23:00' } },
          Z2: { switchOn: { rule: 'fixed', time: '23:00' }, switchOff: { rule: 'fixed', time: '06:00' } },
        },
      },
    });
    const result = runScenario(scenario, variant, { year: 2026 })!;
    expect(result.cabinets.peakKw[0]).toBeCloseTo(0.1, 12);
    // From 23:00, L2, L3 and L4 (all on Z2's schedule) draw 0.05 + 0.11 + 0.1375 kW; before, L1 alone 0.1 kW.
    expect(result.totals.peakKw).toBeCloseTo(0.05 + 0.2475, 12);
  });
});

describe('retrofit', () => {
  it('computes the payback of replacing the 100 W sodium lamp by a 40 W LED', () => {
    // 18:00–06:00 all year: 4,380 h. Old 0.11 kW, new 0.04 kW: 306.6 kWh, 61.32 € a year; 400 € → 6.52 years.
    const result = run(EIGHTEEN_TO_SIX, '2026-01-01', '2026-12-31', {
      retrofits: [{ from: { technology: 'sodium' }, to: { technology: 'led', powerWatts: 40, colourTemperatureKelvin: 3000 }, unitCostEuros: 400 }],
    });
    expect(Array.from(result.lamps.retrofitIndex)).toEqual([-1, -1, 0, -1]);
    expect(result.lamps.energyKwh[2]).toBeCloseTo(0.04 * 4380, 9);
    const plan = result.retrofit.plans[0];
    expect(plan.lampCount).toBe(1);
    expect(plan.investmentEuros).toBe(400);
    expect(plan.energySavedKwhPerYear).toBeCloseTo(306.6, 9);
    expect(plan.costSavedEurosPerYear).toBeCloseTo(61.32, 9);
    expect(plan.paybackYears).toBeCloseTo(400 / 61.32, 9);
    expect(result.retrofit.total.paybackYears).toBeCloseTo(400 / 61.32, 9);
  });

  it('applies the first matching plan, within its power filter and selection', () => {
    const led = { technology: 'led' as const, powerWatts: 45, colourTemperatureKelvin: 3000 };
    const result = run(EIGHTEEN_TO_SIX, '2026-01-15', '2026-01-15', {
      retrofits: [
        { from: { technology: 'sodium', minPowerWatts: 150 }, to: led, unitCostEuros: 1 },
        { from: { technology: 'mercury' }, to: led, selection: { kind: 'zones', ids: ['Z1'] }, unitCostEuros: 1 },
        { from: { technology: 'mercury' }, to: led, selection: { kind: 'cabinets', ids: ['C2'] }, unitCostEuros: 2 },
        { from: { technology: 'mercury' }, to: led, unitCostEuros: 3 },
      ],
    });
    expect(Array.from(result.lamps.retrofitIndex)).toEqual([-1, -1, -1, 2]);
    expect(result.retrofit.plans.map((plan) => plan.lampCount)).toEqual([0, 0, 1, 0]);
    expect(result.retrofit.plans[0].paybackYears).toBeNull();
    expect(result.retrofit.total.investmentEuros).toBe(2);
  });
});

describe('regulatory checks', () => {
  const rules = (result: LightingResult) => result.regulatory.findings.map((finding) => `${finding.rule} ${finding.lampIds.join(',')} ${finding.nightCount}`);

  it('lists road, residential and car-park lamps above 3000 K, and no longer after a 3000 K retrofit', () => {
    expect(rules(run(EIGHTEEN_TO_SIX, '2026-01-15'))).toContain('colour-temperature-above-3000k L2 0');
    expect(rules(run(EIGHTEEN_TO_SIX, '2026-01-15'))).toContain('colour-temperature-above-3000k L4 0');
    const retrofitted = run(EIGHTEEN_TO_SIX, '2026-01-15', '2026-01-15', {
      retrofits: [{ from: { technology: 'mercury' }, to: { technology: 'led', powerWatts: 45, colourTemperatureKelvin: 3000 }, unitCostEuros: 400 }],
    });
    expect(rules(retrofitted).filter((rule) => rule.startsWith('colour'))).toEqual(['colour-temperature-above-3000k L2 0']);
  });

  it('flags a park lit past 01:00 (no closing time known) or more than 1 h after closing', () => {
    expect(rules(run(EIGHTEEN_TO_SIX, '2026-01-15', '2026-01-17'))).toContain('park-lit-after-closing L3 3');
    const untilMidnight = { switchOn: { rule: 'sunset' as const }, switchOff: { rule: 'fixed' as const, time: '00:00' } };
    expect(rules(run(untilMidnight, '2026-01-15', '2026-01-17')).filter((rule) => rule.startsWith('park'))).toEqual([]);
    const closing = run(untilMidnight, '2026-01-15', '2026-01-17', { zoneClosingTimes: { Z2: '22:00' } });
    expect(rules(closing)).toContain('park-lit-after-closing L3 3');
    expect(closing.regulatory.findings.find((finding) => finding.rule === 'park-lit-after-closing')!.message).toBe(
      'zone Z2: 1 park lamp(s) lit until 00:00, after 23:00 (closing 22:00 + 1 h, 01:00 at the latest), on 3 night(s)',
    );
  });

  it('flags a park switched on before sunset', () => {
    expect(rules(run(EIGHTEEN_TO_SIX, '2026-06-20', '2026-06-21'))).toContain('park-lit-before-sunset L3 2');
  });

  it('flags a car park lit more than 2 h after its activity ends, and says which were not checked', () => {
    const unchecked = run(EIGHTEEN_TO_SIX, '2026-01-15');
    expect(unchecked.regulatory.notChecked).toEqual([
      expect.objectContaining({ rule: 'car-park-lit-after-activity', zoneId: 'Z2', lampCount: 1 }),
    ]);
    const untilMidnight = { switchOn: { rule: 'sunset' as const }, switchOff: { rule: 'fixed' as const, time: '00:00' } };
    expect(rules(run(untilMidnight, '2026-01-15', '2026-01-15', { zoneClosingTimes: { Z2: '21:00' } }))).toContain('car-park-lit-after-activity L4 1');
    expect(rules(run(untilMidnight, '2026-01-15', '2026-01-15', { zoneClosingTimes: { Z2: '22:00' } })).filter((rule) => rule.startsWith('car'))).toEqual([]);
  });
});

describe('a year in mainland France (48.3° N)', () => {
  const comparison = runComparison(extinction23h5hScenario(territory), asTodayScenario(territory), territory, { year: 2026 })!;

  it('burns about 4,290 h from sunset to sunrise (DOMAIN.md)', () => {
    expect(comparison.baseline.totals.meanBurningHoursPerLamp).toBeGreaterThan(4250);
    expect(comparison.baseline.totals.meanBurningHoursPerLamp).toBeLessThan(4330);
    expect(comparison.baseline.totals.meanDarkHoursPerLamp).toBe(0);
  });

  it('removes about 2,190 h with a 23:00–05:00 cut (6 h × 365, less the two festive nights)', () => {
    expect(-comparison.difference.totals.meanBurningHoursPerLamp).toBeCloseTo(2190 - 2 * 6, 6);
    expect(comparison.difference.burningHoursSavedRatio).toBeGreaterThan(0.49);
    expect(comparison.difference.burningHoursSavedRatio).toBeLessThan(0.53);
    expect(comparison.difference.lampDarkHours[0]).toBeCloseTo(2178, 6);
  });

  it('burns 3,830–3,920 h from civil dusk to civil dawn (DOMAIN.md)', () => {
    const twilight = run({ switchOn: { rule: 'civil-dusk' }, switchOff: { rule: 'civil-dawn' } }, '2026-01-01', '2026-12-31');
    expect(twilight.lamps.burningHours[0]).toBeGreaterThan(3830);
    expect(twilight.lamps.burningHours[0]).toBeLessThan(3920);
    // Between sunset and civil dusk (and civil dawn and sunrise) the street is unlit: that is dark.
    expect(twilight.lamps.darkHours[0]).toBeCloseTo(comparison.baseline.lamps.burningHours[0] - twilight.lamps.burningHours[0], 6);
  });

  it('shortens the night by the offsets of the astronomical clock', () => {
    const offsets = run({ switchOn: { rule: 'sunset', minutesAfter: 15 }, switchOff: { rule: 'sunrise', minutesBefore: 15 } }, '2026-01-01', '2026-12-31');
    expect(offsets.lamps.burningHours[0]).toBeCloseTo(comparison.baseline.lamps.burningHours[0] - 0.5 * 365, 6);
    expect(offsets.lamps.darkHours[0]).toBeCloseTo(0.5 * 365, 6);
  });

  it('compares per group and refuses results of different periods', () => {
    expect(comparison.difference.zones.energyKwh[0]).toBeCloseTo(comparison.scenario.zones.energyKwh[0] - comparison.baseline.zones.energyKwh[0], 9);
    expect(comparison.difference.energySavedRatio).toBeCloseTo(1 - comparison.scenario.totals.energyKwh / comparison.baseline.totals.energyKwh, 12);
    expect(() => compareResults(comparison.scenario, run(EIGHTEEN_TO_SIX, '2026-01-15'))).toThrow(/same territory and period/);
  });

  it('saves a quarter or so by dimming 50% from 22:00 to 06:00', () => {
    const dimmed = runComparison(abaissement50Scenario(territory), asTodayScenario(territory), territory, { year: 2026 })!;
    expect(dimmed.difference.energySavedRatio).toBeGreaterThan(0.2);
    expect(dimmed.difference.energySavedRatio).toBeLessThan(0.4);
    expect(dimmed.difference.totals.meanBurningHoursPerLamp).toBeCloseTo(0, 9);
  });
});

describe('power profile and lamp state', () => {
  const scenario = extinction23h5hScenario(territory);

  it('gives 5-minute bins from noon to noon whose energy is the night’s', () => {
    for (const [evening, bins] of [['2026-01-15', 288], ['2026-03-28', 276], ['2026-10-24', 300]] as const) {
      const profile = powerProfile(scenario, territory, evening);
      expect(profile.powerKw.length).toBe(bins);
      const energy = profile.powerKw.reduce((sum, kw) => sum + (kw * profile.binSeconds) / 3600, 0);
      const night = runScenario({ ...scenario, period: { from: evening, to: evening } }, territory, { year: 2026 })!;
      expect(energy).toBeCloseTo(night.totals.energyKwh, 9);
      expect(Math.max(...profile.powerKw)).toBeCloseTo(0.3975, 9);
    }
  });

  it('limits the profile to one zone', () => {
    const profile = powerProfile(scenario, territory, '2026-01-15', 'Z1');
    // 20:00 CET is 8 h after noon: bin 96; Z1 draws 0.15 kW. 02:00 CET is in the cut.
    expect(profile.powerKw[96]).toBeCloseTo(0.15, 12);
    expect(profile.powerKw[14 * 12]).toBe(0);
    expect(profile.startMs).toBe(Date.parse('2026-01-15T11:00:00Z'));
  });

  it('says per lamp whether it is on, dimmed or off, reusing the array given', () => {
    const levels = new Float32Array(4);
    expect(lampStateAt(scenario, territory, Date.parse('2026-01-15T21:00:00Z'), levels)).toBe(levels);
    expect(Array.from(levels)).toEqual([1, 1, 1, 1]);
    expect(Array.from(lampStateAt(scenario, territory, Date.parse('2026-01-15T23:30:00Z'), levels))).toEqual([0, 0, 0, 0]);
    expect(Array.from(lampStateAt(scenario, territory, Date.parse('2026-01-16T12:30:00Z'), levels))).toEqual([0, 0, 0, 0]);
    const dimmed = abaissement50Scenario(territory);
    expect(Array.from(lampStateAt(dimmed, territory, Date.parse('2026-01-15T23:30:00Z')))).toEqual([0.5, 0.5, 0.5, 0.5]);
    // 14 July: no cut.
    expect(Array.from(lampStateAt(scenario, territory, Date.parse('2026-07-15T00:00:00Z')))).toEqual([1, 1, 1, 1]);
  });
});

describe('runs', () => {
  it('are deterministic and leave their inputs alone', () => {
    const synthetic = syntheticTerritory(1000, 7);
    const scenario = syntheticScenario(synthetic);
    const before = JSON.stringify([synthetic, scenario]);
    const first = runComparison(scenario, asTodayScenario(synthetic), synthetic, { year: 2026 })!;
    const second = runComparison(scenario, asTodayScenario(synthetic), synthetic, { year: 2026 })!;
    expect(second).toEqual(first);
    expect(JSON.stringify([synthetic, scenario])).toBe(before);
    expect(first.scenario.schedules.sources.length).toBeGreaterThan(2);
    const sum = first.scenario.lamps.energyKwh.reduce((total, value) => total + value, 0);
    expect(sum).toBeCloseTo(first.scenario.totals.energyKwh, 6);
    expect(first.scenario.nights.energyKwh.reduce((total, value) => total + value, 0)).toBeCloseTo(first.scenario.totals.energyKwh, 6);
  });

  it('report progress up to 1 and stop when asked', () => {
    const progress: number[] = [];
    runScenario(asTodayScenario(territory), territory, { year: 2026, onProgress: (fraction) => progress.push(fraction) });
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    let calls = 0;
    const stopped = runScenario(asTodayScenario(territory), territory, { year: 2026, shouldStop: () => ++calls >= 2 });
    expect(stopped).toBeNull();
    expect(calls).toBe(2);
  });

  it('list every typed array buffer as transferable', () => {
    const result = run(EIGHTEEN_TO_SIX, '2026-01-15');
    const buffers = resultTransferables(result);
    expect(buffers).toContain(result.lamps.energyKwh.buffer);
    expect(buffers).toContain(result.cabinets.peakKw.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
  });
});
