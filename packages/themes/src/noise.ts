import type { DenseMatrix } from './sparse.js';

/** When a text is too far from its theme to count as a member. */
export interface NoiseOptions {
  /**
   * A member must be within `spread` robust deviations (1.4826 · MAD) of its theme's median similarity
   * to the centroid. Default 3.
   */
  spread?: number;
  /** And never below this cosine to the centroid, however loose the theme. Default 0.2. */
  floor?: number;
  /** Themes with fewer members than this (after the above) are dissolved into noise. Default 3. */
  minSize?: number;
  /**
   * The robust deviation is taken as at least this. Comments copied from a few templates (or repeated word
   * for word) give a theme whose similarities take a handful of values, so its MAD is near 0 and the
   * threshold sits at the median: every member below it becomes noise, and a new text must be a copy.
   * Default 0 (the deviation as measured).
   */
  minDeviation?: number;
}

/** Per-theme similarity thresholds, and the labels with non-members set to -1. */
export interface NoiseSplit {
  readonly labels: Int32Array;
  /** Cosine to its centroid a vector needs to join each theme; +∞ for a dissolved theme. */
  readonly thresholds: Float64Array;
}

/**
 * Separates noise: a vector joins its nearest theme only if it is about as close to it as that theme's
 * typical members are. The thresholds are returned so new texts are judged by the same rule
 * (`assignToNearest(vectors, centroids, thresholds)`).
 *
 * @example const { labels, thresholds } = separateNoise(vectors, clustering.labels, clustering.centroids);
 */
export function separateNoise(
  vectors: DenseMatrix,
  labels: ArrayLike<number>,
  centroids: DenseMatrix,
  options: NoiseOptions = {},
): NoiseSplit {
  const { spread = 3, floor = 0.2, minSize = 3, minDeviation = 0 } = options;
  const k = centroids.rows;
  const d = vectors.cols;
  const sims: number[][] = Array.from({ length: k }, () => []);
  const own = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0) continue;
    let s = 0;
    for (let t = 0; t < d; t++) s += vectors.data[i * d + t]! * centroids.data[c * d + t]!;
    own[i] = s;
    sims[c]!.push(s);
  }
  const thresholds = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  for (let c = 0; c < k; c++) {
    const values = sims[c]!.sort((a, b) => a - b);
    if (values.length === 0) continue;
    const median = quantile(values, 0.5);
    const mad = quantile(
      values.map((v) => Math.abs(v - median)).sort((a, b) => a - b),
      0.5,
    );
    thresholds[c] = Math.max(floor, median - spread * Math.max(minDeviation, 1.4826 * mad));
  }
  const out = new Int32Array(labels.length);
  const sizes = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    out[i] = c >= 0 && own[i]! >= thresholds[c]! && own[i]! > 0 ? c : -1;
    if (out[i]! >= 0) sizes[c]!++;
  }
  for (let c = 0; c < k; c++) if (sizes[c]! < minSize) thresholds[c] = Number.POSITIVE_INFINITY;
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0 && sizes[out[i]!]! < minSize) out[i] = -1;
  return { labels: out, thresholds };
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
