/**
 * The public kiosk (`?mode=kiosk`): the globe full screen and only big buttons — the choices, back
 * to start and the other language. No engineering panel, text field, file dialog or outside link.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { SceneFile } from '../../domain/scene';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { GlobeView } from '../GlobeView';
import { InfoPanel } from '../panels/InfoPanel';
import { formatDate } from '../i18n';
import type { KioskController } from './kioskController';
import type { ChoiceId } from './tour';
import './kiosk.css';

const CHOICE_ICONS: Record<ChoiceId, string> = {
  night: 'M12 3 A9 9 0 1 0 21 14 A7 7 0 1 1 12 3 Z',
  glass: 'M9 2 H15 V6 L17 9 V22 H7 V9 L9 6 Z',
  sensors: 'M12 14 A2 2 0 1 0 12.01 14 M7.5 9.5 A6.5 6.5 0 0 1 16.5 9.5 M4.5 6.5 A10.5 10.5 0 0 1 19.5 6.5',
};

export function KioskApp({ scene, msaaSamples, kiosk }: { scene: SceneFile; msaaSamples: number; kiosk: KioskController }) {
  const { store } = useApp();
  const t = useT();
  const status = useTwin(store, (state) => state.status);
  const language = useTwin(store, (state) => state.language);
  const caption = useTwin(store, (state) => state.caption);
  const territory = useTwin(store, (state) => state.territory);
  const attribution = useTwin(store, (state) => state.attribution);
  const phase = useStore(kiosk.store, (state) => state.phase);
  const step = useStore(kiosk.store, (state) => state.step);
  const notice = useStore(kiosk.store, (state) => state.notice);
  const [globeError, setGlobeError] = useState<string | null>(null);
  const onError = useCallback((message: string) => setGlobeError(message), []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t('app.name')} — ${territory?.name ?? t('app.tagline')}`;
  }, [language, t, territory]);
  useEffect(() => {
    document.documentElement.dataset.kioskPhase = phase;
  }, [phase]);
  useEffect(() => {
    kiosk.attach();
    return () => kiosk.detach();
  }, [kiosk]);
  useKioskClock();

  const tourLength = kiosk.tour?.steps.length ?? 0;
  return (
    <div className={`kiosk kiosk-${phase}`} data-testid="kiosk">
      {status !== 'failed' && !globeError && <GlobeView scene={scene} msaaSamples={msaaSamples} onError={onError} kiosk />}
      {status === 'loading' && (
        <div className="splash">
          <div className="spinner" aria-hidden="true" />
          <p>{t('app.loading')}</p>
        </div>
      )}
      {globeError && (
        <div className="kiosk-message" role="status">
          {t('app.webglMissing')}
        </div>
      )}
      <header className="kiosk-brand">
        <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true">
          <path d="M16 3 L29 27 H3 Z" fill="#1d6f8a" />
          <circle cx="16" cy="19" r="4.2" fill="#fff" />
        </svg>
        <div>
          <div className="kiosk-territory">{territory?.name ?? t('app.name')}</div>
          {phase !== 'attract' && <div className="kiosk-hint">{t('kiosk.gesturesHint')}</div>}
        </div>
      </header>

      <nav className="kiosk-tools">
        <button type="button" className="kiosk-button" lang={language === 'fr' ? 'en' : 'fr'} onClick={() => kiosk.toggleLanguage()} data-testid="kiosk-language">
          {t('kiosk.language')}
        </button>
        {phase === 'explore' && (
          <button type="button" className="kiosk-button" onClick={() => kiosk.showChoices()} data-testid="kiosk-show-choices">
            {t('kiosk.choices')}
          </button>
        )}
        <button type="button" className="kiosk-button kiosk-primary" onClick={() => kiosk.backToStart()} data-testid="kiosk-back">
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
            <path d="M3 11 L12 3 L21 11 V21 H14 V15 H10 V21 H3 Z" fill="currentColor" />
          </svg>
          {t('kiosk.backToStart')}
        </button>
      </nav>

      {status === 'ready' && caption && phase !== 'choices' && (
        <div className="kiosk-caption" data-testid="kiosk-caption">
          {caption[language]}
          {phase === 'attract' && tourLength > 1 && (
            <div className="kiosk-dots" aria-label={t('kiosk.step', { index: step + 1, count: tourLength })}>
              {Array.from({ length: tourLength }, (_, i) => (
                <span key={i} className={i === step ? 'on' : ''} />
              ))}
            </div>
          )}
        </div>
      )}

      {phase === 'attract' && (
        <div
          className="kiosk-attract"
          data-testid="kiosk-attract"
          onPointerDown={(event) => {
            event.preventDefault();
            kiosk.activity();
          }}
        >
          <div className="kiosk-touch">{t('kiosk.touchToStart')}</div>
        </div>
      )}

      {phase === 'choices' && status === 'ready' && <Choices kiosk={kiosk} />}
      {phase === 'explore' && <InfoPanel />}
      <LiveStatus />
      {notice && (
        <div className="kiosk-notice" role="status" data-testid="kiosk-notice">
          {t(notice)}
        </div>
      )}
      {status === 'ready' && <footer className="kiosk-credits">{attribution}</footer>}
    </div>
  );
}

function Choices({ kiosk }: { kiosk: KioskController }) {
  const t = useT();
  const choices = kiosk.tour?.choices ?? [];
  return (
    <section className="kiosk-choices" data-testid="kiosk-choices" aria-label={t('kiosk.choose')}>
      <h1>{t('kiosk.choose')}</h1>
      <div className="kiosk-choice-list">
        {choices.map((choice) => (
          <button type="button" key={choice.id} className={`kiosk-choice kiosk-choice-${choice.id}`} onClick={() => kiosk.choose(choice.id)} data-testid={`kiosk-choice-${choice.id}`}>
            <svg viewBox="0 0 24 24" width="64" height="64" aria-hidden="true">
              <path d={CHOICE_ICONS[choice.id]} fill={choice.id === 'sensors' ? 'none' : 'currentColor'} stroke="currentColor" strokeWidth={choice.id === 'sensors' ? 2 : 0} strokeLinecap="round" />
            </svg>
            <span className="kiosk-choice-title">{t(`kiosk.choice.${choice.id}`)}</span>
            <span className="kiosk-choice-hint">{t(`kiosk.choice.${choice.id}.hint`)}</span>
          </button>
        ))}
      </div>
      <button type="button" className="kiosk-button kiosk-close" onClick={() => kiosk.closeChoices()} data-testid="kiosk-close-choices">
        {t('kiosk.close')}
      </button>
    </section>
  );
}

/** Whether the readings are live; said calmly when they are not. */
function LiveStatus() {
  const { sensors, store } = useApp();
  const t = useT();
  const language = useTwin(store, (state) => state.language);
  const sources = useStore(sensors.store, (state) => state.sources);
  const version = useStore(sensors.store, (state) => state.version);
  const [lastReceived, setLastReceived] = useState<number | null>(null);
  const received = useMemo(() => sources.reduce((sum, source) => sum + source.received, 0), [sources]);
  useEffect(() => {
    if (received > 0) setLastReceived(Date.now());
  }, [received, version]);
  if (sources.length === 0) return null;
  const live = sources.some((source) => source.state === 'connected');
  return (
    <div className={`kiosk-live ${live ? 'on' : 'off'}`} role="status" data-testid="kiosk-live" data-live={live}>
      <span className="kiosk-live-dot" aria-hidden="true" />
      {live ? t('kiosk.live.on') : t('kiosk.live.off')}
      {!live && lastReceived !== null && ` ${t('kiosk.live.since', { time: formatDate(language, new Date(lastReceived), { timeStyle: 'short' }) })}`}
    </div>
  );
}

/** The clock runs when asked (live choice), a few steps a second: the kiosk has no time bar. */
function useKioskClock(): void {
  const { store } = useApp();
  const playing = useTwin(store, (state) => state.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const state = store.getState();
      state.setTime(state.time + (now - last) * state.speed);
      last = now;
    }, 1000);
    return () => clearInterval(timer);
  }, [playing, store]);
}
