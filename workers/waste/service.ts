/**
 * The waste-collection what-if, as the worker runs it: the road network of the territory with the
 * depot, the tip and every collection point snapped to it, travel matrices along fastest paths,
 * then both policies simulated over the same weeks (the fixed rounds as the baseline, the chosen
 * policy as the scenario), and the rounds of one day drawn on the roads.
 * Independent of comlink, so that it runs in Node tests as it is.
 */
import { buildRoadGraph, pathBetween, reachability, snapPlaces, travelMatrices, type PlacesGraph, type TravelMatrices } from '../../src/domain/roads/graph';
import type { LonLat, Territory } from '../../src/domain/territory';
import { resolveWasteParameters, simulateCollection, type DayRound, type Fleet, type Policy, type RoundSolver, type UnassignedReason, type WasteSimulationResult } from '../../src/domain/waste/policy';
import { typicalFillingSpeed } from '../../src/domain/waste/fillRate';
import { solveRounds } from './roundSolver';

export type WasteTerritory = Pick<Territory, 'roads' | 'collectionPoints' | 'facilities' | 'parameters'>;

export interface PreparedNetwork {
  places: number;
  /** Points the rounds cannot serve, by id and name, and why. */
  unreachable: Array<{ id: string; name: string; reason: 'off-network' | 'not-reachable-from-depot' | 'cannot-return-to-depot' | 'tip-unreachable' }>;
  /** Whether the territory has a depot and a tip. */
  missing: Array<'depot' | 'transfer'>;
}

export interface WasteRunRequest {
  requestId: number;
  policy: Policy;
  fleet: Fleet;
  startDate: string;
  days: number;
  /** Per collection point (territory order): measured speed (fraction/day) or NaN without a sensor. */
  measuredFillPerDay: Float64Array;
  /** Fill at the start (0–1), NaN when unknown. */
  initialFill: Float64Array;
  /** Time limit of each day's routing, ms. */
  solverMilliseconds: number;
}

export interface DrawnRound {
  date: string;
  stream: string;
  truck: number;
  /** One polyline per trip (depot or tip to tip), with its stops. */
  trips: Array<{ path: LonLat[]; stops: Array<{ point: number; arrivalSeconds: number; loadKg: number }> }>;
  metres: number;
  seconds: number;
}

export interface WasteComparison {
  baseline: WasteSimulationResult;
  scenario: WasteSimulationResult;
  /** The scenario's rounds and the baseline's, for the map and the route list (first days). */
  drawn: { baseline: DrawnRound[]; scenario: DrawnRound[] };
}

export class WasteService {
  private territory: WasteTerritory | null = null;
  private network: PlacesGraph | null = null;
  private matrices: TravelMatrices | null = null;
  private latest = 0;
  private readonly cancelled = new Set<number>();

  constructor(private readonly solverFor: (milliseconds: number, shouldStop: () => boolean) => RoundSolver) {}

  /** Builds the network and the matrices: the part that depends on the territory only. */
  prepare(territory: WasteTerritory, onProgress?: (fraction: number) => void): PreparedNetwork {
    this.territory = territory;
    const depot = territory.facilities.find((facility) => facility.kind === 'depot');
    const tip = territory.facilities.find((facility) => facility.kind === 'transfer');
    const missing: PreparedNetwork['missing'] = [];
    if (!depot) missing.push('depot');
    if (!tip) missing.push('transfer');
    const positions: LonLat[] = [depot?.position ?? territory.collectionPoints[0]?.position ?? [0, 0], (tip ?? depot)?.position ?? [0, 0], ...territory.collectionPoints.map((point) => point.position)];
    this.network = snapPlaces(buildRoadGraph(territory.roads), positions);
    this.matrices = travelMatrices(this.network, onProgress);
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
    return { places: positions.length, unreachable, missing };
  }

  cancel(requestId: number): void {
    this.cancelled.add(requestId);
  }

