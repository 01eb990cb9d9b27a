// Copies CesiumJS's static assets (web workers, textures, widgets CSS) into public/cesium/, so the
// app serves them from its own origin: nothing is fetched from another host.
import { cpSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cesiumRoot = dirname(require.resolve('cesium/package.json'));
const source = join(cesiumRoot, 'Build', 'Cesium');
const target = new URL('../public/cesium/', import.meta.url).pathname;
const version = JSON.parse(readFileSync(join(cesiumRoot, 'package.json'), 'utf8')).version;
const stamp = join(target, '.version');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) {
  console.log(JSON.stringify({ copyCesium: 'up-to-date', version }));
} else {
  mkdirSync(target, { recursive: true });
  for (const folder of ['Workers', 'Assets', 'ThirdParty', 'Widgets']) cpSync(join(source, folder), join(target, folder), { recursive: true });
  writeFileSync(stamp, version);
  console.log(JSON.stringify({ copyCesium: 'copied', version }));
}
