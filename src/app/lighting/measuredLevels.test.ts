/** Lamp levels from the cabinets' meters: one level a lamp from its cabinet, a new array in the twin only when a lamp changed. */
import { describe, expect, it } from 'vitest';
import { createTwinStore } from '../../store/store';
import { emptyTerritory } from '../../io/territoryLoader';
import type { Cabinet, StreetLight } from '../../domain/territory';
import { createLightingStore, lampLevelsFromCabinets, lampLevelsOfCabinets, lampsByCabinet, LightingController, updateCabinetLevels } from './lightingStore';

const cabinet = (id: string): Cabinet => ({ id, name: id, position: [6.9, 48.3], zoneId: 'z', communeId: 'c' });
const lamp = (id: string, cabinetId: string): StreetLight => ({
  id,
  position: [6.9, 48.3],
  technology: 'led',
  powerWatts: 40,
  colourTemperatureKelvin: 3000,
  mountingHeightMetres: 6,
  cabinetId,
  zoneId: 'z',
  communeId: 'c',
  usage: 'residential',
});

describe('LightingController measured view', () => {
  it('gives each lamp its metered cabinet level (0 without a meter or a cabinet) and publishes only changes', () => {
    const territory = { ...emptyTerritory('Test'), cabinets: [cabinet('A'), cabinet('B'), cabinet('C')], streetLights: [lamp('L1', 'A'), lamp('L2', 'B'), lamp('L3', 'A'), lamp('L4', 'nowhere'), lamp('L5', 'C')] };
    const twin = createTwinStore({ territory, status: 'ready', time: Date.UTC(2026, 11, 3, 18), fictitious: false });
    const lighting = new LightingController(createLightingStore(), twin);
    // The meters' readings by cabinet id, as the sensor controller writes them by cabinet index.
    let meters = new Map([['A', 1], ['B', 0.5]]);
    lighting.measured = (_time, out) => {
      territory.cabinets.forEach((cabinet, c) => (out[c] = meters.get(cabinet.id) ?? Number.NaN));
      return meters.size;
    };

    lighting.updateLevels();
    const first = twin.getState().lampLevels;
    expect(Array.from(first ?? [])).toEqual([1, 0.5, 1, 0, 0]);
    expect(lighting.store.getState().levelsAt).toBe(twin.getState().time);

    // The same readings again: the same array stays in the store.
    meters = new Map([['A', 1], ['B', 0.5]]);
    lighting.updateLevels();
    expect(twin.getState().lampLevels).toBe(first);

    // A change: a new array in the store, the one shown before left as it was.
    meters = new Map([['A', 0], ['B', 0.5], ['C', 0.25]]);
    lighting.updateLevels();
    const second = twin.getState().lampLevels;
    expect(second).not.toBe(first);
    expect(Array.from(second ?? [])).toEqual([0, 0.5, 0, 0, 0.25]);
    expect(Array.from(first ?? [])).toEqual([1, 0.5, 1, 0, 0]);

    // A meter gone silent: its cabinet's lamps back to 0, the others kept.
    meters = new Map([['A', 0]]);
    lighting.updateLevels();
    expect(Array.from(twin.getState().lampLevels ?? [])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('lamp levels from cabinets', () => {
  it('says which cabinets changed and gives each lamp its cabinet\'s level', () => {
    const cabinetLevel = new Float32Array([0.5, 0, 1]);
    const changed = new Int32Array(3);
    expect(updateCabinetLevels(new Float32Array([0.5, Number.NaN, 1]), cabinetLevel, changed)).toBe(0);
    expect(updateCabinetLevels(new Float32Array([0.5, 0.25, Number.NaN]), cabinetLevel, changed)).toBe(2);
    expect(Array.from(changed.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(cabinetLevel)).toEqual([0.5, 0.25, 0]);
    const levels = new Float32Array(4).fill(9);
    lampLevelsFromCabinets(Int32Array.from([2, 0, -1, 1]), cabinetLevel, levels);
    expect(Array.from(levels)).toEqual([0, 0.5, 0, 0.25]);
  });

  it('groups the lamps by cabinet and restyles only the lamps of the cabinets that changed', () => {
    const lampCabinet = Int32Array.from([2, 0, -1, 1, 0, 7]);
    const { lampStart, cabinetLamps } = lampsByCabinet(lampCabinet, 3);
    expect(Array.from(lampStart)).toEqual([0, 2, 3, 4]);
    expect(Array.from(cabinetLamps)).toEqual([1, 4, 3, 0]);
    const levels = new Float32Array([0.1, 0.1, 0, 0.1, 0.1, 0]);
    lampLevelsOfCabinets(Int32Array.from([0]), 1, lampStart, cabinetLamps, new Float32Array([0.75, 0.5, 0.25]), levels);
    expect(Array.from(levels)).toEqual([Math.fround(0.1), 0.75, 0, Math.fround(0.1), 0.75, 0]);
  });
});
