/**
 * Parameters of the lighting what-if engine, with their sources (see DOMAIN.md, "Public
 * lighting"). A territory's manifest overrides any of them under the same key in `parameters`;
 * the engine reports the values it used, so the screen can say where each number comes from.
 */
import type { SourcedValue } from '../territory';
import { sourcedDefaults } from '../assumptions';

/** Same keys as the demo manifest (data/generator/demo.ts), so that a manifest's values are used. */
export const LIGHTING_PARAMETER_KEYS = [
  'electricityPriceEurPerKwh',
  'electricityEmissionKgPerKwh',
  'dischargeBallastLossRatio',
  'ledRetrofitCostEurPerLamp',
] as const;
export type LightingParameterKey = (typeof LIGHTING_PARAMETER_KEYS)[number];

export type LightingParameters = Record<LightingParameterKey, SourcedValue>;

/** The shared defaults (src/domain/assumptions.ts), with their French source texts. */
export const DEFAULT_LIGHTING_PARAMETERS: Readonly<LightingParameters> = Object.freeze(sourcedDefaults(LIGHTING_PARAMETER_KEYS));

/** Defaults overridden by the territory's parameters of the same key (others are ignored). */
export function resolveLightingParameters(territoryParameters: Readonly<Record<string, SourcedValue>>): LightingParameters {
  const resolved = {} as LightingParameters;
  for (const key of LIGHTING_PARAMETER_KEYS) {
    const override = territoryParameters[key];
    resolved[key] = override !== undefined && Number.isFinite(override.value) ? { ...override } : { ...DEFAULT_LIGHTING_PARAMETERS[key] };
  }
  return resolved;
}
