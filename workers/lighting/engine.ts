/**
 * The public-lighting what-if engine: pure, deterministic, stoppable.
 *
 * How it stays fast: the nights of the period (sun times, daylight saving) are computed once for
 * the territory's centre; each distinct schedule is turned into lit intervals night by night once
 * (`computeProfile`); per lamp, everything is then a multiply-add of the schedule's totals by the
 * lamp's power. Per-lamp and per-group results are Float64Array columns in the order of the
 * territory's arrays (`streetLights`, `cabinets`, `lightingZones`, `communes`), so that they cross a
 * worker boundary as transferables.
 *
 * Energy: kWh = power × (1 + ballast losses for sodium and mercury) × full-power-equivalent hours,
 * where a lamp dimmed to 50% for an hour counts half an hour (losses assumed proportional).
 */
export type { LightingTerritory, GroupResults, LightingTotals, RetrofitPlanSummary, RetrofitSummary, LightingResult, TotalsDifference, LightingComparison, PowerProfile } from './api';
export { prepareScenario, nightsFor, type ScenarioPlan } from './plan';
export { runScenarioSteps, runScenario, compareResults, runComparisonSteps, runComparison, resultTransferables, type RunOptions } from './run';
export { powerProfile } from './profile';
export { lampStateAt, nightLevels } from './lampState';
