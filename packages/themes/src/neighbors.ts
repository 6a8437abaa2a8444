import { pickRows, timesTransposed } from './dense.js';
import { sphericalKMeans } from './kmeans.js';
import { sampleIndices, seededRandom } from './random.js';
import type { DenseMatrix } from './sparse.js';

/** The k most similar other rows of each row: row i's are at [i*k, (i+1)*k), most similar first. */
export interface Neighbors {
  readonly k: number;
  /** -1 where a row has fewer than k others. */
  readonly indices: Int32Array;
  readonly similarities: Float64Array;
}

/** Neighbour search settings. */
export interface NeighborOptions {
  /** Up to this many rows the search is exact (all pairs); beyond, it probes k-means cells. Default 5,000. */
  exactLimit?: number;
  /** Cells searched around each row's own cell in the approximate search. Default 6. */
  probes?: number;
  seed?: number;
}

/**
 * k nearest neighbours by cosine (dot product of unit rows). Exact up to `exactLimit` rows: blocks of
 * rows against all rows, quadratic but fast for a few thousand. Beyond, an inverted-file search: rows
 * are grouped into √n k-means cells, and each cell's rows are compared with the rows of the `probes`
 * cells whose centroids are nearest to it — the same neighbours almost always, at a fraction of n².
 *
 * @example const nb = nearestNeighbors(vectors, 10); nb.indices.subarray(0, 10) // row 0's neighbours
 */
export function nearestNeighbors(vectors: DenseMatrix, k: number, options: NeighborOptions = {}): Neighbors {
  const { exactLimit = 5_000, probes = 6, seed = 1 } = options;
  const n = vectors.rows;
  const kk = Math.max(0, Math.min(k, n - 1));
  const top = new TopK(n, kk);
  if (n <= exactLimit) {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += 512) compareBlock(vectors, all.subarray(start, start + 512), all, top);
    return top.result();
  }
  const cells = Math.ceil(Math.sqrt(n));
  const sample = pickRows(vectors, sampleIndices(n, Math.min(n, cells * 50), seededRandom(seed)));
  const coarse = sphericalKMeans(sample, { k: cells, seed, restarts: 1, maxIterations: 10 }).centroids;
  const members: number[][] = Array.from({ length: coarse.rows }, () => []);
  const sims = timesTransposed(vectors, coarse).data;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < coarse.rows; c++) if (sims[i * coarse.rows + c]! > sims[i * coarse.rows + best]!) best = c;
    members[best]!.push(i);
  }
  const between = timesTransposed(coarse, coarse).data;
  for (let a = 0; a < coarse.rows; a++) {
    if (members[a]!.length === 0) continue;
    const order = Array.from({ length: coarse.rows }, (_, c) => c).sort(
      (x, y) => between[a * coarse.rows + y]! - between[a * coarse.rows + x]!,
    );
    const candidates = Int32Array.from(order.slice(0, probes).flatMap((c) => members[c]!));
    compareBlock(vectors, Int32Array.from(members[a]!), candidates, top);
  }
  return top.result();
}

/** Similarities of every query row against every candidate row, offered to the top-k lists. */
function compareBlock(vectors: DenseMatrix, queries: Int32Array, candidates: Int32Array, top: TopK): void {
  const cand = pickRows(vectors, candidates);
  for (let start = 0; start < queries.length; start += 256) {
    const q = queries.subarray(start, start + 256);
    const sims = timesTransposed(pickRows(vectors, q), cand).data;
    for (let r = 0; r < q.length; r++) {
      const i = q[r]!;
      for (let c = 0; c < candidates.length; c++) {
        const j = candidates[c]!;
        if (j !== i) top.offer(i, j, sims[r * candidates.length + c]!);
      }
    }
  }
}

/** Per-row sorted lists of the k best (similarity, index) seen, by insertion into a short array. */
class TopK {
  private readonly indices: Int32Array;
  private readonly sims: Float64Array;
  private readonly filled: Int32Array;
  constructor(
    n: number,
    private readonly k: number,
  ) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.sims = new Float64Array(n * k).fill(Number.NEGATIVE_INFINITY);
    this.filled = new Int32Array(n);
  }

  offer(i: number, j: number, sim: number): void {
    const k = this.k;
    if (k === 0) return;
    const base = i * k;
    const count = this.filled[i]!;
    if (count === k && sim <= this.sims[base + k - 1]!) return;
    let p = count < k ? count : k - 1;
    if (count < k) this.filled[i] = count + 1;
    while (p > 0 && this.sims[base + p - 1]! < sim) {
      this.sims[base + p] = this.sims[base + p - 1]!;
      this.indices[base + p] = this.indices[base + p - 1]!;
      p--;
    }
    this.sims[base + p] = sim;
    this.indices[base + p] = j;
  }

  result(): Neighbors {
    return { k: this.k, indices: this.indices, similarities: this.sims };
  }
}
