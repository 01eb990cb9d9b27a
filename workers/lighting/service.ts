/**
 * The lighting worker's implementation of `LightingWorkerApi`, independent of comlink's transport
 * so that it runs in Node tests as it is. A run is driven step by step with a pause between steps,
 * so that a cancel (or a newer run) arriving meanwhile stops it.
 */
import { transfer } from 'comlink';
import { validateScenario } from '../../src/domain/lighting/scenario';
import type { LightingRunRequest, LightingWorkerApi } from './api';
import type { LightingTerritory } from './api';
import { BaselineCache, resultTransferables, runComparisonSteps } from './run';
import { powerProfile } from './profile';
import { lampStateAt, nightLevels } from './lampState';

/** Lets queued messages (a cancel) be handled before the next step. */
function pause(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createLightingService() {
  let territory: LightingTerritory | null = null;
  let latestRequestId = Number.NEGATIVE_INFINITY;
  const running = new Set<number>();
  const cancelled = new Set<number>();
  /** "Today" run once per territory, baseline and period, whatever scenario it is compared with. */
  const baselines = new BaselineCache();

  const requireTerritory = (): LightingTerritory => {
    if (territory === null) throw new Error('lighting worker: call setTerritory before running a scenario');
    return territory;
  };

  return {
    setTerritory(next) {
      territory = next;
      return next.streetLights.length;
    },
    validate(json) {
      return validateScenario(json, requireTerritory());
    },
    async run(request: LightingRunRequest, onProgress?: (fraction: number) => void) {
      const current = requireTerritory();
      latestRequestId = Math.max(latestRequestId, request.requestId);
      const steps = runComparisonSteps(request.scenario, request.baseline, current, request.year, baselines);
      running.add(request.requestId);
      try {
        for (;;) {
          const step = steps.next();
          if (step.done === true) return transfer(step.value, resultTransferables(step.value));
          void onProgress?.(step.value);
          await pause();
          if (cancelled.has(request.requestId) || request.requestId < latestRequestId) return null;
        }
      } finally {
        running.delete(request.requestId);
        cancelled.delete(request.requestId);
      }
    },
    cancel(requestId) {
      if (running.has(requestId)) cancelled.add(requestId);
    },
    powerProfile(scenario, eveningDate, zoneId, binMinutes) {
      const profile = powerProfile(scenario, requireTerritory(), eveningDate, zoneId, binMinutes);
      return transfer(profile, [profile.powerKw.buffer as ArrayBuffer]);
    },
    lampStateAt(scenario, instantMs) {
      const levels = lampStateAt(scenario, requireTerritory(), instantMs);
      return transfer(levels, [levels.buffer as ArrayBuffer]);
    },
    nightLevels(scenario, instantMs) {
      const night = nightLevels(scenario, requireTerritory(), instantMs);
      return transfer(night, [night.segmentStart, night.start, night.end, night.level, night.lampScheduleIndex].map((array) => array.buffer as ArrayBuffer));
    },
  } satisfies LightingWorkerApi;
}
