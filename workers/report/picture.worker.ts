/// <reference lib="webworker" />
/** The report's picture worker (see api.ts). */
import { transfer } from 'comlink';
import { exposeMessages } from '../messages';
import type { PictureMessages } from './api';

exposeMessages<PictureMessages>({
  async jpeg(view, overlay, width, quality) {
    try {
      const scale = Math.min(1, width / view.width);
      const w = Math.max(1, Math.round(view.width * scale));
      const h = Math.max(1, Math.round(view.height * scale));
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('report picture: no 2D context in the worker');
      context.imageSmoothingQuality = 'high';
      context.drawImage(view, 0, 0, w, h);
      if (overlay) context.drawImage(overlay, 0, 0, w, h);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.type !== 'image/jpeg') throw new Error(`report picture: the browser encoded ${blob.type || 'nothing'} instead of JPEG`);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return transfer(bytes, [bytes.buffer]);
    } finally {
      view.close();
      overlay?.close();
    }
  },
});
