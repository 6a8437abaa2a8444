import type { Interval } from './proportions.js';
import { seededRandom } from './random.js';

export interface BootstrapOptions {
  iterations?: number;
  confidence?: number;
  seed?: number;
}

/**
 * Percentile bootstrap interval of the mean. Ratings are bounded and skewed, so a resampled interval is
 * more honest than mean ± 1.96·se; seeded, so a report shows the same numbers every time it is built.
 */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions = {}): Interval {
  const { iterations = 2000, confidence = 0.95, seed = 1 } = options;
  const n = values.length;
  if (n === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const estimate = values.reduce((s, v) => s + v, 0) / n;
  const random = seededRandom(seed);
  const means = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += values[Math.floor(random() * n)] ?? 0;
    means[i] = sum / n;
  }
  means.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number) => means[Math.min(iterations - 1, Math.max(0, Math.floor(q * iterations)))] ?? Number.NaN;
  return { estimate, low: at(tail), high: at(1 - tail) };
}

/**
 * The same interval from a value → count table. Each resample draws the counts from a multinomial by
 * successive binomials: exact Bernoulli draws below 1,000 trials, the normal approximation above (where
 * the bootstrap distribution of a mean of bounded values is normal to within its own sampling noise).
 */
export function bootstrapMeanFromCounts(counts: ReadonlyMap<number, number>, options: BootstrapOptions = {}): Interval {
  const { iterations = 2000, confidence = 0.95, seed = 1 } = options;
  const entries = [...counts].filter(([, c]) => c > 0).sort(([x], [y]) => x - y);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const estimate = entries.reduce((s, [v, c]) => s + v * c, 0) / n;
  const random = seededRandom(seed);
  const gaussian = () => {
    const u = random() || Number.MIN_VALUE;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const binomial = (trials: number, p: number): number => {
    if (p <= 0 || trials === 0) return 0;
    if (p >= 1) return trials;
    if (trials < 1000) {
      let hits = 0;
      for (let i = 0; i < trials; i++) if (random() < p) hits++;
      return hits;
    }
    const draw = Math.round(trials * p + Math.sqrt(trials * p * (1 - p)) * gaussian());
    return Math.min(trials, Math.max(0, draw));
  };
  const means = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    let left = n;
    let massLeft = 1;
    let sum = 0;
    for (let k = 0; k < entries.length; k++) {
      const [value, count] = entries[k] as [number, number];
      const p = count / n;
      const drawn = k === entries.length - 1 ? left : binomial(left, Math.min(1, p / massLeft));
      sum += value * drawn;
      left -= drawn;
      massLeft -= p;
    }
    means[i] = sum / n;
  }
  means.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number) => means[Math.min(iterations - 1, Math.max(0, Math.floor(q * iterations)))] ?? Number.NaN;
  return { estimate, low: at(tail), high: at(1 - tail) };
}
