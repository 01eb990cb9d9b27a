/** Start-up of `?mode=kiosk`: the lock-down, the controller with its tour, and the kiosk's React tree. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SceneFile } from '../../domain/scene';
import { AppContext, type AppContextValue } from '../context';
import { SessionContext } from '../session/context';
import type { AppParams } from '../params';
import { KioskApp } from './KioskApp';
import { KioskController, readKioskTimes } from './kioskController';
import { lockDown } from './lockdown';
import { installRecovery } from './recovery';
import { loadKioskTour } from './tour';
import { registerServiceWorker, serviceWorkerStatus, shouldRegister } from './serviceWorker';

export function startKiosk(container: HTMLElement, context: AppContextValue, scene: SceneFile, params: AppParams, session: Parameters<typeof SessionContext.Provider>[0]['value']): KioskController {
  lockDown();
  const { tour, problems } = loadKioskTour();
  if (problems.length > 0) context.store.setState({ problems: [...context.store.getState().problems, ...problems] });
  const kiosk = new KioskController(context, { language: params.language, scene }, tour, readKioskTimes(window.location.search));
  installRecovery(kiosk, { stallMs: Number(new URLSearchParams(window.location.search).get('stall')) * 1000 || undefined });
  if (shouldRegister('kiosk', window.location.search)) registerServiceWorker(() => kiosk.reloadWhenIdle());
  if (params.debug) {
    const vigie = (window as unknown as { vigie: Record<string, unknown> }).vigie;
    vigie.kiosk = () => ({ ...kiosk.store.getState(), idleMs: kiosk.idleMs(), times: kiosk.times, steps: tour?.steps.length ?? 0, warmUpStops: kiosk.warmUp.stops.length, warmUpDone: kiosk.warmUp.progress, warmUpMs: Math.round(kiosk.warmUp.elapsedMs), warmUpInterruptions: kiosk.warmUp.interruptions });
    vigie.kioskController = kiosk;
    vigie.serviceWorker = () => ({ ...serviceWorkerStatus, controller: navigator.serviceWorker?.controller?.state ?? null });
  }
  createRoot(container).render(
    <StrictMode>
      <AppContext.Provider value={context}>
        <SessionContext.Provider value={session}>
          <KioskApp scene={scene} msaaSamples={params.msaaSamples} kiosk={kiosk} />
        </SessionContext.Provider>
      </AppContext.Provider>
    </StrictMode>,
  );
  return kiosk;
}
