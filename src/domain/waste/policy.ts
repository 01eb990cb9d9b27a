/**
 * Waste collection policies simulated day by day over several weeks:
 *
 * - `fixed`: every point on its weekly day (every `collectionPeriodWeeks` weeks), as today;
 * - `fill-level`: on the chosen collection days, only the points whose forecast fill reaches the
 *   threshold before the next possible collection; points without a (reporting) sensor keep their fixed day.
 *
 * What happens to each container is replayed from its recorded readings (replay.ts: the history
 * with its noise and its silent sensors), whatever the policy does; the policy sees the readings
 * up to the morning and forecasts from the past only. Each point starts from its state on the
 * start date. Each day and stream, the points to visit become a routing problem on the road
 * network (depot, tip and its hours, a mixed fleet with per-type roads, windows, shift, break),
 * solved by the injected solver and then scheduled again by the rules (`scheduleRound`); the
 * day's rounds add up to kilometres, hours, trips to the tip, tonnes, litres of diesel, kg CO2e,
 * cost, and overflows (a point whose replayed fill is above 100 % on a morning, once per episode).
 */
import type { CollectionPoint, SourcedValue, WasteStream } from '../territory';
import { HISTORY_DAYS, type PointFill } from './replay';
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

/** A kind of truck of the fleet. */
export interface VehicleType {
  id: string;
  name: string;
  count: number;
  capacityKg: number;
  /** Streams it collects: a crane truck for glass columns, a rear-loader for bins. */
  streams: WasteStream[];
  /** For the roads' `maxWeightTonnes` and `maxWidthMetres`. */
  weightTonnes: number;
  widthMetres: number;
  fuelLitresPer100Km: number;
  crewCostEurPerHour: number;
}

export interface Fleet {
  types: VehicleType[];
}

/** The one-type fleet of the panel's two fields (vehicles, capacity), with the manifest's parameters. */
export function simpleFleet(vehicles: number, capacityKg: number, parameters: WasteParameters): Fleet {
  return {
    types: [{ id: 'truck', name: 'Benne', count: vehicles, capacityKg, streams: ['residual', 'recyclables', 'glass'], weightTonnes: 19, widthMetres: 2.55, fuelLitresPer100Km: parameters.truckFuelLitresPer100Km, crewCostEurPerHour: parameters.crewCostEurPerHour }],
  };
}

/** One type of the day's fleet, with its own travel matrices (the roads it may take). */
export interface RoundVehicleType {
  /** Index into the fleet's types. */
  type: number;
  count: number;
  capacityKg: number;
  costPerMetre: number;
  costPerSecond: number;
  /** Row-major size × size over the problem's places, metres and seconds; Infinity where it cannot go. */
  metres: Float64Array;
  seconds: Float64Array;
}

/** One day's rounds for one stream. Place 0 is the depot, place 1 the tip, then the stops. */
export interface RoundProblem {
  size: number;
  depot: number;
  tip: number;
  demandKg: Float64Array;
  serviceSeconds: Float64Array;
  /** Per place, when service may start (seconds since midnight), sorted; empty: any time. */
  windows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** The types that collect this stream. */
  types: RoundVehicleType[];
  /** Trucks leave the depot at `shiftStartSeconds` (since midnight) and are back within `shiftSeconds`, break included. */
  shiftStartSeconds: number;
  shiftSeconds: number;
  tipSeconds: number;
  /** The tip's opening hours (seconds since midnight): unloading starts within them. */
  tipHours: readonly [number, number];
  /** The driver's break, taken once the truck has been out `breakAfterSeconds` (0: no break). */
  breakSeconds: number;
  breakAfterSeconds: number;
}

export type UnassignedReason =
  | 'demand-exceeds-capacity'
  | 'unreachable'
  | 'shift-too-short'
  | 'fleet-too-small'
  | 'time-window'
  | 'tip-closed'
  | 'no-vehicle-type';

export interface RoundPlan {
  /** Per truck, its type (index into `types`) and the places visited in order, depot excluded, the tip included where it unloads. */
  trucks: Array<{ type: number; stops: number[] }>;
  unassigned: Array<{ place: number; reason: UnassignedReason }>;
}

export type RoundSolver = (problem: RoundProblem) => RoundPlan;

export interface RoundSchedule {
  /** The stops, the tip included, with the final unloading added when the plan leaves it out. */
  stops: number[];
  /** Per stop: arrival, start of service (after any wait), load on board after it. */
  arrival: number[];
  start: number[];
  /** Per stop: when the truck leaves it (after service, unloading and any break taken there). */
  depart: number[];
  loadAfter: number[];
  /** Kg brought to the tip on each unloading. */
  loads: number[];
  metres: number;
  /** Leaves the depot, back at the depot (seconds since midnight). */
  leave: number;
  back: number;
  breakTaken: boolean;
  /** What is wrong first, or null when the round keeps every rule; `problems`: everything wrong. */
  problem: null | RoundFault;
  problems: RoundFault[];
}

