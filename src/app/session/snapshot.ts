/**
 * "PNG of this view": the 3D view as drawn, with the split's sides named, a legend of lamp states,
 * a scale bar, the caption, the time and the data attribution. Loaded on demand.
 */
import type { AppContextValue } from '../context';
import type { SessionContextValue } from './context';
import type { Language } from '../../domain/language';
import { captureCanvas, copyCanvas, metresPerPixel } from '../../globe/camera';
import { LAMP_STATE_COLOURS } from '../../globe/layers';
import { formatDate, translate } from '../i18n';

function niceLength(metres: number): number {
  const power = 10 ** Math.floor(Math.log10(metres));
  for (const step of [5, 2, 1]) if (step * power <= metres) return step * power;
  return power;
}

/** `picture`: the 3D view already drawn (the report's, or one kept from the presentation), copied, not changed. */
export async function snapshotWithLegend(app: AppContextValue, session: SessionContextValue, language: Language, picture?: HTMLCanvasElement): Promise<HTMLCanvasElement> {
  const globe = app.globe.current;
  if (!globe) throw new Error('3D view not ready');
  const view = picture ? copyCanvas(picture, true) : captureCanvas(globe.widget);
  drawLegend(app, session, language, view.getContext('2d', { willReadFrequently: true })!, view.width, view.height);
  return view;
}

/**
 * The legend alone, on a transparent canvas of `width` × `height` pixels (the picture's size): the
 * report lays it over the 3D view in its picture worker, so that the page never reads the view's
 * pixels back.
 */
export function legendOverlay(app: AppContextValue, session: SessionContextValue, language: Language, width: number, height: number): HTMLCanvasElement {
  const overlay = document.createElement('canvas');
  overlay.width = width;
  overlay.height = height;
  drawLegend(app, session, language, overlay.getContext('2d', { willReadFrequently: true })!, width, height);
  return overlay;
}

/** Draws the split's names, the legend, the scale bar, the caption and the attribution over a picture of the view. */
function drawLegend(app: AppContextValue, session: SessionContextValue, language: Language, context: CanvasRenderingContext2D, pixelWidth: number, pixelHeight: number): void {
  const globe = app.globe.current;
  if (!globe) throw new Error('3D view not ready');
  const ratio = pixelWidth / Math.max(1, globe.widget.scene.canvas.clientWidth);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const twin = app.store.getState();
  const comparison = session.comparison.getState();
  context.save();
  context.scale(ratio, ratio);
  const width = pixelWidth / ratio;
  const height = pixelHeight / ratio;
  context.font = '600 15px "DejaVu Sans", sans-serif';
  const box = (x: number, y: number, w: number, h: number) => {
    context.fillStyle = 'rgba(255,255,255,0.92)';
    context.beginPath();
    context.roundRect(x, y, w, h, 8);
    context.fill();
  };
  // The split: a line and each side's name.
  if (comparison.mode !== 'single') {
    const x = comparison.divider * width;
    context.fillStyle = '#ffffff';
    context.fillRect(x - 1.5, 0, 3, height);
    const left = comparison.leftLabel?.[language] ?? t('session.today');
    const right = comparison.rightLabel?.[language] ?? t('session.scenario');
    const lw = context.measureText(left).width + 20;
    box(x - lw - 10, 14, lw, 28);
    box(x + 10, 14, context.measureText(right).width + 20, 28);
    context.fillStyle = '#17232b';
    context.fillText(left, x - lw, 33);
    context.fillText(right, x + 20, 33);
  }
  // Legend of lamp states.
  const legend: Array<[string, string]> = [
    [LAMP_STATE_COLOURS.on, t('session.legendOn')],
    [LAMP_STATE_COLOURS.dimmed, t('session.legendDimmed')],
    [LAMP_STATE_COLOURS.off, t('session.legendOff')],
  ];
  const lamps = twin.visible.streetLights;
  box(14, height - (lamps ? 150 : 84), 220, lamps ? 98 : 32);
  context.fillStyle = '#17232b';
  context.fillText(formatDate(language, new Date(twin.time), { dateStyle: 'medium', timeStyle: 'short' }), 24, height - (lamps ? 128 : 62));
  if (lamps) legend.forEach(([colour, label], i) => {
    context.fillStyle = colour;
    context.beginPath();
    context.arc(32, height - 104 + i * 22, 7, 0, Math.PI * 2);
    context.fill();
    context.strokeStyle = '#283038';
    context.stroke();
    context.fillStyle = '#17232b';
    context.fillText(label, 48, height - 99 + i * 22);
  });
  // Scale bar.
  const perPixel = metresPerPixel(globe.widget);
  if (perPixel) {
    const metres = niceLength(perPixel * 160);
    const pixels = metres / perPixel;
    box(width - pixels - 60, height - 70, pixels + 46, 44);
    context.fillStyle = '#17232b';
    context.fillRect(width - pixels - 37, height - 40, pixels, 5);
    context.fillText(`${t('session.scale')} ${metres >= 1000 ? `${metres / 1000} km` : `${metres} m`}`, width - pixels - 37, height - 48);
  }
  // Caption and attribution.
  if (twin.caption) {
    const text = twin.caption[language];
    const w = Math.min(width - 40, context.measureText(text).width + 24);
    box((width - w) / 2, height - 44, w, 30);
    context.fillStyle = '#17232b';
    context.fillText(text, (width - w) / 2 + 12, height - 24, w - 24);
  }
  context.font = '11px "DejaVu Sans", sans-serif';
  context.fillStyle = 'rgba(255,255,255,0.9)';
  context.fillText(twin.attribution, 14, height - 6, width - 28);
  context.restore();
}
