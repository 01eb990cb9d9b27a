import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from 'zustand';
import type { Sensor } from '../../domain/territory';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { formatDate, formatNumber } from '../i18n';
import { safeFileName, toCsv } from '../../io/csvExport';

const DAY_MS = 86_400_000;
const SPANS = [1, 3, 7, 30] as const;

/** Thresholds drawn on a sensor's chart. */
function thresholds(sensor: Sensor): number[] {
  if (sensor.kind === 'fill-level') return [80, 100];
  if (sensor.kind === 'air-quality') return [40];
  if (sensor.kind === 'parking' && sensor.capacity) return [sensor.capacity];
  return [];
}

/**
 * A sensor's history around the time bar's time (uPlot): a marker at that time, min / max / mean
 * of what is shown, thresholds, zoom by dragging, pan with the arrows, and a CSV of what is shown.
 */
export function SensorChart({ sensor }: { sensor: Sensor }) {
  const { store, sensors } = useApp();
  const t = useT();
  const time = useTwin(store, (state) => state.time);
  const language = useTwin(store, (state) => state.language);
  const version = useStore(sensors.store, (state) => state.version);
  const [spanDays, setSpanDays] = useState<(typeof SPANS)[number]>(3);
  const [centre, setCentre] = useState<number | null>(null);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  const middle = centre ?? time;
  const [from, to] = zoom ?? [middle - (spanDays * DAY_MS) / 2, middle + (spanDays * DAY_MS) / 2];
  const index = sensors.series.sensorIndex(sensor.id);
  const data = useMemo(() => (index < 0 ? null : sensors.series.range(index, from, to)), [index, from, to, version, sensors]);
  const stats = useMemo(() => (index < 0 ? null : sensors.series.stats(index, from, to)), [index, from, to, version, sensors]);

  useEffect(() => {
    const element = host.current;
    if (!element || !data) return;
    const xs = Array.from(data.times, (ms) => ms / 1000);
    const ys = Array.from(data.values);
    const lines = thresholds(sensor);
    const plot = new uPlot(
      {
        width: element.clientWidth || 300,
        height: 150,
        legend: { show: false },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true, min: from / 1000, max: to / 1000 } },
        axes: [
          { size: 26, font: '10px DejaVu Sans, sans-serif', values: (_u, splits) => splits.map((s) => formatDate(language, new Date(s * 1000), spanDays > 3 ? { day: 'numeric', month: 'short' } : { weekday: 'short', hour: '2-digit' })) },
          { size: 40, font: '10px DejaVu Sans, sans-serif', values: (_u, splits) => splits.map((v) => formatNumber(language, v)) },
        ],
        series: [{}, { stroke: '#1d6f8a', width: 1.5, fill: 'rgba(29,111,138,0.12)', points: { show: false } }],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 5) return;
              const a = u.posToVal(u.select.left, 'x') * 1000;
              const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
              setZoom([a, b]);
            },
          ],
          draw: [
            (u) => {
              const context = u.ctx;
              context.save();
              // Thresholds, dashed.
              context.strokeStyle = '#c0392b';
              context.setLineDash([5, 4]);
              context.lineWidth = 1;
              for (const value of lines) {
                const y = u.valToPos(value, 'y', true);
                if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
                context.beginPath();
                context.moveTo(u.bbox.left, y);
                context.lineTo(u.bbox.left + u.bbox.width, y);
                context.stroke();
              }
              // The time bar's time.
              const x = u.valToPos(time / 1000, 'x', true);
              context.setLineDash([]);
              context.strokeStyle = '#e67e22';
              context.lineWidth = 2;
              context.beginPath();
              context.moveTo(x, u.bbox.top);
              context.lineTo(x, u.bbox.top + u.bbox.height);
              context.stroke();
              context.restore();
            },
          ],
        },
      },
      [xs, ys],
      element,
    );
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = null;
    };
  }, [data, sensor, language, from, to, time, spanDays]);

  const exportCsv = () => {
    if (!data) return;
    // Cells from data go through csvCell: quoted, and neutralised against formula injection.
    const rows: Array<Array<string | number>> = [['sensorId', 'time', 'value']];
    for (let i = 0; i < data.times.length; i++) rows.push([sensor.id, new Date(data.times[i]).toISOString(), data.values[i]]);
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${safeFileName(sensor.id, 'capteur')}_${new Date(from).toISOString().slice(0, 10)}_${new Date(to).toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const pan = (direction: number) => {
    const width = to - from;
    setZoom([from + (direction * width) / 2, to + (direction * width) / 2]);
  };

  if (index < 0) return null;
  return (
    <div className="sensor-chart" data-testid="sensor-chart">
      <div className="chips">
        {SPANS.map((days) => (
          <button key={days} type="button" className={`chip ${zoom === null && spanDays === days ? 'active' : ''}`} onClick={() => { setSpanDays(days); setZoom(null); setCentre(null); }}>
            {t('chart.days', { count: days })}
          </button>
        ))}
        <button type="button" className="chip" onClick={() => pan(-1)} aria-label={t('chart.earlier')} title={t('chart.earlier')}>
          ‹
        </button>
        <button type="button" className="chip" onClick={() => pan(1)} aria-label={t('chart.later')} title={t('chart.later')}>
          ›
        </button>
      </div>
      <div ref={host} className="chart-host" />
      {stats && stats.count > 0 ? (
        <p className="chart-stats" data-testid="chart-stats">
          {t('chart.stats', { min: formatNumber(language, stats.min, 1), max: formatNumber(language, stats.max, 1), mean: formatNumber(language, stats.mean, 1), unit: sensor.unit, count: formatNumber(language, stats.count) })}
        </p>
      ) : (
        <p className="hint">{t('chart.empty')}</p>
      )}
      <button type="button" className="link" onClick={exportCsv} data-testid="chart-csv">
        {t('chart.csv')}
      </button>
    </div>
  );
}
