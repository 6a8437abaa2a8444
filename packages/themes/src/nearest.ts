import type { DenseMatrix } from './sparse.js';

/**
 * For each row of `vectors`, the most similar row of `centroids` (dot product, i.e. cosine for unit
 * rows) and that similarity. This is the hot loop of k-means; it is register-blocked two vectors ×
 * four centroids, so each loaded element feeds four or two multiply-adds (measured 20–30% faster in
 * V8 than one vector at a time; Float32 storage was slower).
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
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const oa = i * d;
    const ob = oa + d;
    let bestA = -1;
    let bestB = -1;
    let simA = Number.NEGATIVE_INFINITY;
    let simB = Number.NEGATIVE_INFINITY;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = j * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let t = 0; t < d; t++) {
        const u = x[oa + t]!;
        const w = x[ob + t]!;
        const q0 = c[c0 + t]!;
        const q1 = c[c1 + t]!;
        const q2 = c[c2 + t]!;
        const q3 = c[c3 + t]!;
        a0 += u * q0;
        a1 += u * q1;
        a2 += u * q2;
        a3 += u * q3;
        b0 += w * q0;
        b1 += w * q1;
        b2 += w * q2;
        b3 += w * q3;
      }
      // Strictly greater: on ties the lower centroid index wins, as in the one-at-a-time tail below.
      if (a0 > simA) {
        simA = a0;
        bestA = j;
      }
      if (a1 > simA) {
        simA = a1;
        bestA = j + 1;
      }
      if (a2 > simA) {
        simA = a2;
        bestA = j + 2;
      }
      if (a3 > simA) {
        simA = a3;
        bestA = j + 3;
      }
      if (b0 > simB) {
        simB = b0;
        bestB = j;
      }
      if (b1 > simB) {
        simB = b1;
        bestB = j + 1;
      }
      if (b2 > simB) {
        simB = b2;
        bestB = j + 2;
      }
      if (b3 > simB) {
        simB = b3;
        bestB = j + 3;
      }
    }
    for (; j < k; j++) {
      const cj = j * d;
      let sa = 0;
      let sb = 0;
      for (let t = 0; t < d; t++) {
        sa += x[oa + t]! * c[cj + t]!;
        sb += x[ob + t]! * c[cj + t]!;
      }
      if (sa > simA) {
        simA = sa;
        bestA = j;
      }
      if (sb > simB) {
        simB = sb;
        bestB = j;
      }
    }
    labels[i] = bestA;
    similarities[i] = simA;
    labels[i + 1] = bestB;
    similarities[i + 1] = simB;
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += x[o + t]! * c[j * d + t]!;
      if (s > similarities[i]!) {
        similarities[i] = s;
        labels[i] = j;
      }
    }
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
  return nearestWithin(vectors, centroids, threshold).labels;
}

/**
 * `assignToNearest` with each vector's similarity to its most similar centroid (for noise too: how
 * close it came), e.g. to rank a theme's members by how typical they are.
 *
 * @example const { labels, similarities } = nearestWithin(vectors, model.centroids, model.thresholds);
 */
export function nearestWithin(
  vectors: DenseMatrix,
  centroids: DenseMatrix,
  threshold: number | ArrayLike<number>,
): { labels: Int32Array; similarities: Float64Array } {
  const { labels, similarities } = nearestCentroid(vectors, centroids);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    const limit = typeof threshold === 'number' ? threshold : (threshold[label] ?? Number.POSITIVE_INFINITY);
    // A zero vector (no known feature) has similarity 0 to everything: never a member.
    if (similarities[i]! < limit || similarities[i] === 0) labels[i] = -1;
  }
  return { labels, similarities };
}
