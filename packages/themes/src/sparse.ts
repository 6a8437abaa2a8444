/**
 * A compressed-sparse-row matrix: row i's non-zeros are `indices[indptr[i]..indptr[i+1]]` with
 * `values` at the same positions. Text features are >99% zeros, so every product over them is written
 * against this layout.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A dense row-major matrix: row i is `data[i*cols .. (i+1)*cols]`. Also the type of embedded texts. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A × B for sparse A (n×d) and dense row-major B (d×l): an n×l dense matrix. */
export function sparseTimesDense(a: CsrMatrix, b: DenseMatrix): DenseMatrix {
  if (a.cols !== b.rows) throw new RangeError(`shape mismatch: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const l = b.cols;
  const out = new Float64Array(a.rows * l);
  const bd = b.data;
  for (let i = 0; i < a.rows; i++) {
    const o = i * l;
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const v = a.values[p]!;
      const r = a.indices[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * bd[r + c]!;
    }
  }
  return { rows: a.rows, cols: l, data: out };
}

/** Aᵀ × Y for sparse A (n×d) and dense Y (n×l): a d×l dense matrix, scattered row by row of A. */
export function sparseTransposeTimesDense(a: CsrMatrix, y: DenseMatrix): DenseMatrix {
  if (a.rows !== y.rows) throw new RangeError(`shape mismatch: (${a.rows}×${a.cols})ᵀ · ${y.rows}×${y.cols}`);
  const l = y.cols;
  const out = new Float64Array(a.cols * l);
  const yd = y.data;
  for (let i = 0; i < a.rows; i++) {
    const r = i * l;
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const v = a.values[p]!;
      const o = a.indices[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * yd[r + c]!;
    }
  }
  return { rows: a.cols, cols: l, data: out };
}

/** The rows of a sparse matrix picked by index, in the order given. */
export function selectRows(a: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    nnz += a.indptr[i + 1]! - a.indptr[i]!;
    indptr[k + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    indices.set(a.indices.subarray(a.indptr[i]!, a.indptr[i + 1]!), indptr[k]!);
    values.set(a.values.subarray(a.indptr[i]!, a.indptr[i + 1]!), indptr[k]!);
  }
  return { rows: rows.length, cols: a.cols, indptr, indices, values };
}
