import type { DenseMatrix } from './sparse.js';

/**
 * For each row of `vectors`, the most similar row of `centroids` (dot product, i.e. cosine for unit
 * rows) and that similarity. Four centroids per pass over a vector: the inner loop is the hot spot of
 * k-means, and this keeps each vector element in a register for four multiply-adds.
 */
export function nearestCentroid(
  vectors: DenseMatrix,
  centroids: DenseMatrix,
): { labels: Int32Array; similarities: Float64Array } {
  const n = vectors.rows;
  const k = centroids.rows;
  const d = vectors.cols;
  const x = vectors.data;
  const c = centroids.data;
  const labels = new Int32Array(n).fill(-1);
  const similarities = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let best = -1;
    let bestSim = Number.NEGATIVE_INFINITY;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = j * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < d; t++) {
        const v = x[o + t]!;
        s0 += v * c[c0 + t]!;
        s1 += v * c[c1 + t]!;
        s2 += v * c[c2 + t]!;
        s3 += v * c[c3 + t]!;
      }
      if (s0 > bestSim) {
        best = j;
        bestSim = s0;
      }
      if (s1 > bestSim) {
        best = j + 1;
        bestSim = s1;
      }
      if (s2 > bestSim) {
        best = j + 2;
        bestSim = s2;
      }
      if (s3 > bestSim) {
        best = j + 3;
        bestSim = s3;
      }
    }
    for (; j < k; j++) {
      const cj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[o + t]! * c[cj + t]!;
      if (s > bestSim) {
        best = j;
        bestSim = s;
      }
    }
    labels[i] = best;
    similarities[i] = bestSim;
  }
  return { labels, similarities };
}

/**
 * Incremental assignment: each new vector joins its most similar centroid if the similarity reaches
 * the threshold (one for all, or one per centroid), and is noise (-1) otherwise.
 *
 * @example
 * const labels = assignToNearest(embedTexts(embedder, newComments), model.centroids, model.thresholds);
 */
export function assignToNearest(
  vectors: DenseMatrix,
  centroids: DenseMatrix,
  threshold: number | ArrayLike<number>,
): Int32Array {
  const { labels, similarities } = nearestCentroid(vectors, centroids);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    const limit = typeof threshold === 'number' ? threshold : (threshold[label] ?? Number.POSITIVE_INFINITY);
    // A zero vector (no known feature) has similarity 0 to everything: never a member.
    if (similarities[i]! < limit || similarities[i] === 0) labels[i] = -1;
  }
  return labels;
}
