/**
 * Territories for the live tests and the ingest benchmark, written next to the build: the demo's
 * files (by relative path), not fictitious (so no simulated feed and no generated history: the
 * series store holds only what the live sources bring), with the live services given.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeLiveTerritory(folder: string, services: unknown[], demo = join('dist', 'demo')): { sensors: Array<{ id: string; kind: string; samplesPerDay: number }> } {
  mkdirSync(folder, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as Record<string, unknown> & { layers: Record<string, string> };
  const up = join(folder).split('/').filter(Boolean).slice(1).map(() => '..').join('/');
  for (const [key, file] of Object.entries(manifest.layers)) manifest.layers[key] = `${up}/demo/${file}`;
  const terrain = manifest.terrain as { heightmap: { file: string } };
  terrain.heightmap.file = `${up}/demo/${terrain.heightmap.file}`;
  const imagery = manifest.imagery as { landCover: { file: string } };
  imagery.landCover.file = `${up}/demo/${imagery.landCover.file}`;
  manifest.fictitious = false;
  manifest.services = services;
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const sensors = JSON.parse(readFileSync(join(demo, manifest.layers.sensors.replace(`${up}/demo/`, '')), 'utf8')) as { features: Array<{ properties: { id: string; kind: string; samplesPerDay: number } }> };
  return { sensors: sensors.features.map((feature) => feature.properties) };
}
