/**
 * The waste what-if as a file: what the waste panel sets (collection policy, fill threshold, days,
 * fleet, weeks simulated) saved as JSON and read back.
 *
 *   { "format": "vigie-waste-scenario", "version": 1, "policy": "fill-level", "thresholdPercent": 80,
 *     "collectionWeekdays": [1, 4], "vehicles": 2, "capacityKg": 7000, "typeCounts": { "bom-19t": 2 },
 *     "weeks": 4 }
 *
 * Reading checks each field on its own: a file that is not a waste scenario (no object, another
 * format or version) is refused whole; a field out of range, of the wrong type or naming a truck
 * type the territory does not have is reported with the file and the field, and the valid fields
 * still load. Bounds are the panel's own (its inputs clamp to the same ranges).
 */

export const WASTE_SCENARIO_FORMAT = 'vigie-waste-scenario';

export interface WasteScenario {
  policy: 'fixed' | 'fill-level';
  thresholdPercent: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday); empty: each point on its own day. */
  collectionWeekdays: number[];
  vehicles: number;
  capacityKg: number;
  /** Trucks per vehicle type of the manifest (by id). */
  typeCounts: Record<string, number>;
  weeks: number;
}

/** What is wrong, as a dictionary key the panel shows in the page's language (`wasteProblem.<code>`). */
export type WasteScenarioProblemCode = 'not-object' | 'format' | 'version' | 'whole-number' | 'policy' | 'weekdays' | 'weekday' | 'type-counts' | 'unknown-type' | 'json' | 'too-large';

export interface WasteScenarioProblem {
  /** `file` or `file: field`. */
  where: string;
  code: WasteScenarioProblemCode;
  /** The values the sentence needs: `got` (what the file holds, shortened), bounds, names. */
  values: Record<string, string | number>;
  /** The same in plain English, for logs and tests. */
  what: string;
}

export function wasteScenarioProblem(where: string, code: WasteScenarioProblemCode, values: Record<string, string | number>, what: string): WasteScenarioProblem {
  return { where, code, values, what };
}

export const WASTE_SCENARIO_LIMITS = {
  thresholdPercent: [50, 100],
  vehicles: [1, 20],
  capacityKg: [100, 100_000],
  typeCount: [0, 20],
  weeks: [1, 8],
} as const;

export function serializeWasteScenario(scenario: WasteScenario): string {
  const { policy, thresholdPercent, collectionWeekdays, vehicles, capacityKg, typeCounts, weeks } = scenario;
  return JSON.stringify({ format: WASTE_SCENARIO_FORMAT, version: 1, policy, thresholdPercent, collectionWeekdays, vehicles, capacityKg, typeCounts, weeks }, null, 2);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/**
 * Reads a waste scenario (parsed JSON). `vehicleTypes`: the ids of the territory's truck types.
 * Returns the fields that passed (absent ones are left to the panel's current values) and the problems.
 */
export function parseWasteScenario(json: unknown, fileName: string, vehicleTypes: readonly string[]): { scenario: Partial<WasteScenario> | null; problems: WasteScenarioProblem[] } {
  const problems: WasteScenarioProblem[] = [];
  if (!isRecord(json)) {
    const got = Array.isArray(json) ? '[…]' : show(json);
    return { scenario: null, problems: [wasteScenarioProblem(fileName, 'not-object', { got }, `expected a JSON object, got ${Array.isArray(json) ? 'an array' : got}`)] };
  }
  if (json.format !== WASTE_SCENARIO_FORMAT) return { scenario: null, problems: [wasteScenarioProblem(`${fileName}: format`, 'format', { expected: WASTE_SCENARIO_FORMAT, got: show(json.format) }, `expected "${WASTE_SCENARIO_FORMAT}", got ${show(json.format)}`)] };
  if (json.version !== 1) return { scenario: null, problems: [wasteScenarioProblem(`${fileName}: version`, 'version', { got: show(json.version) }, `expected 1, got ${show(json.version)}`)] };
  const scenario: Partial<WasteScenario> = {};
  const integer = (field: 'thresholdPercent' | 'vehicles' | 'capacityKg' | 'weeks') => {
    const value = json[field];
    if (value === undefined) return;
    const [min, max] = WASTE_SCENARIO_LIMITS[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) problems.push(wasteScenarioProblem(`${fileName}: ${field}`, 'whole-number', { min, max, got: show(value) }, `expected a whole number from ${min} to ${max}, got ${show(value)}`));
    else scenario[field] = value;
  };
  if (json.policy !== undefined) {
    if (json.policy === 'fixed' || json.policy === 'fill-level') scenario.policy = json.policy;
    else problems.push(wasteScenarioProblem(`${fileName}: policy`, 'policy', { got: show(json.policy) }, `expected "fixed" or "fill-level", got ${show(json.policy)}`));
  }
  integer('thresholdPercent');
  integer('vehicles');
  integer('capacityKg');
  integer('weeks');
  if (json.collectionWeekdays !== undefined) {
    const days = json.collectionWeekdays;
    if (!Array.isArray(days) || days.length > 7) problems.push(wasteScenarioProblem(`${fileName}: collectionWeekdays`, 'weekdays', { got: show(days) }, `expected a list of at most 7 weekdays (1 = Monday … 7 = Sunday), got ${show(days)}`));
    else {
      const bad = days.findIndex((day) => typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7);
      if (bad >= 0) problems.push(wasteScenarioProblem(`${fileName}: collectionWeekdays.${bad}`, 'weekday', { got: show(days[bad]) }, `expected a weekday from 1 (Monday) to 7 (Sunday), got ${show(days[bad])}`));
      else scenario.collectionWeekdays = [...new Set(days as number[])].sort((a, b) => a - b);
    }
  }
  if (json.typeCounts !== undefined) {
    if (!isRecord(json.typeCounts)) problems.push(wasteScenarioProblem(`${fileName}: typeCounts`, 'type-counts', { got: show(json.typeCounts) }, `expected an object of truck counts by vehicle type, got ${show(json.typeCounts)}`));
    else {
      const counts: Record<string, number> = {};
      const [min, max] = WASTE_SCENARIO_LIMITS.typeCount;
      for (const [type, count] of Object.entries(json.typeCounts)) {
        if (!vehicleTypes.includes(type)) problems.push(wasteScenarioProblem(`${fileName}: typeCounts.${type}`, 'unknown-type', { type: type.slice(0, 40), known: vehicleTypes.join(', ') }, `no vehicle type "${type.slice(0, 40)}" in this territory (${vehicleTypes.length > 0 ? vehicleTypes.join(', ') : 'none'})`));
        else if (typeof count !== 'number' || !Number.isInteger(count) || count < min || count > max) problems.push(wasteScenarioProblem(`${fileName}: typeCounts.${type}`, 'whole-number', { min, max, got: show(count) }, `expected a whole number from ${min} to ${max}, got ${show(count)}`));
        else Object.defineProperty(counts, type, { value: count, enumerable: true, writable: true, configurable: true });
      }
      scenario.typeCounts = counts;
    }
  }
  return { scenario, problems };
}
