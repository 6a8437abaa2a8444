/**
 * From texts to themes with the engine of `@feedloop/themes`, the same pipeline bench/themes measures:
 * `findThemes` (TF-IDF + SVD, kNN smoothing, consensus spherical k-means, k by X-means BIC unless given,
 * noise apart, c-TF-IDF keywords), or `findThemesInVectors` (every step after embedding) when the
 * vectors come from an embeddings endpoint. Large pools are fitted on a seeded sample and the rest is
 * sorted into the themes found by the engine's own rule (`nearestWithin` with the model's thresholds).
 */
import {
  clusterKeywords,
  type DenseMatrix,
  embedTexts,
  findThemes,
  findThemesInVectors,
  type NoiseOptions,
  nearestWithin,
  pickRows,
  sampleIndices,
  seededRandom,
  type ThemeCentres,
  type ThemeOptions,
} from '@feedloop/themes';

export interface ClusteredPool {
  /** Theme index of each text, −1 for noise. */
  labels: Int32Array;
  /** Cosine of each text to its theme's centre (for noise, to the nearest theme's centre). */
  similarities: Float64Array;
  /** Largest first (over the fitted texts); `labels` index into this. */
  clusters: Array<{ members: number[]; keywords: string[] }>;
}

export interface ClusterOptions {
  k?: number;
  seed?: number;
  /** Embeddings computed elsewhere (an embeddings endpoint), one unit row per text; default: the offline engine. */
  vectors?: DenseMatrix;
  /** Fit the themes on at most this many texts (a seeded sample); default `FIT_SAMPLE`. */
  fitSample?: number;
}

/**
 * Themes are found on at most this many texts (a seeded sample); the rest of the pool joins them
 * afterwards. The engine's cost grows faster than the pool in the neighbour search for smoothing (√n
 * k-means cells, each row compared with 6 of them: ~n^1.5, plus an n × √n table, 590 MB at 176,131 rows),
 * and the consensus is polished on every row. On 176,131 texts (the failure pool at 1M interactions;
 * perturbed Banking77, one core of a shared 2-core machine) a whole fit took 350 s and 1,070 MB at peak;
 * with this sample 114 s and 410–515 MB, 30% of it sorting the rest (docs/themes.md). A theme of 0.1% of
 * the pool still has ~25 members in the sample (the engine dissolves themes below 3).
 */
export const FIT_SAMPLE = 25_000;

/** Rows sorted into the themes per step, so the embedded rest never sits in memory at once. */
const SORT_CHUNK = 10_000;

/**
 * Automatic k stops at one theme per this many fitted texts, though never below `MIN_K_CAP` (nor above the
 * engine's own n / 5 and 200). A theme is read as a share compared week to week (Wilson interval,
 * two-proportion test): below a couple of dozen members that share says little. It also bounds how far
 * BIC splits comments written from a few templates into their variants: on six pools of the planted
 * feedback of tests/themes (1,200 comments of 6 kinds each) BIC rose to the engine's cap of 200, leaving
 * 159–173 themes, 8–11% of the comments noise and shares per category up to 3.3 points off; with this cap
 * (60) and `NOISE`, on four such pools (one of them the pool of tests/themes/themes-run), 58–60 themes, at
 * most 0.1% noise, shares within 1.1 points. On Banking77-sized data (3,080 texts, 77 intents) the cap is
 * 154.
 */
export const TEXTS_PER_THEME = 20;

/**
 * A small pool is not squeezed into fewer themes than this: on 300–500 planted comments BIC settled by
 * itself at 24–31 themes (the 27 phrasings), and a cap of 20 merged whole categories (shares up to 7 points
 * off).
 */
export const MIN_K_CAP = 30;

/**
 * Noise as the engine tells it apart (within 3 robust deviations of a theme's median similarity to its
 * centre, and at least 0.2), with the deviation taken as at least 0.05. Feedback repeats itself — canned
 * reasons, the same complaint word for word — and a theme of near-copies has a MAD near 0, which put its
 * threshold at its median: on the planted feedback up to 8% of the comments, whole phrasings with a longer
 * topic, became noise, and a new comment had to be a near-copy to join. Where members spread more it
 * changes little: on Banking77 (seeds 1, 2) noise went from 3.28% / 2.40% to 3.02% / 2.37%, NMI +0.15 / +0.02.
 */
