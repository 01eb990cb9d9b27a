import { useEffect, useMemo, useRef } from 'react';
import { sourceIn } from '../../domain/assumptions';
import { useStore } from 'zustand';
import { DEFAULT_WASTE_PARAMETERS, type WasteTotals } from '../../domain/waste/policy';
import type { SourcedValue } from '../../domain/territory';
import type { DrawnRound } from '../../../workers/waste/api';
import { type RouteDrawing } from '../../store/store';
import { useTwin } from '../useStore';
import { useApp, useT } from '../context';
import { formatDate, formatNumber, type MessageKey } from '../i18n';
import { describeWasteProblem } from './scenarioProblems';
import { ROUND_ITERATIONS, ROUND_SEED, type WasteController } from './wasteStore';
import { roundRules } from '../../domain/waste/config';
import { resolveWasteParameters } from '../../domain/waste/policy';
import type { Territory } from '../../domain/territory';
import { parseIsoDate } from '../../domain/lighting/localTime';
import { zonedTimeToInstantMs } from '../../domain/time/zonedTime';

/** One colour per truck and trip, readable on the land cover. */
export const ROUTE_COLOURS = ['#e6194b', '#3cb4f0', '#f58231', '#911eb4', '#46a35a', '#f032e6', '#d2a800', '#008080', '#9a6324', '#000075'];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** A colour per truck and trip: the trips of all trucks of the day are numbered in turn. */
function tripColour(rounds: readonly DrawnRound[], truckIndex: number, tripIndex: number): string {
  let before = 0;
  for (let t = 0; t < truckIndex; t++) before += rounds[t].trips.length;
  return ROUTE_COLOURS[(before + tripIndex) % ROUTE_COLOURS.length];
}

