import { useCallback, useEffect, useState } from 'react';
import type { SceneFile } from '../domain/scene';
import { useTwin } from './useStore';
import { useApp, useT } from './context';
import { GlobeView } from './GlobeView';
import { Header, Toolbar } from './panels/Header';
import { InfoPanel } from './panels/InfoPanel';
import { LayerPanel } from './panels/LayerPanel';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { TimeBar } from './panels/TimeBar';
import { LightingPanel } from './lighting/LightingPanel';
import { WastePanel } from './waste/WastePanel';
import { ImportDropZone, ImportPanel } from './import/ImportPanel';
import { useStore } from 'zustand';
import { useSession } from './session/context';
import { Presentation, SplitDivider } from './session/Presentation';
import { SessionEditorButton } from './session/SessionEditor';
import { SessionMessage } from './session/SessionMessage';
import { CommuneOverlay, CommuneSide } from './commune';

export function App({ scene, msaaSamples }: { scene: SceneFile; msaaSamples: number }) {
  const { store, lighting, waste, imports } = useApp();
  const lightingOpen = useStore(lighting.store, (state) => state.open);
  const wasteOpen = useStore(waste.store, (state) => state.open);
  const t = useT();
  const status = useTwin(store, (state) => state.status);
  const language = useTwin(store, (state) => state.language);
  const caption = useTwin(store, (state) => state.caption);
  const attribution = useTwin(store, (state) => state.attribution);
  const { session: sessionController } = useSession();
  const session = useStore(sessionController.store, (state) => state.session);
  const panelsOpen = useStore(sessionController.store, (state) => state.panelsOpen);
  const mode = useTwin(store, (state) => state.mode);
  const presenting = mode === 'planning' && session !== null;
  const [globeError, setGlobeError] = useState<string | null>(null);
  const onError = useCallback((message: string) => setGlobeError(message), []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  }, [language, t]);

  return (
    <div className={`app ${lightingOpen || wasteOpen ? 'with-side-panel' : ''} ${presenting ? 'presenting' : ''} ${presenting && panelsOpen ? 'panels-open' : ''}`} data-timebar={presenting ? (sessionController.slide?.timeBar ?? 'full') : undefined}>
      {status !== 'failed' && !globeError && <GlobeView scene={scene} msaaSamples={msaaSamples} onError={onError} />}
      {status === 'loading' && (
        <div className="splash">
          <div className="spinner" aria-hidden="true" />
          <p>{t('app.loading')}</p>
        </div>
      )}
      <div className="side-left">
        <Header />
        {status === 'ready' && <LayerPanel />}
        <CommuneSide />
      </div>
      {status === 'ready' && <SplitDivider />}
      <Toolbar />
      {status === 'ready' && mode === 'engineer' && <SessionEditorButton />}
      {status === 'ready' && presenting && <Presentation />}
      <SessionMessage />
      <InfoPanel />
      {status === 'ready' && lightingOpen && <LightingPanel controller={lighting} />}
      {status === 'ready' && wasteOpen && <WastePanel controller={waste} />}
      {status === 'ready' && <ImportPanel controller={imports} />}
      {status === 'ready' && <ImportDropZone controller={imports} />}
      <CommuneOverlay />
      <div className="bottom">
        <ProblemsPanel fatal={status === 'failed'} />
        {globeError && (
          <section className="panel problems fatal" role="alert">
            <h2>{t('app.webglMissing')}</h2>
            <p>{globeError}</p>
          </section>
        )}
        {status === 'ready' && caption && !presenting && <div className="caption panel">{caption[language]}</div>}
        {status === 'ready' && <TimeBar />}
      </div>
      {status === 'ready' && (
        <footer className="credits" title={attribution}>
          {attribution} {t('app.creditsText')}
        </footer>
      )}
    </div>
  );
}
