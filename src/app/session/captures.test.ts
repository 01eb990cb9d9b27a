import { describe, expect, it } from 'vitest';
import type { CesiumWidget } from 'cesium';
import { difference, sameView, viewKey } from './captures';
import type { TwinState } from '../../store/store';
import type { ComparisonState } from '../../store/comparison';

const vector = (x: number, y: number, z: number) => ({ x, y, z });
function widget(position = vector(4_200_000, 510_000, 4_740_000), split = 0): CesiumWidget {
  return {
    camera: { positionWC: position, directionWC: vector(-0.6, -0.7, -0.2), upWC: vector(0.3, -0.5, 0.8) },
    scene: { canvas: { clientWidth: 1280, clientHeight: 720 }, splitPosition: split },
  } as unknown as CesiumWidget;
}
const territory = {};
const imageryTiles: unknown[] = [];
const twin = (changes: Partial<TwinState> = {}): TwinState =>
  ({
    territory, imageryTiles, importPreview: null, time: 1_797_370_200_000, language: 'fr', selection: null, routes: null,
    visible: { roads: true, buildings: true, streetLights: true, cabinets: false, collectionPoints: false, facilities: false, sensors: false, communes: false },
    lampLevels: new Float32Array([1, 0.5, 0]), sensorLevels: new Float32Array([0.2]), ...changes,
  }) as unknown as TwinState;
const comparison = (changes: Partial<ComparisonState> = {}): ComparisonState => ({ mode: 'split', divider: 0.5, rightLampLevels: new Float32Array([0, 0, 0]), leftRoutes: null, rightRoutes: null, leftLabel: null, rightLabel: null, ...changes });

describe('viewKey and sameView', () => {
  it('takes equal levels in new arrays and a camera a few millimetres away as the same view', () => {
    const a = viewKey(widget(), twin(), comparison());
    const b = viewKey(widget(vector(4_200_000.004, 510_000, 4_740_000)), twin({ lampLevels: new Float32Array([1, 0.5, 0]) }), comparison({ rightLampLevels: new Float32Array([0, 0, 0]) }));
    expect(sameView(a, b)).toBe(true);
  });

  it('names what differs: camera, time, lamp levels, divider, split position, layers', () => {
    const a = viewKey(widget(), twin(), comparison());
    expect(difference(a, viewKey(widget(vector(4_200_000.05, 510_000, 4_740_000)), twin(), comparison()))).toBe('camera');
    expect(difference(a, viewKey(widget(), twin({ time: 1_797_370_260_000 }), comparison()))).toBe('time');
    expect(difference(a, viewKey(widget(), twin({ lampLevels: new Float32Array([1, 0.5, 1]) }), comparison()))).toBe('lampLevels');
    expect(difference(a, viewKey(widget(), twin(), comparison({ rightLampLevels: new Float32Array([0, 1, 0]) })))).toBe('rightLampLevels');
    expect(difference(a, viewKey(widget(), twin(), comparison({ divider: 0.3 })))).toBe('divider');
    expect(difference(a, viewKey(widget(undefined, 0.3), twin(), comparison()))).toBe('split');
    expect(difference(a, viewKey(widget(), twin({ visible: { ...twin().visible, communes: true } }), comparison()))).toBe('visible');
    expect(difference(a, viewKey(widget(), twin({ territory: {} as TwinState['territory'] }), comparison()))).toBe('territory');
  });

  it('ignores the levels of layers not shown', () => {
    const a = viewKey(widget(), twin(), comparison());
    expect(sameView(a, viewKey(widget(), twin({ sensorLevels: new Float32Array([0.9]) }), comparison()))).toBe(true);
    const hidden = { ...twin().visible, streetLights: false };
    expect(sameView(viewKey(widget(), twin({ visible: hidden }), comparison()), viewKey(widget(), twin({ visible: hidden, lampLevels: null }), comparison()))).toBe(true);
  });
});
