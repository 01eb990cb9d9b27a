/** Calls back once the globe has drawn its first scene (`data-twin-ready` on <html>). */
export function whenTwinReady(callback: () => void): void {
  const root = document.documentElement;
  if (root.dataset.twinReady === 'true') return callback();
  const observer = new MutationObserver(() => {
    if (root.dataset.twinReady === 'true') {
      observer.disconnect();
      callback();
    }
  });
  observer.observe(root, { attributes: true, attributeFilter: ['data-twin-ready'] });
}
