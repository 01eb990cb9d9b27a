import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { SensorChart } from '../sensors/SensorChart';
import { formatDate, formatNumber } from '../i18n';
import { useApp, useT } from '../context';
import { describeFeature, type FeatureInfo } from '../featureInfo';
import { useTwin } from '../useStore';

/** The card itself: every value is rendered as text, never as HTML. */
export function InfoCard({ info, closeLabel, flyLabel, onClose, onFly, children }: { info: FeatureInfo; closeLabel: string; flyLabel: string; onClose: () => void; onFly: () => void; children?: ReactNode }) {
  return (
    <section className="panel info-panel" data-testid="info-panel" aria-live="polite">
      <div className="info-head">
        <div>
          <div className="info-kind">{info.kind}</div>
          <h2 className="info-title">{info.title}</h2>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={closeLabel} title={closeLabel}>
          ×
        </button>
      </div>
      <dl>
        {info.rows.map((row) => (
          <div className="info-row" key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {children}
      <button type="button" className="link" onClick={onFly}>
        {flyLabel}
      </button>
    </section>
  );
}

export function InfoPanel() {
  const { store, globe, sensors } = useApp();
  const t = useT();
  const time = useTwin(store, (state) => state.time);
  const selection = useTwin(store, (state) => state.selection);
  // New readings change the card only when it shows a sensor: no render a live restyle otherwise.
  const showsSensor = selection?.layer === 'sensors';
  useStore(sensors.store, (state) => (showsSensor ? state.version : 0));
  const territory = useTwin(store, (state) => state.territory);
  const language = useTwin(store, (state) => state.language);
  if (!selection || !territory) return null;
  const info = describeFeature(territory, selection, language);
  if (!info) return null;
  const sensor = selection.layer === 'sensors' ? territory.sensors.find((item) => item.id === selection.id) : undefined;
  const reading = sensor ? sensors.readingAt(sensor.id, time) : null;
  if (sensor) {
    info.rows.push({
      label: t('info.reading'),
      value: reading ? `${formatNumber(language, reading.value, 1)} ${sensor.unit} — ${formatDate(language, new Date(reading.time), { dateStyle: 'medium', timeStyle: 'short' })}` : t('info.noReading'),
    });
  }
  return (
    <InfoCard
      info={info}
      closeLabel={t('app.close')}
      flyLabel={t('info.flyTo')}
      onClose={() => store.getState().select(null)}
      onFly={() => globe.current?.flyTo(info.position[0], info.position[1])}
    >
      {sensor && <SensorChart sensor={sensor} />}
    </InfoCard>
  );
}
