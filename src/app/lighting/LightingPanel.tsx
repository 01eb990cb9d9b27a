import { useEffect, useMemo, useRef, useState } from 'react';
import { sourceIn } from '../../domain/assumptions';
import { useStore } from 'zustand';
import type { Schedule } from '../../domain/lighting/scenario';
import { LIGHTING_PRESETS } from '../../domain/lighting/presets';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { formatNumber, type MessageKey } from '../i18n';
import { ProfileChart } from './ProfileChart';
import { ScheduleEditor } from './ScheduleEditor';
import { describeScenarioProblem } from './scenarioProblems';
import type { LightingController, LightingView } from './lightingStore';
import { DateFields } from '../panels/DateTimeFields';

const PRESET_KEYS: Record<string, MessageKey> = {
  'as-today': 'lighting.preset.as-today',
  'extinction-23h-5h': 'lighting.preset.extinction',
  'abaissement-50-22h-6h': 'lighting.preset.dimming',
  'passage-led-sodium': 'lighting.preset.led',
};

/**
 * The engineer's lighting panel: presets, zones picked on the map or in the list, their schedule,
 * the run in the worker with progress and cancel, annual cards against the baseline, the power
 * profile of a night, regulatory findings, and scenario files.
 */
export function LightingPanel({ controller }: { controller: LightingController }) {
  const { store: twin } = useApp();
  const t = useT();
  const language = useTwin(twin, (state) => state.language);
  const territory = useTwin(twin, (state) => state.territory);
  const selection = useTwin(twin, (state) => state.selection);
  const state = useStore(controller.store);
  const { scenario, selectedZones, refused, status, progress, result, resultOf, view, profiles } = state;
  const fileInput = useRef<HTMLInputElement>(null);
  const [zoneFilter, setZoneFilter] = useState('');

  // A lamp or cabinet clicked on the map picks its zone.
  useEffect(() => {
    if (!selection || !territory) return;
    const zoneId =
      selection.layer === 'streetLights'
        ? territory.streetLights.find((light) => light.id === selection.id)?.zoneId
        : selection.layer === 'cabinets'
          ? territory.cabinets.find((cabinet) => cabinet.id === selection.id)?.zoneId
          : undefined;
    if (zoneId) controller.toggleZone(zoneId, true);
  }, [selection, territory, controller]);

  const zones = useMemo(() => {
    if (!territory) return [];
    const lamps = new Map<string, number>();
    for (const light of territory.streetLights) lamps.set(light.zoneId, (lamps.get(light.zoneId) ?? 0) + 1);
    const communeNames = new Map(territory.communes.map((commune) => [commune.id, commune.name]));
    return territory.lightingZones
      .map((zone) => ({ ...zone, lamps: lamps.get(zone.id) ?? 0, commune: communeNames.get(zone.communeId) ?? '' }))
      .sort((a, b) => a.commune.localeCompare(b.commune, 'fr') || a.name.localeCompare(b.name, 'fr'));
  }, [territory]);

  if (!scenario || !territory) return null;
  const schedule = controller.currentSchedule();
  const outOfDate = result !== null && resultOf !== JSON.stringify(scenario);
  const filtered = zones.filter((zone) => zoneFilter === '' || `${zone.name} ${zone.commune}`.toLowerCase().includes(zoneFilter.toLowerCase()));
  const fmt = (value: number, digits = 0) => formatNumber(language, value, digits);

  const exportFile = () => {
    const json = controller.exportJson();
    if (!json) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${scenario.id}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <aside className="panel side-panel lighting-panel" data-testid="lighting-panel" aria-label={t('lighting.title')}>
      <div className="info-head">
        <div>
          <div className="info-kind">{t('lighting.kind')}</div>
          <h2 className="info-title">{t('lighting.title')}</h2>
        </div>
        <button type="button" className="close" onClick={() => controller.store.setState({ open: false })} aria-label={t('app.close')} title={t('app.close')}>
          ×
        </button>
      </div>

      <h3>{t('lighting.presets')}</h3>
      <div className="chips">
        {LIGHTING_PRESETS.map((preset) => (
          <button key={preset.id} type="button" className={`chip ${scenario.id === preset.id ? 'active' : ''}`} onClick={() => controller.applyPreset(preset.id)} data-testid={`preset-${preset.id}`}>
            {t(PRESET_KEYS[preset.id])}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('lighting.scenarioName')}</span>
        <input
          type="text"
          value={scenario.name}
          onChange={(event) => controller.propose({ ...scenario, name: event.target.value || ' ' }, 'editor')}
          data-testid="scenario-name"
        />
      </label>

      <h3>{t('lighting.onMap')}</h3>
      <div className="segmented" role="radiogroup" aria-label={t('lighting.onMap')}>
        {(['measured', 'baseline', 'scenario', 'off'] as LightingView[]).map((option) => (
          <button key={option} type="button" role="radio" aria-checked={view === option} className={view === option ? 'active' : ''} onClick={() => controller.store.setState({ view: option })} data-testid={`view-${option}`}>
            {t(`lighting.view.${option}`)}
          </button>
        ))}
      </div>

      <h3>
        {t('lighting.zones')}{' '}
        <span className="muted">{selectedZones.length === 0 ? t('lighting.zonesNone') : t('lighting.zonesPicked', { count: selectedZones.length })}</span>
      </h3>
      <p className="hint">{t('lighting.zonesHint')}</p>
      <div className="zone-tools">
        <input type="search" placeholder={t('lighting.zoneFilter')} value={zoneFilter} onChange={(event) => setZoneFilter(event.target.value)} aria-label={t('lighting.zoneFilter')} />
        {selectedZones.length > 0 && (
          <button type="button" className="link" onClick={() => controller.store.setState({ selectedZones: [] })}>
            {t('lighting.clearZones')}
          </button>
        )}
      </div>
      <ul className="zone-list" data-testid="zone-list">
        {filtered.map((zone) => (
          <li key={zone.id}>
            <label>
              <input type="checkbox" checked={selectedZones.includes(zone.id)} onChange={(event) => controller.toggleZone(zone.id, event.target.checked)} />
              <span className="zone-name">{zone.name}</span>
              <span className="muted">
                {scenario.schedules.zones[zone.id] ? `${t('lighting.ownSchedule')} · ` : ''}
                {t('lighting.lamps', { count: fmt(zone.lamps) })}
              </span>
            </label>
          </li>
        ))}
      </ul>

      <h3>{selectedZones.length === 0 ? t('lighting.scheduleDefault') : t('lighting.scheduleZones', { count: selectedZones.length })}</h3>
      {schedule && (
        <ScheduleEditor
          key={`${scenario.id}|${selectedZones.join(',')}|${JSON.stringify(schedule)}`}
          schedule={schedule}
          onApply={(next: Schedule) => controller.setSchedule(next)}
          onReset={selectedZones.length > 0 ? () => controller.resetZones() : undefined}
        />
      )}
      {refused && (
        <div className="refused" role="alert" data-testid="scenario-problems">
          <strong>{t('lighting.refused', { source: refused.source })}</strong>
          <ul>
            {refused.problems.slice(0, 8).map((problem, index) => (
              <li key={index}>{describeScenarioProblem(language, problem)}</li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => controller.store.setState({ refused: null })}>
            {t('app.close')}
          </button>
        </div>
      )}

      <div className="run-row">
        {status === 'running' ? (
          <>
            <progress value={progress} max={1} aria-label={t('lighting.progress')} />
            <button type="button" className="chip" onClick={() => controller.cancel()} data-testid="lighting-cancel">
              {t('lighting.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => void controller.run()} data-testid="lighting-run">
            {t('lighting.run')}
          </button>
        )}
        {status === 'cancelled' && <span className="muted">{t('lighting.cancelled')}</span>}
        {status === 'error' && <span className="error-text">{state.error}</span>}
      </div>

      {result && (
        <section className={`results ${outOfDate ? 'stale' : ''}`} data-testid="lighting-results">
          {outOfDate && <p className="hint">{t('lighting.outOfDate')}</p>}
          <p className="muted">
            {t('lighting.period', { from: result.scenario.period.from, to: result.scenario.period.to, nights: fmt(result.scenario.nightCount) })}
          </p>
          <div className="cards">
            <Card label={t('lighting.card.energy')} unit="MWh" scenario={result.scenario.totals.energyKwh / 1000} baseline={result.baseline.totals.energyKwh / 1000} digits={1} language={language} testId="card-energy" />
            <Card label={t('lighting.card.cost')} unit="€" scenario={result.scenario.totals.costEuros} baseline={result.baseline.totals.costEuros} digits={0} language={language} testId="card-cost" />
            <Card label={t('lighting.card.co2')} unit="t CO2e" scenario={result.scenario.totals.emissionsKgCo2e / 1000} baseline={result.baseline.totals.emissionsKgCo2e / 1000} digits={1} language={language} testId="card-co2" />
            <Card
              label={t('lighting.card.dark')}
              unit="h"
              scenario={result.scenario.totals.meanDarkHoursPerLamp}
              baseline={result.baseline.totals.meanDarkHoursPerLamp}
              digits={0}
              language={language}
              testId="card-dark"
              higherIsSaving={false}
            />
          </div>
          <p className="saving" data-testid="lighting-saving">
            {t('lighting.saving', {
              euros: fmt(result.baseline.totals.costEuros - result.scenario.totals.costEuros),
              percent: fmt(result.difference.costSavedRatio * 100, 1),
            })}
            {result.difference.combinedPaybackYears !== null && result.scenario.retrofit.total.investmentEuros > 0 && (
              <> {t('lighting.payback', { investment: fmt(result.scenario.retrofit.total.investmentEuros), years: fmt(result.difference.combinedPaybackYears, 1) })}</>
            )}
          </p>
          <details className="findings assumptions" data-testid="lighting-assumptions">
            <summary>{t('lighting.assumptions')}</summary>
            <ul>
              {Object.entries(result.scenario.parameters).map(([key, value]) => (
                <li key={key}>
                  <strong>
                    {fmt(value.value, 2)} {value.unit}
                  </strong>{' '}
                  <code>{key}</code> — {sourceIn(key, value, language)}
                </li>
              ))}
            </ul>
          </details>
          {result.scenario.regulatory.findings.length > 0 && (
            <details className="findings">
              <summary>{t('lighting.findings', { count: result.scenario.regulatory.findings.length })}</summary>
              <ul>
                {result.scenario.regulatory.findings.slice(0, 10).map((finding, index) => (
                  <li key={index}>
                    {t(`lighting.rule.${finding.rule}`)} — {t('lighting.findingZone', { zone: zones.find((zone) => zone.id === finding.zoneId)?.name ?? finding.zoneId, lamps: fmt(finding.lampIds.length) })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}

      <h3>{t('lighting.profile')}</h3>
      <div className="zone-tools">
        <DateFields value={state.profileDate} onChange={(value) => void controller.loadProfiles(value)} language={language} label={t('lighting.profileDate')} testId="profile-date" />
        <button type="button" className="chip" onClick={() => void controller.loadProfiles()}>
          {t('lighting.profileShow')}
        </button>
      </div>
      {profiles && <ProfileChart profiles={profiles} language={language} scenarioLabel={scenario.name} baselineLabel={t('lighting.view.baseline')} timeLabel={t('schedule.time')} />}

      <h3>{t('lighting.files')}</h3>
      <div className="chips">
        <button type="button" className="chip" onClick={exportFile} data-testid="scenario-export">
          {t('lighting.export')}
        </button>
        <button type="button" className="chip" onClick={() => fileInput.current?.click()}>
          {t('lighting.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="scenario-import"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) await controller.importFile(file);
            event.target.value = '';
          }}
        />
      </div>
    </aside>
  );
}

function Card({
  label,
  unit,
  scenario,
  baseline,
  digits,
  language,
  testId,
  higherIsSaving = true,
}: {
  label: string;
  unit: string;
  scenario: number;
  baseline: number;
  digits: number;
  language: 'fr' | 'en';
  testId: string;
  higherIsSaving?: boolean;
}) {
  const t = useT();
  const change = baseline === 0 ? 0 : (scenario - baseline) / baseline;
  const good = higherIsSaving ? change < 0 : change > 0;
  return (
    <div className="card" data-testid={testId}>
      <div className="card-label">{label}</div>
      <div className="card-value">
        {formatNumber(language, scenario, digits)} <span className="card-unit">{unit}</span>
      </div>
      <div className="card-baseline">
        {t('lighting.baselineValue', { value: formatNumber(language, baseline, digits), unit })}
      </div>
      {change !== 0 && <div className={`card-change ${good ? 'good' : 'bad'}`}>{`${change > 0 ? '+' : '−'}${formatNumber(language, Math.abs(change) * 100, 1)} %`}</div>}
    </div>
  );
}
