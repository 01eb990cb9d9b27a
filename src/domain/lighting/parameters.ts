/**
 * Parameters of the lighting what-if engine, with their sources (see DOMAIN.md, "Public
 * lighting"). A territory's manifest overrides any of them under the same key in `parameters`;
 * the engine reports the values it used, so the screen can say where each number comes from.
 */
import type { SourcedValue } from '../territory';

/** Same keys as the demo manifest (data/generator/demo.ts), so that a manifest's values are used. */
export const LIGHTING_PARAMETER_KEYS = [
  'electricityPriceEurPerKwh',
  'electricityEmissionKgPerKwh',
  'dischargeBallastLossRatio',
  'ledRetrofitCostEurPerLamp',
] as const;
export type LightingParameterKey = (typeof LIGHTING_PARAMETER_KEYS)[number];

export type LightingParameters = Record<LightingParameterKey, SourcedValue>;

export const DEFAULT_LIGHTING_PARAMETERS: Readonly<LightingParameters> = Object.freeze({
  electricityPriceEurPerKwh: {
    value: 0.11,
    unit: '€/kWh',
    source:
      'DOMAIN.md: energy part alone was 0.11 €/kWh in 2022 for one syndicate; subscription and taxes come on top, so the all-in price is higher (UNVERIFIED all-in).',
    unverified: true,
  },
  electricityEmissionKgPerKwh: {
    value: 0.06,
    unit: 'kg CO2e/kWh',
    source:
      'DOMAIN.md: ADEME asks inventories to use the average consumption mix; the commonly quoted figure is about 0.052–0.073 kg CO2e/kWh (UNVERIFIED as a primary value). 0.06 lies within that range.',
    unverified: true,
  },
  dischargeBallastLossRatio: {
    value: 0.12,
    unit: 'ratio',
    source:
      'DOMAIN.md: ballast losses of discharge lamps (high-pressure sodium, mercury) about 10–15% (UNVERIFIED); 0.12 as in the demo manifest. Not applied to LED.',
    unverified: true,
  },
  ledRetrofitCostEurPerLamp: {
    value: 500,
    unit: '€/lamp',
    source: 'No source in DOMAIN.md: placeholder order of magnitude for replacing one luminaire by an LED one, to be set from a quote.',
    unverified: true,
  },
});

/** Defaults overridden by the territory's parameters of the same key (others are ignored). */
export function resolveLightingParameters(territoryParameters: Readonly<Record<string, SourcedValue>>): LightingParameters {
  const resolved = {} as LightingParameters;
  for (const key of LIGHTING_PARAMETER_KEYS) {
    const override = territoryParameters[key];
    resolved[key] = override !== undefined && Number.isFinite(override.value) ? { ...override } : { ...DEFAULT_LIGHTING_PARAMETERS[key] };
  }
  return resolved;
}
