import { proxy, wrap, expose, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { asTodayScenario, extinction23h5hScenario } from '../../src/domain/lighting/presets';
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
  });
});
