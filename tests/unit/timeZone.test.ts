/**
 * The territory's time zone: a manifest field (`timeZone`, IANA name, Europe/Paris by default,
 * validated) that reaches the territory, the lighting engine and the date labels.
 */
import { describe, expect, it } from 'vitest';
import { describeProblem, formatDate, setDisplayTimeZone } from '../../src/app/i18n';
import { parseManifest } from '../../src/io/territoryLoader';
import { lampStateAt, nightsFor, type LightingTerritory } from '../../workers/lighting/engine';
import type { Scenario } from '../../src/domain/lighting/scenario';
import { extinction23h5hScenario } from '../../src/domain/lighting/presets';

const base = {
  format: 'vigie-territory',
  version: 1,
  name: 'Sainte-Rose',
  bounds: { west: -61.8, south: 16.2, east: -61.6, north: 16.4 },
  layers: {},
};

describe('manifest timeZone', () => {
  it('defaults to Europe/Paris', () => {
    const { manifest, problems } = parseManifest(base, 'manifest.json');
    expect(problems).toEqual([]);
    expect(manifest?.timeZone).toBe('Europe/Paris');
  });

  it('keeps an overseas zone, canonicalised', () => {
    expect(parseManifest({ ...base, timeZone: 'America/Guadeloupe' }, 'manifest.json').manifest?.timeZone).toBe('America/Guadeloupe');
    expect(parseManifest({ ...base, timeZone: 'indian/reunion' }, 'manifest.json').manifest?.timeZone).toBe('Indian/Reunion');
  });

  it('reports an unknown zone by file and field, and falls back to Paris without losing the rest', () => {
    const { manifest, problems } = parseManifest({ ...base, timeZone: 'Europe/Pariss' }, 'manifest.json');
    expect(manifest?.name).toBe('Sainte-Rose');
    expect(manifest?.timeZone).toBe('Europe/Paris');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'invalid-field', file: 'manifest.json', field: 'timeZone' });
    expect(describeProblem('fr', problems[0])).toContain('«\u00a0timeZone\u00a0»');
    expect(parseManifest({ ...base, timeZone: 42 }, 'manifest.json').problems[0]).toMatchObject({ field: 'timeZone' });
  });
});

describe('dates on the territory clock', () => {
  it('formatDate follows the display zone set from the territory', () => {
    const instant = new Date('2026-01-01T02:00:00Z');
    try {
      setDisplayTimeZone('America/Guadeloupe');
      expect(formatDate('fr', instant)).toBe('31 décembre 2025');
      expect(formatDate('fr', instant, { hour: '2-digit', minute: '2-digit' })).toBe('22:00');
      setDisplayTimeZone('Indian/Reunion');
      expect(formatDate('fr', instant, { hour: '2-digit', minute: '2-digit' })).toBe('06:00');
    } finally {
      setDisplayTimeZone('Europe/Paris');
    }
    expect(formatDate('fr', instant)).toBe('1 janvier 2026');
  });
});

describe('the lighting clock of an overseas territory', () => {
  const territory = (timeZone?: string): LightingTerritory => ({
    bounds: base.bounds,
    communes: [],
    streetLights: [
      {
        id: 'L1',
        position: [-61.7, 16.3],
        technology: 'led',
        powerWatts: 40,
        colourTemperatureKelvin: 3000,
        mountingHeightMetres: 6,
        cabinetId: 'C1',
        zoneId: 'Z1',
        communeId: '',
        usage: 'road',
      },
    ],
    cabinets: [],
    lightingZones: [],
    parameters: {},
    ...(timeZone ? { timeZone } : {}),
  });

  it('nights run from local noon: 16:00 UTC in Guadeloupe, 11:00 UTC in Paris in winter', () => {
    const scenario = { period: { from: '2026-01-15', to: '2026-01-15' } } as Pick<Scenario, 'period'>;
    expect(new Date(nightsFor(scenario, territory('America/Guadeloupe'), 2026).noonMs[0]).toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(new Date(nightsFor(scenario, territory(), 2026).noonMs[0]).toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });

  it('a lamp cut from 23:00 to 05:00 follows the local clock (Pointe-à-Pitre, not Paris)', () => {
    const scenario = extinction23h5hScenario({ streetLights: [], parameters: {} }, { year: 2026 });
    const guadeloupe = territory('America/Guadeloupe');
    // 23:30 in Pointe-à-Pitre on 15 January is 03:30 UTC on the 16th: cut.
    expect(lampStateAt(scenario, guadeloupe, Date.parse('2026-01-16T03:30:00Z'))[0]).toBe(0);
    // 22:30 UTC is 18:30 local, after sunset (about 18:10 in January): lit. In Paris time it would be 23:30, cut.
    expect(lampStateAt(scenario, guadeloupe, Date.parse('2026-01-15T22:30:00Z'))[0]).toBe(1);
    expect(lampStateAt(scenario, territory(), Date.parse('2026-01-15T22:30:00Z'))[0]).toBe(0);
  });
});
