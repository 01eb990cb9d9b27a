/**
 * Writes the JPEG tiles the fake WMTS serves for the aerial photo (fixtures/photo-N.jpg): fields,
 * meadows, a wood and a village texture drawn on a canvas in Chromium and encoded as JPEG, the
 * format the real service answers with. Run once; the files are committed.
 *   npx tsx tests/fake-services/make-photo-tiles.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../browser/harness';

const browser = await launchBrowser();
const page = await browser.newPage();
const tiles = (await page.evaluate(`(() => {
  const out = [];
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const palettes = [
    ['#8a9a5b', '#a3a86b', '#c2b77c', '#6f8a4a'],
    ['#7c9450', '#b0a46a', '#9aa860', '#d2c38e'],
    ['#4f6b3a', '#3f5a30', '#5c7842', '#6b8450'],
    ['#9c9484', '#b5ab98', '#8d8a7a', '#7f8f5a'],
  ];
  for (let variant = 0; variant < 8; variant++) {
    const canvas = document.createElement('canvas');
    canvas.width = 256;
    canvas.height = 256;
    const c = canvas.getContext('2d');
    const palette = palettes[variant % palettes.length];
    c.fillStyle = palette[0];
    c.fillRect(0, 0, 256, 256);
    // Parcels.
    for (let i = 0; i < 9; i++) {
      c.fillStyle = palette[Math.floor(random() * palette.length)];
      c.save();
      c.translate(random() * 256, random() * 256);
      c.rotate(random() * 0.6 - 0.3);
      c.fillRect(-60, -40, 60 + random() * 120, 40 + random() * 80);
      c.restore();
    }
    // Texture: furrows and speckles.
    for (let i = 0; i < 1800; i++) {
      const shade = Math.floor(random() * 40) - 20;
      const v = shade > 0 ? 255 : 0; c.fillStyle = 'rgba(' + v + ',' + v + ',' + (v ? 240 : 0) + ',' + Math.abs(shade) / 200 + ')';
      c.fillRect(random() * 256, random() * 256, 2, 2);
    }
    if (variant % 4 === 3) {
      // Roofs of a village.
      for (let i = 0; i < 40; i++) {
        c.fillStyle = random() < 0.6 ? '#a0523e' : '#6c6a6e';
        c.fillRect(random() * 240, random() * 240, 8 + random() * 12, 6 + random() * 10);
      }
    }
    out.push(canvas.toDataURL('image/jpeg', 0.72));
  }
  return out;
})()`)) as string[];
tiles.forEach((url, i) => writeFileSync(join(import.meta.dirname, 'fixtures', `photo-${i}.jpg`), Buffer.from(url.split(',')[1], 'base64')));
await browser.close();
console.log(JSON.stringify({ photoTiles: tiles.length }));
