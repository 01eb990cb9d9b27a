import { proxy, wrap, expose, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { asTodayScenario, abaissement50Scenario, extinction23h5hScenario } from '../../src/domain/lighting/presets';
import { BaselineCache, runComparison } from './run';
import type { LightingWorkerApi } from './api';
import { fourLampTerritory } from './fixtures';
import { createLightingService } from './service';

const territory = fourLampTerritory();
const scenario = extinction23h5hScenario(territory);
const baseline = asTodayScenario(territory);

describe('the lighting service', () => {
  it('runs a comparison once it has a territory', async () => {
    const service = createLightingService();
    await expect(service.run({ requestId: 1, scenario, baseline, year: 2026 })).rejects.toThrow(/setTerritory/);
    expect(service.setTerritory(territory)).toBe(4);
    const progress: number[] = [];
    const result = await service.run({ requestId: 2, scenario, baseline, year: 2026 }, (fraction) => progress.push(fraction));
    expect(result?.difference.totals.meanBurningHoursPerLamp).toBeCloseTo(-2178, 6);
    expect(progress.at(-1)).toBe(1);
  });

  it('drops a run superseded by a newer one, and a cancelled one', async () => {
    const service = createLightingService();
    service.setTerritory(territory);
    const older = service.run({ requestId: 1, scenario, baseline, year: 2026 });
    const newer = service.run({ requestId: 2, scenario, baseline, year: 2026 });
    expect(await older).toBeNull();
    expect(await newer).not.toBeNull();
    const cancelled = service.run({ requestId: 3, scenario, baseline, year: 2026 });
    service.cancel(3);
    expect(await cancelled).toBeNull();
  });

  it('runs the baseline once for several scenarios of the same territory and year, with the same figures as a fresh run', () => {
    const cache = new BaselineCache();
    const dimming = abaissement50Scenario(territory);
    const first = runComparison(scenario, baseline, territory, { year: 2026, cache })!;
    expect(cache.hits).toBe(0);
    const second = runComparison(dimming, baseline, territory, { year: 2026, cache })!;
    expect(cache.hits).toBe(1);
    const fresh = runComparison(dimming, baseline, territory, { year: 2026 })!;
    expect(second.baseline.totals).toEqual(fresh.baseline.totals);
    expect(second.difference.totals).toEqual(fresh.difference.totals);
    expect(Array.from(second.baseline.lamps.energyKwh)).toEqual(Array.from(first.baseline.lamps.energyKwh));
    // Another year, other parameters or another territory object are other inputs: run again.
    runComparison(scenario, baseline, territory, { year: 2025, cache });
    const dearer = { ...territory, parameters: { ...territory.parameters, electricityPriceEurPerKwh: { value: 5, unit: '€/kWh', source: 'test', unverified: false } } };
    const costly = runComparison(scenario, baseline, dearer, { year: 2026, cache })!;
    expect(costly.baseline.totals.costEuros).toBeGreaterThan(first.baseline.totals.costEuros);
    runComparison(scenario, { ...baseline, schedules: dimming.schedules }, territory, { year: 2026, cache });
    expect(cache.hits).toBe(1);
  });

  it('validates scenario JSON against its territory', () => {
    const service = createLightingService();
    service.setTerritory(territory);
    const validation = service.validate({ ...scenario, schedules: { ...scenario.schedules, zones: { ZX: scenario.schedules.default } } });
    expect(validation.ok ? [] : validation.problems.map((problem) => problem.message)).toEqual(['zone ZX: unknown zone ZX']);
  });
});

describe('across a comlink boundary (a MessageChannel in Node)', () => {
  let channel: MessageChannel | null = null;
  afterEach(() => {
    channel?.port1.close();
    channel?.port2.close();
  });

  it('transfers the result and calls the proxied progress callback', async () => {
    channel = new MessageChannel();
    expose(createLightingService(), channel.port1);
    const api: Remote<LightingWorkerApi> = wrap<LightingWorkerApi>(channel.port2);
    expect(await api.setTerritory(territory)).toBe(4);
    const progress: number[] = [];
    const result = await api.run({ requestId: 1, scenario, baseline, year: 2026 }, proxy((fraction: number) => void progress.push(fraction)));
    expect(result).not.toBeNull();
    expect(result!.scenario.lamps.energyKwh).toBeInstanceOf(Float64Array);
    expect(result!.scenario.lamps.energyKwh.length).toBe(4);
    expect(result!.difference.energySavedRatio).toBeGreaterThan(0.45);
    expect(progress.length).toBeGreaterThan(3);
    const profile = await api.powerProfile(scenario, '2026-01-15', null, 5);
    expect(profile.powerKw.length).toBe(288);
    const levels = await api.lampStateAt(scenario, Date.parse('2026-01-15T21:00:00Z'));
    expect(Array.from(levels)).toEqual([1, 1, 1, 1]);
    // The baseline comes from the worker's cache the second time: transferring the first result did not empty it.
    const again = await api.run({ requestId: 2, scenario, baseline, year: 2026 });
    expect(Array.from(again!.baseline.lamps.energyKwh)).toEqual(Array.from(result!.baseline.lamps.energyKwh));
    expect(again!.baseline.lamps.energyKwh.every((value) => value > 0)).toBe(true);
  });
});
