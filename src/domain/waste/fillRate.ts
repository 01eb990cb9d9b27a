/**
 * How fast a container fills, in fraction of its volume per day (LwM2M object 3435's "average
 * filling speed"), from its fill-level readings. Readings are noisy (DOMAIN.md), so the speed of
 * each filling spell (between two emptyings) is the least-squares slope of its readings, not the
 * difference of two of them; spells are weighted by their length.
 */
import type { CollectionPoint } from '../territory';

const DAY_MS = 86_400_000;

/**
 * Whether the fall from one reading to the next is an emptying: more than 8 points (the demo's
 * noise moves two readings apart by 6 at most) down to less than half the level before. A glass
 * column collected every four weeks is found at 20–30 %: a fixed "fall of 25 points" missed its
 * emptyings, so the replay lost what it held and its speed came out near zero. A noisy dip at a high
 * level (60 to 50) is not an emptying.
 */
export function isEmptying(beforePercent: number, afterPercent: number): boolean {
  return beforePercent - afterPercent > 8 && afterPercent < beforePercent / 2;
}

/** A silence longer than this between two readings: what happened in between is not known. */
export const SILENCE_MS = DAY_MS;

/**
 * Mean filling speed (fraction per day) from readings sorted by time, values in percent. An
 * emptying (`isEmptying`) or a silence of more than a day (an emptying may hide in it) ends a
 * spell. Null when the readings cover less than a day of filling.
 */
export function fillingSpeedFromReadings(timesMs: ArrayLike<number>, percent: ArrayLike<number>): number | null {
  let rise = 0;
  let spellMs = 0;
  let start = 0;
  for (let i = 1; i <= timesMs.length; i++) {
    const emptied = i === timesMs.length || isEmptying(percent[i - 1], percent[i]) || timesMs[i] - timesMs[i - 1] > SILENCE_MS;
    if (!emptied) continue;
    const end = i - 1;
    if (end > start) {
      const count = end - start + 1;
      let meanT = 0;
      let meanV = 0;
      for (let k = start; k <= end; k++) {
        meanT += timesMs[k] / count;
        meanV += percent[k] / count;
      }
      let covariance = 0;
      let variance = 0;
      for (let k = start; k <= end; k++) {
        covariance += (timesMs[k] - meanT) * (percent[k] - meanV);
        variance += (timesMs[k] - meanT) ** 2;
      }
      const duration = timesMs[end] - timesMs[start];
      if (variance > 0) rise += Math.max(0, (covariance / variance) * duration);
      spellMs += duration;
    }
    start = i;
  }
  if (spellMs < DAY_MS) return null;
  return rise / 100 / (spellMs / DAY_MS);
}

/**
 * Without a sensor: the rate at which a container on its fixed round would be about half full
 * when collected, as a field study found (DOMAIN.md), varied a little from point to point by its id.
 */
export function typicalFillingSpeed(point: CollectionPoint): number {
  const periodDays = 7 * Math.max(1, point.collectionPeriodWeeks);
  let hash = 2166136261;
  for (let i = 0; i < point.id.length; i++) hash = Math.imul(hash ^ point.id.charCodeAt(i), 16777619);
  const spread = 0.7 + 0.6 * ((hash >>> 0) / 4294967296);
  return (0.5 / periodDays) * spread;
}
