/**
 * Minimum-cost assignment of rows to distinct columns (Kuhn–Munkres with potentials, O(r²·c)), for an
 * r×c cost matrix with r ≤ c given row-major. Returns the column of each row.
 *
 * @example minCostAssignment([[4, 1], [2, 3]], 2, 2) // Int32Array [1, 0]
 */
export function minCostAssignment(cost: ArrayLike<number>, rows: number, cols: number): Int32Array {
  if (rows > cols) throw new RangeError(`need rows ≤ cols, got ${rows}×${cols}`);
  // 1-based potentials u (rows) and v (cols); way[j] is the previous column on the augmenting path;
  // match[j] the row assigned to column j (0 = none).
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const match = new Int32Array(cols + 1);
  const way = new Int32Array(cols + 1);
  const minv = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    match[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = match[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const reduced = cost[(i0 - 1) * cols + (j - 1)]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[match[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0]!;
      match[j0] = match[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Int32Array(rows);
  for (let j = 1; j <= cols; j++) if (match[j]! > 0) assignment[match[j]! - 1] = j - 1;
  return assignment;
}
