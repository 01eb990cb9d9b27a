/**
 * The live sources on screen: each one's state and since when (live, catching up N messages,
 * reconnecting since 10:42…), its counts (received, duplicates dropped, rejected, unreadable
 * uplinks) and the last refusal; and the alert for a source silent longer than its sensors'
 * expected interval. A dot on the alerts button says at a glance whether every source is live.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { formatDate, formatNumber } from '../i18n';
import type { SourceStatus } from './sensorController';
import { silentSources } from './liveStatus';

/** Re-renders every few seconds, so that "since" and silence follow the clock. */
function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const HEALTHY = new Set(['connected', 'catching-up']);

export function LiveIndicator() {
  const { sensors } = useApp();
  const t = useT();
  const sources = useStore(sensors.store, (state) => state.sources);
  const now = useNow();
  if (sources.length === 0) return null;
  const problem = sources.some((source) => !HEALTHY.has(source.state)) || silentSources(sources, now).length > 0;
  const label = t(problem ? 'live.indicator.problem' : 'live.indicator.ok');
  return <span className={`live-indicator ${problem ? 'problem' : 'ok'}`} role="img" aria-label={label} title={label} data-testid="live-indicator" />;
}

export function LiveSources() {
  const { store, sensors } = useApp();
  const t = useT();
  const sources = useStore(sensors.store, (state) => state.sources);
  const language = useTwin(store, (state) => state.language);
  const now = useNow();
  if (sources.length === 0) return null;
  const time = (ms: number) => formatDate(language, new Date(ms), now - ms > 20 * 3_600_000 ? { dateStyle: 'short', timeStyle: 'short' } : { timeStyle: 'medium' });
  const silent = silentSources(sources, now);
  const duration = (ms: number) =>
    ms < 90_000 ? `${formatNumber(language, ms / 1000, 0)} s` : ms < 90 * 60_000 ? `${formatNumber(language, ms / 60_000, 0)} min` : `${formatNumber(language, ms / 3_600_000, 1)} h`;
  const name = (source: SourceStatus) => (source.id === 'simulated' ? t('source.simulated') : source.label);
  return (
    <>
      <h3 className="live-title">{t('live.title')}</h3>
      {silent.length > 0 && (
        <ul className="alert-list" data-testid="source-alerts">
          {silent.map((alert) => (
            <li key={alert.id} className="alert source-silent">
              <strong>{t('live.silentSource')}</strong> —{' '}
              {t('live.silentFor', { source: name(sources.find((source) => source.id === alert.id)!), when: time(alert.since), interval: duration(alert.silentAfterMs) })}
            </li>
          ))}
        </ul>
      )}
      <ul className="sources" data-testid="sources">
        {sources.map((source) => (
          <li key={source.id} className={`source ${source.state}`} data-testid={`source-${source.id}`} data-state={source.state}>
            <span className="dot" aria-hidden="true" /> <strong>{name(source)}</strong> — {t(`live.state.${source.state}`)}
            {source.state !== 'connected' && source.since > 0 && <> {t('live.since', { when: time(source.since) })}</>}
            {source.state === 'catching-up' && <> · {t('live.catchingUp', { count: formatNumber(language, source.catchingUp) })}</>}
            <div className="muted">
              {t('live.counts', { received: formatNumber(language, source.received), duplicates: formatNumber(language, source.duplicates), rejected: formatNumber(language, source.rejected) })}
            </div>
            {source.undecoded > 0 && (
              <div className="undecoded" data-testid={`source-${source.id}-undecoded`}>
                {t('live.undecoded', { count: formatNumber(language, source.undecoded) })}
              </div>
            )}
            {source.detail && source.rejected > 0 && <div className="muted refusal">{t('live.lastRefusal', { reason: source.detail })}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
