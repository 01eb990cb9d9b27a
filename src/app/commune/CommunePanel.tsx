/**
 * The start screen's commune search (offline list), the twins kept in this browser, zip import,
 * and, once a real territory is open, where each layer comes from, what is missing and which
 * defaults stand in for it.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useApp, useT } from '../context';
import { formatNumber } from '../i18n';
import { useTwin } from '../useStore';
import type { CommuneController } from './controller';

export function CommunePanel({ controller }: { controller: CommuneController }) {
  const t = useT();
  const { store } = useApp();
  const language = useTwin(store, (state) => state.language);
  const state = useStore(controller.store);
  const [open, setOpen] = useState(true);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void controller.refreshStored();
  }, [controller]);
  const fmt = (value: number) => formatNumber(language, value);
  return (
    <section className="panel commune-panel" data-testid="commune-panel" aria-label={t('commune.title')}>
      <div className="commune-head">
        <h2>{t('commune.title')}</h2>
        <button type="button" className="close" aria-expanded={open} onClick={() => setOpen(!open)} title={t('commune.title')}>
          {open ? '−' : '+'}
        </button>
      </div>
      {open && (
        <>
          <label className="commune-search">
            <span className="sr-only">{t('commune.searchLabel')}</span>
            <input
              type="search"
              value={state.query}
              placeholder={t('commune.searchPlaceholder')}
              aria-label={t('commune.searchLabel')}
              onChange={(event) => void controller.search(event.target.value)}
              data-testid="commune-search"
              autoComplete="off"
            />
          </label>
          {state.indexStatus === 'loading' && <p className="hint">{t('commune.indexLoading')}</p>}
          {state.indexStatus === 'failed' && <p className="hint error">{t('commune.indexFailed')}</p>}
          {state.query.trim().length >= 2 && state.indexStatus === 'ready' && state.hits.length === 0 && <p className="hint">{t('commune.noHit')}</p>}
          {state.hits.length > 0 && (
            <ul className="commune-hits" data-testid="commune-hits">
              {state.hits.map((hit) => (
                <li key={`${hit.kind}-${hit.code}`}>
                  <button type="button" onClick={() => controller.choose(hit)} data-testid={`commune-hit-${hit.code}`}>
                    <span className="hit-name">
                      {hit.name} <span className="hit-code">{hit.kind === 'commune' ? `${hit.code} · ${hit.postcodes.join(', ')}` : hit.code}</span>
                    </span>
                    <span className="hit-detail">
                      {hit.kind === 'commune'
                        ? t('commune.hitCommune', { departement: `${hit.departementName} (${hit.departement})`, population: fmt(hit.population) })
                        : t('commune.hitEpci', { members: fmt(hit.members.length), population: fmt(hit.population) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {state.error && state.phase === 'idle' && (
            <p className="hint error" role="alert" data-testid="commune-error">
              {state.error}
            </p>
          )}
          {state.notice && (
            <p className="hint error" role="alert" data-testid="commune-notice">
              {state.notice}
            </p>
          )}
          <details className="commune-stored" open={state.stored.length > 0 && state.current === null}>
            <summary>
              {t('commune.stored')} ({state.stored.length})
            </summary>
            {state.stored.length === 0 && <p className="hint">{t('commune.storedNone')}</p>}
            <ul data-testid="commune-stored">
              {state.stored.map((entry) => (
                <li key={entry.id} className={entry.id === state.current ? 'current' : ''}>
                  <span className="hit-name">{entry.name}</span>
                  <span className="hit-detail">
                    {entry.target} · {fmt(entry.bytes / 1e6)} Mo
                  </span>
                  <span className="stored-actions">
                    <button type="button" onClick={() => void controller.openStored(entry.id)} data-testid={`stored-open-${entry.id}`}>
                      {t('commune.open')}
                    </button>
                    <button type="button" onClick={() => void controller.exportZip(entry.id)} data-testid={`stored-export-${entry.id}`}>
                      {t('commune.export')}
                    </button>
                    <button type="button" onClick={() => void controller.remove(entry.id)} data-testid={`stored-delete-${entry.id}`}>
                      {t('commune.delete')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
            <label className="commune-import">
              <span>{t('commune.import')}</span>
              <input
                ref={file}
                type="file"
                accept=".zip,application/zip"
                data-testid="commune-import"
                onChange={(event) => {
                  const chosen = event.target.files?.[0];
                  if (chosen) void controller.importZip(chosen);
                  event.target.value = '';
                }}
              />
            </label>
          </details>
          {state.current !== null && (
            <button type="button" className="link" onClick={() => controller.backToDemo()} data-testid="commune-back">
              {t('commune.backToDemo')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
