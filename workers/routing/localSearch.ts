/**
 * A granular local search for capacitated routes (Toth and Vigo's granular neighbourhoods): for each
 * customer u and each v among its `granularity` nearest, the moves that put u next to v —
 * relocate u after or before v, swap u and v, 2-opt* (exchange the tails after u and after v, or
 * join u's head to v's head reversed), 2-opt inside a route — evaluated in O(1) from the arc
 * costs and the route loads, applied at the first improvement, until none is left. Moves that would
 * exceed a route's capacity are not taken: the search keeps a feasible plan feasible.
 *
 * With `swapStar`, SWAP* (Vidal, "Hybrid genetic search for the CVRP: open-source implementation
 * and SWAP* neighborhood", 2022) runs after each granular sweep: for two routes A and B that hold
 * granular neighbours, u of A and v of B change routes, u going to its best place in B without v
 * and v to its best place in A without u. The three cheapest insertion places of each customer in
 * the other route are computed once per pair of routes; removing the other customer spoils at most
 * two of them, so the best valid one is among those three or is the other's freed place. The best
 * exchange of the pair is applied when it gains.
 *
 * It polishes the solutions that SISR ruin-and-recreate reaches (sisr.ts), which on their own stop
 * short of a local optimum for these simple moves on small instances.
 */

export interface LocalSearchData {
  size: number;
  cost: Float64Array;
  demand: Float64Array;
  capacity: number;
  depot: number;
  /** Per place, its nearest customers first. */
  neighbours: Int32Array[];
  granularity: number;
  /**
   * SWAP* (Vidal 2022) between routes that hold granular neighbours: u and v exchanged between their
   * routes, each put at its best place in the other route rather than in the other's place.
   */
  swapStar?: boolean;
}

