/**
 * A bare Cesium viewer with the twin's terrain and imagery and nothing else: the yardstick of
 * `npm run bench:load`. Same widget settings and home view as the twin; sets data-twin-ready once
 * the first view is fully drawn. `?territory=` as in the app, `?msaa=` too.
 */
import '../domain/zodConfig';
import '../globe/cesiumBase';
import './bare.css';
import { fetchSource } from '../app/bootstrap';
import { readParams } from '../app/params';
import { addGround, createWidget, flyHome } from '../globe/base';
import { Ground } from '../globe/layers';
import { loadTerritory } from '../io/territoryLoader';

const params = readParams(window.location.search);
const manifestUrl = new URL(params.territory ?? 'demo/manifest.json', document.baseURI);
const directory = new URL('./', manifestUrl);
const loaded = await loadTerritory(manifestUrl.pathname.slice(directory.pathname.length), fetchSource(directory));
performance.mark('vigie:territory-read');
const widget = createWidget(document.getElementById('globe')!, params.msaaSamples);
addGround(widget, loaded.territory, loaded.heightmap, loaded.landCover);
flyHome(widget, loaded.territory, new Ground(loaded.heightmap), 0);
let ready = false;
let frames = 0;
widget.scene.postRender.addEventListener(() => {
  if (frames++ === 0) performance.mark('vigie:first-frame');
  if (ready) return;
  if (widget.scene.globe.tilesLoaded) {
    ready = true;
    performance.mark('vigie:drawn', { detail: frames });
    requestAnimationFrame(() => (document.documentElement.dataset.twinReady = 'true'));
  } else widget.scene.requestRender();
});
widget.scene.requestRender();