/** A time of day (seconds since midnight, local time) as HH:MM. */
function clock(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant of local midnight on an ISO date, on the territory's clock (winter or summer offset included). */
function dayStartMs(date: string, timeZone: string): number {
  const day = parseIsoDate(date);
  return day ? zonedTimeToInstantMs(day, 0, timeZone) : Number.NaN;
}

export function WastePanel({ controller }: { controller: WasteController }) {
  const { store: twin, globe } = useApp();
  const t = useT();
  const language = useTwin(twin, (state) => state.language);
  const territory = useTwin(twin, (state) => state.territory);
  const state = useStore(controller.store);
  const fileInput = useRef<HTMLInputElement>(null);
  const { result, shown, dayIndex, status, progress, network, refused } = state;
  const fmt = (value: number, digits = 0) => formatNumber(language, value, digits);

  const plan = result ? result[shown] : null;
  const drawn = result ? result.drawn[shown] : [];
  const dates = useMemo(() => [...new Set(drawn.map((round) => round.date))], [drawn]);
  const date = dates[Math.min(dayIndex, dates.length - 1)] ?? null;
  const rounds = useMemo(() => drawn.filter((round) => round.date === date), [drawn, date]);

  // The shown day's rounds on the map, and the time bar on its morning.
  useEffect(() => {
    if (!territory || !date || rounds.length === 0) {
      twin.setState({ routes: null });
      return;
    }
    const midnight = dayStartMs(date, territory.timeZone);
    const drawing: RouteDrawing = { trucks: [] };
    rounds.forEach((round, truckIndex) => {
      drawing.trucks.push({
        colour: ROUTE_COLOURS[truckIndex % ROUTE_COLOURS.length],
        startMs: midnight + round.leaveSeconds * 1000,
        durationMs: round.seconds * 1000,
        trips: round.trips.map((trip, tripIndex) => ({
          colour: tripColour(rounds, truckIndex, tripIndex),
          path: trip.path,
          startMs: midnight + trip.startSeconds * 1000,
          endMs: midnight + trip.endSeconds * 1000,
          stops: trip.stops.map((stop) => ({
            position: territory.collectionPoints[stop.point].position,
            arrivalMs: midnight + stop.arrivalSeconds * 1000,
            departMs: midnight + stop.departSeconds * 1000,
            pathIndex: stop.pathIndex,
          })),
        })),
      });
    });
    twin.setState({ routes: drawing });
  }, [territory, date, rounds, twin]);
  useEffect(() => () => twin.setState({ routes: null }), [twin]);
  useEffect(() => {
    if (date && territory) twin.getState().setTime(dayStartMs(date, territory.timeZone) + (rounds[0]?.leaveSeconds ?? 6 * 3600) * 1000);
  }, [date, rounds, territory, twin]);

  if (!territory) return null;
  const set = (change: Partial<typeof state>) => controller.store.setState(change);
  const streamName = (stream: string) => t(`stream.${stream}` as MessageKey);
  const fleetTypes = territory.waste?.vehicleTypes ?? [];
  const typeName = (index: number) => fleetTypes[index]?.name;
  const exportFile = () => {
    const url = URL.createObjectURL(new Blob([controller.exportJson()], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'scenario-collecte.json';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <aside className="panel side-panel waste-panel" data-testid="waste-panel" aria-label={t('waste.title')}>
      <div className="info-head">
        <div>
          <div className="info-kind">{t('lighting.kind')}</div>
          <h2 className="info-title">{t('waste.title')}</h2>
        </div>
        <button type="button" className="close" onClick={() => set({ open: false })} aria-label={t('app.close')} title={t('app.close')}>
          ×
        </button>
      </div>

      <h3>{t('waste.policy')}</h3>
      <div className="segmented" role="radiogroup" aria-label={t('waste.policy')}>
        {(['fixed', 'fill-level'] as const).map((kind) => (
          <button key={kind} type="button" role="radio" aria-checked={state.policy === kind} className={state.policy === kind ? 'active' : ''} onClick={() => set({ policy: kind })} data-testid={`policy-${kind}`}>
            {t(`waste.policy.${kind}`)}
          </button>
        ))}
      </div>
      <p className="hint">{t(state.policy === 'fixed' ? 'waste.policyHint.fixed' : 'waste.policyHint.fill-level')}</p>
      {state.policy === 'fill-level' && (
        <>
          <label className="field">
            <span>{t('waste.threshold', { percent: state.thresholdPercent })}</span>
            <input type="range" min={50} max={100} step={5} value={state.thresholdPercent} onChange={(event) => set({ thresholdPercent: Number(event.target.value) })} data-testid="waste-threshold" />
          </label>
          <div className="weekdays" role="group" aria-label={t('waste.days')}>
            <span className="muted">{t('waste.days')}</span>
            <span className="muted">{state.collectionWeekdays.length === 0 ? t('waste.ownDay') : ''}</span>
            {WEEKDAYS.map((day) => (
              <label key={day} className="weekday">
                <input
                  type="checkbox"
                  checked={state.collectionWeekdays.includes(day)}
                  onChange={(event) => set({ collectionWeekdays: event.target.checked ? [...state.collectionWeekdays, day].sort() : state.collectionWeekdays.filter((d) => d !== day) })}
                />
                {t(`schedule.weekday.${day}`)}
              </label>
            ))}
          </div>
        </>
      )}
      {fleetTypes.length > 0 && (
        <div className="fleet" role="group" aria-label={t('rounds.fleet')} data-testid="waste-fleet">
          <span className="muted">{t('rounds.fleet')}</span>
          {fleetTypes.map((type) => (
            <label key={type.id} className="field small" title={t('rounds.streams', { streams: type.streams.map(streamName).join(', ') })}>
              <span>{t('rounds.typeCount', { name: type.name, capacity: fmt(type.capacityKg) })}</span>
              <input
                type="number"
                min={0}
                max={20}
                value={state.typeCounts[type.id] ?? type.count}
                onChange={(event) => set({ typeCounts: { ...state.typeCounts, [type.id]: Math.max(0, Math.min(20, Number(event.target.value) || 0)) } })}
                data-testid={`waste-type-${type.id}`}
              />
            </label>
          ))}
        </div>
      )}
      <div className="row">
        {fleetTypes.length === 0 && (
          <>
            <label className="field small">
              <span>{t('waste.vehicles')}</span>
              <input type="number" min={1} max={20} value={state.vehicles} onChange={(event) => set({ vehicles: Math.max(1, Math.min(20, Number(event.target.value) || 1)) })} data-testid="waste-vehicles" />
            </label>
            <label className="field small">
              <span>{t('waste.capacity')}</span>
              <input type="number" min={500} step={500} value={state.capacityKg} onChange={(event) => set({ capacityKg: Math.max(100, Number(event.target.value) || 100) })} data-testid="waste-capacity" />
            </label>
          </>
        )}
        <label className="field small">
          <span>{t('waste.weeks')}</span>
          <select value={state.weeks} onChange={(event) => set({ weeks: Number(event.target.value) })}>
            {[1, 2, 3, 4, 6, 8].map((weeks) => (
              <option key={weeks} value={weeks}>
                {weeks}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="run-row">
        {status === 'running' || status === 'preparing' ? (
          <>
            <progress value={progress} max={1} aria-label={t('lighting.progress')} />
            <span className="muted">{t(status === 'preparing' ? 'waste.preparing' : 'waste.running')}</span>
            <button type="button" className="chip" onClick={() => controller.cancel()} data-testid="waste-cancel">
              {t('lighting.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => void controller.run()} data-testid="waste-run">
            {t('waste.run')}
          </button>
        )}
        {status === 'cancelled' && <span className="muted">{t('lighting.cancelled')}</span>}
        {status === 'error' && <span className="error-text">{state.error}</span>}
      </div>
      <h3>{t('waste.files')}</h3>
      <div className="chips">
        <button type="button" className="chip" onClick={exportFile} data-testid="waste-scenario-export">
          {t('waste.export')}
        </button>
        <button type="button" className="chip" onClick={() => fileInput.current?.click()}>
          {t('waste.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t('waste.import')}
          data-testid="waste-scenario-import"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) await controller.importFile(file);
            event.target.value = '';
          }}
        />
      </div>
      {refused && (
        <div className="refused" role="alert" data-testid="waste-scenario-problems">
          <strong>{t(refused.loaded ? 'waste.partly' : 'waste.refused', { source: refused.source })}</strong>
          <ul>
            {refused.problems.slice(0, 8).map((problem, index) => (
              <li key={index}>{describeWasteProblem(language, problem)}</li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => set({ refused: null })}>
            {t('app.close')}
          </button>
        </div>
      )}
      <RoundRulesSummary territory={territory} windowed={network?.windowed ?? null} />
      {network && (network.unreachable.length > 0 || network.missing.length > 0) && (
        <div className="refused" role="alert" data-testid="waste-unreachable">
          {network.missing.map((kind) => (
            <div key={kind}>{t(`waste.missing.${kind}`)}</div>
          ))}
          <ul>
            {network.unreachable.slice(0, 8).map((entry) => (
              <li key={entry.id}>
                {entry.name || entry.id} — {t(`waste.reason.${entry.reason}`)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {result && (
        <section className="results" data-testid="waste-results">
          <p className="muted">{t('waste.period', { weeks: state.weeks })}</p>
          <Compare totals={result.baseline.totals} scenario={result.scenario.totals} language={language} />
          {result.scenario.unassigned.length > 0 && (
            <details className="findings" open>
              <summary>{t('waste.unassigned', { count: result.scenario.unassigned.length })}</summary>
              <ul data-testid="waste-unassigned">
                {result.scenario.unassigned.slice(0, 10).map((entry) => (
                  <li key={`${entry.point}-${entry.reason}`}>
                    {territory.collectionPoints[entry.point]?.name} — {t(`waste.reason.${entry.reason}`)} ({t('waste.times', { count: entry.count })})
                  </li>
                ))}
              </ul>
            </details>
          )}

          <h3>{t('waste.routes')}</h3>
          <div className="segmented" role="radiogroup">
            {(['baseline', 'scenario'] as const).map((which) => (
              <button key={which} type="button" role="radio" aria-checked={shown === which} className={shown === which ? 'active' : ''} onClick={() => set({ shown: which, dayIndex: 0 })}>
                {t(which === 'baseline' ? 'waste.policy.fixed' : 'waste.scenario')}
              </button>
            ))}
          </div>
          <div className="zone-tools day-picker">
            <button type="button" className="chip" disabled={dayIndex <= 0} onClick={() => set({ dayIndex: dayIndex - 1 })} aria-label={t('time.dayBack')}>
              ‹
            </button>
            <strong data-testid="waste-day">{date ? formatDate(language, new Date(`${date}T12:00:00Z`), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }) : t('waste.noRound')}</strong>
            <button type="button" className="chip" disabled={dayIndex >= dates.length - 1} onClick={() => set({ dayIndex: dayIndex + 1 })} aria-label={t('time.dayForward')}>
              ›
            </button>
          </div>
          <ol className="route-list" data-testid="route-list">
            {rounds.map((round: DrawnRound, truckIndex) => (
              <li key={`${round.stream}-${round.truck}-${truckIndex}`}>
                <div className="route-head">
                  {round.trips.map((_, tripIndex) => (
                    <span key={tripIndex} className="route-swatch" style={{ background: tripColour(rounds, truckIndex, tripIndex) }} title={t('waste.trip', { number: tripIndex + 1 })} />
                  ))}
                  <strong>{t('waste.truck', { number: truckIndex + 1 })}</strong>
                  {typeName(round.type) ? ` (${typeName(round.type)})` : ''} · {streamName(round.stream)} · {fmt(round.metres / 1000, 1)} km · {clock(round.leaveSeconds)}–{clock(round.leaveSeconds + round.seconds)} ·{' '}
                  {t('waste.tipTrips', { count: round.trips.length - 1 })}
                </div>
                <ol className="stops">
                  {round.trips.flatMap((trip) => trip.stops).map((stop, k) => {
                    const point = territory.collectionPoints[stop.point];
                    return (
                      <li key={k}>
                        <button type="button" className="link" onClick={() => globe.current?.flyTo(point.position[0], point.position[1], 220)}>
                          <span className="stop-number">{k + 1}</span> {clock(stop.startSeconds)} — {point.name} · {fmt(stop.loadKg)} kg
                          {stop.startSeconds - stop.arrivalSeconds >= 60 ? ` · ${t('rounds.wait', { minutes: fmt((stop.startSeconds - stop.arrivalSeconds) / 60) })}` : ''}
                        </button>
                      </li>
                    );
                  })}
                </ol>
              </li>
            ))}
          </ol>
          {plan && plan.stopped && <p className="hint">{t('lighting.cancelled')}</p>}
          <p className="hint">{t('rounds.seed', { iterations: ROUND_ITERATIONS, seed: ROUND_SEED })}</p>
          <Assumptions parameters={territory.parameters} language={language} />
        </section>
      )}
    </aside>
  );
}

function Compare({ totals, scenario, language }: { totals: WasteTotals; scenario: WasteTotals; language: 'fr' | 'en' }) {
  const t = useT();
  const rows: Array<{ key: MessageKey; unit: string; base: number; value: number; digits: number; testId: string }> = [
    { key: 'waste.card.km', unit: 'km', base: totals.km, value: scenario.km, digits: 0, testId: 'waste-km' },
    { key: 'waste.card.hours', unit: 'h', base: totals.hours, value: scenario.hours, digits: 0, testId: 'waste-hours' },
    { key: 'waste.card.diesel', unit: 'L', base: totals.dieselLitres, value: scenario.dieselLitres, digits: 0, testId: 'waste-diesel' },
    { key: 'waste.card.co2', unit: 't CO2e', base: totals.kgCo2e / 1000, value: scenario.kgCo2e / 1000, digits: 2, testId: 'waste-co2' },
    { key: 'waste.card.cost', unit: '€', base: totals.costEuros, value: scenario.costEuros, digits: 0, testId: 'waste-cost' },
    { key: 'waste.card.overflows', unit: '', base: totals.overflows, value: scenario.overflows, digits: 0, testId: 'waste-overflows' },
    { key: 'waste.card.collections', unit: '', base: totals.collections, value: scenario.collections, digits: 0, testId: 'waste-collections' },
    { key: 'waste.card.tonnes', unit: 't', base: totals.tonnes, value: scenario.tonnes, digits: 1, testId: 'waste-tonnes' },
  ];
  return (
    <table className="compare" data-testid="waste-compare">
      <thead>
        <tr>
          <th />
          <th>{t('waste.policy.fixed')}</th>
          <th>{t('waste.scenario')}</th>
          <th>Δ</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const change = row.base === 0 ? 0 : (row.value - row.base) / row.base;
          return (
            <tr key={row.key} data-testid={row.testId}>
              <th scope="row">{t(row.key)}</th>
              <td>
                {formatNumber(language, row.base, row.digits)} {row.unit}
              </td>
              <td>
                <strong>
                  {formatNumber(language, row.value, row.digits)} {row.unit}
                </strong>
              </td>
              <td className={row.value < row.base ? 'good' : row.value > row.base ? 'bad' : ''}>{row.value === row.base || (row.base !== 0 && Math.abs(change) < 0.005) ? '=' : row.base === 0 ? `+${formatNumber(language, row.value, row.digits)}` : `${change > 0 ? '+' : '−'}${formatNumber(language, Math.abs(change) * 100, 0)}\u00a0%`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The figures the simulation used, with where each comes from (manifest first, then defaults). */
function Assumptions({ parameters, language }: { parameters: Readonly<Record<string, SourcedValue>>; language: 'fr' | 'en' }) {
  const t = useT();
  const entries: Array<[string, SourcedValue]> = [];
  for (const [key, fallback] of Object.entries(DEFAULT_WASTE_PARAMETERS)) {
    if (key === 'densityKgPerLitre') {
      for (const [stream, value] of Object.entries(fallback as Record<string, SourcedValue>)) entries.push([`${key}.${stream}`, parameters[`${key}.${stream}`] ?? value]);
    } else entries.push([key, parameters[key] ?? (fallback as SourcedValue)]);
  }
  return (
    <details className="findings assumptions" data-testid="waste-assumptions">
      <summary>{t('waste.assumptions')}</summary>
      <ul>
        {entries.map(([key, value]) => (
          <li key={key}>
            <strong>
              {formatNumber(language, value.value, 2)} {value.unit}
            </strong>{' '}
            <code>{key}</code> — {sourceIn(key, value, language)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The rules the rounds keep: shift, tip hours, break, windows, road limits (from the manifest). */
function RoundRulesSummary({ territory, windowed }: { territory: Territory; windowed: number | null }) {
  const t = useT();
  const rules = roundRules(territory.waste, []);
  const shiftHours = resolveWasteParameters(territory.parameters).shiftHours;
  const limited = territory.roads.filter((road) => road.maxWeightTonnes !== undefined || road.maxWidthMetres !== undefined).length;
  return (
    <details className="findings" data-testid="waste-rules">
      <summary>{t('rounds.rules')}</summary>
      <ul>
        <li>{t('rounds.rule.shift', { start: clock(rules.shiftStartSeconds), hours: String(shiftHours).replace('.', ',') })}</li>
        <li>{t('rounds.rule.tip', { open: clock(rules.tipHours[0]), close: clock(rules.tipHours[1]) })}</li>
        {rules.breakSeconds > 0 && <li>{t('rounds.rule.break', { minutes: rules.breakSeconds / 60, hours: rules.breakAfterSeconds / 3600 })}</li>}
        {windowed !== null && windowed > 0 && <li>{t('rounds.rule.windows', { count: windowed })}</li>}
        {limited > 0 && <li>{t('rounds.rule.limited', { count: limited })}</li>}
      </ul>
    </details>
  );
}
