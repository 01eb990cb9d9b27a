/**
 * Colour ramps of sensor readings, shared by the globe and the legend. Each kind reads a "level":
 * fill in %, power as a share of the cabinet's full power, NO2 in µg/m³, traffic as a share of the
 * counter's busiest hour, parking as a share of spaces taken.
 */
import type { SensorKind } from '../domain/territory';

export interface RampStep {
  /** The step applies below this level (the last one to everything above). */
  below: number;
  colour: string;
  key: string;
}

export const SENSOR_RAMPS: Record<SensorKind, RampStep[]> = {
  'fill-level': [
    { below: 50, colour: '#2e9e4f', key: 'ramp.fill.low' },
    { below: 80, colour: '#e7c31a', key: 'ramp.fill.half' },
    { below: 100, colour: '#f07f1a', key: 'ramp.fill.high' },
    { below: Number.POSITIVE_INFINITY, colour: '#d7263d', key: 'ramp.fill.full' },
  ],
  'power-meter': [
    { below: 0.05, colour: '#4a5058', key: 'ramp.power.off' },
    { below: 0.8, colour: '#d99a2b', key: 'ramp.power.dimmed' },
    { below: Number.POSITIVE_INFINITY, colour: '#ffcf5c', key: 'ramp.power.on' },
  ],
  'air-quality': [
    { below: 40, colour: '#50b86c', key: 'ramp.air.good' },
    { below: 90, colour: '#e6d33b', key: 'ramp.air.moderate' },
    { below: 120, colour: '#f39c12', key: 'ramp.air.poor' },
    { below: Number.POSITIVE_INFINITY, colour: '#d7263d', key: 'ramp.air.bad' },
  ],
  'traffic-counter': [
    { below: 0.25, colour: '#2c7bb6', key: 'ramp.traffic.light' },
    { below: 0.5, colour: '#8fc9de', key: 'ramp.traffic.moderate' },
    { below: 0.75, colour: '#fdae61', key: 'ramp.traffic.busy' },
    { below: Number.POSITIVE_INFINITY, colour: '#d7191c', key: 'ramp.traffic.peak' },
  ],
  parking: [
    { below: 0.5, colour: '#1a9641', key: 'ramp.parking.free' },
    { below: 0.85, colour: '#fdae61', key: 'ramp.parking.busy' },
    { below: Number.POSITIVE_INFINITY, colour: '#d7191c', key: 'ramp.parking.full' },
  ],
};

export const STALE_COLOUR = '#9aa1a6';

export function rampColour(kind: SensorKind, level: number): string {
  if (!Number.isFinite(level)) return STALE_COLOUR;
  const steps = SENSOR_RAMPS[kind];
  for (const step of steps) if (level < step.below) return step.colour;
  return steps[steps.length - 1].colour;
}
