/**
 * How closely one prompt restates another, for server-side rephrase detection: a user who asks the same
 * thing again in other words a moment later was not served by the first answer.
 *
 * Both prompts are reduced to their content words (lower-cased, NFKC, contractions and plurals folded,
 * function words and "meta" words such as "mean", "rephrase", "again" dropped), then compared two ways:
 * the cosine of their character 3–5-gram count vectors (catches spelling variants, word forms and
 * scripts without spaces) and the Jaccard overlap of the word sets (word order does not matter: "password
 * reset how?" restates "how do I reset my password"). The score is the mean of the two.
 *
 * Decisions: an identical prompt is a rephrase (a retry says the same as a restatement: the answer did not
 * serve); a prompt with almost no content ("yes", "ok", "continue", "no, that's wrong") never is, however
 * alike the two are, because agreeing twice is not asking twice.
 */

/** The score from which `isRephrase` says yes; calibrated on the labelled pairs in the unit test. */
export const REPHRASE_THRESHOLD = 0.5;

/** Longer prompts are compared on their first this many characters, which bounds the cost of a pass. */
const MAX_CHARS = 4000;
const MIN_GRAM = 3;
const MAX_GRAM = 5;

/**
 * Function words and the words people wrap a restatement in ("no, I mean…", "let me rephrase", "that
 * didn't work"): dropping them leaves what the prompt is about.
 */
const IGNORED_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so than too very of at by for with about to from in into on off over under ' +
    'up out as i me my mine we our us you your yours he him his she her it its they them their this that ' +
    'these those there here am is are was were be been being have has had do does did doing done would ' +
    'should could will shall may might must can cannot not no nor yes yeah yep ok okay sure hi hello hey ' +
    'please pls plz thanks thank thx what whats which who whom whose when where why how hows some any all ' +
    'just really actually also still again instead mean meant means rephrase rephrased reword say said ' +
    'ask asked asking question tell let lets want wanted need trying try tried get got work worked working ' +
    'help know understand wrong right well now one like way something thing things other another more'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Scripts written without spaces: one "word" there is a whole phrase. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

/** Folds the common English inflections so "items"/"item", "showing"/"shows"/"show" meet. */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // "resetting" → "resett" → "reset"
  if (w.length > 3 && w.at(-1) === w.at(-2) && /[bdfgklmnprtz]$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** A run of an unspaced script as overlapping character pairs, the usual stand-in for its words. */
function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length <= 2) return [run];
  const out: string[] = [];
  for (let i = 0; i + 2 <= chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

interface PromptTerms {
  /** Stemmed content words (all words when every one is a function word). */
  words: string[];
  /** Letters and digits in the content words. */
  letters: number;
  unspaced: boolean;
}

function termsOf(text: string): PromptTerms {
  const lower = text
    .slice(0, MAX_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'(s|re|ve|ll|d|m)\b/g, '');
  const all = lower.match(WORD) ?? [];
  const content = all.filter((w) => !IGNORED_WORDS.has(w));
  const words = (content.length > 0 ? content : all).flatMap((w) => (UNSPACED.test(w) ? bigrams(w) : [stem(w)]));
  const letters = content.reduce((n, w) => n + w.length, 0);
  return { words, letters, unspaced: UNSPACED.test(lower) };
}

/** Character n-gram counts over each word padded with spaces, so word order does not matter. */
function gramCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) {
    const chars = Array.from(` ${word} `);
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const gram = chars.slice(i, i + n).join('');
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [gram, count] of a) {
    na += count * count;
    const other = b.get(gram);
    if (other !== undefined) dot += count * other;
  }
  for (const count of b.values()) nb += count * count;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const w of left) if (right.has(w)) shared += 1;
  return shared / (left.size + right.size - shared);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function similarityOfTerms(a: PromptTerms, b: PromptTerms): number {
  return clamp01((cosine(gramCounts(a.words), gramCounts(b.words)) + jaccard(a.words, b.words)) / 2);
}

/** Too little content to be a question worth restating: "yes", "ok", "continue", "no, that's wrong". */
function tooShort(t: PromptTerms): boolean {
  if (t.letters < 4) return true;
  if (t.unspaced) return false;
  return new Set(t.words).size < 2 && t.letters < 12;
}

/**
 * How closely `b` restates `a`, from 0 (nothing in common) to 1 (the same content words). Symmetric.
 * @example rephraseSimilarity('how do I reset my password', 'password reset how?') // 1
 */
export function rephraseSimilarity(a: string, b: string): number {
  return similarityOfTerms(termsOf(a), termsOf(b));
}

/** The similarity and the verdict in one pass, for callers that record both. */
export function compareForRephrase(
  a: string,
  b: string,
  threshold: number = REPHRASE_THRESHOLD,
): { similarity: number; rephrase: boolean } {
  const left = termsOf(a);
  const right = termsOf(b);
  const similarity = similarityOfTerms(left, right);
  return { similarity, rephrase: !tooShort(left) && !tooShort(right) && similarity >= threshold };
}

/**
 * Whether `b` restates `a` (or repeats it): similar enough, and both with enough content to be a question.
 * @example isRephrase("what's the refund policy for damaged items", 'refund policy damaged item') // true
 */
export function isRephrase(a: string, b: string, threshold: number = REPHRASE_THRESHOLD): boolean {
  return compareForRephrase(a, b, threshold).rephrase;
}
