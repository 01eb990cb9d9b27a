/**
 * Waste collection policies simulated day by day over several weeks:
 *
 * - `fixed`: every point on its weekly day (every `collectionPeriodWeeks` weeks), as today;
 * - `fill-level`: on the chosen collection days, only the points whose forecast fill reaches the
 *   threshold before the next possible collection; points without a sensor keep their fixed day.
 *
 * Containers fill at their own speed (% per day, as LwM2M object 3435's "average filling speed"),
 * taken from their sensor history where there is one. Each day and stream, the points to visit
 * become a vehicle routing problem on the road network (depot, tip, capacity in kg, shift, service
 * times), solved by the injected solver; the day's rounds add up to kilometres, hours, trips to the
 * tip, tonnes, litres of diesel, kg CO2e, cost, and overflows (a point above 100 % before it is
 * emptied).
 */
import type { CollectionPoint, SourcedValue, WasteStream } from '../territory';
import { sourcedDefault, sourcedDefaults } from '../assumptions';

export interface WasteParameters {
  truckFuelLitresPer100Km: number;
  dieselEmissionKgPerLitre: number;
  dieselPriceEurPerLitre: number;
  truckCapacityKg: number;
  crewCostEurPerHour: number;
  shiftHours: number;
  /** Kilograms per litre of container volume when full, by stream. */
  densityKgPerLitre: Record<WasteStream, number>;
  /** Seconds at a stop: per wheeled bin, per drop-off column. */
  binServiceSeconds: number;
  columnServiceSeconds: number;
  /** Seconds to unload at the tip. */
  tipSeconds: number;
}

/** The shared defaults (src/domain/assumptions.ts), with their French source texts. */
export const DEFAULT_WASTE_PARAMETERS: Record<keyof Omit<WasteParameters, 'densityKgPerLitre'>, SourcedValue> & {
  densityKgPerLitre: Record<WasteStream, SourcedValue>;
} = {
  ...sourcedDefaults(['truckFuelLitresPer100Km', 'dieselEmissionKgPerLitre', 'dieselPriceEurPerLitre', 'truckCapacityKg', 'crewCostEurPerHour', 'shiftHours', 'binServiceSeconds', 'columnServiceSeconds', 'tipSeconds']),
  densityKgPerLitre: { residual: sourcedDefault('densityKgPerLitre.residual'), recyclables: sourcedDefault('densityKgPerLitre.recyclables'), glass: sourcedDefault('densityKgPerLitre.glass') },
};

/** Parameters from the manifest's `parameters` (same keys) over the defaults. */
export function resolveWasteParameters(manifest: Readonly<Record<string, SourcedValue>>): WasteParameters {
  const pick = (key: keyof typeof DEFAULT_WASTE_PARAMETERS): number => {
    const value = manifest[key];
    return value !== undefined && typeof value.value === 'number' ? value.value : (DEFAULT_WASTE_PARAMETERS[key] as SourcedValue).value;
  };
  const density = (stream: WasteStream): number => manifest[`densityKgPerLitre.${stream}`]?.value ?? DEFAULT_WASTE_PARAMETERS.densityKgPerLitre[stream].value;
  return {
    truckFuelLitresPer100Km: pick('truckFuelLitresPer100Km'),
    dieselEmissionKgPerLitre: pick('dieselEmissionKgPerLitre'),
    dieselPriceEurPerLitre: pick('dieselPriceEurPerLitre'),
    truckCapacityKg: pick('truckCapacityKg'),
    crewCostEurPerHour: pick('crewCostEurPerHour'),
    shiftHours: pick('shiftHours'),
    binServiceSeconds: pick('binServiceSeconds'),
    columnServiceSeconds: pick('columnServiceSeconds'),
    tipSeconds: pick('tipSeconds'),
    densityKgPerLitre: { residual: density('residual'), recyclables: density('recyclables'), glass: density('glass') },
  };
}

// --- The routing problem handed to the solver ---------------------------------------------------------

/** One day's rounds for one stream. Place 0 is the depot, place 1 the tip, then the stops. */
export interface RoundProblem {
  size: number;
  /** Row-major size × size, metres and seconds along the roads; Infinity when unreachable. */
  metres: Float64Array;
  seconds: Float64Array;
  depot: number;
  tip: number;
  demandKg: Float64Array;
  serviceSeconds: Float64Array;
  capacityKg: number;
  vehicles: number;
  shiftSeconds: number;
  tipSeconds: number;
  costPerMetre: number;
  costPerSecond: number;
}

export type UnassignedReason = 'demand-exceeds-capacity' | 'unreachable' | 'shift-too-short' | 'fleet-too-small';

export interface RoundPlan {
  /** Per truck, the places visited in order, depot excluded, the tip included where it unloads. */
  trucks: Array<{ stops: number[] }>;
  unassigned: Array<{ place: number; reason: UnassignedReason }>;
}

export type RoundSolver = (problem: RoundProblem) => RoundPlan;

// --- The simulation ---------------------------------------------------------------------------------

/**
 * Fill-level policy: on the collection days (`collectionWeekdays`, or when empty each point's own
 * fixed day), a point with a sensor is visited only if its forecast fill reaches the threshold
 * before its next possible collection.
 */
