/** The demo's cost and emission parameters, with their sources: the shared defaults (src/domain/assumptions.ts). */
import { sourcedDefaults } from '../../src/domain/assumptions';

export const DEFAULT_PARAMETERS = sourcedDefaults([
  'electricityPriceEurPerKwh',
  'electricityEmissionKgPerKwh',
  'dischargeBallastLossRatio',
  'truckFuelLitresPer100Km',
  'dieselEmissionKgPerLitre',
  'dieselPriceEurPerLitre',
  'truckCapacityKg',
  'crewCostEurPerHour',
  'shiftHours',
]);
