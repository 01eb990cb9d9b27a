/**
 * `npm run bench:waste -- [--scale N[,N…]] [--weeks W] [--iterations N] [--seed N] [--threads N] [--start YYYY-MM-DD] [--threshold P]`
 * The waste what-if on the demo territory at each scale (default `1,5`: public/demo and
 * public/demo-x5; public/demo-xN for scale N, generated when missing): time to prepare the road network and per-type matrices, then to plan
 * W weeks (default 4, as the panel) of rounds for the whole intercommunality under the fixed rounds and the
 * fill-level policy, replaying the demo's sensor history. One JSON line per step, one thread.
 * Four weeks, not one: the demo's sensors are on glass columns (every 4 weeks) and recyclables (every
 * 2 weeks), so a single week can hold none of their rounds (the week from 2026-03-02 has only the
 * residual rounds, where 2 of the 251 points have a sensor) and both policies then plan the same.
 * `sensoredStops`: stops at points with a sensor (under the fixed rounds: the decisions the policy had to make).
 * `--without TYPE` sets a vehicle type's count to 0. `--threads N`: N islands per round problem (islands.ts),
 * one after the other in this process as in the app's worker (same figures as on N threads).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { generateHistory } from '../../src/domain/series/history';
import { EPOCH_MS } from '../../src/domain/series/store';
import { HISTORY_DAYS } from '../../src/domain/waste/replay';
import { resolveWasteParameters, simpleFleet } from '../../src/domain/waste/policy';
import { manifestFleet } from '../../src/domain/waste/config';
import { createWasteService } from './service';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const scales = option('scale', '1,5').split(',').map(Number);
const weeks = Number(option('weeks', '4'));
const iterations = Number(option('iterations', '500'));
const seed = Number(option('seed', '1'));
const threads = Number(option('threads', '1'));
const startDate = option('start', '2026-03-02');
const without = option('without', '');
// The fill-level policy's threshold, percent (the panel's default 80).
const threshold = Number(option('threshold', '80'));
if (![...scales, weeks, iterations, seed, threads, threshold].every((value) => Number.isFinite(value) && value > 0) || !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) {
  console.error('usage: npm run bench:waste -- [--scale N[,N…]] [--weeks W] [--iterations N] [--seed N] [--threads N] [--start YYYY-MM-DD] [--threshold P] [--without TYPE]');
  process.exit(2);
}
for (const scale of scales) {
  const folder = scale === 1 ? 'public/demo' : `public/demo-x${scale}`;
  if (!existsSync(`${folder}/manifest.json`)) {
    console.error(`bench:waste: generating ${folder}…`);
    execFileSync('npx', ['tsx', 'data/generate.ts', '--scale', String(scale)], { stdio: 'inherit' });
  }
  const { territory, problems } = await loadTerritoryFromFile(`${folder}/manifest.json`);
  if (problems.length > 0) console.error(`bench:waste: ${problems.length} problem(s) loading ${folder}`);
  const year = Number(startDate.slice(0, 4));
  let started = performance.now();
  const fillSensors = territory.sensors.filter((sensor) => sensor.kind === 'fill-level');
  const histories = generateHistory({ ...territory, sensors: fillSensors }, year);
  const byPoint = new Map<string, { times: Float64Array; percent: Float32Array }>();
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  const days = weeks * 7;
  histories.forEach((history, k) => {
    const sensor = fillSensors.find((candidate) => candidate.id === history.sensorId) ?? fillSensors[k];
    const times = Float64Array.from(history.seconds, (second) => EPOCH_MS + second * 1000);
    const from = startMs - (HISTORY_DAYS + 1) * 86_400_000;
    const to = startMs + (days + 1) * 86_400_000;
    const keep: number[] = [];
    times.forEach((time, i) => {
      if (time >= from && time <= to) keep.push(i);
    });
    if (sensor.targetId) byPoint.set(sensor.targetId, { times: Float64Array.from(keep, (i) => times[i]), percent: Float32Array.from(keep, (i) => history.values[i]) });
  });
  const historySeconds = (performance.now() - started) / 1000;
  const service = createWasteService();
  started = performance.now();
  const prepared = service.prepare(territory);
  const prepareSeconds = (performance.now() - started) / 1000;
  const parameters = resolveWasteParameters(territory.parameters);
  const declared = manifestFleet(territory.waste, parameters) ?? simpleFleet(3, 7000, parameters);
  // `--without TYPE`: that vehicle type's count set to 0 (its streams are then named unserved).
  const fleet = { types: declared.types.map((type) => (type.id === without ? { ...type, count: 0 } : type)) };
  console.log(JSON.stringify({ step: 'prepare', territory: territory.name, points: territory.collectionPoints.length, sensors: fillSensors.length, vehicleTypes: fleet.types.length, windowed: prepared.windowed, unreachable: prepared.unreachable.length, historySeconds: Math.round(historySeconds * 100) / 100, prepareSeconds: Math.round(prepareSeconds * 100) / 100 }));
  const readings = territory.collectionPoints.map((point) => byPoint.get(point.id) ?? null);
  const sensored = readings.map((entry) => entry !== null);
  started = performance.now();
  const result = await service.run({ requestId: 1, policy: { kind: 'fill-level', thresholdPercent: threshold, collectionWeekdays: [] }, fleet, startDate, days, readings, iterations, seed, threads });
  const runSeconds = (performance.now() - started) / 1000;
  if (!result) throw new Error('bench:waste: the run was stopped');
  for (const [policy, plan] of [['fixed', result.baseline], ['fill-level', result.scenario]] as const) {
    const t = plan.totals;
    // Stops (negative entries are trips to the tip), and those at points with a sensor.
    let stops = 0;
    let sensoredStops = 0;
    for (const day of plan.days) {
      for (const truck of day.trucks) {
        for (const stop of truck.stops) {
          if (stop < 0) continue;
          stops++;
          if (sensored[stop]) sensoredStops++;
        }
      }
    }
    console.log(
      JSON.stringify({
        step: 'plan',
        policy,
        ...(policy === 'fill-level' ? { thresholdPercent: threshold } : {}),
        weeks,
        startDate,
        roundProblems: plan.days.length,
        stops,
        sensoredStops,
        rounds: t.rounds,
        km: Math.round(t.km),
        hours: Math.round(t.hours * 10) / 10,
        tipTrips: t.tipTrips,
        overflows: t.overflows,
        costEuros: Math.round(t.costEuros),
        unassigned: plan.unassigned.reduce((sum, entry) => sum + entry.count, 0),
        reasons: Object.fromEntries([...new Set(plan.unassigned.map((entry) => entry.reason))].map((reason) => [reason, plan.unassigned.filter((entry) => entry.reason === reason).reduce((sum, entry) => sum + entry.count, 0)])),
      }),
    );
  }
  console.log(JSON.stringify({ step: 'total', scale, weeks, iterations, seed, threads, planSeconds: Math.round(runSeconds * 100) / 100, secondsPerRoundProblem: Math.round((runSeconds / Math.max(1, result.baseline.days.length + result.scenario.days.length)) * 1000) / 1000 }));
}
