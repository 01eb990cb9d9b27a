import { useApp, useT } from '../context';
import { formatNumber } from '../i18n';
import { useTwin } from '../useStore';
import { useStore } from 'zustand';
import { AlertsButton } from '../sensors/AlertsPanel';
import { ImportButton } from '../import/ImportPanel';

export function Header() {
  const { store } = useApp();
  const t = useT();
  const territory = useTwin(store, (state) => state.territory);
  const language = useTwin(store, (state) => state.language);
  const mode = useTwin(store, (state) => state.mode);
  const inhabitants = territory?.communes.reduce((sum, commune) => sum + commune.population, 0) ?? 0;
  return (
    <header className="brand panel">
        <div className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="34" height="34">
            <path d="M16 3 L29 27 H3 Z" fill="#1d6f8a" />
            <circle cx="16" cy="19" r="4.2" fill="#fff" />
          </svg>
        </div>
        <div>
          <div className="brand-name">
            {t('app.name')} <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          {territory && (
            <div className="territory-name">
              {territory.name}
              {territory.fictitious && <span className="badge">{t('app.fictitious')}</span>}
            </div>
          )}
          {territory && (
            <div className="territory-figures">
              {t('app.communes', { count: formatNumber(language, territory.communes.length) })} · {t('app.inhabitants', { count: formatNumber(language, inhabitants) })} ·{' '}
              {t(`app.mode.${mode}`)}
            </div>
          )}
        </div>
    </header>
  );
}

/** Tools at the top right: home view and language. */
export function Toolbar() {
  const { store, globe, lighting, waste, imports } = useApp();
  const t = useT();
  const language = useTwin(store, (state) => state.language);
  const status = useTwin(store, (state) => state.status);
  const lightingOpen = useStore(lighting.store, (state) => state.open);
  const wasteOpen = useStore(waste.store, (state) => state.open);
  return (
      <div className="toolbar">
        {status === 'ready' && <AlertsButton />}
        {status === 'ready' && <ImportButton controller={imports} />}
        {status === 'ready' && (
          <button
            type="button"
            className={`panel tool ${lightingOpen ? 'active' : ''}`}
            aria-pressed={lightingOpen}
            title={t('lighting.openHint')}
            onClick={() => lighting.store.setState({ open: !lightingOpen })}
            data-testid="open-lighting"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M11 22 V9 H8 L12 2 L16 9 H13 V22 Z" fill="currentColor" />
            </svg>
            <span className="tool-label">{t('lighting.open')}</span>
          </button>
        )}
        {status === 'ready' && (
          <button
            type="button"
            className={`panel tool ${wasteOpen ? 'active' : ''}`}
            aria-pressed={wasteOpen}
            title={t('waste.openHint')}
            onClick={() => waste.store.setState({ open: !wasteOpen })}
            data-testid="open-waste"
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M3 7 H15 V16 H3 Z M15 10 H19 L22 13 V16 H15 Z" fill="currentColor" />
              <circle cx="7" cy="18" r="2" fill="currentColor" />
              <circle cx="18" cy="18" r="2" fill="currentColor" />
            </svg>
            <span className="tool-label">{t('waste.open')}</span>
          </button>
        )}
        <button type="button" className="panel tool" title={t('app.homeHint')} onClick={() => globe.current?.home()} data-testid="home">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M3 11 L12 3 L21 11 V21 H14 V15 H10 V21 H3 Z" fill="currentColor" />
          </svg>
          <span className="tool-label">{t('app.home')}</span>
        </button>
        <button
          type="button"
          className="panel tool"
          lang={language === 'fr' ? 'en' : 'fr'}
          onClick={() => store.getState().setLanguage(language === 'fr' ? 'en' : 'fr')}
          data-testid="language"
        >
          {t('app.switchLanguage')}
        </button>
      </div>
  );
}
