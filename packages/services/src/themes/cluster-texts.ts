/**
 * From texts to themes with the offline engine (`@feedloop/themes`): embed, cluster with the number of
 * themes given or chosen automatically, keep noise apart, and name each theme by its distinctive keywords.
 */
import {
  contentWords,
  type DenseMatrix,
  fitEmbedder,
  type KMeansResult,
  seededRandom,
  sphericalKMeans,
  wordNgrams,
} from '@feedloop/themes';

export interface ClusteredPool {
  /** Theme index of each text, −1 for noise. */
  labels: Int32Array;
  /** Cosine of each text to its theme's centre. */
  similarities: Float64Array;
  clusters: Array<{ members: number[]; keywords: string[] }>;
}

export interface ClusterOptions {
  k?: number;
  seed?: number;
  /** Embeddings computed elsewhere (an embeddings endpoint), one row per text; default: the offline engine. */
  vectors?: DenseMatrix;
}

/** A member less similar than this to its centre is noise: it shares too little with the theme. */
const NOISE_SIMILARITY = 0.2;
const KEYWORDS = 8;

export function clusterTexts(texts: readonly string[], options: ClusterOptions = {}): ClusteredPool {
  const seed = options.seed ?? 1;
  const dims = Math.max(2, Math.min(200, texts.length - 1));
  const vectors = options.vectors ?? fitEmbedder(texts, { svd: { dims, seed } }).vectors;
  const { k, result } =
    options.k === undefined
      ? chooseK(vectors, seed)
      : { k: options.k, result: sphericalKMeans(vectors, { k: options.k, seed, restarts: 5 }) };
  const labels = Int32Array.from(result.labels);
  for (let i = 0; i < labels.length; i++) if ((result.similarities[i] ?? 0) < NOISE_SIMILARITY) labels[i] = -1;
  const clusters = Array.from({ length: k }, () => ({ members: [] as number[], keywords: [] as string[] }));
  labels.forEach((label, i) => {
    if (label >= 0) clusters[label]?.members.push(i);
  });
  const keywords = distinctiveKeywords(texts, labels, k);
  clusters.forEach((c, i) => {
    c.keywords = keywords[i] ?? [];
  });
  // Clusters that lost every member to noise are dropped; labels are renumbered to match.
  const kept = clusters.flatMap((c, index) => (c.members.length > 0 ? [index] : []));
  const renumber = new Map(kept.map((old, index) => [old, index] as const));
  for (let i = 0; i < labels.length; i++) labels[i] = renumber.get(labels[i] ?? -1) ?? -1;
  return {
    labels,
    similarities: Float64Array.from(result.similarities),
    clusters: kept.map((index) => clusters[index] as { members: number[]; keywords: string[] }),
  };
}

/**
 * Class-based TF-IDF (as in BERTopic): a term's frequency in a theme, weighted by how rare it is across
 * themes — the words that set a theme apart, not the words every complaint uses.
 */
export function distinctiveKeywords(texts: readonly string[], labels: ArrayLike<number>, k: number): string[][] {
  const perClass = Array.from({ length: k }, () => new Map<string, number>());
  const totals = new Map<string, number>();
  let words = 0;
  for (let i = 0; i < texts.length; i++) {
    const label = labels[i] ?? -1;
    const terms = wordNgrams(contentWords(texts[i] ?? '', { stem: false }), 1, 2);
    for (const term of terms) {
      totals.set(term, (totals.get(term) ?? 0) + 1);
      words += 1;
      if (label >= 0) perClass[label]?.set(term, (perClass[label]?.get(term) ?? 0) + 1);
    }
  }
  const averageWords = words / Math.max(1, k);
  return perClass.map((counts) => {
    const size = [...counts.values()].reduce((s, n) => s + n, 0) || 1;
    return (
      [...counts]
        // Numbers are normalised to 0 by the tokenizer: "0 minutes" names nothing.
        .filter(([term, n]) => n >= 2 && !term.split(' ').some((word) => /^\d+$/.test(word)))
        .map(([term, n]) => [term, (n / size) * Math.log(1 + averageWords / (totals.get(term) ?? 1))] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([term]) => term)
        .filter((term, index, all) => !all.slice(0, index).some((kept) => kept.includes(term) || term.includes(kept)))
        .slice(0, KEYWORDS)
    );
  });
}

const SILHOUETTE_SAMPLE = 800;

/**
 * The number of themes, chosen by the mean silhouette (cosine) of a seeded sample over a grid of k: the
 * k whose themes are both tight and apart. Small k are preferred on ties, so a few broad themes beat many
 * thin ones that say the same.
 */
export function chooseK(vectors: DenseMatrix, seed: number): { k: number; result: KMeansResult } {
  const n = vectors.rows;
  const largest = Math.max(2, Math.min(40, Math.floor(n / 8)));
  const grid = [...new Set([2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 22, 26, 30, 35, 40].filter((k) => k <= largest))];
  const random = seededRandom(seed ^ 0x51e7);
  const sample = Array.from({ length: n }, (_, i) => i)
    .sort(() => random() - 0.5)
    .slice(0, Math.min(n, SILHOUETTE_SAMPLE));
  const sims = similarityMatrix(vectors, sample);
  let best: { k: number; result: KMeansResult; score: number } | undefined;
  for (const k of grid) {
    const result = sphericalKMeans(vectors, { k, seed, restarts: 3 });
    const score = meanSilhouette(
      sims,
      sample.map((i) => result.labels[i] ?? 0),
      k,
    );
    if (!best || score > best.score + 0.005) best = { k, result, score };
  }
  if (!best) return { k: 2, result: sphericalKMeans(vectors, { k: 2, seed }) };
  return { k: best.k, result: best.result };
}

function similarityMatrix(vectors: DenseMatrix, rows: readonly number[]): Float64Array {
  const m = rows.length;
  const d = vectors.cols;
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const oa = (rows[a] ?? 0) * d;
    for (let b = a; b < m; b++) {
      const ob = (rows[b] ?? 0) * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += (vectors.data[oa + t] ?? 0) * (vectors.data[ob + t] ?? 0);
      out[a * m + b] = s;
      out[b * m + a] = s;
    }
  }
  return out;
}

/** Mean silhouette with cosine distance (1 − similarity); a point alone in its cluster scores 0. */
function meanSilhouette(sims: Float64Array, labels: readonly number[], k: number): number {
  const m = labels.length;
  let total = 0;
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  for (let i = 0; i < m; i++) {
    sum.fill(0);
    count.fill(0);
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const l = labels[j] ?? 0;
      sum[l] = (sum[l] ?? 0) + (1 - (sims[i * m + j] ?? 0));
      count[l] = (count[l] ?? 0) + 1;
    }
    const own = labels[i] ?? 0;
    if ((count[own] ?? 0) === 0) continue;
    const a = (sum[own] ?? 0) / (count[own] ?? 1);
    let b = Number.POSITIVE_INFINITY;
    for (let l = 0; l < k; l++) if (l !== own && (count[l] ?? 0) > 0) b = Math.min(b, (sum[l] ?? 0) / (count[l] ?? 1));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / m;
}
