/**
 * The kiosk never shows a browser error page: an uncaught error or rejected promise brings it back
 * to its start state with a calm message; so does a main thread that stopped answering for a while
 * (the watchdog notices the stall once it runs again) and a 3D view that had to be rebuilt (lost
 * WebGL context, render error: see GlobeView). When errors keep coming (more than five in ten
 * minutes) the page reloads — from the service worker's cache, so it works offline too.
 */
import { onUncaughtError, recordRecovery } from '../health';
import type { KioskController } from './kioskController';

export interface RecoveryOptions {
  /** A stall of the main thread longer than this is recovered from (ms). */
  stallMs: number;
  /** Errors within `windowMs` beyond which the page reloads. */
  maxErrors: number;
  windowMs: number;
}

const DEFAULTS: RecoveryOptions = { stallMs: 15_000, maxErrors: 5, windowMs: 600_000 };

export function installRecovery(kiosk: KioskController, options: Partial<RecoveryOptions> = {}): () => void {
  const { stallMs, maxErrors, windowMs } = { ...DEFAULTS, ...options };
  const recent: number[] = [];
  let recovering = false;

  const recover = () => {
    const now = performance.now();
    recent.push(now);
    while (recent.length > 0 && now - recent[0] > windowMs) recent.shift();
    if (recent.length > maxErrors) {
      window.location.reload();
      return;
    }
    if (recovering) return;
    recovering = true;
    // Out of the failing call stack; one recovery for a burst of errors.
    setTimeout(() => {
      recovering = false;
      recordRecovery();
      try {
        kiosk.reset(1.5);
      } catch {
        window.location.reload();
        return;
      }
      kiosk.notify('kiosk.recovered');
    }, 0);
  };

  const stopErrors = onUncaughtError(recover);
  const onGlobeRecovered = () => {
    recordRecovery();
    kiosk.notify('kiosk.recovered');
  };
  window.addEventListener('vigie:globe-recovered', onGlobeRecovered);

  // Watchdog: a timer that should tick every second; a long gap means the page stopped answering.
  let last = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    if (gap > stallMs && document.visibilityState === 'visible') recover();
  }, 1000);

  return () => {
    stopErrors();
    window.removeEventListener('vigie:globe-recovered', onGlobeRecovered);
    clearInterval(watchdog);
  };
}
