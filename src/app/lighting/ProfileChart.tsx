import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PowerProfile } from '../../../workers/lighting/api';
import { formatDate, formatNumber, type Language } from '../i18n';

/** Power drawn over one night, noon to noon, scenario against baseline (uPlot). */
export function ProfileChart({
  profiles,
  language,
  scenarioLabel,
  baselineLabel,
  timeLabel,
}: {
  profiles: { scenario: PowerProfile; baseline: PowerProfile };
  language: Language;
  scenarioLabel: string;
  baselineLabel: string;
  timeLabel: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const { scenario, baseline } = profiles;
    const bins = scenario.powerKw.length;
    const times = Float64Array.from({ length: bins }, (_, i) => (scenario.startMs + (i + 0.5) * scenario.binSeconds * 1000) / 1000);
    const data: uPlot.AlignedData = [times, Array.from(baseline.powerKw), Array.from(scenario.powerKw)];
    const chart = new uPlot(
      {
        width: element.clientWidth || 340,
        height: 170,
        legend: { show: true },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          {
            values: (_u, splits) => splits.map((seconds) => formatDate(language, new Date(seconds * 1000), { hour: '2-digit', minute: '2-digit' })),
            size: 28,
            font: '11px DejaVu Sans, sans-serif',
          },
          { label: 'kW', size: 44, font: '11px DejaVu Sans, sans-serif', values: (_u, splits) => splits.map((value) => formatNumber(language, value)) },
        ],
        series: [
          { label: timeLabel, value: (_u, seconds) => (seconds == null ? '' : formatDate(language, new Date(seconds * 1000), { hour: '2-digit', minute: '2-digit' })) },
          { label: baselineLabel, stroke: '#8a96a0', width: 1.5, value: (_u, v) => (v == null ? '' : `${formatNumber(language, v, 1)} kW`) },
          { label: scenarioLabel, stroke: '#e0a020', fill: 'rgba(224,160,32,0.18)', width: 2, value: (_u, v) => (v == null ? '' : `${formatNumber(language, v, 1)} kW`) },
        ],
      },
      data,
      element,
    );
    return () => chart.destroy();
  }, [profiles, language, scenarioLabel, baselineLabel, timeLabel]);
  return <div className="profile-chart" ref={host} data-testid="profile-chart" />;
}
