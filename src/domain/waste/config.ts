/**
 * The manifest's `waste` section (docs/MANIFEST.md): the fleet's vehicle types, time windows per
 * point or per street class, the tip's opening hours, the shift's start and the driver's break.
 * Times are "HH:MM" (local time of the rounds, "24:00" for midnight at the end of the day).
 */
import { z } from 'zod';
import type { CollectionPoint, Road, RoadClass, WasteStream } from '../territory';
import type { Fleet, RoundRules, VehicleType, WasteParameters } from './policy';

const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM');
const span = z.tuple([clock, clock]);

export const wasteConfigSchema = z.object({
  vehicleTypes: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        count: z.number().int().min(0).max(200),
        capacityKg: z.number().positive().max(40000),
        streams: z.array(z.enum(['residual', 'recyclables', 'glass'])).min(1),
        weightTonnes: z.number().positive().max(60),
        widthMetres: z.number().positive().max(4),
        fuelLitresPer100Km: z.number().positive().max(300).optional(),
        crewCostEurPerHour: z.number().positive().max(1000).optional(),
      }),
    )
    .default([]),
  /** Each rule applies to the points it names, or those on roads of a class or with given ids. */
  windows: z
    .array(
      z.object({
        label: z.string().default(''),
        pointIds: z.array(z.string()).optional(),
        roadClass: z.enum(['primary', 'secondary', 'tertiary', 'residential', 'service', 'track']).optional(),
        roadIds: z.array(z.string()).optional(),
        /** When collection may happen (any of these), or may not (none of these). */
        allowed: z.array(span).optional(),
        forbidden: z.array(span).optional(),
      }),
    )
    .default([]),
  tipHours: span.default(['00:00', '24:00']),
  shiftStart: clock.default('06:00'),
  breakMinutes: z.number().min(0).max(120).default(0),
  breakAfterHours: z.number().min(0).max(12).default(4),
});
export type WasteConfig = z.infer<typeof wasteConfigSchema>;

export function secondsOf(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return hours * 3600 + minutes * 60;
}

type Windows = Array<[number, number]>;
const DAY: Windows = [[0, 86_400]];

function intersect(a: Windows, b: Windows): Windows {
  const out: Windows = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) {
    const from = Math.max(a0, b0);
    const to = Math.min(a1, b1);
    if (to > from) out.push([from, to]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

function complement(spans: Windows): Windows {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: Windows = [];
  let from = 0;
  for (const [start, end] of sorted) {
    if (start > from) out.push([from, start]);
    from = Math.max(from, end);
  }
  if (from < 86_400) out.push([from, 86_400]);
  return out;
}

/**
 * Per point, when service may start (seconds since midnight), from the rules that match it: their
 * allowed spans intersected, their forbidden spans removed. Empty list: any time. A point whose
 * rules leave no time at all keeps an empty window list marked impossible ([[-1, -1]]) so that the
 * solver names it ('time-window').
 */
export function pointWindows(config: WasteConfig | undefined, points: readonly CollectionPoint[], pointRoad: (index: number) => Road | null): Array<Array<[number, number]>> {
  return points.map((point, index) => {
    if (!config || config.windows.length === 0) return [];
    const road = pointRoad(index);
    let windows: Windows = DAY;
    let touched = false;
    for (const rule of config.windows) {
      const matches =
        (rule.pointIds?.includes(point.id) ?? false) || (rule.roadClass !== undefined && road?.roadClass === rule.roadClass) || (road !== null && (rule.roadIds?.includes(road.id) ?? false));
      if (!matches) continue;
      touched = true;
      if (rule.allowed) windows = intersect(windows, rule.allowed.map(([a, b]) => [secondsOf(a), secondsOf(b)] as [number, number]));
      if (rule.forbidden) windows = intersect(windows, complement(rule.forbidden.map(([a, b]) => [secondsOf(a), secondsOf(b)] as [number, number])));
    }
    if (!touched) return [];
    return windows.length === 0 ? [[-1, -1]] : windows;
  });
}

/** The rules of the rounds from the section (defaults: shift at 06:00, tip always open, no break). */
export function roundRules(config: WasteConfig | undefined, windows: Array<Array<[number, number]>>): RoundRules {
  return {
    windows,
    shiftStartSeconds: secondsOf(config?.shiftStart ?? '06:00'),
    tipHours: config ? [secondsOf(config.tipHours[0]), secondsOf(config.tipHours[1])] : [0, 86_400],
    breakSeconds: (config?.breakMinutes ?? 0) * 60,
    breakAfterSeconds: (config?.breakAfterHours ?? 4) * 3600,
  };
}

/** The fleet of the section's vehicle types, or null when it declares none. */
export function manifestFleet(config: WasteConfig | undefined, parameters: WasteParameters): Fleet | null {
  if (!config || config.vehicleTypes.length === 0) return null;
  return {
    types: config.vehicleTypes.map(
      (type): VehicleType => ({
        id: type.id,
        name: type.name,
        count: type.count,
        capacityKg: type.capacityKg,
        streams: type.streams as WasteStream[],
        weightTonnes: type.weightTonnes,
        widthMetres: type.widthMetres,
        fuelLitresPer100Km: type.fuelLitresPer100Km ?? parameters.truckFuelLitresPer100Km,
        crewCostEurPerHour: type.crewCostEurPerHour ?? parameters.crewCostEurPerHour,
      }),
    ),
  };
}

/** Whether a road lets a vehicle through (its weight and width limits, when it has them). */
export function roadAllows(road: Pick<Road, 'maxWeightTonnes' | 'maxWidthMetres'>, type: Pick<VehicleType, 'weightTonnes' | 'widthMetres'>): boolean {
  return (road.maxWeightTonnes === undefined || type.weightTonnes <= road.maxWeightTonnes) && (road.maxWidthMetres === undefined || type.widthMetres <= road.maxWidthMetres);
}

export type { RoadClass };
