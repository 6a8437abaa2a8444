import { minCostAssignment } from './hungarian.js';

/**
 * Contingency table of two labellings (any integers; -1 noise is just another label here).
 * Rows: distinct values of `truth`; columns: distinct values of `predicted`.
 */
function contingency(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
): { table: Float64Array; rows: number; cols: number } {
  if (truth.length !== predicted.length) throw new RangeError('labellings differ in length');
  const rowOf = new Map<number, number>();
  const colOf = new Map<number, number>();
  const pairs: [number, number][] = [];
  for (let i = 0; i < truth.length; i++) {
    let r = rowOf.get(truth[i]!);
    if (r === undefined) {
      r = rowOf.size;
      rowOf.set(truth[i]!, r);
    }
    let c = colOf.get(predicted[i]!);
    if (c === undefined) {
      c = colOf.size;
      colOf.set(predicted[i]!, c);
    }
    pairs.push([r, c]);
  }
  const rows = rowOf.size;
  const cols = colOf.size;
  const table = new Float64Array(rows * cols);
  for (const [r, c] of pairs) table[r * cols + c]!++;
  return { table, rows, cols };
}

function sums(table: Float64Array, rows: number, cols: number): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(rows);
  const b = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      a[r]! += table[r * cols + c]!;
      b[c]! += table[r * cols + c]!;
    }
  }
  return { a, b };
}

function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (const x of counts) if (x > 0) h -= (x / n) * Math.log(x / n);
  return h;
}

/**
 * Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default, as in the
 * published Banking77 baselines): I(T;P) / ((H(T) + H(P)) / 2), in [0, 1]. Two single-cluster
 * labellings are identical: 1.
 *
 * @example normalizedMutualInfo([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function normalizedMutualInfo(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  const { table, rows, cols } = contingency(truth, predicted);
  if (n === 0 || (rows === 1 && cols === 1)) return 1;
  const { a, b } = sums(table, rows, cols);
  let mi = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = table[r * cols + c]!;
      if (x > 0) mi += (x / n) * Math.log((x * n) / (a[r]! * b[c]!));
    }
  }
  const mean = (entropy(a, n) + entropy(b, n)) / 2;
  return mean === 0 ? 1 : Math.max(0, Math.min(1, mi / mean));
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985): pair-counting agreement corrected for chance; 1 for
 * identical partitions, about 0 for random ones, possibly negative.
 *
 * @example adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1]) // 1
 */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  const { table, rows, cols } = contingency(truth, predicted);
  const { a, b } = sums(table, rows, cols);
  if (n < 2) return 1;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const x of table) index += pairs(x);
  let sumA = 0;
  let sumB = 0;
  for (const x of a) sumA += pairs(x);
  for (const x of b) sumB += pairs(x);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  // Both partitions all-singletons or both one cluster: identical by construction.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/**
 * Clustering accuracy: the share of items whose cluster maps to their true class under the best
 * one-to-one matching of clusters to classes (Hungarian algorithm). Clusters left unmatched (when
 * there are more clusters than classes, or fewer) count as wrong.
 *
 * @example clusteringAccuracy([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function clusteringAccuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const n = truth.length;
  if (n === 0) return 1;
  const { table, rows, cols } = contingency(truth, predicted);
  // Hungarian minimises cost over the shorter side: cost = -count, transposed if needed.
  const transpose = rows > cols;
  const r = transpose ? cols : rows;
  const c = transpose ? rows : cols;
  const cost = new Float64Array(r * c);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) cost[transpose ? j * c + i : i * c + j] = -table[i * cols + j]!;
  }
  const assignment = minCostAssignment(cost, r, c);
  let matched = 0;
  for (let i = 0; i < r; i++) matched -= cost[i * c + assignment[i]!]!;
  return matched / n;
}
