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
      // In main memory: the pixels are read back once, here, and the encoder reads them there.
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('report picture: no 2D context in the worker');
      context.imageSmoothingQuality = 'high';
      const started = performance.now();
      context.drawImage(view, 0, 0, w, h);
      if (overlay) context.drawImage(overlay, 0, 0, w, h);
      context.getImageData(0, 0, 1, 1); // the drawing done (the view read back from the GPU), timed apart from the encoding
      const drawn = performance.now();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.type !== 'image/jpeg') throw new Error(`report picture: the browser encoded ${blob.type || 'nothing'} instead of JPEG`);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return transfer({ bytes, readBackMs: drawn - started, encodeMs: performance.now() - drawn }, [bytes.buffer]);
    } finally {
      view.close();
      overlay?.close();
    }
  },
});
