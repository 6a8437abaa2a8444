import { type AutoKOptions, chooseK, type KChoice } from './auto-k.js';
import { type ClusterOptions, clusterSmoothed, smoothFor } from './cluster.js';
import { pickRows } from './dense.js';
import { type EmbedderOptions, embedTexts, fitEmbedder, type TextEmbedder } from './embedder.js';
import { clusterKeywords, type KeywordOptions } from './keywords.js';
import { centroidsOf } from './kmeans.js';
import { assignToNearest, nearestCentroid } from './nearest.js';
import { type NoiseOptions, separateNoise } from './noise.js';
import type { DenseMatrix } from './sparse.js';

/** Everything `findThemes` can be told; every field has a default. */
export interface ThemeOptions extends Omit<ClusterOptions, 'k'> {
  /** Number of themes, or 'auto' (chosen by BIC, see `chooseK`). Default 'auto'. */
  k?: number | 'auto';
  embedder?: EmbedderOptions;
  autoK?: Omit<AutoKOptions, 'seed'>;
  /** How noise is told apart; `false` keeps every text in its nearest theme. */
  noise?: NoiseOptions | false;
  keywords?: KeywordOptions;
  /** Most central texts listed per theme. Default 3. */
  exemplars?: number;
}

/** One theme of the texts. */
export interface Theme {
  /** Position in `ThemeResult.themes` (largest first) and the label its members carry. */
  readonly id: number;
  readonly size: number;
  /** size / all texts (noise included): "17% of negative feedback is about broken citations". */
  readonly share: number;
  /** Distinctive terms, most distinctive first (c-TF-IDF). */
  readonly keywords: readonly string[];
  /** Indices of the members closest to the theme's centre, closest first. */
  readonly exemplars: readonly number[];
}

/** What new vectors need to be sorted into existing themes (same space as the themes were found in). */
export interface ThemeCentres {
  /** One unit row per theme, in theme id order. */
  readonly centroids: DenseMatrix;
  /** Per theme, the cosine to its centroid a text needs to join it. */
  readonly thresholds: Float64Array;
}

/** What new texts need to be sorted into existing themes. Plain data: typed arrays, maps and numbers. */
export interface ThemeModel extends ThemeCentres {
  readonly embedder: TextEmbedder;
}

/** Themes found in vectors given by the caller (`findThemesInVectors`): no embedder to keep. */
export interface VectorThemeResult {
  /** Largest first. */
  readonly themes: readonly Theme[];
  /** Theme id per text, -1 for noise. */
  readonly labels: Int32Array;
  /** Cosine of each text to its theme's centroid; for noise, to the nearest theme's (0 when there is none). */
  readonly similarities: Float64Array;
  /** Texts in no theme. */
  readonly noise: number;
  /** Present when k was chosen automatically: the k found and the BIC of every k tried. */
  readonly autoK?: KChoice;
  readonly model: ThemeCentres;
}

export interface ThemeResult extends VectorThemeResult {
  readonly model: ThemeModel;
}

/**
 * Groups texts (feedback comments, failed prompts) into themes, end to end and offline: embed
 * (TF-IDF + SVD), then `findThemesInVectors`: smooth over nearest neighbours, ensemble spherical
 * k-means for a given or automatically chosen k, noise apart, c-TF-IDF keywords. Deterministic for a
 * given `seed`.
 *
 * @example
 * const { themes, model } = findThemes(comments, { seed: 1 });
 * themes[0]; // { id: 0, size: 120, share: 0.17, keywords: ["citation", "broken link", ...], exemplars: [...] }
 * assignThemes(model, newComments); // theme id or -1 per new comment
 */
export function findThemes(texts: readonly string[], options: ThemeOptions = {}): ThemeResult {
  const { seed = 1 } = options;
  const { embedder, vectors } = fitEmbedder(texts, {
    ...options.embedder,
    svd: { ...options.embedder?.svd, seed },
  });
  const result = findThemesInVectors(texts, vectors, options);
  return { ...result, model: { embedder, ...result.model } };
}

