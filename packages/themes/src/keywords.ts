import { contentWords, type WordOptions, wordNgrams } from './tokenize.js';

/** Keyword extraction settings. */
export interface KeywordOptions {
  /** Keywords per cluster. Default 8. */
  top?: number;
  /** Word n-gram lengths, inclusive. Default [1, 2]. */
  ngrams?: readonly [number, number];
  /** Stop words and stemming. Default: stop words removed, no stemming (keywords are shown to people). */
  words?: WordOptions;
  /** A term must occur this many times in a cluster to describe it. Default 2. */
  minCount?: number;
  /**
   * List terms with a number in them. The tokenizer turns every number into "0", so "404" and "2 days"
   * become "0" and "0 day" in a label; `false` leaves such terms out. Default true.
   */
  numbers?: boolean;
}

/**
 * The most distinctive terms of each cluster by class-based TF-IDF (c-TF-IDF, as in BERTopic): all of
 * a cluster's texts are one document, a term's frequency in it (relative to the cluster's length) is
 * weighted by log(1 + A / f), A the average number of terms per cluster and f the term's frequency in
 * all clusters. Once a phrase is chosen, the single words inside it are not listed again, so a label
 * reads "card declined, refund", not "card declined, card, declined". Noise (-1) is ignored.
 *
 * @example clusterKeywords(texts, labels)[0] // ["refund", "money back", "return", ...]
 */
export function clusterKeywords(
  texts: readonly string[],
  labels: ArrayLike<number>,
  options: KeywordOptions = {},
): string[][] {
  const { top = 8, ngrams = [1, 2], words = { stem: false }, minCount = 2, numbers = true } = options;
  let k = 0;
  for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i]! + 1);
  const perCluster: Map<string, number>[] = Array.from({ length: k }, () => new Map());
  const totals = new Float64Array(k);
  const overall = new Map<string, number>();
  texts.forEach((text, i) => {
    const c = labels[i]!;
    if (c < 0) return;
    for (const term of wordNgrams(contentWords(text, words), ngrams[0], ngrams[1])) {
      perCluster[c]!.set(term, (perCluster[c]!.get(term) ?? 0) + 1);
      overall.set(term, (overall.get(term) ?? 0) + 1);
      totals[c]!++;
    }
  });
  const average = totals.reduce((s, x) => s + x, 0) / Math.max(1, k);
  return perCluster.map((counts, c) => {
    const scored: [string, number][] = [];
    for (const [term, count] of counts) {
      if (count < minCount) continue;
      if (!numbers && term.split(' ').includes('0')) continue;
      scored.push([term, (count / totals[c]!) * Math.log(1 + average / overall.get(term)!)]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return pickDistinct(scored, top);
  });
}

/** Best-first, skipping a word already inside a chosen phrase and a phrase whose words are all chosen. */
function pickDistinct(scored: readonly [string, number][], top: number): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  for (const [term] of scored) {
    if (chosen.length >= top) break;
    const parts = term.split(' ');
    if (parts.length === 1 ? covered.has(term) : parts.every((p) => chosen.includes(p))) continue;
    chosen.push(term);
    for (const p of parts) covered.add(p);
  }
  return chosen;
}
