import type { CsrMatrix } from './sparse.js';
import { charNgrams, contentWords, type WordOptions, wordNgrams, wordTokens } from './tokenize.js';

/** How texts become TF-IDF rows. Every field has a default; see `DEFAULT_TFIDF`. */
export interface TfidfOptions {
  /** Word n-gram lengths, inclusive. */
  wordNgrams?: readonly [number, number];
  /** Within-word character n-gram lengths, inclusive; `false` for words only. */
  charNgrams?: readonly [number, number] | false;
  /** Features seen in fewer texts are dropped: a feature in one text cannot group texts. */
  minDf?: number;
  /** Keep at most this many features (the most frequent), bounding memory on large corpora. */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of tf, so a word repeated in one comment does not dominate it. */
  sublinearTf?: boolean;
  /** Stop words and stemming for the word n-grams (character n-grams always see every raw word). */
  words?: WordOptions;
  /**
   * Share of each row's squared length given to the character block (the word block gets the rest).
   * The two blocks are normalised separately first, so long words do not outvote the word n-grams.
   */
  charWeight?: number;
}

export const DEFAULT_TFIDF: Readonly<Required<TfidfOptions>> = {
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  minDf: 2,
  maxFeatures: 200_000,
  sublinearTf: true,
  words: {},
  charWeight: 0.5,
};

/** A fitted vocabulary with its IDF weights: turns any text into a row over the same columns. */
export interface TfidfModel {
  readonly options: Readonly<Required<TfidfOptions>>;
  /** Word n-gram → column. */
  readonly wordVocabulary: ReadonlyMap<string, number>;
  /** Character n-gram → column (after every word column). */
  readonly charVocabulary: ReadonlyMap<string, number>;
  /** Smoothed inverse document frequency per column: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float64Array;
}

interface Counted {
  readonly words: Map<string, number>;
  readonly chars: Map<string, number>;
}

function count(text: string, options: Readonly<Required<TfidfOptions>>): Counted {
  const words = new Map<string, number>();
  const chars = new Map<string, number>();
  const [wMin, wMax] = options.wordNgrams;
  for (const g of wordNgrams(contentWords(text, options.words), wMin, wMax)) words.set(g, (words.get(g) ?? 0) + 1);
  if (options.charNgrams) {
    const [cMin, cMax] = options.charNgrams;
    for (const g of charNgrams(wordTokens(text), cMin, cMax)) chars.set(g, (chars.get(g) ?? 0) + 1);
  }
  return { words, chars };
}

/**
 * Learns the vocabulary and IDF from `texts` and returns them with the TF-IDF matrix of those texts.
 *
 * @example
 * const { model, matrix } = fitTfidf(["card not arrived", "my card has not arrived yet"]);
 * transformTfidf(model, ["where is my card"]); // same columns as `matrix`
 */
export function fitTfidf(
  texts: readonly string[],
  options: TfidfOptions = {},
): { model: TfidfModel; matrix: CsrMatrix } {
  const opts = { ...DEFAULT_TFIDF, ...options };
  // Two passes over the texts (count, then build rows) rather than keeping every text's n-gram maps:
  // tokenising twice costs less than holding millions of map entries on a large corpus.
  const df = new Map<string, number>();
  for (const text of texts) {
    const c = count(text, opts);
    for (const g of c.words.keys()) df.set(`w${g}`, (df.get(`w${g}`) ?? 0) + 1);
    for (const g of c.chars.keys()) df.set(`c${g}`, (df.get(`c${g}`) ?? 0) + 1);
  }
  // Most frequent first (ties by name, so the column order is deterministic), then the cap.
  const kept = [...df].filter(([, f]) => f >= opts.minDf);
  kept.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  kept.length = Math.min(kept.length, opts.maxFeatures);
  const words = kept.filter(([key]) => key[0] === 'w');
  const chars = kept.filter(([key]) => key[0] === 'c');
  const wordVocabulary = new Map<string, number>();
  const charVocabulary = new Map<string, number>();
  const idf = new Float64Array(kept.length);
  const n = texts.length;
  words.forEach(([key, f], i) => {
    wordVocabulary.set(key.slice(1), i);
    idf[i] = Math.log((1 + n) / (1 + f)) + 1;
  });
  chars.forEach(([key, f], i) => {
    charVocabulary.set(key.slice(1), words.length + i);
    idf[words.length + i] = Math.log((1 + n) / (1 + f)) + 1;
  });
  const model: TfidfModel = { options: opts, wordVocabulary, charVocabulary, idf };
  return { model, matrix: transformTfidf(model, texts) };
}

/**
 * TF-IDF rows of new texts over a fitted model's columns. Unknown n-grams are ignored; a text with
 * none known gets an all-zero row.
 */
export function transformTfidf(model: TfidfModel, texts: readonly string[]): CsrMatrix {
  const { options, idf } = model;
  const wordShare = Math.sqrt(1 - options.charWeight);
  const charShare = Math.sqrt(options.charWeight);
  const indptr = new Int32Array(texts.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  texts.forEach((text, i) => {
    const c = count(text, options);
    const start = indices.length;
    const wordNorm = appendBlock(c.words, model.wordVocabulary, idf, options.sublinearTf, indices, values);
    const mid = indices.length;
    const charNorm = appendBlock(c.chars, model.charVocabulary, idf, options.sublinearTf, indices, values);
    // Each block to unit length, then weighted; if one block is empty the other takes the whole row.
    const ws = wordNorm > 0 ? (charNorm > 0 ? wordShare : 1) / wordNorm : 0;
    const cs = charNorm > 0 ? (wordNorm > 0 ? charShare : 1) / charNorm : 0;
    for (let p = start; p < mid; p++) values[p]! *= ws;
    for (let p = mid; p < values.length; p++) values[p]! *= cs;
    indptr[i + 1] = indices.length;
  });
  return {
    rows: texts.length,
    cols: idf.length,
    indptr,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}

/** Appends one block's weighted entries (column order) and returns their Euclidean norm. */
function appendBlock(
  counts: ReadonlyMap<string, number>,
  vocabulary: ReadonlyMap<string, number>,
  idf: Float64Array,
  sublinear: boolean,
  indices: number[],
  values: number[],
): number {
  const entries: [number, number][] = [];
  for (const [g, tf] of counts) {
    const col = vocabulary.get(g);
    if (col === undefined) continue;
    entries.push([col, (sublinear ? 1 + Math.log(tf) : tf) * idf[col]!]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let s = 0;
  for (const [col, v] of entries) {
    indices.push(col);
    values.push(v);
    s += v * v;
  }
  return Math.sqrt(s);
}