export type RoundFault = 'time-window' | 'tip-closed' | 'shift-too-short' | 'over-capacity' | 'unreachable';

/**
 * The rules of a round, independent of the solver: leave the depot at the shift's start; at each
 * stop wait for its window if early, fail if past it; unload at the tip within its hours when the
 * plan says so and at the end; the break once out `breakAfterSeconds`; back within the shift.
 */
export function scheduleRound(problem: RoundProblem, vehicle: RoundVehicleType, planned: readonly number[]): RoundSchedule {
  const { size, depot, tip } = problem;
  const stops = planned.slice();
  if (stops.length > 0 && stops[stops.length - 1] !== tip) stops.push(tip);
  const result: RoundSchedule = { stops, arrival: [], start: [], depart: [], loadAfter: [], loads: [], metres: 0, leave: problem.shiftStartSeconds, back: problem.shiftStartSeconds, breakTaken: false, problem: null, problems: [] };
  let at = depot;
  let clock = problem.shiftStartSeconds;
  let load = 0;
  const fail = (why: RoundFault) => {
    if (result.problem === null) result.problem = why;
    if (!result.problems.includes(why)) result.problems.push(why);
  };
  for (const stop of stops) {
    const travel = vehicle.seconds[at * size + stop];
    if (!Number.isFinite(travel)) fail('unreachable');
    result.metres += vehicle.metres[at * size + stop];
    const arrival = clock + travel;
    let start = arrival;
    if (stop === tip) {
      start = Math.max(arrival, problem.tipHours[0]);
      if (start > problem.tipHours[1]) fail('tip-closed');
      result.loads.push(load);
      load = 0;
      clock = start + problem.tipSeconds;
    } else {
      const windows = problem.windows[stop];
      if (windows.length > 0) {
        const window = windows.find((w) => w[1] >= arrival);
        if (!window) fail('time-window');
        else start = Math.max(arrival, window[0]);
      }
      load += problem.demandKg[stop];
      if (load > vehicle.capacityKg + 1e-9) fail('over-capacity');
      clock = start + problem.serviceSeconds[stop];
    }
    result.arrival.push(arrival);
    result.start.push(start);
    result.loadAfter.push(load);
    if (problem.breakSeconds > 0 && !result.breakTaken && clock - result.leave >= problem.breakAfterSeconds) {
      clock += problem.breakSeconds;
      result.breakTaken = true;
    }
    result.depart.push(clock);
    at = stop;
  }
  const home = vehicle.seconds[at * size + depot];
  if (!Number.isFinite(home)) fail('unreachable');
  result.metres += vehicle.metres[at * size + depot];
  result.back = clock + home;
  if (result.back - result.leave > problem.shiftSeconds + 1e-6) fail('shift-too-short');
  return result;
}

// --- The simulation ---------------------------------------------------------------------------------

/**
 * Fill-level policy: on the collection days (`collectionWeekdays`, or when empty each point's own
 * fixed day), a point whose sensor reported in the last 24 h is visited only if its last reading,
 * plus the speed its readings showed over the four weeks before, reaches the threshold before its
 * next possible collection. A point without a sensor, or whose sensor is silent, keeps its fixed day.
 */
export type Policy = { kind: 'fixed' } | { kind: 'fill-level'; thresholdPercent: number; collectionWeekdays: number[] };

/** Time rules of the rounds: windows (seconds since midnight) per point, the shift, the tip and the break. */
export interface RoundRules {
  /** Per point (same order as `points`); empty: any time. */
  windows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  shiftStartSeconds: number;
  tipHours: readonly [number, number];
  breakSeconds: number;
  breakAfterSeconds: number;
}

export const DEFAULT_RULES = (points: number): RoundRules => ({ windows: Array.from({ length: points }, () => []), shiftStartSeconds: 6 * 3600, tipHours: [0, 86_400], breakSeconds: 0, breakAfterSeconds: 0 });

export interface WasteSimulationInput {
  points: readonly CollectionPoint[];
  /** Per point, what really happens to its fill (src/domain/waste/replay.ts). */
  fills: readonly PointFill[];
  /** Travel matrices over [depot, tip, ...points] (same order as `points`), per vehicle type of the fleet. */
  matrices: ReadonlyArray<{ metres: Float64Array; seconds: Float64Array }>;
  /** ISO date of the first day; its weekday decides the fixed rounds. */
  startDate: string;
  days: number;
  policy: Policy;
  fleet: Fleet;
  rules: RoundRules;
  parameters: WasteParameters;
  solve: RoundSolver;
  onProgress?: (fraction: number) => void;
}

