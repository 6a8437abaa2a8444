import { pickRows } from './dense.js';
import { sphericalKMeans } from './kmeans.js';
import { sampleIndices, seededRandom } from './random.js';
import type { DenseMatrix } from './sparse.js';

/** Automatic choice of k. */
export interface AutoKOptions {
  /** Default 2. */
  minK?: number;
  /** Default min(200, items / 5). */
  maxK?: number;
  /** Score k on at most this many vectors (a seeded sample). Default 3,000. */
  sampleSize?: number;
  seed?: number;
}

/** The k chosen, and the score of every k tried. */
export interface KChoice {
  readonly k: number;
  readonly scores: readonly { readonly k: number; readonly bic: number }[];
}

/**
 * Chooses the number of themes by the Bayesian information criterion of X-means (Pelleg & Moore 2000):
 * a spherical Gaussian per cluster with one shared variance, scored on the unsmoothed vectors
 * (`vectors`) for partitions found on the smoothed ones (`smoothed`, same rows). Smoothing tightens
 * clusters, so every score on smoothed vectors keeps improving with k (silhouette, stability and
 * Calinski–Harabasz all did on Banking77); the likelihood of the raw vectors does not, and its penalty
 * of (dims + 1) parameters per cluster stops k where extra clusters stop explaining the data.
 *
 * k is searched on a geometric grid (×1.5), then refined (×1.2) around the best; each k gets one
 * k-means++ start and at most 10 Lloyd iterations, enough to rank k.
 *
 * @example const { k } = chooseK(vectors, smoothFor(vectors, {}), { seed: 1 });
 */
export function chooseK(vectors: DenseMatrix, smoothed: DenseMatrix, options: AutoKOptions = {}): KChoice {
  const { minK = 2, sampleSize = 3_000, seed = 1 } = options;
  const n = vectors.rows;
  const maxK = Math.max(minK, Math.min(options.maxK ?? Math.min(200, Math.floor(n / 5)), n - 1));
  if (n < 3 || maxK <= minK) return { k: Math.max(1, Math.min(minK, n)), scores: [] };
  const rows = sampleIndices(n, Math.min(n, sampleSize), seededRandom(seed ^ 0xa070));
  const raw = pickRows(vectors, rows);
  const smooth = pickRows(smoothed, rows);
  const scores = new Map<number, number>();
  const score = (k: number): number => {
    let s = scores.get(k);
    if (s === undefined) {
      s = xMeansBic(raw, sphericalKMeans(smooth, { k, seed: seed + k, restarts: 1, maxIterations: 10 }).labels, k);
      scores.set(k, s);
    }
    return s;
  };
  const grid = (from: number, to: number, ratio: number): number[] => {
    const ks: number[] = [];
    for (let k = from; k <= to; k = Math.max(k + 1, Math.round(k * ratio))) ks.push(k);
    if (ks[ks.length - 1] !== to) ks.push(to);
    return ks;
  };
  let best = minK;
  for (const k of grid(minK, maxK, 1.5)) if (score(k) > score(best)) best = k;
  const low = Math.max(minK, Math.floor(best / 1.5));
  const high = Math.min(maxK, Math.ceil(best * 1.5));
  for (const k of grid(low, high, 1.2)) if (score(k) > score(best)) best = k;
  return { k: best, scores: [...scores].sort((a, b) => a[0] - b[0]).map(([k, bic]) => ({ k, bic })) };
}

/**
 * X-means BIC of a hard partition: log-likelihood under one spherical Gaussian per cluster (shared
 * variance, mixing weights = cluster shares) minus (parameters / 2) · ln n. Higher is better.
 */
export function xMeansBic(vectors: DenseMatrix, labels: ArrayLike<number>, k: number): number {
  const n = vectors.rows;
  const d = vectors.cols;
  const sums = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let t = 0; t < d; t++) {
      const v = vectors.data[i * d + t]!;
      sums[c * d + t]! += v;
      squares += v * v;
    }
  }
  // Within-cluster sum of squares = Σ‖x‖² − Σ_c ‖sum_c‖² / n_c.
  let within = squares;
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) continue;
    let s = 0;
    for (let t = 0; t < d; t++) s += sums[c * d + t]! ** 2;
    within -= s / sizes[c]!;
  }
  const variance = Math.max(within, 1e-12) / (d * Math.max(1, n - k));
  let logLikelihood = -((n * d) / 2) * Math.log(2 * Math.PI * variance) - (d * (n - k)) / 2;
  for (const size of sizes) if (size > 0) logLikelihood += size * Math.log(size / n);
  const parameters = k - 1 + k * d + 1;
  return logLikelihood - (parameters / 2) * Math.log(n);
}