  async run(request: WasteRunRequest, onProgress?: (fraction: number) => void): Promise<WasteComparison | null> {
    const territory = this.territory;
    const matrices = this.matrices;
    if (!territory || !matrices) throw new Error('waste service: prepare the territory first');
    this.latest = request.requestId;
    const shouldStop = () => this.cancelled.has(request.requestId) || this.latest !== request.requestId;
    const points = territory.collectionPoints;
    const n = points.length;
    const fillPerDay = new Float64Array(n);
    const hasSensor = new Uint8Array(n);
    const initialFill = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const measured = request.measuredFillPerDay[i];
      hasSensor[i] = Number.isFinite(measured) ? 1 : 0;
      fillPerDay[i] = Number.isFinite(measured) ? measured : typicalFillingSpeed(points[i]);
      const known = request.initialFill[i];
      initialFill[i] = Number.isFinite(known) ? known : fillPerDay[i] * ((i * 2654435761) % 7);
    }
    const parameters = resolveWasteParameters(territory.parameters);
    const solve = this.solverFor(request.solverMilliseconds, shouldStop);
    const common = { points, fillPerDay, hasSensor, initialFill, metres: matrices.metres, seconds: matrices.seconds, startDate: request.startDate, days: request.days, fleet: request.fleet, parameters, solve, shouldStop };
    const baseline = simulateCollection({ ...common, policy: { kind: 'fixed' }, onProgress: (fraction) => onProgress?.(fraction * 0.5) });
    if (shouldStop()) return null;
    const scenario = request.policy.kind === 'fixed' ? baseline : simulateCollection({ ...common, policy: request.policy, onProgress: (fraction) => onProgress?.(0.5 + fraction * 0.5) });
    if (shouldStop() || scenario.stopped) return null;
    onProgress?.(1);
    return { baseline, scenario, drawn: { baseline: this.draw(baseline.days), scenario: this.draw(scenario.days) } };
  }

  /** The rounds of the first week on the roads, with arrival times and loads. */
  private draw(days: DayRound[]): DrawnRound[] {
    const network = this.network!;
    const matrices = this.matrices!;
    const parameters = resolveWasteParameters(this.territory!.parameters);
    const points = this.territory!.collectionPoints;
    const size = matrices.size;
    const drawn: DrawnRound[] = [];
    for (const day of days.slice(0, 21)) {
      day.trucks.forEach((truck, index) => {
        const trips: DrawnRound['trips'] = [];
        let at = 0;
        let clock = 0;
        let current: DrawnRound['trips'][number] = { path: [], stops: [] };
        const extend = (to: number) => {
          const leg = pathBetween(network, at, to);
          current.path.push(...(current.path.length > 0 ? leg.slice(1) : leg));
          clock += matrices.seconds[at * size + to];
          at = to;
        };
        truck.stops.forEach((stop, k) => {
          if (stop === -1) {
            extend(1);
            clock += parameters.tipSeconds;
            trips.push(current);
            current = { path: [], stops: [] };
            return;
          }
          extend(stop + 2);
          const point = points[stop];
          current.stops.push({ point: stop, arrivalSeconds: clock, loadKg: truck.loadAfterKg[k] });
          clock += point.container === 'column' ? parameters.columnServiceSeconds * point.containerCount : parameters.binServiceSeconds * point.containerCount;
        });
        extend(0);
        trips.push(current);
        drawn.push({ date: day.date, stream: day.stream, truck: index, trips: trips.filter((trip) => trip.path.length > 1), metres: truck.metres, seconds: truck.seconds });
      });
    }
    return drawn;
  }
}

export type { UnassignedReason };

/** The service with the collection round solver, as the worker uses it. */
export function createWasteService(): WasteService {
  return new WasteService((milliseconds, shouldStop) => (problem) => solveRounds(problem, { timeLimitMs: milliseconds, shouldStop }));
}
