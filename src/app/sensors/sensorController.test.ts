/** The live restyle that touches only the sensors a batch changed gives what a full restyle gives. */
import { describe, expect, it } from 'vitest';
import { createTwinStore } from '../../store/store';
import { emptyTerritory } from '../../io/territoryLoader';
import type { Sensor } from '../../domain/territory';
import { ColumnBuilder } from '../../io/live/columns';
import { createSensorStore, SensorController } from './sensorController';

const T = Date.UTC(2026, 10, 24, 12);
const sensor = (id: string): Sensor => ({ id, name: id, kind: 'fill-level', position: [6.9, 48.3], targetId: null, unit: '%', samplesPerDay: 24, communeId: '', capacity: null });
const sensors = ['B1', 'B2', 'B3', 'B4'].map(sensor);

async function controller() {
  const twin = createTwinStore({ territory: { ...emptyTerritory('Test'), sensors }, status: 'ready', time: T, fictitious: false });
  const sensorsStore = createSensorStore();
  const instance = new SensorController(sensorsStore, twin);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(sensorsStore.getState().status).toBe('ready');
  return { twin, sensorsStore, instance };
}

function batch(readings: Array<[string, number, number]>) {
  const builder = new ColumnBuilder();
  for (const [sensorId, minutesBefore, value] of readings) builder.add({ sensorId, time: T - minutesBefore * 60_000, value, keys: [`k:${sensorId}:${minutesBefore}`] });
  return builder.take();
}

describe('SensorController restyle', () => {
  it('after live batches at the same time, levels and alerts equal a full restyle of the same data', async () => {
    const live = await controller();
    live.instance.ingestColumns(batch([['B1', 30, 50], ['B2', 30, 85], ['B3', 30, 10]]));
    live.instance.restyle();
    // Partial: B1 becomes full, B2 empties, B4 speaks for the first time; B3 untouched.
    live.instance.ingestColumns(batch([['B1', 10, 90], ['B2', 10, 20], ['B4', 5, 81]]));
    live.instance.restyle();

    const full = await controller();
    full.instance.ingestColumns(batch([['B1', 30, 50], ['B2', 30, 85], ['B3', 30, 10], ['B1', 10, 90], ['B2', 10, 20], ['B4', 5, 81]]));
    full.instance.restyle();

    expect(Array.from(live.twin.getState().sensorLevels ?? [])).toEqual([90, 20, 10, 81]);
    expect(Array.from(live.twin.getState().sensorLevels ?? [])).toEqual(Array.from(full.twin.getState().sensorLevels ?? []));
    expect(live.sensorsStore.getState().alerts).toEqual(full.sensorsStore.getState().alerts);
    expect(live.sensorsStore.getState().alerts.map((alert) => `${alert.sensorId} ${alert.kind} ${alert.value} ${new Date(alert.time).toISOString()}`)).toEqual([
      'B1 bin-full 90 2026-11-24T11:50:00.000Z',
      'B4 bin-full 81 2026-11-24T11:55:00.000Z',
    ]);
    // A restyle without a change publishes nothing new.
    const alerts = live.sensorsStore.getState().alerts;
    const levels = live.twin.getState().sensorLevels;
    live.instance.restyle();
    expect(live.sensorsStore.getState().alerts).toBe(alerts);
    expect(live.twin.getState().sensorLevels).toBe(levels);
  });
});

describe('SensorController metersVersion', () => {
  it("moves when a power meter's readings change, not for a batch of bins alone", async () => {
    const meter: Sensor = { ...sensor('M1'), kind: 'power-meter', unit: 'kW', targetId: 'CAB1' };
    const twin = createTwinStore({ territory: { ...emptyTerritory('Test'), sensors: [sensor('B1'), meter] }, status: 'ready', time: T, fictitious: false });
    const store = createSensorStore();
    const instance = new SensorController(store, twin);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const next = async (version: number) => {
      for (let i = 0; i < 300 && store.getState().version === version; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(store.getState().version).toBeGreaterThan(version);
    };
    let version = store.getState().version;
    instance.ingestColumns(batch([['B1', 30, 50], ['M1', 30, 2]]));
    await next(version);
    const meters = store.getState().metersVersion;

    version = store.getState().version;
    instance.ingestColumns(batch([['B1', 20, 60]]));
    await next(version);
    expect(store.getState().metersVersion).toBe(meters);

    version = store.getState().version;
    instance.ingestColumns(batch([['M1', 20, 3]]));
    await next(version);
    expect(store.getState().metersVersion).toBe(meters + 1);
    instance.destroy();
  });
});

describe('SensorController panels after the frame', () => {
  it('publishes the alert list and the version in a task of their own after the restyle, not in it', async () => {
    const { sensorsStore, instance, twin } = await controller();
    instance.ingestColumns(batch([['B1', 30, 50]]));
    // The frame's restyle: the map's levels at once, the alert list deferred.
    instance.restyle(true);
    const before = sensorsStore.getState().alerts;
    instance.ingestColumns(batch([['B2', 20, 95]]));
    instance.restyle(true);
    expect(Array.from(twin.getState().sensorLevels ?? [])).toEqual([50, 95, Number.NaN, Number.NaN]);
    expect(sensorsStore.getState().alerts).toBe(before);
    // The scheduled restyle (at most once a second for live data) then the panels' task after it.
    const version = sensorsStore.getState().version;
    for (let i = 0; i < 300 && (sensorsStore.getState().version === version || sensorsStore.getState().alerts === before); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sensorsStore.getState().version).toBe(version + 1);
    expect(sensorsStore.getState().alerts.some((alert) => alert.sensorId === 'B2' && alert.kind === 'bin-full')).toBe(true);
    // A direct restyle publishes what a deferred one left.
    instance.ingestColumns(batch([['B1', 10, 99]]));
    instance.restyle(true);
    instance.restyle();
    expect(sensorsStore.getState().alerts.some((alert) => alert.sensorId === 'B1' && alert.kind === 'bin-full')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(instance.panels.count).toBeGreaterThan(0);
    instance.destroy();
  });
});
