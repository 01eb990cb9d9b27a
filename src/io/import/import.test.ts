/**
 * Each importer with its fixture in (tests/fixtures/import, written by make.ts) and what must come
 * out: columns, encodings, delimiters, coordinate systems, positions checked against proj4 to the
 * centimetre, problems naming file, line and field, merges that lose nothing.
 */
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../domain/geometry/geo';
import type { Building, CollectionPoint, Road, StreetLight, Territory } from '../../domain/territory';
import { emptyTerritory } from '../territoryLoader';
import { encodingFromCpg, encodingFromLdid, decodeDetected } from './text';
import { crsFromPrj, detectCrs } from './crsDetect';
import { parseNumber } from './csv';
import { applyOverrides, proposeMapping, rememberMapping, type MappingMemory } from './mapping';
import { convert, mergeIntoTerritory, propose, readInputs, type InputFile } from './index';
import { PRJ_LAMBERT93, encodeWindows1252, writeDbf, writeShp } from '../../../tests/fixtures/import/shapefileWriter';

const FIXTURES = 'tests/fixtures/import';
const fixture = (name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}/${name}`)) });
/** The demo's bounds (manifest of the generated demo). */
const DEMO_BOUNDS = { west: 6.778824, south: 48.215603, east: 7.061626, north: 48.404254 };
const LAMBERT93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const expectedFromLambert = (x: number, y: number) => proj4(LAMBERT93, 'WGS84', [x, y]) as [number, number];

function territory(): Territory {
  return { ...emptyTerritory('Test'), bounds: DEMO_BOUNDS };
}

describe('CSV: Lambert-93, decimal commas, Windows-1252 (eclairage-lambert93.csv)', () => {
  const [table] = readInputs([fixture('eclairage-lambert93.csv')]);

  it('detects the encoding, the delimiter and the decimal comma, and keeps the accents', () => {
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe('windows-1252');
    expect(table.encodingSource).toBe('fallback');
    expect(table.delimiter).toBe(';');
    expect(table.decimalComma).toBe(true);
    expect(table.columns).toEqual(['N° point', 'Type de lampe', 'Puissance (W)', 'Hauteur (m)', 'Armoire', 'Rue', 'X', 'Y']);
    expect(table.records[2].properties.Rue).toBe('Allée des Pêcheurs');
    expect(table.records).toHaveLength(12);
    expect(table.records[0].line).toBe(2);
  });

  it('proposes the mapping from the French headers and finds Lambert-93 from the values', () => {
    const { mapping, crs } = propose(table, 'streetLights', DEMO_BOUNDS);
    expect(mapping).toEqual({ id: 'N° point', technology: 'Type de lampe', powerWatts: 'Puissance (W)', mountingHeightMetres: 'Hauteur (m)', cabinetId: 'Armoire', x: 'X', y: 'Y' });
    expect(crs.crs).toBe('EPSG:2154');
    expect(crs.inside).toBeGreaterThan(0.8);
  });

  it('imports nine lamps at the positions proj4 gives, to the centimetre, and rejects three lines', () => {
    const { mapping } = propose(table, 'streetLights', DEMO_BOUNDS);
    const result = convert(table, 'streetLights', mapping, 'EPSG:2154', DEMO_BOUNDS);
    expect(result.features.map((item) => item.feature.id)).toEqual(['PL-001', 'PL-002', 'PL-003', 'PL-004', 'PL-005', 'PL-009', 'PL-010', 'PL-011', 'PL-012']);
    expect(result.rejected).toBe(3);
    for (const item of result.features) {
      const record = table.records.find((candidate) => candidate.line === item.line)!;
      const x = Number(String(record.properties.X).replace(',', '.'));
      const y = Number(String(record.properties.Y).replace(',', '.'));
      const lamp = item.feature as StreetLight;
      expect(distanceMetres(lamp.position, expectedFromLambert(x, y)), `line ${item.line}`).toBeLessThan(0.01);
    }
    const lamp = (id: string) => result.features.find((item) => item.feature.id === id)!.feature as StreetLight;
    expect(lamp('PL-001')).toMatchObject({ technology: 'sodium', powerWatts: 100, mountingHeightMetres: 7.5, cabinetId: 'A01-07' });
    expect(lamp('PL-004').technology).toBe('mercury');
    expect(lamp('PL-010')).toMatchObject({ technology: 'led', powerWatts: 35, mountingHeightMetres: 5.5 });
    // Missing power and height: labelled defaults (LED: 45 W, DOMAIN.md).
    expect(lamp('PL-003')).toMatchObject({ technology: 'led', powerWatts: 45, mountingHeightMetres: 8, colourTemperatureKelvin: 3000 });
    expect(result.features.find((item) => item.feature.id === 'PL-003')!.defaulted).toEqual(expect.arrayContaining(['powerWatts', 'mountingHeightMetres']));
    expect(result.defaults.find((use) => use.field === 'powerWatts' && use.value === 45)?.source).toMatch(/DOMAIN\.md/);
  });

  it('names file, line and field for each problem', () => {
    const { mapping } = propose(table, 'streetLights', DEMO_BOUNDS);
    const result = convert(table, 'streetLights', mapping, 'EPSG:2154', DEMO_BOUNDS);
    const summary = result.problems.map(({ file, line, field, code, severity }) => ({ file, line, field, code, severity }));
    expect(summary).toEqual([
      { file: 'eclairage-lambert93.csv', line: 6, field: 'Puissance (W)', code: 'bad-value', severity: 'warning' },
      { file: 'eclairage-lambert93.csv', line: 7, field: 'X', code: 'no-position', severity: 'error' },
      { file: 'eclairage-lambert93.csv', line: 8, field: 'X', code: 'bad-value', severity: 'error' },
      { file: 'eclairage-lambert93.csv', line: 9, field: 'geometry', code: 'outside-territory', severity: 'error' },
      { file: 'eclairage-lambert93.csv', line: 10, field: 'Type de lampe', code: 'unknown-value', severity: 'warning' },
    ]);
    expect(result.problems[0].detail).toBe('cent');
  });

  it('reads decimal commas and thousands the French way', () => {
    expect(parseNumber('7,5', true)).toBe(7.5);
    expect(parseNumber('6 805 247,39', true)).toBe(6805247.39);
    expect(parseNumber('1.234,5', true)).toBe(1234.5);
    expect(parseNumber('1,234.5', false)).toBe(1234.5);
    expect(parseNumber('abc', true)).toBeNaN();
    expect(parseNumber('', true)).toBeNaN();
  });
});

describe('CSV: a sparse inventory (lampadaires-epars.csv)', () => {
  it('imports positions and luminaire types, says what is missing and uses labelled defaults', () => {
    const [table] = readInputs([fixture('lampadaires-epars.csv')]);
    expect(table.encoding).toBe('utf-8');
    expect(table.delimiter).toBe(',');
    expect(table.decimalComma).toBe(false);
    const { mapping, crs } = propose(table, 'streetLights', DEMO_BOUNDS);
    expect(mapping).toEqual({ technology: 'type_lampe', x: 'longitude', y: 'latitude' });
    expect(crs.crs).toBe('EPSG:4326');
    const result = convert(table, 'streetLights', mapping, 'EPSG:4326', DEMO_BOUNDS);
    expect(result.features).toHaveLength(6);
    expect(result.rejected).toBe(0);
    expect(result.missing).toMatchObject({ powerWatts: 6, mountingHeightMetres: 6, cabinetId: 6, colourTemperatureKelvin: 6 });
    expect(result.features.map((item) => (item.feature as StreetLight).powerWatts)).toEqual([45, 100, 45, 100, 45, 100]);
    expect(result.features[0].feature.id).toBe('lampadaires_epars-2');
  });
});

describe('Shapefile, zipped, with a .cpg (points-collecte.zip)', () => {
  const [table] = readInputs([fixture('points-collecte.zip')]);

  it('decodes the .dbf as the .cpg says (UTF-8) although the header says Windows-1252, and reads the .prj', () => {
    expect(table.format).toBe('shapefile');
    expect(table.encoding).toBe('utf-8');
    expect(table.encodingSource).toBe('cpg');
    expect(table.declaredCrs).toBe('EPSG:2154');
    expect(table.records.map((record) => record.properties.NOM)).toEqual(['Place de l’Église', 'Salle des fêtes', 'Rue Émile Zola']);
  });

  it('maps FLUX, VOLUME, JOUR and imports the three points', () => {
    const { mapping, crs } = propose(table, 'collectionPoints', DEMO_BOUNDS);
    expect(mapping).toMatchObject({ id: 'ID', stream: 'FLUX', volumeLitres: 'VOLUME', collectionWeekday: 'JOUR', name: 'NOM' });
    expect(crs.crs).toBe('EPSG:2154');
    const result = convert(table, 'collectionPoints', mapping, 'EPSG:2154', DEMO_BOUNDS);
    expect(result.problems).toEqual([]);
    const points = result.features.map((item) => item.feature as CollectionPoint);
    expect(points.map((point) => [point.id, point.stream, point.container, point.volumeLitres, point.collectionWeekday])).toEqual([
      ['PAV-01', 'glass', 'bin', 4000, 2],
      ['PAV-02', 'recyclables', 'bin', 3000, 3],
      ['BAC-03', 'residual', 'bin', 660, 1],
    ]);
    const geometry = table.records[0].geometry as { type: 'Point'; coordinates: [number, number] };
    expect(distanceMetres(points[0].position, expectedFromLambert(...geometry.coordinates))).toBeLessThan(0.01);
  });
});

describe('Shapefile, loose files, BD TOPO outlines (batiment.shp/.dbf/.shx/.prj)', () => {
  it('decodes Windows-1252 when neither a .cpg nor the header says, and turns outlines into footprints', () => {
    const files = ['batiment.shp', 'batiment.dbf', 'batiment.shx', 'batiment.prj'].map(fixture);
    const [table] = readInputs(files);
    expect(table.file).toBe('batiment.shp');
    expect(table.encoding).toBe('windows-1252');
    expect(table.encodingSource).toBe('default');
    expect(table.records.map((record) => record.properties.USAGE_1)).toEqual(['Résidentiel', 'Religieux']);
    const { mapping } = propose(table, 'buildings', DEMO_BOUNDS);
    expect(mapping).toMatchObject({ id: 'CLEABS', usage: 'USAGE_1', heightMetres: 'HAUTEUR' });
    const result = convert(table, 'buildings', mapping, 'EPSG:2154', DEMO_BOUNDS);
    const [house, church] = result.features.map((item) => item.feature as Building);
    expect(house).toMatchObject({ id: 'BATIMENT0000000012345678', usage: 'residential', heightMetres: 8.5 });
    expect(church.usage).toBe('religious');
    // A 20 × 10 m rectangle and a 12 × 30 m one (sides in either order).
    expect([house.widthMetres, house.depthMetres].sort((a, b) => a - b)).toEqual([expect.closeTo(10, 0), expect.closeTo(20, 0)]);
    expect([church.widthMetres, church.depthMetres].sort((a, b) => a - b)).toEqual([expect.closeTo(12, 0), expect.closeTo(30, 0)]);
  });

  it('reads the language driver byte when there is no .cpg', () => {
    const shape = writeShp([{ type: 'point', x: 990000, y: 6805000 }]);
    const dbf = writeDbf([{ name: 'NOM', type: 'C', length: 20 }], [['Préau']], encodeWindows1252, 0x57);
    const [table] = readInputs([
      { name: 'a.shp', bytes: shape.shp },
      { name: 'a.shx', bytes: shape.shx },
      { name: 'a.dbf', bytes: dbf },
    ]);
    expect(table.encodingSource).toBe('ldid');
    expect(table.records[0].properties.NOM).toBe('Préau');
    expect(encodingFromLdid(0x57)).toBe('windows-1252');
    expect(encodingFromLdid(0)).toBeNull();
    expect(encodingFromCpg('UTF-8')).toBe('utf-8');
    expect(encodingFromCpg('1252')).toBe('windows-1252');
    expect(encodingFromCpg('ANSI 1252')).toBe('windows-1252');
  });

  it('says which part is missing', () => {
    const [table] = readInputs([fixture('batiment.dbf')]);
    expect(table.problems).toEqual([{ file: 'batiment.shp', line: null, field: null, code: 'missing-part', detail: '.shp', severity: 'error' }]);
  });
});

describe('GeoJSON, BD TOPO road sections (troncons.geojson)', () => {
  it('maps importance, direction and speed, reverses a one-way "Sens inverse", rejects the broken line', () => {
    const [table] = readInputs([fixture('troncons.geojson')]);
    expect(table.problems).toEqual([{ file: 'troncons.geojson', line: 3, field: 'geometry', code: 'bad-geometry', detail: expect.any(String), severity: 'error' }]);
    const { mapping, crs } = propose(table, 'roads', DEMO_BOUNDS);
    expect(crs.crs).toBe('EPSG:4326');
    expect(mapping).toMatchObject({ id: 'cleabs', roadClass: 'importance', speedKmh: 'vitesse_moyenne_vl', oneway: 'sens_de_circulation', name: 'nom_1_gauche' });
    const result = convert(table, 'roads', mapping, 'EPSG:4326', DEMO_BOUNDS);
    const [street, oneway] = result.features.map((item) => item.feature as Road);
    expect(street).toMatchObject({ id: 'TRONROUT0000000001', roadClass: 'residential', oneway: false, speedKmh: 30, name: 'Rue de l’Église' });
    expect(oneway).toMatchObject({ roadClass: 'tertiary', oneway: true, speedKmh: 40 });
    const source = (JSON.parse(readFileSync(`${FIXTURES}/troncons.geojson`, 'utf8')) as { features: Array<{ geometry: { coordinates: number[][][] } }> }).features[1].geometry.coordinates[0];
    expect(distanceMetres(oneway.coordinates[0], source[source.length - 1] as [number, number])).toBeLessThan(0.01);
    expect(distanceMetres(oneway.coordinates[oneway.coordinates.length - 1], source[0] as [number, number])).toBeLessThan(0.01);
  });
});

describe('broken files', () => {
  it('a truncated GeoJSON and a zip that is not one: a clear problem each, nothing imported', () => {
    const tables = readInputs([fixture('casse.geojson'), fixture('casse.zip'), { name: 'notes.docx', bytes: new Uint8Array([1, 2]) }]);
    expect(tables.map((table) => table.records.length)).toEqual([0, 0, 0]);
    expect(tables.map((table) => [table.file, table.problems[0].code, table.problems[0].severity])).toEqual([
      ['casse.geojson', 'unreadable', 'error'],
      ['casse.zip', 'unreadable', 'error'],
      ['notes.docx', 'unsupported-file', 'error'],
    ]);
    expect(tables[0].problems[0].detail).toMatch(/JSON/);
  });
});

describe('coordinate systems', () => {
  it('reads .prj names and parameters', () => {
    expect(crsFromPrj(PRJ_LAMBERT93)).toBe('EPSG:2154');
    expect(crsFromPrj('PROJCS["RGF93_CC48",GEOGCS["GCS_RGF_1993"],PROJECTION["Lambert_Conformal_Conic"]]')).toBe('EPSG:3948');
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')).toBe('EPSG:4326');
    expect(crsFromPrj('PROJCS["RGR92_UTM_zone_40S",GEOGCS["GCS_RGR_1992"]]')).toBe('EPSG:2975');
    expect(crsFromPrj('PROJCS["Unknown",PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",1700000.0],PARAMETER["False_Northing",7200000.0]]')).toBe('EPSG:3948');
    expect(crsFromPrj('PROJCS["NTF_Lambert_II_etendu"]')).toBeNull();
  });

  it('tells CC48 from Lambert-93 and WGS84 by where the values land', () => {
    const cc48: Array<[number, number]> = [[proj4(LAMBERT93, '+proj=lcc +lat_0=48 +lon_0=3 +lat_1=47.25 +lat_2=48.75 +x_0=1700000 +y_0=7200000 +ellps=GRS80 +units=m', [990000, 6805000]) as unknown as [number, number]][0]];
    expect(detectCrs(cc48, DEMO_BOUNDS).crs).toBe('EPSG:3948');
    expect(detectCrs([[990000, 6805000]], DEMO_BOUNDS).crs).toBe('EPSG:2154');
    expect(detectCrs([[6.9, 48.3]], DEMO_BOUNDS).crs).toBe('EPSG:4326');
    expect(detectCrs([[-61.53, 16.24]], { west: -61.6, south: 16.2, east: -61.5, north: 16.3 }).crs).toBe('EPSG:4326');
  });
});

describe('mapping memory', () => {
  it('remembers a choice for the same header next time, and --map overrides', () => {
    const store = new Map<string, Record<string, string>>();
    const memory: MappingMemory = { load: (layer) => store.get(layer) ?? {}, save: (layer, value) => store.set(layer, value) };
    const table = { columns: ['Lampe', 'Watt', 'Code départ', 'lon', 'lat'], records: [] };
    const first = proposeMapping('streetLights', table, memory);
    expect(first.cabinetId).toBeUndefined();
    rememberMapping('streetLights', table.columns, { ...first, cabinetId: 'Code départ' }, memory);
    expect(proposeMapping('streetLights', { columns: ['code_depart', 'LAMPE'], records: [] }, memory)).toEqual({ cabinetId: 'code_depart', technology: 'LAMPE' });
    expect(applyOverrides({ technology: 'Lampe', powerWatts: 'Watt' }, [['Watt', 'mountingHeightMetres'], ['Lampe', '-']])).toEqual({ mountingHeightMetres: 'Watt' });
  });

  it('between two headers that read the same, proposes the one filled in more records (found by npm run fuzz)', () => {
    const record = (line: number, properties: Record<string, string>) => ({ line, geometry: null, properties });
    // One damaged feature first, with `id_`; the valid ones have `id`.
    const table = { columns: ['id_', 'Puissance', 'id'], records: [record(1, { id_: 'bad', Puissance: '37' }), record(2, { id: 'L1', Puissance: '70' }), record(3, { id: 'L2', Puissance: '70' })] };
    expect(proposeMapping('streetLights', table).id).toBe('id');
  });
});

describe('merge into the territory', () => {
  const lamp = (id: string, position: [number, number], extra: Partial<StreetLight> = {}): StreetLight => ({
    id,
    position,
    technology: 'sodium',
    powerWatts: 150,
    colourTemperatureKelvin: 2000,
    mountingHeightMetres: 9,
    cabinetId: 'A1',
    zoneId: 'Z1',
    communeId: 'C1',
    usage: 'road',
    ...extra,
  });

  it('completes by id and by nearest point, keeps what the file does not say, adds the rest, loses nothing', () => {
    const before = { ...territory(), streetLights: [lamp('L1', [6.9, 48.3]), lamp('L2', [6.91, 48.3]), lamp('L3', [6.92, 48.3])] };
    const snapshot = structuredClone(before);
    const conversion = {
      layer: 'streetLights' as const,
      file: 'f.csv',
      crs: 'EPSG:4326' as const,
      rejected: 0,
      problems: [],
      missing: {},
      defaults: [],
      features: [
        { line: 2, feature: lamp('L1', [6.9, 48.3], { technology: 'led', powerWatts: 45 }), given: ['position', 'id', 'technology', 'powerWatts'], defaulted: [] },
        // 3 m from L2, another id: matched by distance, keeps L2's id and cabinet.
        { line: 3, feature: lamp('X9', [6.91004, 48.3], { technology: 'led', powerWatts: 35, cabinetId: 'sans-armoire' }), given: ['position', 'id', 'technology', 'powerWatts'], defaulted: ['cabinetId'] },
        { line: 4, feature: lamp('L3', [6.95, 48.31], { powerWatts: 70 }), given: ['position', 'id', 'powerWatts'], defaulted: [] },
        { line: 5, feature: lamp('NEW', [6.93, 48.3]), given: ['position', 'id'], defaulted: [] },
      ],
    };
    const { territory: after, result } = mergeIntoTerritory(before, 'streetLights', conversion, { mode: 'complete', matchDistanceMetres: 5 });
    expect(before).toEqual(snapshot);
    expect(result).toMatchObject({ added: 1, updated: 3, removed: 0, matchedIds: { X9: 'L2' } });
    expect(after.streetLights.map((l) => [l.id, l.technology, l.powerWatts, l.cabinetId, l.mountingHeightMetres])).toEqual([
      ['L1', 'led', 45, 'A1', 9],
      ['L2', 'led', 35, 'A1', 9],
      ['L3', 'sodium', 70, 'A1', 9],
      ['NEW', 'sodium', 150, 'A1', 9],
    ]);
    expect(after.streetLights[2].position).toEqual([6.95, 48.31]);
    const replaced = mergeIntoTerritory(before, 'streetLights', { ...conversion, features: conversion.features.slice(0, 1) }, { mode: 'replace', matchDistanceMetres: 0 });
    expect(replaced.territory.streetLights.map((l) => l.id)).toEqual(['L1']);
    expect(replaced.result.removed).toBe(2);
  });
});
