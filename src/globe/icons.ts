/** Map symbols drawn on canvases once and shared by every billboard that shows them. */
import type { FacilityKind, SensorKind, WasteStream } from '../domain/territory';

export const STREAM_COLOURS: Record<WasteStream, string> = { residual: '#4d4f53', recyclables: '#e9b800', glass: '#2f9a52' };
export const SENSOR_COLOURS: Record<SensorKind, string> = {
  'fill-level': '#118a8f',
  'power-meter': '#7a4bc4',
  'air-quality': '#2f6fd0',
  'traffic-counter': '#d9621c',
  parking: '#1f5fa8',
};
export const TECHNOLOGY_COLOURS = { sodium: '#ff9f1c', mercury: '#9ec5ff', led: '#fff3cf' } as const;

const cache = new Map<string, HTMLCanvasElement>();

function canvas(key: string, size: number, draw: (context: CanvasRenderingContext2D, size: number) => void): HTMLCanvasElement {
  const found = cache.get(key);
  if (found) return found;
  const element = document.createElement('canvas');
  element.width = size;
  element.height = size;
  const context = element.getContext('2d')!;
  draw(context, size);
  cache.set(key, element);
  return element;
}

function roundedRect(context: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  context.beginPath();
  context.moveTo(x + r, y);
  context.arcTo(x + w, y, x + w, y + h, r);
  context.arcTo(x + w, y + h, x, y + h, r);
  context.arcTo(x, y + h, x, y, r);
  context.arcTo(x, y, x + w, y, r);
  context.closePath();
}

/** A collection point: a bin or a column in its stream's colour, on a white tile. */
export function collectionIcon(stream: WasteStream, column: boolean): { id: string; image: HTMLCanvasElement } {
  const id = `collection-${stream}-${column ? 'column' : 'bin'}`;
  return {
    id,
    image: canvas(id, 40, (context, size) => {
      context.shadowColor = 'rgba(0,0,0,0.45)';
      context.shadowBlur = 3;
      roundedRect(context, 3, 3, size - 6, size - 6, 8);
      context.fillStyle = '#ffffff';
      context.fill();
      context.shadowBlur = 0;
      context.fillStyle = STREAM_COLOURS[stream];
      if (column) {
        // Drop-off column: a rounded cylinder with an opening.
        roundedRect(context, 12, 8, 16, 24, 5);
        context.fill();
        context.fillStyle = '#ffffff';
        context.fillRect(15, 13, 10, 3);
      } else {
        // Wheeled bin: body, lid and wheels.
        context.fillRect(11, 12, 18, 18);
        context.fillRect(9, 9, 22, 4);
        context.beginPath();
        context.arc(14, 31, 2.5, 0, Math.PI * 2);
        context.arc(26, 31, 2.5, 0, Math.PI * 2);
        context.fill();
      }
    }),
  };
}

const SENSOR_GLYPHS: Record<SensorKind, string> = {
  'fill-level': '%',
  'power-meter': 'kW',
  'air-quality': 'AIR',
  'traffic-counter': '⇄',
  parking: 'P',
};

export function sensorIcon(kind: SensorKind): { id: string; image: HTMLCanvasElement } {
  const id = `sensor-${kind}`;
  return {
    id,
    image: canvas(id, 36, (context, size) => {
      context.shadowColor = 'rgba(0,0,0,0.45)';
      context.shadowBlur = 3;
      context.beginPath();
      context.arc(size / 2, size / 2, size / 2 - 3, 0, Math.PI * 2);
      context.fillStyle = SENSOR_COLOURS[kind];
      context.fill();
      context.shadowBlur = 0;
      context.lineWidth = 2.5;
      context.strokeStyle = '#ffffff';
      context.stroke();
      const glyph = SENSOR_GLYPHS[kind];
      context.fillStyle = '#ffffff';
      context.font = `bold ${glyph.length > 2 ? 9 : glyph.length > 1 ? 11 : 15}px sans-serif`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(glyph, size / 2, size / 2 + 1);
    }),
  };
}

export function facilityIcon(kind: FacilityKind): { id: string; image: HTMLCanvasElement } {
  const id = `facility-${kind}`;
  return {
    id,
    image: canvas(id, 52, (context, size) => {
      context.shadowColor = 'rgba(0,0,0,0.5)';
      context.shadowBlur = 4;
      roundedRect(context, 4, 4, size - 8, size - 8, 10);
      context.fillStyle = kind === 'depot' ? '#1d6f8a' : '#8a4b1d';
      context.fill();
      context.shadowBlur = 0;
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2.5;
      context.stroke();
      // A truck seen from the side.
      context.fillStyle = '#ffffff';
      context.fillRect(12, 18, 18, 13);
      context.fillRect(30, 22, 9, 9);
      context.beginPath();
      context.arc(17, 33, 3.5, 0, Math.PI * 2);
      context.arc(34, 33, 3.5, 0, Math.PI * 2);
      context.fill();
    }),
  };
}

/** A ring drawn around the selected feature. */
export function selectionIcon(): { id: string; image: HTMLCanvasElement } {
  const id = 'selection';
  return {
    id,
    image: canvas(id, 64, (context, size) => {
      context.beginPath();
      context.arc(size / 2, size / 2, size / 2 - 5, 0, Math.PI * 2);
      context.lineWidth = 5;
      context.strokeStyle = 'rgba(255,255,255,0.95)';
      context.stroke();
      context.lineWidth = 2.5;
      context.strokeStyle = '#0c7fa8';
      context.stroke();
    }),
  };
}

/** A sensor drawn white with a dark glyph, to be tinted by its reading's colour (billboard color). */
export function sensorValueIcon(kind: SensorKind): { id: string; image: HTMLCanvasElement } {
  const id = `sensor-value-${kind}`;
  return {
    id,
    image: canvas(id, 36, (context, size) => {
      context.shadowColor = 'rgba(0,0,0,0.5)';
      context.shadowBlur = 3;
      context.beginPath();
      context.arc(size / 2, size / 2, size / 2 - 3, 0, Math.PI * 2);
      context.fillStyle = '#ffffff';
      context.fill();
      context.shadowBlur = 0;
      context.lineWidth = 2.5;
      context.strokeStyle = '#26323a';
      context.stroke();
      const glyph = SENSOR_GLYPHS[kind];
      context.fillStyle = '#1c262d';
      context.font = `bold ${glyph.length > 2 ? 9 : glyph.length > 1 ? 11 : 15}px sans-serif`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(glyph, size / 2, size / 2 + 1);
    }),
  };
}