export interface DayRound {
  date: string;
  stream: WasteStream;
  /**
   * Per truck: its type, the point indexes (into `points`) in order, -1 for a trip to the tip;
   * `start`: when service starts at each stop (seconds since midnight), `arrival` before any wait;
   * `loadsKg`: what each trip brought to the tip; `loadAfterKg`: the load on board after each stop.
   */
  trucks: Array<{ type: number; stops: number[]; arrival: number[]; start: number[]; depart: number[]; leave: number; back: number; metres: number; seconds: number; loadsKg: number[]; loadAfterKg: number[] }>;
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
function daysToNextChance(point: CollectionPoint, date: Date, policy: Policy): number {
  for (let ahead = 1; ahead <= 7 * 8; ahead++) {
    const next = new Date(date.getTime() + ahead * DAY_MS);
    if (policy.kind === 'fill-level' && policy.collectionWeekdays.length > 0) {
      if (policy.collectionWeekdays.includes(isoWeekday(next))) return ahead;
    } else if (isFixedDay(point, next)) return ahead;
  }
  return 7 * 8;
}

/**
 * The simulation day by day, as a generator that yields after each simulated day (the fraction
 * done), so that a caller can pause between days and stop; its return value is the result.
 */
export function* collectionSteps(input: WasteSimulationInput): Generator<number, WasteSimulationResult, void> {
  const { points, policy, parameters, fills } = input;
  const n = points.length;
  // Fill of each point = `base` + inflow since its last emptying (`emptiedAt`, an inflow value).
  const base = new Float64Array(n);
  const emptiedAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    base[i] = fills[i].startFill;
    emptiedAt[i] = fills[i].inflow[HISTORY_DAYS];
  }
  const fillOn = (i: number, day: number) => base[i] + fills[i].inflow[HISTORY_DAYS + day] - emptiedAt[i];
  const overflowing = new Uint8Array(n);
  const totals: WasteTotals = { collections: 0, km: 0, hours: 0, tipTrips: 0, tonnes: 0, dieselLitres: 0, kgCo2e: 0, costEuros: 0, overflows: 0, rounds: 0 };
  const days: DayRound[] = [];
  const unassignedCount = new Map<string, { point: number; reason: UnassignedReason; count: number }>();
  const fill = new Float64Array(n);