export type Policy = { kind: 'fixed' } | { kind: 'fill-level'; thresholdPercent: number; collectionWeekdays: number[] };

export interface Fleet {
  vehicles: number;
  capacityKg: number;
}

export interface WasteSimulationInput {
  points: readonly CollectionPoint[];
  /** Per point: fill speed in fraction of the volume per day, and fill at the start (0–1). */
  fillPerDay: Float64Array;
  initialFill: Float64Array;
  /** Whether a sensor reports each point's fill (fill-level policy only uses those). */
  hasSensor: Uint8Array;
  /** Travel matrices over [depot, tip, ...points] (same order as `points`). */
  metres: Float64Array;
  seconds: Float64Array;
  /** ISO date of the first day; its weekday decides the fixed rounds. */
  startDate: string;
  days: number;
  policy: Policy;
  fleet: Fleet;
  parameters: WasteParameters;
  solve: RoundSolver;
  onProgress?: (fraction: number) => void;
  /** Checked between days: true stops the simulation, which returns what it has. */
  shouldStop?: () => boolean;
}

export interface DayRound {
  date: string;
  stream: WasteStream;
  /** Point indexes (into `points`) per truck, in order; -1 marks a trip to the tip. */
  /** `loadsKg`: what each trip brought to the tip; `loadAfterKg`: the load on board after each stop. */
  trucks: Array<{ stops: number[]; metres: number; seconds: number; loadsKg: number[]; loadAfterKg: number[] }>;
  unassigned: Array<{ point: number; reason: UnassignedReason }>;
}

export interface WasteTotals {
  collections: number;
  km: number;
  hours: number;
  tipTrips: number;
  tonnes: number;
  dieselLitres: number;
  kgCo2e: number;
  costEuros: number;
  overflows: number;
  rounds: number;
}

export interface WasteSimulationResult {
  totals: WasteTotals;
  days: DayRound[];
  /** Points that could not be served, by reason, over the whole period. */
  unassigned: Array<{ point: number; reason: UnassignedReason; count: number }>;
  stopped: boolean;
}

const STREAMS: WasteStream[] = ['residual', 'recyclables', 'glass'];
const DAY_MS = 86_400_000;

function isoWeekday(date: Date): number {
  const day = date.getUTCDay();
  return day === 0 ? 7 : day;
}

function addDays(iso: string, days: number): Date {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);
}

/** Whole weeks since the epoch's Monday, to decide fortnightly rounds the same way every run. */
function weekNumber(date: Date): number {
  return Math.floor((date.getTime() / DAY_MS + 3) / 7);
}

function isFixedDay(point: CollectionPoint, date: Date): boolean {
  return isoWeekday(date) === point.collectionWeekday && weekNumber(date) % Math.max(1, point.collectionPeriodWeeks) === 0;
}

/** Days from `date` (exclusive) to the next day the policy could visit the point. */
function daysToNextChance(point: CollectionPoint, date: Date, policy: Policy, sensor: boolean): number {
  for (let ahead = 1; ahead <= 7 * 8; ahead++) {
    const next = new Date(date.getTime() + ahead * DAY_MS);
    if (policy.kind === 'fill-level' && sensor && policy.collectionWeekdays.length > 0) {
      if (policy.collectionWeekdays.includes(isoWeekday(next))) return ahead;
    } else if (isFixedDay(point, next)) return ahead;
  }
  return 7 * 8;
}

