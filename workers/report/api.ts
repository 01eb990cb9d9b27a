/**
 * The report's picture worker, used by both sides (picture.worker.ts exposes it, report.ts wraps
 * it): it puts a slide's legend over its 3D view, scales the picture to the width printed and
 * encodes it as JPEG, off the main thread. Pictures cross as ImageBitmaps (transferred), the JPEG
 * comes back as bytes (transferred).
 */
import type { Remote } from 'comlink';
import { wrapMessages, type Handlers } from '../messages';

export type PictureMessages = {
  /**
   * `view` drawn first, then `overlay` (the legend, same size as `view`, transparent elsewhere)
   * over it, both scaled to `width` pixels across; JPEG at `quality` (0–1).
   */
  jpeg: { params: [view: ImageBitmap, overlay: ImageBitmap | null, width: number, quality: number]; result: { bytes: Uint8Array; readBackMs: number; encodeMs: number } };
};

export type PictureWorkerApi = Handlers<PictureMessages>;

export function createPictureWorker(): { api: Remote<PictureWorkerApi>; terminate: () => void } {
  return wrapMessages<PictureMessages>(new Worker(new URL('./picture.worker.ts', import.meta.url), { type: 'module', name: 'report pictures' }));
}
