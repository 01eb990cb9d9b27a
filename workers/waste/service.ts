/**
 * The waste-collection what-if, as the worker runs it: the road network of the territory with the
 * depot, the tip and every collection point snapped to it, travel matrices along fastest paths,
 * then both policies simulated over the same weeks (the fixed rounds as the baseline, the chosen
 * policy as the scenario), and the rounds of one day drawn on the roads.
 * Independent of comlink, so that it runs in Node tests as it is.
 */
import { buildRoadGraph, pathBetween, reachability, restrictGraph, snapPlaces, travelMatrices, type PlacesGraph, type TravelMatrices } from '../../src/domain/roads/graph';
import type { LonLat, Territory } from '../../src/domain/territory';
import { collectionSteps, resolveWasteParameters, type DayRound, type Fleet, type Policy, type RoundRules, type RoundSolver, type UnassignedReason, type WasteSimulationResult } from '../../src/domain/waste/policy';
import { pointWindows, roadAllows, roundRules } from '../../src/domain/waste/config';
import { replayFill, type PointReadings } from '../../src/domain/waste/replay';
import { solveRounds } from './roundSolver';

export type WasteTerritory = Pick<Territory, 'roads' | 'collectionPoints' | 'facilities' | 'parameters' | 'waste'>;

export interface PreparedNetwork {
  places: number;
  /** Points the rounds cannot serve, by id and name, and why. */
  unreachable: Array<{ id: string; name: string; reason: 'off-network' | 'not-reachable-from-depot' | 'cannot-return-to-depot' | 'tip-unreachable' }>;
  /** Whether the territory has a depot and a tip. */
  missing: Array<'depot' | 'transfer'>;
  /** Points with time windows, for the panel. */
  windowed: number;
}

export interface WasteRunRequest {
  requestId: number;
  policy: Policy;
  fleet: Fleet;
  startDate: string;
  days: number;
  /**
   * Per collection point (territory order): its sensor's readings from four weeks before the start
   * to the end of the period (what really happens is replayed from them), or null without a sensor.
   */
  readings: Array<PointReadings | null>;
  /** The solver's stop rule (iterations per day and stream) and seed: same inputs, same figures. */
  iterations: number;
  seed: number;
  /** Islands per round problem (islands.ts), run one after the other in this worker: the figures depend on the seed and this number only. Default 1. */
  threads?: number;
}

export interface DrawnRound {
  date: string;
  stream: string;
  truck: number;
  /** Index of the truck's type in the fleet. */
  type: number;
  /** When the truck leaves the depot (seconds since midnight). */
  leaveSeconds: number;
  /** One polyline per trip (depot or tip to tip), with its stops: arrival, start of service, departure, and where on the path. */
  trips: Array<{ path: LonLat[]; stops: Array<{ point: number; arrivalSeconds: number; startSeconds: number; departSeconds: number; pathIndex: number; loadKg: number }>; startSeconds: number; endSeconds: number }>;
  metres: number;
  seconds: number;
}

export interface WasteComparison {
  baseline: WasteSimulationResult;
  scenario: WasteSimulationResult;
  /** The scenario's rounds and the baseline's, for the map and the route list (first days). */
  drawn: { baseline: DrawnRound[]; scenario: DrawnRound[] };
}

/** Lets queued messages (a cancel) be handled before the next simulated day. */
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

export class WasteService {
  private territory: WasteTerritory | null = null;
  private network: PlacesGraph | null = null;
  private matrices: TravelMatrices | null = null;
  /** Matrices per road access profile (weight|width) of the vehicle types. */
  private readonly restricted = new Map<string, TravelMatrices>();
  private windows: Array<Array<[number, number]>> = [];
  private latest = 0;
  private readonly cancelled = new Set<number>();

  constructor(private readonly solverFor: (iterations: number, seed: number, shouldStop: () => boolean, threads: number) => RoundSolver) {}

  /** Builds the network and the matrices: the part that depends on the territory only. */
  prepare(territory: WasteTerritory, onProgress?: (fraction: number) => void): PreparedNetwork {
    this.territory = territory;
    this.restricted.clear();
    const depot = territory.facilities.find((facility) => facility.kind === 'depot');
    const tip = territory.facilities.find((facility) => facility.kind === 'transfer');
    const missing: PreparedNetwork['missing'] = [];
    if (!depot) missing.push('depot');
    if (!tip) missing.push('transfer');
    const positions: LonLat[] = [depot?.position ?? territory.collectionPoints[0]?.position ?? [0, 0], (tip ?? depot)?.position ?? [0, 0], ...territory.collectionPoints.map((point) => point.position)];
    this.network = snapPlaces(buildRoadGraph(territory.roads), positions);
    this.matrices = travelMatrices(this.network, onProgress);
    const network = this.network;
    this.windows = pointWindows(territory.waste, territory.collectionPoints, (index) => {
      const road = network.places[index + 2].road;
      return road >= 0 ? territory.roads[road] : null;
    });
    const unreachable = reachability(this.network, this.matrices, 0)
      .unreachable.filter((entry) => entry.place >= 2)
      .map((entry): PreparedNetwork['unreachable'][number] => {
        const point = territory.collectionPoints[entry.place - 2];
        return { id: point.id, name: point.name, reason: entry.reason };
      });
    // The tip must be reachable too.
    if (this.network.places[1].road < 0 || !Number.isFinite(this.matrices.seconds[1]) || !Number.isFinite(this.matrices.seconds[this.matrices.size])) {
      unreachable.unshift({ id: tip?.id ?? '', name: tip?.name ?? '', reason: 'tip-unreachable' });
    }
    return { places: positions.length, unreachable, missing, windowed: this.windows.filter((list) => list.length > 0).length };
  }

