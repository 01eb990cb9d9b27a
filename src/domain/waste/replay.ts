/**
 * What really happens to a container over the simulated weeks, from its recorded readings: the
 * readings are replayed as the waste thrown in, whatever the policy does with the truck.
 *
 * The readings (percent, noisy, with gaps when a sensor is silent) give the cumulative inflow: the
 * sum of their rises, an emptying in the history (`isEmptying`: more than 8 points down to less
 * than half) counting only what was found after it, a silence of more than a day at least the
 * speed measured before it (an emptying may hide in it). Under another policy the container is
 * emptied on other days: its fill is then its fill after the last simulated emptying plus the
 * inflow since, so the noise of the readings stays in what the policy sees and in the overflows counted.
 *
 * Mornings are at 06:00 UTC of each day; `HISTORY_DAYS` mornings before the start let a policy
 * forecast from the past only. Beyond the last reading (a real territory's history ends today) the
 * inflow goes on at the speed measured over the last four weeks of readings, or at the typical speed.
 * Weeks to come (after `until`, the present) are not a silent sensor's: a sensor alive at the
 * present is seen by the policy on those mornings, with the fill forecast at its measured speed.
 * (Without this, a council slide about next month planned exactly the fixed rounds.)
 */
import type { CollectionPoint } from '../territory';
import { SILENCE_MS, fillingSpeedFromReadings, isEmptying, typicalFillingSpeed } from './fillRate';

export const HISTORY_DAYS = 28;
const DAY_MS = 86_400_000;
const MORNING_MS = 6 * 3_600_000;
/** What a collected container still holds, percent (as the demo history's emptyings). */
const RESIDUAL_PERCENT = 2.5;
const ROUND_HOUR_MS = 9 * 3_600_000;

export interface PointReadings {
  /** UTC milliseconds, increasing. */
  times: ArrayLike<number>;
  /** Fill in percent. */
  percent: ArrayLike<number>;
  /**
   * UTC ms up to which readings were recorded: the present, for the page. Mornings after it are to
   * come: the sensor will report then if it reported in the 24 h before `until` (it is alive), and
   * the policy sees the fill forecast at the measured speed. Without it, a morning with no reading
   * in the 24 h before it is a silent sensor's, even in the future.
   */
  until?: number;
}

/** One point's fill over the period, as the simulation replays it. */
export interface PointFill {
  /** Cumulative inflow (fraction of the volume) at each morning, from HISTORY_DAYS before the start to the last day (HISTORY_DAYS + days + 1 values). */
  inflow: Float64Array;
  /** Per morning (same index): 1 when the sensor reported in the 24 h before it (what the policy can see). */
  reported: Uint8Array;
  /** Fill on the first morning (0–1). */
  startFill: number;
  /** Whether the point has a sensor with readings. */
  sensor: boolean;
}

function isoWeekday(ms: number): number {
  const day = new Date(ms).getUTCDay();
  return day === 0 ? 7 : day;
}

function isFixedDay(point: CollectionPoint, ms: number): boolean {
  const week = Math.floor((ms / DAY_MS + 3) / 7);
  return isoWeekday(ms) === point.collectionWeekday && week % Math.max(1, point.collectionPeriodWeeks) === 0;
}

/** Days since the point's last fixed collection before `startMs` (its state when nothing is measured). */
export function daysSinceFixedCollection(point: CollectionPoint, startMs: number): number {
  for (let back = 1; back <= 7 * 8; back++) if (isFixedDay(point, startMs - back * DAY_MS)) return back;
  return 7 * Math.max(1, point.collectionPeriodWeeks);
}

/** A point without readings: the typical (or given) speed, from its state after its last fixed round. */
export function steadyFill(point: CollectionPoint, startDate: string, days: number, perDay = typicalFillingSpeed(point)): PointFill {
  const length = HISTORY_DAYS + days + 1;
  const inflow = new Float64Array(length);
  for (let k = 0; k < length; k++) inflow[k] = k * perDay;
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  return { inflow, reported: new Uint8Array(length), startFill: perDay * daysSinceFixedCollection(point, startMs), sensor: false };
}

/**
 * Filling speed, percent a day, of the readings of the four weeks up to reading `last` (included);
 * the point's typical speed when they cover less than a day of filling.
 */
