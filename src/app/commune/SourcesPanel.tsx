/**
 * For a real territory: each layer's source, count and licence; sources that failed or had
 * nothing; and the labelled defaults standing in for what the data does not say (never shown as
 * real figures). Also the switch between the aerial photo and Plan IGN.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { useApp, useT } from '../context';
import { formatNumber, labelled } from '../i18n';
import { useTwin } from '../useStore';
import { describeSourceProblems } from './sourceProblems';
import type { CommuneController } from './controller';

const LAYER_KEYS: Record<string, string> = {
  communes: 'Communes',
  terrain: 'Relief',
  'imagery.photo': 'Photo aérienne',
  'imagery.plan': 'Plan IGN',
  buildings: 'Bâtiments',
  roads: 'Routes',
  streetLights: 'Lampadaires',
  collectionPoints: 'Points de collecte',
};

export function SourcesPanel({ controller }: { controller: CommuneController }) {
  const t = useT();
  const { store, globe } = useApp();
  const language = useTwin(store, (state) => state.language);
  const sources = useTwin(store, (state) => state.sources);
  const territory = useTwin(store, (state) => state.territory);
  const tiles = useTwin(store, (state) => state.imageryTiles);
  const progress = useStore(controller.store, (state) => state.progress);
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const [open, setOpen] = useState(true);
  const entries = Object.entries(sources);
  if (entries.length === 0 || !territory) return null;
  const failures = progress ? Object.entries(progress).filter(([, p]) => p.status === 'failed') : [];
  const missing: string[] = [];
  if (territory.streetLights.length === 0) missing.push(t('commune.missingLamps'));
  if (territory.collectionPoints.length === 0) missing.push(t('commune.missingWaste'));
  if (territory.facilities.length === 0) missing.push(t('commune.missingDepot'));
  return (
    <section className="panel sources-panel" data-testid="sources-panel">
      <div className="commune-head">
        <h2>{t('commune.dataTitle')}</h2>
        <button type="button" className="close" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '−' : '+'}
        </button>
      </div>
      {failures.length > 0 && (
        <div role="alert" className="hint error" data-testid="sources-failures">
          {t('commune.partial')}
          <ul>
            {failures.map(([id, p]) => (
              <li key={id}>
                {labelled(language, t(`commune.source.${id}` as 'commune.source.osm'), describeSourceProblems(language, p.problems))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {open && (
        <>
          {tiles.length > 0 && (
            <div className="imagery-switch">
              <span>{t('commune.imagery')} :</span>
              {tiles.map((set) => {
                const visible = shown[set.spec.id] ?? set.spec.visible;
                return (
                  <label key={set.spec.id}>
                    <input
                      type="checkbox"
                      checked={visible}
                      data-testid={`imagery-${set.spec.id}`}
                      onChange={(event) => {
                        setShown({ ...shown, [set.spec.id]: event.target.checked });
                        globe.current?.setImageryVisible(set.spec.id, event.target.checked);
                      }}
                    />{' '}
                    {set.spec.label}
                  </label>
                );
              })}
            </div>
          )}
          {missing.length > 0 && (
            <ul className="missing" data-testid="sources-missing">
              {missing.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          )}
          <ul className="sources" data-testid="sources-list">
            {entries.map(([key, source]) => (
              <li key={key}>
                <div>
                  <strong>{LAYER_KEYS[key] ?? key}</strong>
                  {source.count !== undefined && <> · {t('commune.dataCount', { count: formatNumber(language, source.count) })}</>}
                </div>
                <div className="hint">
                  {source.name} · {source.attribution} · {t('commune.licence', { licence: source.licence })}
                </div>
                {source.note && <div className="hint error">{source.note}</div>}
                {source.problems.length > 0 && <div className="hint error">{describeSourceProblems(language, source.problems)}</div>}
                {Object.keys(source.assumed).length > 0 && (
                  <details className="defaults">
                    <summary>{t('commune.defaultsTitle')}</summary>
                    <ul>
                      {Object.entries(source.assumed).map(([field, value]) => (
                        <li key={field}>
                          <code>{field}</code> = {String(value.value)} — {value.source}
                          {value.unverified && <em> ({t('commune.defaultUnverified')})</em>}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
