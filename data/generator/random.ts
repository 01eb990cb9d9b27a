/** Seeded randomness for the demo generator: the same seed gives the same territory, byte for byte. */
import { createNoise2D } from 'simplex-noise';

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a small, fast, well-distributed 32-bit generator. Returns [0, 1). */
  next = (): number => {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  int(min: number, maxInclusive: number): number {
    return Math.floor(this.range(min, maxInclusive + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `weights[i]` is the relative chance of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const weight of weights) total += weight;
    let draw = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      draw -= weights[i];
      if (draw < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A child generator, so that adding draws in one step does not shift every later step. */
  fork(label: string): Random {
    let hash = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 16777619) >>> 0;
    return new Random(hash);
  }
}

/** Fractal simplex noise in [-1, 1] roughly, `scaleMetres` being the size of the largest features. */
export function fractalNoise(random: Random, octaves: number): (x: number, y: number, scaleMetres: number) => number {
  const noise = createNoise2D(random.next);
  return (x, y, scaleMetres) => {
    let sum = 0;
    let amplitude = 1;
    let norm = 0;
    let frequency = 1 / scaleMetres;
    for (let octave = 0; octave < octaves; octave++) {
      sum += amplitude * noise(x * frequency + octave * 17.3, y * frequency - octave * 9.1);
      norm += amplitude;
      amplitude *= 0.5;
      frequency *= 2;
    }
    return sum / norm;
  };
}
