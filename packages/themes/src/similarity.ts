import { charNgrams, contentWords, wordTokens } from './tokenize.js';

/**
 * Score at or above which `isRephrase` says B restates A: midway between the lowest true rephrasing
 * (0.56) and the highest unrelated follow-up (0.35) of the calibration pairs in similarity.test.ts.
 */
export const REPHRASE_THRESHOLD = 0.45;

/**
 * How closely prompt B restates prompt A, in [0, 1]: the mean of (a) the cosine of their character
 * 3–5-gram count vectors (within words: robust to typos, inflections and word order) and (b) the
 * overlap coefficient of their stemmed content words (|A ∩ B| / min(|A|, |B|), so a shorter restatement
 * that keeps the key words still scores high). Symmetric; 1 for the same words in any order.
 *
 * @example rephraseScore("how do I reset my password", "password reset how?") // ≈ 0.96
 */
export function rephraseScore(a: string, b: string): number {
  const wa = new Set(contentWords(a));
  const wb = new Set(contentWords(b));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const overlap = wa.size === 0 || wb.size === 0 ? 0 : shared / Math.min(wa.size, wb.size);
  return (charCosine(a, b) + overlap) / 2;
}

/**
 * Whether B is a rephrasing of A (the user asking again because the answer missed), rather than a new
 * question. Pair it with timing in the caller: only a follow-up in the same session counts.
 *
 * @example isRephrase("how do I reset my password", "thanks! and how do I change my email?") // false
 */
export function isRephrase(a: string, b: string, threshold = REPHRASE_THRESHOLD): boolean {
  return rephraseScore(a, b) >= threshold;
}

function charCosine(a: string, b: string): number {
  const ca = counts(charNgrams(wordTokens(a), 3, 5));
  const cb = counts(charNgrams(wordTokens(b), 3, 5));
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, x] of ca) {
    na += x * x;
    dot += x * (cb.get(g) ?? 0);
  }
  for (const x of cb.values()) nb += x * x;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function counts(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
