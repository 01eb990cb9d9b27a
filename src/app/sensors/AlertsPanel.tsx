import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { formatDate, formatNumber } from '../i18n';
import { LiveIndicator, LiveSources } from './LiveSources';

const SHOWN = 30;

/** The alerts at the time bar's time; a click flies to the sensor and opens its card and chart. */
export function AlertsButton() {
  const { store, sensors, globe } = useApp();
  const t = useT();
  const alerts = useStore(sensors.store, (state) => state.alerts);
  const territory = useTwin(store, (state) => state.territory);
  const language = useTwin(store, (state) => state.language);
  const [open, setOpen] = useState(false);
  // Once per territory, not at each live change of the alerts.
  const byId = useMemo(() => new Map((territory?.sensors ?? []).map((sensor) => [sensor.id, sensor])), [territory]);
  if (!territory) return null;
  const serious = alerts.filter((alert) => alert.kind !== 'silent').length;
  return (
    <div className="alerts">
      <button type="button" className={`panel tool ${open ? 'active' : ''}`} title={t('alerts.title')} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="open-alerts">
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M12 3 L22 20 H2 Z" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />
          <rect x="11" y="9" width="2" height="6" fill="currentColor" />
          <rect x="11" y="16.5" width="2" height="2" fill="currentColor" />
        </svg>
        <span className="tool-label">{t('alerts.title')}</span>
        <LiveIndicator />
        {alerts.length > 0 && <span className={`count ${serious > 0 ? 'serious' : ''}`} data-testid="alert-count">{alerts.length}</span>}
      </button>
      {open && (
        <section className="panel alerts-panel" data-testid="alerts-panel">
          <LiveSources />
          {alerts.length === 0 ? (
            <p className="hint">{t('alerts.none')}</p>
          ) : (
            <ul className="alert-list">
              {alerts.slice(0, SHOWN).map((alert) => {
                const sensor = byId.get(alert.sensorId);
                if (!sensor) return null;
                return (
                  <li key={`${alert.kind}-${alert.sensorId}`}>
                    <button
                      type="button"
                      className={`alert ${alert.kind}`}
                      onClick={() => {
                        store.getState().select({ layer: 'sensors', id: sensor.id });
                        globe.current?.flyTo(sensor.position[0], sensor.position[1], 300);
                      }}
                    >
                      <strong>{t(`alerts.${alert.kind}`)}</strong> — {sensor.name}
                      <span className="muted">
                        {' '}
                        {alert.kind === 'silent'
                          ? t('alerts.lastSeen', { when: formatDate(language, new Date(alert.time), { dateStyle: 'short', timeStyle: 'short' }) })
                          : `${formatNumber(language, alert.value, 1)} ${sensor.unit}`}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {alerts.length > SHOWN && <p className="hint">{t('problems.more', { count: alerts.length - SHOWN })}</p>}
        </section>
      )}
    </div>
  );
}
