/**
 * Lamp levels at an instant from one night's `NightLevels` (computed by the worker): the only
 * lighting code the page runs itself, at each time step. No engine import.
 */
import type { NightLevels } from './api';

/** Whether `night` covers `instantMs`. */
export function coversInstant(night: NightLevels, instantMs: number): boolean {
  return instantMs >= night.startMs && instantMs < night.endMs;
}

/**
 * The level of each lamp (0 off, 0–1 dimmed, 1 on) at `instantMs`, into `result` when it has the
 * right length. Outside the night every lamp is off, as `lampStateAt` says.
 */
export function levelsAt(night: NightLevels, instantMs: number, result?: Float32Array): Float32Array {
  const lampCount = night.lampScheduleIndex.length;
  const levels = result !== undefined && result.length === lampCount ? result : new Float32Array(lampCount);
  const schedules = night.segmentStart.length - 1;
  const scheduleLevels = new Float32Array(Math.max(schedules, 0));
  if (coversInstant(night, instantMs)) {
    const seconds = (instantMs - night.startMs) / 1000;
    for (let schedule = 0; schedule < schedules; schedule++) {
      for (let segment = night.segmentStart[schedule]; segment < night.segmentStart[schedule + 1]; segment++) {
        if (seconds >= night.start[segment] && seconds < night.end[segment]) {
          scheduleLevels[schedule] = night.level[segment];
          break;
        }
      }
    }
  }
  for (let lamp = 0; lamp < lampCount; lamp++) levels[lamp] = scheduleLevels[night.lampScheduleIndex[lamp]];
  return levels;
}
