/**
 * What a public screen must not let anybody do: open the context menu, select or drag text and
 * images, zoom the page itself (pinch, ctrl + wheel, ctrl +/-), or go back and forth in history by
 * keyboard. The globe's own pinch (zoom of the 3D view) keeps working: it is the page's zoom that is
 * stopped. Returns a function that undoes everything.
 */
export function lockDown(root: HTMLElement = document.documentElement): () => void {
  const undo: Array<() => void> = [];
  const on = <K extends keyof WindowEventMap>(name: K, handler: (event: WindowEventMap[K]) => void, options: AddEventListenerOptions = { passive: false, capture: true }) => {
    window.addEventListener(name, handler, options);
    undo.push(() => window.removeEventListener(name, handler, options));
  };
  const prevent = (event: Event) => event.preventDefault();
  on('contextmenu', prevent);
  on('selectstart', prevent);
  on('dragstart', prevent);
  // Safari's and some touch browsers' page pinch.
  on('gesturestart' as keyof WindowEventMap, prevent);
  on('wheel', (event) => {
    if (event.ctrlKey) event.preventDefault();
  });
  on('keydown', (event) => {
    const zoomKey = ['+', '-', '=', '0', '_'].includes(event.key);
    if ((event.ctrlKey || event.metaKey) && (zoomKey || ['p', 's', 'o', 'f', 'u'].includes(event.key.toLowerCase()))) event.preventDefault();
    if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) event.preventDefault();
    if (event.key === 'F5' || event.key === 'F11' || event.key === 'F12') event.preventDefault();
  });
  // Two fingers on anything but the globe would zoom the page: not here.
  on('touchmove', (event) => {
    if (event.touches.length > 1 && !(event.target instanceof HTMLCanvasElement)) event.preventDefault();
  });

  const meta = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  const previousViewport = meta?.content ?? null;
  if (meta) meta.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover';
  root.classList.add('kiosk-locked');
  undo.push(() => {
    root.classList.remove('kiosk-locked');
    if (meta && previousViewport !== null) meta.content = previousViewport;
  });
  return () => {
    for (const step of undo.reverse()) step();
  };
}