function speedPercentUpTo(point: CollectionPoint, times: ArrayLike<number>, percent: ArrayLike<number>, last: number): number {
  let first = last;
  while (first > 0 && times[first - 1] >= times[last] - HISTORY_DAYS * DAY_MS) first--;
  const length = last - first + 1;
  const speed = fillingSpeedFromReadings(Array.from({ length }, (_, k) => times[first + k]), Array.from({ length }, (_, k) => percent[first + k]));
  return (speed ?? typicalFillingSpeed(point)) * 100;
}

/** Replays a sensor's readings over the period; a point without usable readings gets `steadyFill`. */
export function replayFill(point: CollectionPoint, readings: PointReadings | null, startDate: string, days: number): PointFill {
  const count = readings ? readings.times.length : 0;
  if (!readings || count < 2) return steadyFill(point, startDate, days);
  const { times, percent } = readings;
  const startMs = Date.parse(`${startDate}T00:00:00Z`) + MORNING_MS;
  // Speed for the mornings after the last reading: the last four weeks' readings.
  const speedPercent = speedPercentUpTo(point, times, percent, count - 1);
  // Cumulative inflow at each reading, percent: the rises, an emptying counting what was found after
  // it; across a silence of more than a day (an emptying may hide in it) at least the speed of the
  // four weeks of readings before it (the past only: the policy's forecast reads this inflow).
  const cumulative = new Float64Array(count);
  for (let j = 1; j < count; j++) {
    let step = isEmptying(percent[j - 1], percent[j]) ? Math.max(0, percent[j] - RESIDUAL_PERCENT) : percent[j] - percent[j - 1];
    const gap = times[j] - times[j - 1];
    if (gap > SILENCE_MS) step = Math.max(step, (speedPercentUpTo(point, times, percent, j - 1) * gap) / DAY_MS);
    cumulative[j] = cumulative[j - 1] + step;
  }
  const length = HISTORY_DAYS + days + 1;
  const inflow = new Float64Array(length);
  const reported = new Uint8Array(length);
  const until = readings.until ?? Number.POSITIVE_INFINITY;
  const alive = times[count - 1] > until - DAY_MS;
  let j = 0;
  let lastBefore = -1;
  for (let k = 0; k < length; k++) {
    const morning = startMs + (k - HISTORY_DAYS) * DAY_MS;
    while (j < count && times[j] <= morning) j++;
    // Readings j-1 (at or before) and j (after) straddle the morning.
    let value: number;
    if (j === 0) value = cumulative[0] - (speedPercent * (times[0] - morning)) / DAY_MS;
    else if (j === count) value = cumulative[count - 1] + (speedPercent * (morning - times[count - 1])) / DAY_MS;
    else value = cumulative[j - 1] + ((cumulative[j] - cumulative[j - 1]) * (morning - times[j - 1])) / (times[j] - times[j - 1]);
    inflow[k] = value / 100;
    reported[k] = (j > 0 && times[j - 1] > morning - DAY_MS) || (alive && morning > until) ? 1 : 0;
    if (k === HISTORY_DAYS) lastBefore = j - 1;
  }
  let startFill: number;
  if (lastBefore >= 0 && times[lastBefore] > startMs - DAY_MS) startFill = Math.max(0, percent[lastBefore]) / 100;
  else if (alive && startMs > until) {
    // A start to come: the last reading carried forward at the measured speed, or, when its fixed
    // round passes in between, what comes in after that round.
    const lastMs = times[count - 1];
    // The round's truck passes about 09:00 (the demo history: between 07:00 and 11:00).
    const roundMs = startMs - MORNING_MS - daysSinceFixedCollection(point, startMs) * DAY_MS + ROUND_HOUR_MS;
    const [fromMs, fromPercent] = roundMs > lastMs ? [roundMs, RESIDUAL_PERCENT] : [lastMs, Math.max(0, percent[count - 1])];
    startFill = (fromPercent + (speedPercent * (startMs - fromMs)) / DAY_MS) / 100;
  } else startFill = typicalFillingSpeed(point) * daysSinceFixedCollection(point, startMs);
  return { inflow, reported, startFill, sensor: true };
}
