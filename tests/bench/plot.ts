/**
 * A small line-chart writer on pngjs for benchmark curves: one panel per series, axes with min and
 * max labels, drawn with a 3×5 pixel font (digits, capitals and a few signs) scaled up.
 */
import { PNG } from 'pngjs';

const FONT: Record<string, string> = {
  '0': '111101101101111', '1': '010110010010111', '2': '111001111100111', '3': '111001111001111', '4': '101101111001001',
  '5': '111100111001111', '6': '111100111101111', '7': '111001010010010', '8': '111101111101111', '9': '111101111001111',
  '.': '000000000000010', '-': '000000111000000', '%': '101001010100101', ' ': '000000000000000', '/': '001001010100100',
  ':': '000010000010000', '(': '010100100100010', ')': '010001001001010', '+': '000010111010000',
  A: '010101111101101', B: '110101110101110', C: '011100100100011', D: '110101101101110', E: '111100110100111',
  F: '111100110100100', G: '011100101101011', H: '101101111101101', I: '111010010010111', J: '001001001101010',
  K: '101101110101101', L: '100100100100111', M: '101111111101101', N: '110101101101101', O: '010101101101010',
  P: '110101110100100', Q: '010101101110011', R: '110101110101101', S: '011100010001110', T: '111010010010010',
  U: '101101101101111', V: '101101101101010', W: '101101111111101', X: '101101010101101', Y: '101101010010010',
  Z: '111001010100111',
};

type Rgb = [number, number, number];

class Canvas {
  readonly png: PNG;
  constructor(readonly width: number, readonly height: number, background: Rgb) {
    this.png = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) this.png.data.set([...background, 255], i * 4);
  }
  pixel(x: number, y: number, [r, g, b]: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.png.data.set([r, g, b, 255], (y * this.width + x) * 4);
  }
  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.pixel(x + i, y + j, colour);
  }
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb, thickness = 2): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - thickness / 2, y - thickness / 2, thickness, thickness, colour);
    }
  }
  text(x: number, y: number, text: string, colour: Rgb, scale = 2): void {
    let cursor = x;
    for (const char of text.toUpperCase()) {
      const glyph = FONT[char] ?? FONT[' '];
      for (let row = 0; row < 5; row++) for (let col = 0; col < 3; col++) if (glyph[row * 3 + col] === '1') this.rect(cursor + col * scale, y + row * scale, scale, scale, colour);
      cursor += 4 * scale;
    }
  }
}

export interface PlotSeries {
  title: string;
  values: number[];
  colour: Rgb;
}

const format = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2));

/** Panels stacked vertically, sharing the x axis (`xLabel`, values `xs`). */
export function plotPanels(xs: number[], xLabel: string, series: PlotSeries[], title: string): Buffer {
  const width = 1000;
  const panelHeight = 200;
  const top = 50;
  const canvas = new Canvas(width, top + series.length * panelHeight + 40, [250, 250, 248]);
  canvas.text(20, 16, title, [23, 35, 43], 3);
  const left = 90;
  const right = width - 30;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  series.forEach((entry, index) => {
    const y0 = top + index * panelHeight + 30;
    const y1 = y0 + panelHeight - 60;
    let min = Math.min(...entry.values);
    let max = Math.max(...entry.values);
    if (max - min < 1e-9) {
      min -= 1;
      max += 1;
    }
    const pad = (max - min) * 0.08;
    min -= pad;
    max += pad;
    canvas.text(left, y0 - 22, entry.title, entry.colour, 2);
    canvas.line(left, y0, left, y1, [120, 120, 120], 1);
    canvas.line(left, y1, right, y1, [120, 120, 120], 1);
    for (let g = 0; g <= 4; g++) {
      const y = y1 - ((y1 - y0) * g) / 4;
      for (let x = left; x < right; x += 6) canvas.pixel(x, y, [215, 215, 215]);
    }
    canvas.text(8, y0, format(max), [70, 70, 70], 2);
    canvas.text(8, y1 - 10, format(min), [70, 70, 70], 2);
    const px = (x: number) => left + ((x - xMin) / (xMax - xMin)) * (right - left);
    const py = (v: number) => y1 - ((v - min) / (max - min)) * (y1 - y0);
    for (let i = 1; i < xs.length; i++) canvas.line(px(xs[i - 1]), py(entry.values[i - 1]), px(xs[i]), py(entry.values[i]), entry.colour, 2);
    for (let i = 0; i < xs.length; i++) canvas.rect(px(xs[i]) - 2, py(entry.values[i]) - 2, 5, 5, entry.colour);
  });
  const bottom = top + series.length * panelHeight + 5;
  canvas.text(left, bottom, `${format(xMin)}`, [70, 70, 70], 2);
  canvas.text(right - 60, bottom, `${format(xMax)}`, [70, 70, 70], 2);
  canvas.text(width / 2 - 40, bottom, xLabel, [70, 70, 70], 2);
  return PNG.sync.write(canvas.png);
}