export const NOISE: NoiseOptions = { minDeviation: 0.05 };

/** What the product asks of the engine beyond its defaults (bench/themes runs with the defaults). */
const ENGINE: Omit<ThemeOptions, 'k' | 'seed' | 'autoK'> = {
  noise: NOISE,
  // "404" and "2 days" become "0" in the tokenizer; a number names no theme.
  keywords: { numbers: false },
};

export function clusterTexts(texts: readonly string[], options: ClusterOptions = {}): ClusteredPool {
  const seed = options.seed ?? 1;
  const n = texts.length;
  const { vectors } = options;
  if (vectors && vectors.rows !== n) throw new RangeError(`${vectors.rows} vectors for ${n} texts`);
  const limit = Math.max(1, options.fitSample ?? FIT_SAMPLE);
  const fitRows = n > limit ? sampleIndices(n, limit, seededRandom(seed ^ 0x5a3b1e)) : undefined;
  const fitTexts = fitRows ? Array.from(fitRows, (i) => texts[i] ?? '') : texts;
  const engine: ThemeOptions = {
    ...ENGINE,
    seed,
    k: options.k ?? 'auto',
    autoK: { maxK: autoKCap(fitTexts.length) },
  };

  let found: { labels: Int32Array; similarities: Float64Array; model: ThemeCentres; keywords: string[][] };
  let embedRows: (rows: readonly number[]) => DenseMatrix;
  if (vectors) {
    const result = findThemesInVectors(fitTexts, fitRows ? pickRows(vectors, fitRows) : vectors, engine);
    found = { ...result, keywords: result.themes.map((t) => [...t.keywords]) };
    embedRows = (rows) => pickRows(vectors, rows);
  } else {
    const result = findThemes(fitTexts, engine);
    found = { ...result, keywords: result.themes.map((t) => [...t.keywords]) };
    embedRows = (rows) =>
      embedTexts(
        result.model.embedder,
        rows.map((i) => texts[i] ?? ''),
      );
  }
  const k = found.model.centroids.rows;
  if (!fitRows) return poolOf(found.labels, found.similarities, k, found.keywords);

  // The texts outside the sample join the themes by the rule new texts follow (`assignThemes`).
  const labels = new Int32Array(n).fill(-1);
  const similarities = new Float64Array(n);
  const inSample = new Uint8Array(n);
  fitRows.forEach((i, r) => {
    inSample[i] = 1;
    labels[i] = found.labels[r] ?? -1;
    similarities[i] = found.similarities[r] ?? 0;
  });
  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (!inSample[i]) rest.push(i);
  for (let start = 0; k > 0 && start < rest.length; start += SORT_CHUNK) {
    const rows = rest.slice(start, start + SORT_CHUNK);
    const sorted = nearestWithin(embedRows(rows), found.model.centroids, found.model.thresholds);
    rows.forEach((i, r) => {
      labels[i] = sorted.labels[r] ?? -1;
      similarities[i] = Number.isFinite(sorted.similarities[r]) ? (sorted.similarities[r] ?? 0) : 0;
    });
  }
  // Keywords over the whole pool, so the counts behind them are the themes' real members.
  return poolOf(labels, similarities, k, clusterKeywords(texts, labels, ENGINE.keywords));
}

/** The largest k automatic k may choose for `n` fitted texts. */
function autoKCap(n: number): number {
  return Math.max(2, Math.min(200, Math.floor(n / 5), Math.max(MIN_K_CAP, Math.floor(n / TEXTS_PER_THEME))));
}

function poolOf(labels: Int32Array, similarities: Float64Array, k: number, keywords: string[][]): ClusteredPool {
  const clusters = Array.from({ length: k }, (_, c) => ({ members: [] as number[], keywords: keywords[c] ?? [] }));
  labels.forEach((label, i) => {
    if (label >= 0) clusters[label]?.members.push(i);
  });
  return { labels, similarities, clusters };
}
