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
