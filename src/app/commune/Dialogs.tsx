/** The consent dialog (nothing is contacted before "agree") and the build's progress per source. */
import { useStore } from 'zustand';
import { useApp, useT } from '../context';
import { formatNumber } from '../i18n';
import { useTwin } from '../useStore';
import type { SourceId } from '../../io/public/build';
import { CONSENT_HOSTS } from './config';
import { describeSourceProblems } from './sourceProblems';
import type { CommuneController } from './controller';

const SOURCES: SourceId[] = ['outline', 'elevation', 'photo', 'plan', 'buildings', 'roads', 'osm'];

export function CommuneDialogs({ controller }: { controller: CommuneController }) {
  const t = useT();
  const { store } = useApp();
  const language = useTwin(store, (state) => state.language);
  const state = useStore(controller.store);
  const hit = state.chosen;
  const size = (bytes: number) => (bytes >= 1e6 ? `${formatNumber(language, bytes / 1e6, 1)} Mo` : `${formatNumber(language, bytes / 1e3)} ko`);

  const progressList = state.progress && (
    <ul className="build-progress" data-testid="build-progress">
      {SOURCES.map((id) => {
        const p = state.progress![id];
        return (
          <li key={id} className={`status-${p.status}`} data-testid={`build-source-${id}`} data-status={p.status}>
            <span className="source-name">{t(`commune.source.${id}`)}</span>
            <span className="source-status">{t(`commune.status.${p.status}`)}</span>
            <span className="source-figures">
              {p.tilesTotal > 0 && id !== 'elevation' ? t('commune.progressTiles', { done: formatNumber(language, p.tilesDone), total: formatNumber(language, p.tilesTotal) }) : t('commune.progressCount', { count: formatNumber(language, p.count) })}
              {' · '}
              {size(p.bytes)}
              {p.retries > 0 && ` · ${t('commune.progressRetries', { retries: p.retries })}`}
            </span>
            {p.problems.length > 0 && <span className="source-message">{describeSourceProblems(language, p.problems)}</span>}
          </li>
        );
      })}
    </ul>
  );

  if (state.phase === 'consent' && hit) {
    return (
      <div className="modal-backdrop">
        <section className="panel modal" role="dialog" aria-modal="true" aria-labelledby="consent-title" data-testid="consent">
          <h2 id="consent-title">{t('commune.consentTitle', { name: hit.name })}</h2>
          <p>{t('commune.consentIntro')}</p>
          <ul className="consent-hosts" data-testid="consent-hosts">
            {CONSENT_HOSTS.map((entry) => (
              <li key={entry.host}>
                <strong>{entry.host}</strong> — {t(entry.purposeKey)}
              </li>
            ))}
          </ul>
          <p className="hint">{t('commune.consentAfter')}</p>
          <div className="modal-actions">
            <button type="button" className="secondary" onClick={() => controller.dismiss()} data-testid="consent-decline">
              {t('commune.decline')}
            </button>
            <button type="button" className="primary" onClick={() => void controller.agree()} data-testid="consent-agree" autoFocus>
              {t('commune.agree')}
            </button>
          </div>
        </section>
      </div>
    );
  }
  if ((state.phase === 'building' || state.phase === 'failed') && hit) {
    return (
      <div className="modal-backdrop">
        <section className="panel modal" role="dialog" aria-modal="true" aria-labelledby="build-title" data-testid="build">
          <h2 id="build-title">{t('commune.buildingTitle', { name: hit.name })}</h2>
          {progressList}
          {state.phase === 'failed' && (
            <p className="hint error" role="alert" data-testid="build-error">
              {t('commune.buildFailed', { message: state.error })}
            </p>
          )}
          <div className="modal-actions">
            {state.phase === 'building' ? (
              <button type="button" className="secondary" onClick={() => controller.cancel()} data-testid="build-cancel">
                {t('commune.cancel')}
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => controller.dismiss()} data-testid="build-close">
                {t('commune.close')}
              </button>
            )}
          </div>
        </section>
      </div>
    );
  }
  return null;
}
