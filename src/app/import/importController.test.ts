/** The page's import controller without a page: drop → mapping → confirm → undo, nothing lost. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTwinStore } from '../../store/store';
import { emptyTerritory } from '../../io/territoryLoader';
import { noMemory } from '../../io/import/mapping';
import type { StreetLight } from '../../domain/territory';
import { ImportController, guessLayer } from './importController';

const file = (name: string) => ({ name, arrayBuffer: async () => new Uint8Array(readFileSync(`tests/fixtures/import/${name}`)).buffer });
const lamp: StreetLight = {
  id: 'L1',
  position: [6.9, 48.3],
  technology: 'sodium',
  powerWatts: 150,
  colourTemperatureKelvin: 2000,
  mountingHeightMetres: 9,
  cabinetId: 'A1',
  zoneId: 'Z1',
  communeId: '',
  usage: 'road',
};

describe('import controller', () => {
  it('proposes, previews, imports, and undoes back to the very same territory', async () => {
    const territory = { ...emptyTerritory('Démo'), bounds: { west: 6.778824, south: 48.215603, east: 7.061626, north: 48.404254 }, streetLights: [lamp] };
    const twin = createTwinStore({ territory, status: 'ready' });
    const controller = new ImportController(twin, noMemory);
    await controller.openFiles([file('eclairage-lambert93.csv')]);
    let state = controller.store.getState();
    expect(state.stage).toBe('mapping');
    expect(state.layer).toBe('streetLights');
    expect(state.crs).toBe('EPSG:2154');
    expect(state.preview?.features).toHaveLength(9);
    expect(twin.getState().importPreview?.points).toHaveLength(9);

    const summary = await controller.confirm();
    expect(summary).toMatchObject({ imported: 9, rejected: 3, added: 9, updated: 0 });
    expect(twin.getState().territory?.streetLights).toHaveLength(10);
    expect(twin.getState().importPreview).toBeNull();
    state = controller.store.getState();
    expect(state.stage).toBe('result');
    expect(state.undoLabels).toEqual(['eclairage-lambert93.csv']);
    expect(state.defaultsByLayer.streetLights?.some((use) => use.field === 'powerWatts')).toBe(true);

    await controller.undo();
    expect(twin.getState().territory).toBe(territory);
    expect(controller.store.getState().undoLabels).toEqual([]);
  });

  it('guesses the layer from the file name and columns', async () => {
    const { readInputs } = await import('../../io/import');
    const tables = readInputs(['points-collecte.zip', 'troncons.geojson', 'eclairage-lambert93.csv'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/import/${name}`)) })));
    expect(tables.map(guessLayer)).toEqual(['collectionPoints', 'roads', 'streetLights']);
  });
});
