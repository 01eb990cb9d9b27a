import { describe, expect, it } from 'vitest';
import type { CollectionPoint, Road } from '../territory';
import { pointWindows, roadAllows, roundRules, wasteConfigSchema } from './config';

const point = (id: string): CollectionPoint => ({ id, name: id, position: [0, 0], stream: 'residual', container: 'bin', volumeLitres: 240, containerCount: 1, collectionWeekday: 1, collectionPeriodWeeks: 1, communeId: '' });
const road = (roadClass: Road['roadClass']): Road => ({ id: `R-${roadClass}`, name: '', roadClass, speedKmh: 30, oneway: false, coordinates: [] });
const h = (hours: number) => hours * 3600;

describe('the manifest’s waste section', () => {
  const config = wasteConfigSchema.parse({
    windows: [
      { label: 'Place du marché', pointIds: ['M'], allowed: [['00:00', '07:00'], ['14:00', '24:00']] },
      { label: 'École', pointIds: ['S'], forbidden: [['08:00', '08:45']] },
      { label: 'Pas avant 6 h', roadClass: 'residential', forbidden: [['00:00', '06:00']] },
      { label: 'Jamais', pointIds: ['X'], allowed: [['10:00', '11:00']] },
      { label: 'Jamais (bis)', pointIds: ['X'], allowed: [['12:00', '13:00']] },
    ],
    tipHours: ['06:30', '17:00'],
    breakMinutes: 30,
  });

  it('intersects the rules that match a point: allowed spans kept, forbidden spans removed', () => {
    const points = [point('M'), point('S'), point('P'), point('X'), point('F')];
    const roads = [road('residential'), road('residential'), road('residential'), road('primary'), road('primary')];
    const windows = pointWindows(config, points, (index) => roads[index]);
    // Market square on a residential street: 06:00–07:00 or after 14:00.
    expect(windows[0]).toEqual([[h(6), h(7)], [h(14), h(24)]]);
    // School street: from 06:00 but not 08:00–08:45.
    expect(windows[1]).toEqual([[h(6), h(8)], [h(8.75), h(24)]]);
    expect(windows[2]).toEqual([[h(6), h(24)]]);
    // Two rules with nothing in common: no time left, marked impossible for the solver to name.
    expect(windows[3]).toEqual([[-1, -1]]);
    // No rule: any time.
    expect(windows[4]).toEqual([]);
  });

  it('gives the tip hours, the shift start and the break; roads refuse a truck too heavy or too wide', () => {
    const rules = roundRules(config, []);
    expect(rules.tipHours).toEqual([h(6.5), h(17)]);
    expect(rules.shiftStartSeconds).toBe(h(6));
    expect(rules.breakSeconds).toBe(1800);
    expect(roadAllows({ maxWeightTonnes: 12 }, { weightTonnes: 26, widthMetres: 2.55 })).toBe(false);
    expect(roadAllows({ maxWidthMetres: 2.3 }, { weightTonnes: 12, widthMetres: 2.2 })).toBe(true);
    expect(roadAllows({}, { weightTonnes: 44, widthMetres: 2.55 })).toBe(true);
    expect(wasteConfigSchema.safeParse({ tipHours: ['6h', '17:00'] }).success).toBe(false);
  });
});