  for (let day = 0; day < input.days; day++) {
    const date = addDays(input.startDate, day);
    const iso = date.toISOString().slice(0, 10);
    // The morning's fill, as the readings replay it; an overflow is counted once per episode.
    for (let i = 0; i < n; i++) {
      fill[i] = fillOn(i, day);
      if (fill[i] > 1 && overflowing[i] === 0) {
        overflowing[i] = 1;
        totals.overflows++;
      }
    }
    for (const stream of STREAMS) {
      const visit: number[] = [];
      for (let i = 0; i < n; i++) {
        const point = points[i];
        if (point.stream !== stream) continue;
        const seen = fills[i].sensor && fills[i].reported[HISTORY_DAYS + day] === 1;
        if (policy.kind === 'fill-level' && seen) {
          const chance = policy.collectionWeekdays.length > 0 ? policy.collectionWeekdays.includes(isoWeekday(date)) : isFixedDay(point, date);
          if (!chance) continue;
          // Forecast from the past only: the speed the readings showed over the last four weeks.
          const inflow = fills[i].inflow;
          const speed = Math.max(0, (inflow[HISTORY_DAYS + day] - inflow[day]) / HISTORY_DAYS);
          const forecast = fill[i] + speed * daysToNextChance(point, date, policy);
          if (forecast * 100 >= policy.thresholdPercent || fill[i] * 100 >= policy.thresholdPercent) visit.push(i);
        } else if (isFixedDay(point, date)) visit.push(i);
      }
      if (visit.length === 0) continue;
      const round = solveDay(input, visit, stream, fill);
      round.date = iso;
      for (const truck of round.trucks) {
        const type = input.fleet.types[truck.type];
        const km = truck.metres / 1000;
        const hours = truck.seconds / 3600;
        totals.km += km;
        totals.hours += hours;
        const litres = (km * type.fuelLitresPer100Km) / 100;
        totals.dieselLitres += litres;
        totals.costEuros += litres * parameters.dieselPriceEurPerLitre + hours * type.crewCostEurPerHour;
        totals.tipTrips += truck.stops.filter((stop) => stop === -1).length;
        totals.rounds++;
      }
      const served = new Set<number>();
      for (const truck of round.trucks) for (const stop of truck.stops) if (stop >= 0) served.add(stop);
      for (const point of served) {
        totals.collections++;
        totals.tonnes += (Math.min(Math.max(0, fill[point]), 1.2) * points[point].volumeLitres * parameters.densityKgPerLitre[stream]) / 1000;
        base[point] = 0;
        emptiedAt[point] = fills[point].inflow[HISTORY_DAYS + day];
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
    input.onProgress?.((day + 1) / input.days);
    if (day < input.days - 1) yield (day + 1) / input.days;
  }
  // The morning after the last day: what is left overflowing then counts too.
  for (let i = 0; i < n; i++) if (fillOn(i, input.days) > 1 && overflowing[i] === 0) totals.overflows++;
  totals.kgCo2e = totals.dieselLitres * parameters.dieselEmissionKgPerLitre;
  return { totals, days, unassigned: [...unassignedCount.values()], stopped: false };
}

/** The whole simulation at once (tests, benchmarks). */
export function simulateCollection(input: WasteSimulationInput): WasteSimulationResult {
  const steps = collectionSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function solveDay(input: WasteSimulationInput, visit: number[], stream: WasteStream, fill: Float64Array): DayRound {
  const { parameters, fleet, rules } = input;
  const size = input.points.length + 2;
  // Sub-matrices over [depot, tip, ...visited points], for each type that collects the stream.
  const places = [0, 1, ...visit.map((point) => point + 2)];
  const m = places.length;
  const types: RoundVehicleType[] = [];
  fleet.types.forEach((type, index) => {
    if (type.count <= 0 || !type.streams.includes(stream)) return;
    const metres = new Float64Array(m * m);
    const seconds = new Float64Array(m * m);
    const full = input.matrices[index];
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        metres[a * m + b] = full.metres[places[a] * size + places[b]];
        seconds[a * m + b] = full.seconds[places[a] * size + places[b]];
      }
    }
    const costPerMetre = (type.fuelLitresPer100Km / 100 / 1000) * parameters.dieselPriceEurPerLitre;
    types.push({ type: index, count: type.count, capacityKg: type.capacityKg, costPerMetre, costPerSecond: type.crewCostEurPerHour / 3600, metres, seconds });
  });
  const demandKg = new Float64Array(m);
  const serviceSeconds = new Float64Array(m);
  const windows: Array<ReadonlyArray<readonly [number, number]>> = [[], []];
  visit.forEach((point, k) => {
    const p = input.points[point];
    // What is in the container now; above 100 % the excess lies beside it and is picked up too.
    demandKg[k + 2] = Math.min(Math.max(0, fill[point]), 1.2) * p.volumeLitres * parameters.densityKgPerLitre[stream];
    serviceSeconds[k + 2] = p.container === 'column' ? parameters.columnServiceSeconds * p.containerCount : parameters.binServiceSeconds * p.containerCount;
    windows.push(rules.windows[point] ?? []);
  });
  const problem: RoundProblem = {
    size: m,
    depot: 0,
    tip: 1,
    demandKg,
    serviceSeconds,
    windows,
    types,
    shiftStartSeconds: rules.shiftStartSeconds,
    shiftSeconds: parameters.shiftHours * 3600,
    tipSeconds: parameters.tipSeconds,
    tipHours: rules.tipHours,
    breakSeconds: rules.breakSeconds,
    breakAfterSeconds: rules.breakAfterSeconds,
  };
  if (types.length === 0) {
    return { date: '', stream, trucks: [], unassigned: visit.map((point) => ({ point, reason: 'no-vehicle-type' as const })) };
  }
  const plan = input.solve(problem);
  const trucks = plan.trucks
    .filter((truck) => truck.stops.length > 0)
    .map((truck) => {
      const vehicle = types.find((type) => type.type === truck.type) ?? types[0];
      const schedule = scheduleRound(problem, vehicle, truck.stops);
      return {
        type: vehicle.type,
        stops: schedule.stops.map((stop) => (stop === 1 ? -1 : visit[stop - 2])),
        arrival: schedule.arrival,
        start: schedule.start,
        depart: schedule.depart,
        leave: schedule.leave,
        back: schedule.back,
        metres: schedule.metres,
        seconds: schedule.back - schedule.leave,
        loadsKg: schedule.loads,
        loadAfterKg: schedule.loadAfter,
      };
    });
  return { date: '', stream, trucks, unassigned: plan.unassigned.map((missed) => ({ point: visit[missed.place - 2], reason: missed.reason })) };
}
