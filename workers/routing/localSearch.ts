/**
 * A granular local search for capacitated routes (Toth and Vigo's granular neighbourhoods): for each
 * customer u and each v among its `granularity` nearest, the moves that put u next to v —
 * relocate u after or before v, swap u and v, 2-opt* (exchange the tails after u and after v, or
 * join u's head to v's head reversed), 2-opt inside a route — evaluated in O(1) from the arc
 * costs and the route loads, applied at the first improvement, until none is left. Moves that would
 * exceed a route's capacity are not taken: the search keeps a feasible plan feasible.
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
}

/** Improves the routes in place; returns the cost gained (≥ 0). Costs must be symmetric for the reversals. */
export function improveRoutes(data: LocalSearchData, routes: number[][], loads: number[]): number {
  const { size, cost, demand, capacity, depot, neighbours, granularity } = data;
  const routeOf = new Int32Array(size).fill(-1);
  const positionOf = new Int32Array(size);
  const reindex = (r: number) => {
    const route = routes[r];
    for (let p = 0; p < route.length; p++) {
      routeOf[route[p]] = r;
      positionOf[route[p]] = p;
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
    let headU = 0;
    for (let p = 0; p <= pu; p++) headU += demand[routeU[p]];
    let headV = 0;
    for (let p = 0; p <= pv; p++) headV += demand[routeV[p]];
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
  }
  // Emptied routes are dropped by the caller.
  return gained;
}