export function simulateCollection(input: WasteSimulationInput): WasteSimulationResult {
  const { points, policy, parameters } = input;
  const n = points.length;
  const size = n + 2;
  const fill = Float64Array.from(input.initialFill);
  const overflowing = new Uint8Array(n);
  const totals: WasteTotals = { collections: 0, km: 0, hours: 0, tipTrips: 0, tonnes: 0, dieselLitres: 0, kgCo2e: 0, costEuros: 0, overflows: 0, rounds: 0 };
  const days: DayRound[] = [];
  const unassignedCount = new Map<string, { point: number; reason: UnassignedReason; count: number }>();
  let stopped = false;

  for (let day = 0; day < input.days; day++) {
    if (input.shouldStop?.()) {
      stopped = true;
      break;
    }
    const date = addDays(input.startDate, day);
    const iso = date.toISOString().slice(0, 10);
    // Containers fill during the day before the morning round… of the next day: the morning
    // round sees yesterday's fill. Overflow is counted once per episode.
    for (const stream of STREAMS) {
      const visit: number[] = [];
      for (let i = 0; i < n; i++) {
        const point = points[i];
        if (point.stream !== stream) continue;
        const sensor = input.hasSensor[i] === 1;
        if (policy.kind === 'fill-level' && sensor) {
          const chance = policy.collectionWeekdays.length > 0 ? policy.collectionWeekdays.includes(isoWeekday(date)) : isFixedDay(point, date);
          if (!chance) continue;
          const forecast = fill[i] + input.fillPerDay[i] * daysToNextChance(point, date, policy, sensor);
          if (forecast * 100 >= policy.thresholdPercent || fill[i] * 100 >= policy.thresholdPercent) visit.push(i);
        } else if (isFixedDay(point, date)) visit.push(i);
      }
      if (visit.length === 0) continue;
      const round = solveDay(input, visit, stream, size, fill);
      round.date = iso;
      for (const truck of round.trucks) {
        totals.km += truck.metres / 1000;
        totals.hours += truck.seconds / 3600;
        totals.tipTrips += truck.stops.filter((stop) => stop === -1).length;
        totals.rounds++;
      }
      const served = new Set<number>();
      for (const truck of round.trucks) for (const stop of truck.stops) if (stop >= 0) served.add(stop);
      for (const point of served) {
        totals.collections++;
        totals.tonnes += (Math.min(fill[point], 1.2) * points[point].volumeLitres * parameters.densityKgPerLitre[stream]) / 1000;
        fill[point] = 0;
        overflowing[point] = 0;
      }
      for (const missed of round.unassigned) {
        const key = `${missed.point}|${missed.reason}`;
        const entry = unassignedCount.get(key);
        if (entry) entry.count++;
        else unassignedCount.set(key, { point: missed.point, reason: missed.reason, count: 1 });
      }
      days.push(round);
    }
    for (let i = 0; i < n; i++) {
      fill[i] += input.fillPerDay[i];
      if (fill[i] > 1 && overflowing[i] === 0) {
        overflowing[i] = 1;
        totals.overflows++;
      }
    }
    input.onProgress?.((day + 1) / input.days);
  }
  totals.dieselLitres = (totals.km * parameters.truckFuelLitresPer100Km) / 100;
  totals.kgCo2e = totals.dieselLitres * parameters.dieselEmissionKgPerLitre;
  totals.costEuros = totals.dieselLitres * parameters.dieselPriceEurPerLitre + totals.hours * parameters.crewCostEurPerHour;
  return { totals, days, unassigned: [...unassignedCount.values()], stopped };
}

function solveDay(input: WasteSimulationInput, visit: number[], stream: WasteStream, size: number, fill: Float64Array): DayRound {
  const { parameters, fleet } = input;
  // Sub-matrix over [depot, tip, ...visited points].
  const places = [0, 1, ...visit.map((point) => point + 2)];
  const m = places.length;
  const metres = new Float64Array(m * m);
  const seconds = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      metres[a * m + b] = input.metres[places[a] * size + places[b]];
      seconds[a * m + b] = input.seconds[places[a] * size + places[b]];
    }
  }
  const demandKg = new Float64Array(m);
  const serviceSeconds = new Float64Array(m);
  visit.forEach((point, k) => {
    const p = input.points[point];
    // What is in the container now; above 100 % the excess lies beside it and is picked up too.
    demandKg[k + 2] = Math.min(Math.max(0, fill[point]), 1.2) * p.volumeLitres * parameters.densityKgPerLitre[stream];
    serviceSeconds[k + 2] = p.container === 'column' ? parameters.columnServiceSeconds * p.containerCount : parameters.binServiceSeconds * p.containerCount;
  });
  const hourCost = parameters.crewCostEurPerHour / 3600;
  const kmCost = (parameters.truckFuelLitresPer100Km / 100) * parameters.dieselPriceEurPerLitre;
  const plan = input.solve({
    size: m,
    metres,
    seconds,
    depot: 0,
    tip: 1,
    demandKg,
    serviceSeconds,
    capacityKg: fleet.capacityKg,
    vehicles: fleet.vehicles,
    shiftSeconds: parameters.shiftHours * 3600,
    tipSeconds: parameters.tipSeconds,
    costPerMetre: kmCost / 1000,
    costPerSecond: hourCost,
  });
  const trucks = plan.trucks
    .filter((truck) => truck.stops.length > 0)
    .map((truck) => {
      let metresDriven = 0;
      let secondsSpent = 0;
      let at = 0;
      let load = 0;
      const loadsKg: number[] = [];
      const loadAfterKg: number[] = [];
      const stops: number[] = [];
      for (const stop of truck.stops) {
        metresDriven += metres[at * m + stop];
        secondsSpent += seconds[at * m + stop] + (stop === 1 ? parameters.tipSeconds : serviceSeconds[stop]);
        if (stop === 1) {
          loadsKg.push(load);
          load = 0;
          stops.push(-1);
        } else {
          load += demandKg[stop];
          stops.push(visit[stop - 2]);
        }
        loadAfterKg.push(load);
        at = stop;
      }
      // The last load goes to the tip before the truck returns to the depot.
      if (at !== 1 && load > 0) {
        metresDriven += metres[at * m + 1];
        secondsSpent += seconds[at * m + 1] + parameters.tipSeconds;
        loadsKg.push(load);
        stops.push(-1);
        loadAfterKg.push(0);
        at = 1;
      }
      metresDriven += metres[at * m];
      secondsSpent += seconds[at * m];
      return { stops, metres: metresDriven, seconds: secondsSpent, loadsKg, loadAfterKg };
    });
  return { date: '', stream, trucks, unassigned: plan.unassigned.map((missed) => ({ point: visit[missed.place - 2], reason: missed.reason })) };
}