/** Improves the routes in place; returns the cost gained (≥ 0). Costs must be symmetric for the reversals. */
export function improveRoutes(data: LocalSearchData, routes: number[][], loads: number[]): number {
  const { size, cost, demand, capacity, depot, neighbours, granularity } = data;
  const routeOf = new Int32Array(size).fill(-1);
  const positionOf = new Int32Array(size);
  /** The load of a customer's route from its start up to the customer included. */
  const headLoad = new Float64Array(size);
  const reindex = (r: number) => {
    const route = routes[r];
    let load = 0;
    for (let p = 0; p < route.length; p++) {
      routeOf[route[p]] = r;
      positionOf[route[p]] = p;
      load += demand[route[p]];
      headLoad[route[p]] = load;
    }
  };
  for (let r = 0; r < routes.length; r++) reindex(r);
  const c = (a: number, b: number) => cost[a * size + b];
  const before = (route: number[], p: number) => (p === 0 ? depot : route[p - 1]);
  const after = (route: number[], p: number) => (p === route.length - 1 ? depot : route[p + 1]);
  const eps = 1e-9;
  let gained = 0;

  /** Books a move applied to routes ru and rv (the same or two): `moved` demand went from ru to rv, the cost changed by delta (< 0). */
  const applied = (ru: number, rv: number, moved: number, delta: number): true => {
    if (ru !== rv) {
      loads[ru] -= moved;
      loads[rv] += moved;
    }
    reindex(ru);
    if (rv !== ru) reindex(rv);
    gained -= delta;
    return true;
  };

  /** Puts new sequences in routes ru and rv (two routes), with their loads. */
  const replaced = (ru: number, rv: number, nextU: number[], nextV: number[], loadU: number, loadV: number, delta: number): true => {
    routes[ru] = nextU;
    routes[rv] = nextV;
    return applied(ru, rv, loads[ru] - loadU, delta);
  };

  /** Relocates u to just after position `at` of route rv (at = -1: first), u not in the way. */
  const tryRelocate = (u: number, rv: number, at: number): boolean => {
    const ru = routeOf[u];
    const routeU = routes[ru];
    const pu = positionOf[u];
    const routeV = routes[rv];
    if (ru !== rv && loads[rv] + demand[u] > capacity + eps) return false;
    const x = before(routeU, pu);
    const y = after(routeU, pu);
    const a = at < 0 ? depot : routeV[at];
    const b = at + 1 >= routeV.length ? depot : routeV[at + 1];
    if (a === u || b === u) return false;
    const delta = c(x, y) - c(x, u) - c(u, y) + c(a, u) + c(u, b) - c(a, b);
    if (delta > -eps) return false;
    routeU.splice(pu, 1);
    const insertAt = ru === rv && at >= pu ? at : at + 1;
    routeV.splice(insertAt, 0, u);
    return applied(ru, rv, demand[u], delta);
  };

  const trySwap = (u: number, v: number): boolean => {
    const ru = routeOf[u];
    const rv = routeOf[v];
    const routeU = routes[ru];
    const routeV = routes[rv];
    const pu = positionOf[u];
    const pv = positionOf[v];
    if (ru !== rv && (loads[ru] - demand[u] + demand[v] > capacity + eps || loads[rv] - demand[v] + demand[u] > capacity + eps)) return false;
    const xu = before(routeU, pu);
    const yu = after(routeU, pu);
    const xv = before(routeV, pv);
    const yv = after(routeV, pv);
    let delta: number;
    if (ru === rv && yu === v) delta = c(xu, v) + c(v, u) + c(u, yv) - c(xu, u) - c(u, v) - c(v, yv);
    else if (ru === rv && yv === u) delta = c(xv, u) + c(u, v) + c(v, yu) - c(xv, v) - c(v, u) - c(u, yu);
    else delta = c(xu, v) + c(v, yu) - c(xu, u) - c(u, yu) + c(xv, u) + c(u, yv) - c(xv, v) - c(v, yv);
    if (delta > -eps) return false;
    routeU[pu] = v;
    routeV[pv] = u;
    return applied(ru, rv, demand[u] - demand[v], delta);
  };

  /** 2-opt* between routes (u and v on different routes), or 2-opt inside one. */
  const tryTwoOpt = (u: number, v: number): boolean => {
    const ru = routeOf[u];
    const rv = routeOf[v];
    const routeU = routes[ru];
    const routeV = routes[rv];
    const pu = positionOf[u];
    const pv = positionOf[v];
    const yu = after(routeU, pu);
    const yv = after(routeV, pv);
    if (ru === rv) {
      // Reverse the segment after u up to v (u before v): u→v … and yu→yv.
      if (pu >= pv) return false;
      const delta = c(u, v) + c(yu, yv) - c(u, yu) - c(v, yv);
      if (delta > -eps) return false;
      let i = pu + 1;
      let j = pv;
      while (i < j) {
        const t = routeU[i];
        routeU[i] = routeU[j];
        routeU[j] = t;
        i++;
        j--;
      }
      return applied(ru, ru, 0, delta);
    }
    // Tails exchanged: u→yv, v→yu.
    const headU = headLoad[u];
    const headV = headLoad[v];
    const tailU = loads[ru] - headU;
    const tailV = loads[rv] - headV;
    if (headU + tailV <= capacity + eps && headV + tailU <= capacity + eps) {
      const delta = c(u, yv) + c(v, yu) - c(u, yu) - c(v, yv);
      if (delta < -eps) {
        return replaced(ru, rv, routeU.slice(0, pu + 1).concat(routeV.slice(pv + 1)), routeV.slice(0, pv + 1).concat(routeU.slice(pu + 1)), headU + tailV, headV + tailU, delta);
      }
    }
    // Heads joined: u→v, the head of v reversed after u and the tails of both joined: yu→yv.
    if (headU + headV <= capacity + eps && tailU + tailV <= capacity + eps) {
      const delta = c(u, v) + c(yu, yv) - c(u, yu) - c(v, yv);
      if (delta < -eps) {
        return replaced(ru, rv, routeU.slice(0, pu + 1).concat(routeV.slice(0, pv + 1).reverse()), routeU.slice(pu + 1).reverse().concat(routeV.slice(pv + 1)), headU + headV, tailU + tailV, delta);
      }
    }
    return false;
  };

  // SWAP*: per customer of one route, its three cheapest insertion places in the other route.
  const bestCost = new Float64Array(size * 3);
  const bestAt = new Int32Array(size * 3);
  /** Fills the three cheapest places (cost, index in `into` before which it goes) for each customer of `from`. */
  const threeBest = (from: number[], into: number[]) => {
    for (const u of from) {
      const o = u * 3;
      bestCost[o] = bestCost[o + 1] = bestCost[o + 2] = Number.POSITIVE_INFINITY;
      bestAt[o] = bestAt[o + 1] = bestAt[o + 2] = -1;
      let a = depot;
      for (let p = 0; p <= into.length; p++) {
        const b = p === into.length ? depot : into[p];
        const delta = c(a, u) + c(u, b) - c(a, b);
        if (delta < bestCost[o + 2]) {
          if (delta < bestCost[o + 1]) {
            bestCost[o + 2] = bestCost[o + 1];
            bestAt[o + 2] = bestAt[o + 1];
            if (delta < bestCost[o]) {
              bestCost[o + 1] = bestCost[o];
              bestAt[o + 1] = bestAt[o];
              bestCost[o] = delta;
              bestAt[o] = p;
            } else {
              bestCost[o + 1] = delta;
              bestAt[o + 1] = p;
            }
          } else {
            bestCost[o + 2] = delta;
            bestAt[o + 2] = p;
          }
        }
        a = b;
      }
    }
  };
  /** Where the last `insertionWithout` puts u: the index of `route` before which it goes, -1 for pv's own place. */
  let insertedAt = -1;
  /** The cheapest cost of putting u into `route` once the customer at position pv has left it (the place in `insertedAt`). */
  const insertionWithout = (u: number, route: number[], pv: number): number => {
    const x = before(route, pv);
    const y = after(route, pv);
    let bestDelta = c(x, u) + c(u, y) - c(x, y);
    let bestPlace = -1;
    const o = u * 3;
    for (let k = 0; k < 3; k++) {
      const p = bestAt[o + k];
      // Places p = pv (just before v) and p = pv + 1 (just after v) no longer exist without v.
      if (p < 0 || p === pv || p === pv + 1) continue;
      if (bestCost[o + k] < bestDelta) {
        bestDelta = bestCost[o + k];
        bestPlace = p;
      }
      break;
    }
    insertedAt = bestPlace;
    return bestDelta;
  };
  /** Route `route` without position `out`, with `u` put before index `place` of the original route (-1: at `out`'s place). */
  const rebuilt = (route: number[], out: number, u: number, place: number): number[] => {
    const next: number[] = [];
    for (let p = 0; p <= route.length; p++) {
      if (p === place) next.push(u);
      if (p === route.length) break;
      if (p === out) {
        if (place < 0) next.push(u);
        continue;
      }
      next.push(route[p]);
    }
    return next;
  };
  const trySwapStar = (ra: number, rb: number): boolean => {
    const routeA = routes[ra];
    const routeB = routes[rb];
    if (routeA.length === 0 || routeB.length === 0) return false;
    threeBest(routeA, routeB);
    threeBest(routeB, routeA);
    let bestDelta = -eps;
    let bestU = -1;
    let bestV = -1;
    let placeU = -1;
    let placeV = -1;
    for (let pu = 0; pu < routeA.length; pu++) {
      const u = routeA[pu];
      const removeU = c(before(routeA, pu), after(routeA, pu)) - c(before(routeA, pu), u) - c(u, after(routeA, pu));
      for (let pv = 0; pv < routeB.length; pv++) {
        const v = routeB[pv];
        if (loads[ra] - demand[u] + demand[v] > capacity + eps || loads[rb] - demand[v] + demand[u] > capacity + eps) continue;
        const removeV = c(before(routeB, pv), after(routeB, pv)) - c(before(routeB, pv), v) - c(v, after(routeB, pv));
        const insertU = insertionWithout(u, routeB, pv);
        const atU = insertedAt;
        const insertV = insertionWithout(v, routeA, pu);
        const atV = insertedAt;
        const delta = removeU + removeV + insertU + insertV;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestU = pu;
          bestV = pv;
          placeU = atU;
          placeV = atV;
        }
      }
    }
    if (bestU < 0) return false;
    const u = routeA[bestU];
    const v = routeB[bestV];
    const nextA = rebuilt(routeA, bestU, v, placeV);
    const nextB = rebuilt(routeB, bestV, u, placeU);
    return replaced(ra, rb, nextA, nextB, loads[ra] - demand[u] + demand[v], loads[rb] - demand[v] + demand[u], bestDelta);
  };
  /** One SWAP* sweep over the pairs of routes that hold granular neighbours; true when something changed. */
  const swapStarSweep = (): boolean => {
    let changed = false;
    const routeCount = routes.length;
    const pairs = new Uint8Array(routeCount * routeCount);
    for (let u = 0; u < size; u++) {
      const ru = routeOf[u];
      if (u === depot || ru < 0 || routes[ru].length === 0) continue;
      const list = neighbours[u];
      const k = Math.min(granularity, list.length);
      for (let n = 0; n < k; n++) {
        const rv = routeOf[list[n]];
        if (rv >= 0 && rv !== ru) pairs[Math.min(ru, rv) * routeCount + Math.max(ru, rv)] = 1;
      }
    }
    for (let ra = 0; ra < routeCount; ra++) {
      for (let rb = ra + 1; rb < routeCount; rb++) {
        if (pairs[ra * routeCount + rb] && trySwapStar(ra, rb)) changed = true;
      }
    }
    return changed;
  };

  let improved = true;
  let rounds = 0;
  while (improved && rounds++ < 1000) {
    improved = false;
    for (let u = 0; u < size; u++) {
      if (u === depot || routeOf[u] < 0) continue;
      const list = neighbours[u];
      const k = Math.min(granularity, list.length);
      for (let n = 0; n < k; n++) {
        const v = list[n];
        if (routeOf[v] < 0 || routeOf[u] < 0) continue;
        if (tryRelocate(u, routeOf[v], positionOf[v]) || tryRelocate(u, routeOf[v], positionOf[v] - 1) || trySwap(u, v) || tryTwoOpt(u, v) || tryTwoOpt(v, u)) improved = true;
      }
    }
    if (!improved && data.swapStar && swapStarSweep()) improved = true;
  }
  // Emptied routes are dropped by the caller.
  return gained;
}