  /** The matrices a vehicle type drives on: without the roads its weight or width forbid. */
  private matricesFor(type: Fleet['types'][number]): TravelMatrices {
    const territory = this.territory!;
    const limited = territory.roads.some((road) => !roadAllows(road, type));
    if (!limited) return this.matrices!;
    const key = `${type.weightTonnes}|${type.widthMetres}`;
    let found = this.restricted.get(key);
    if (!found) {
      found = travelMatrices(restrictGraph(this.network!, (road) => roadAllows(territory.roads[road], type)));
      this.restricted.set(key, found);
    }
    return found;
  }

  cancel(requestId: number): void {
    this.cancelled.add(requestId);
  }

  /** The rules of the rounds (windows, shift, tip hours, break) from the manifest. */
  rules(): RoundRules {
    return roundRules(this.territory?.waste, this.windows);
  }

  async run(request: WasteRunRequest, onProgress?: (fraction: number) => void): Promise<WasteComparison | null> {
    const territory = this.territory;
    if (!territory || !this.matrices) throw new Error('waste service: prepare the territory first');
    this.latest = request.requestId;
    const shouldStop = () => this.cancelled.has(request.requestId) || this.latest !== request.requestId;
    try {
      const points = territory.collectionPoints;
      const fills = points.map((point, i) => replayFill(point, request.readings[i] ?? null, request.startDate, request.days));
      const parameters = resolveWasteParameters(territory.parameters);
      const threads = request.threads ?? 1;
      if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new Error(`waste service: threads must be a whole number from 1 to 64, got ${request.threads}`);
      const solve = this.solverFor(request.iterations, request.seed, shouldStop, threads);
      const matrices = request.fleet.types.map((type) => this.matricesFor(type));
      const common = { points, fills, matrices, startDate: request.startDate, days: request.days, fleet: request.fleet, rules: this.rules(), parameters, solve };
      const simulate = async (policy: Policy, from: number, share: number): Promise<WasteSimulationResult | null> => {
        const steps = collectionSteps({ ...common, policy });
        for (;;) {
          const step = steps.next();
          if (step.done) return step.value;
          onProgress?.(from + step.value * share);
          // Yield after each simulated day: a cancel or a newer run arriving meanwhile stops this one.
          await pause();
          if (shouldStop()) return null;
        }
      };
      const baseline = await simulate({ kind: 'fixed' }, 0, request.policy.kind === 'fixed' ? 1 : 0.5);
      if (baseline === null || shouldStop()) return null;
      const scenario = request.policy.kind === 'fixed' ? baseline : await simulate(request.policy, 0.5, 0.5);
      if (scenario === null || shouldStop()) return null;
      onProgress?.(1);
      return { baseline, scenario, drawn: { baseline: this.draw(baseline.days, request.fleet), scenario: this.draw(scenario.days, request.fleet) } };
    } finally {
      this.cancelled.delete(request.requestId);
    }
  }

  /** The rounds of the first three weeks on the roads, with the times of the schedule and loads. */
  private draw(days: DayRound[], fleet: Fleet): DrawnRound[] {
    const drawn: DrawnRound[] = [];
    for (const day of days.slice(0, 21)) {
      day.trucks.forEach((truck, index) => {
        const type = fleet.types[truck.type];
        const graph = type ? this.roadNetworkFor(type) : this.network!;
        const trips: DrawnRound['trips'] = [];
        let at = 0;
        let current: DrawnRound['trips'][number] = { path: [], stops: [], startSeconds: truck.leave, endSeconds: truck.leave };
        const extend = (to: number) => {
          const leg = pathBetween(graph, at, to);
          current.path.push(...(current.path.length > 0 ? leg.slice(1) : leg));
          at = to;
        };
        truck.stops.forEach((stop, k) => {
          if (stop === -1) {
            extend(1);
            current.endSeconds = truck.arrival[k];
            trips.push(current);
            // The next trip leaves the tip once unloaded.
            current = { path: [], stops: [], startSeconds: truck.depart[k], endSeconds: truck.depart[k] };
            return;
          }
          extend(stop + 2);
          current.stops.push({ point: stop, arrivalSeconds: truck.arrival[k], startSeconds: truck.start[k], departSeconds: truck.depart[k], pathIndex: Math.max(0, current.path.length - 1), loadKg: truck.loadAfterKg[k] });
        });
        extend(0);
        current.endSeconds = truck.back;
        trips.push(current);
        drawn.push({ date: day.date, stream: day.stream, truck: index, type: truck.type, leaveSeconds: truck.leave, trips: trips.filter((trip) => trip.path.length > 1), metres: truck.metres, seconds: truck.seconds });
      });
    }
    return drawn;
  }

  private readonly graphs = new Map<string, PlacesGraph>();
  private roadNetworkFor(type: Fleet['types'][number]): PlacesGraph {
    const territory = this.territory!;
    if (!territory.roads.some((road) => !roadAllows(road, type))) return this.network!;
    const key = `${type.weightTonnes}|${type.widthMetres}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = restrictGraph(this.network!, (road) => roadAllows(territory.roads[road], type));
      this.graphs.set(key, graph);
    }
    return graph;
  }
}

export type { UnassignedReason };

/** The service with the collection round solver, as the worker uses it. */
export function createWasteService(): WasteService {
  return new WasteService((iterations, seed, shouldStop, threads) => (problem) => solveRounds(problem, { iterations, seed, shouldStop, threads }));
}