/**
 * The steps of `findThemes` after embedding, on vectors computed elsewhere (e.g. an embeddings
 * endpoint): one unit row per text, any width. The texts are only read for the keywords.
 *
 * @example
 * const { labels, model } = findThemesInVectors(comments, normalizeRows(remoteVectors), { seed: 1 });
 * nearestWithin(moreVectors, model.centroids, model.thresholds).labels; // theme id or -1 per new vector
 */
export function findThemesInVectors(
  texts: readonly string[],
  vectors: DenseMatrix,
  options: Omit<ThemeOptions, 'embedder'> = {},
): VectorThemeResult {
  const { seed = 1, k = 'auto', exemplars = 3 } = options;
  if (vectors.rows !== texts.length) throw new RangeError('one vector per text is needed');
  const smoothed = smoothFor(vectors, { ...options, seed });
  const autoK = k === 'auto' ? chooseK(vectors, smoothed, { ...options.autoK, seed }) : undefined;
  const clustering = clusterSmoothed(vectors, smoothed, { ...options, seed, k: autoK?.k ?? (k as number) });
  const split =
    options.noise === false
      ? { labels: clustering.labels, thresholds: new Float64Array(clustering.centroids.rows).fill(-1) }
      : separateNoise(vectors, clustering.labels, clustering.centroids, options.noise);

  // Renumber the surviving themes largest first; their centroids exclude the noise.
  const sizes = new Map<number, number>();
  for (const label of split.labels) if (label >= 0) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const newId = new Map(order.map((old, id) => [old, id]));
  const labels = Int32Array.from(split.labels, (l) => (l >= 0 ? newId.get(l)! : -1));
  const centroids = centroidsOf(vectors, labels, order.length);
  const thresholds = Float64Array.from(order, (old) => split.thresholds[old]!);
  const keywords = clusterKeywords(texts, labels, options.keywords);
  const similarities = similaritiesToCentroids(vectors, labels, centroids);

  const themes: Theme[] = order.map((old, id) => ({
    id,
    size: sizes.get(old)!,
    share: sizes.get(old)! / texts.length,
    keywords: keywords[id] ?? [],
    exemplars: centralMembers(labels, similarities, id, exemplars),
  }));
  const noise = labels.reduce((s, l) => s + (l < 0 ? 1 : 0), 0);
  return { themes, labels, similarities, noise, ...(autoK ? { autoK } : {}), model: { centroids, thresholds } };
}

/**
 * Sorts new texts into the themes of an earlier `findThemes`: the nearest theme if the text is as
 * close to it as its members were, else -1 (noise). Themes stay stable between full re-clusterings.
 *
 * @example assignThemes(result.model, ["the citation link is dead"]) // Int32Array [0]
 */
export function assignThemes(model: ThemeModel, texts: readonly string[]): Int32Array {
  return assignToNearest(embedTexts(model.embedder, texts), model.centroids, model.thresholds);
}

/** Members: cosine to their own centroid. Noise: cosine to the nearest centroid, or 0 without themes. */
function similaritiesToCentroids(vectors: DenseMatrix, labels: Int32Array, centroids: DenseMatrix): Float64Array {
  const d = vectors.cols;
  const out = new Float64Array(labels.length);
  const noise: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (c < 0) {
      noise.push(i);
      continue;
    }
    let s = 0;
    for (let t = 0; t < d; t++) s += vectors.data[i * d + t]! * centroids.data[c * d + t]!;
    out[i] = s;
  }
  if (noise.length > 0 && centroids.rows > 0) {
    const nearest = nearestCentroid(pickRows(vectors, noise), centroids).similarities;
    noise.forEach((i, r) => {
      out[i] = nearest[r]!;
    });
  }
  return out;
}

function centralMembers(labels: Int32Array, similarities: Float64Array, id: number, count: number): number[] {
  const scored: [number, number][] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === id) scored.push([i, similarities[i]!]);
  return scored
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([i]) => i);
}
