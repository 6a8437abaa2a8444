import type { DenseMatrix } from './sparse.js';

/** Dot product of row i of `a` with row j of `b` (both row-major with the same width). */
export function rowDot(a: DenseMatrix, i: number, b: DenseMatrix, j: number): number {
  const d = a.cols;
  const ad = a.data;
  const bd = b.data;
  const oa = i * d;
  const ob = j * d;
  let s = 0;
  for (let c = 0; c < d; c++) s += ad[oa + c]! * bd[ob + c]!;
  return s;
}

/** Scales every row to unit length in place; an all-zero row stays zero (a text with no known feature). */
export function normalizeRows(m: DenseMatrix): DenseMatrix {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += data[o + c]! * data[o + c]!;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let c = 0; c < cols; c++) data[o + c]! *= inv;
  }
  return m;
}

/** The rows picked by index, copied into a new matrix. */
export function pickRows(m: DenseMatrix, rows: ArrayLike<number>): DenseMatrix {
  const out = new Float64Array(rows.length * m.cols);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    out.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols);
  }
  return { rows: rows.length, cols: m.cols, data: out };
}

/** The transpose, as a new row-major matrix. */
export function transpose(m: DenseMatrix): DenseMatrix {
  const { rows, cols, data } = m;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j]!;
  return { rows: cols, cols: rows, data: out };
}

/**
 * A · Bᵀ for row-major A (n×d) and B (k×d): every entry is a dot product of two contiguous rows, done
 * four B-rows at a time so each element of A is loaded once per four multiply-adds. This shape keeps
 * the accumulators in registers; the textbook loop order (update a whole output row per element) ran
 * about three times slower in V8. With `upper`, only entries (i, j ≥ i rounded down to 4) are computed.
 */
export function timesTransposed(a: DenseMatrix, b: DenseMatrix, upper = false): DenseMatrix {
  if (a.cols !== b.cols) throw new RangeError(`shape mismatch: ${a.rows}×${a.cols} · (${b.rows}×${b.cols})ᵀ`);
  const n = a.rows;
  const k = b.rows;
  const d = a.cols;
  const x = a.data;
  const y = b.data;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let j = upper ? i - (i % 4) : 0;
    for (; j + 3 < k; j += 4) {
      const b0 = j * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < d; t++) {
        const v = x[o + t]!;
        s0 += v * y[b0 + t]!;
        s1 += v * y[b1 + t]!;
        s2 += v * y[b2 + t]!;
        s3 += v * y[b3 + t]!;
      }
      out[i * k + j] = s0;
      out[i * k + j + 1] = s1;
      out[i * k + j + 2] = s2;
      out[i * k + j + 3] = s3;
    }
    for (; j < k; j++) {
      const bj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[o + t]! * y[bj + t]!;
      out[i * k + j] = s;
    }
  }
  return { rows: n, cols: k, data: out };
}

/** Mᵀ M for a tall row-major M (n×l): an l×l row-major array. */
export function gram(m: DenseMatrix): Float64Array {
  const t = transpose(m);
  const g = timesTransposed(t, t, true).data;
  const l = m.cols;
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
  return g;
}

/** M × S for a tall row-major M (n×l) and a small row-major S (l×k). */
export function timesSmall(m: DenseMatrix, s: Float64Array, k: number): DenseMatrix {
  return timesTransposed(m, transpose({ rows: m.cols, cols: k, data: s }));
}
