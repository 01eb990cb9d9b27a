/**
 * Draws the app's icons (public/icons/*.png, committed) from the brand mark: a teal triangle with a
 * white dot on the dark blue of the app, with 4×4 supersampling. Run again only if the mark changes:
 * `npx tsx scripts/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

function inTriangle(x: number, y: number, [a, b, c]: Array<[number, number]>): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

function draw(size: number, maskable: boolean): PNG {
  const png = new PNG({ width: size, height: size });
  // The mark in a 32-unit box (as in the header's SVG), smaller on a maskable icon's safe zone.
  const scale = (size / 32) * (maskable ? 0.62 : 0.86);
  const offset = (size - 32 * scale) / 2;
  const triangle: Array<[number, number]> = [
    [16, 3],
    [29, 27],
    [3, 27],
  ];
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - offset) / scale;
          const y = (py + (sy + 0.5) / samples - offset) / scale;
          let colour: [number, number, number] = [24, 32, 40];
          if (inTriangle(x, y, triangle)) colour = [29, 111, 138];
          if ((x - 16) ** 2 + (y - 19) ** 2 <= 4.2 ** 2) colour = [255, 255, 255];
          r += colour[0];
          g += colour[1];
          b += colour[2];
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r / n);
      png.data[i + 1] = Math.round(g / n);
      png.data[i + 2] = Math.round(b / n);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

mkdirSync('public/icons', { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, false],
] as const) {
  writeFileSync(`public/icons/${name}`, PNG.sync.write(draw(size, maskable)));
}
console.log('icons written to public/icons/');
