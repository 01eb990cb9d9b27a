/**
 * Start-up order: what the first view does not show waits until it is drawn, so that it does not
 * compete with the terrain, imagery and layers for the CPU (a kiosk restarts after every power cut;
 * a council session starts when the projector is switched on).
 */
let drawn: Promise<void> | null = null;

/** Resolves once `data-twin-ready` is set on <html> (or after `fallbackMs`, or at once without a DOM). */
export function firstViewDrawn(fallbackMs = 30_000): Promise<void> {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return Promise.resolve();
  if (document.documentElement.dataset.twinReady === 'true') return Promise.resolve();
  drawn ??= new Promise<void>((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      drawn = null;
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (document.documentElement.dataset.twinReady === 'true') done();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-twin-ready'] });
    const timer = setTimeout(done, fallbackMs);
  });
  return drawn;
}
