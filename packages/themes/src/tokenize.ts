import { ENGLISH_STOP_WORDS } from './stop-words.js';

const APOSTROPHES = /['’`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const DIGITS_ONLY = /^\p{N}+$/u;

/**
 * The words of a text: NFKC-normalised, lower-cased, split on anything that is not a letter or digit.
 * Apostrophes are dropped first so "can't" and "cant" (both common in feedback) are one word; every
 * number becomes "0" because amounts and dates rarely say what a complaint is about.
 *
 * @example wordTokens("Why can't I pay $100?") // ["why", "cant", "i", "pay", "0"]
 */
export function wordTokens(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').split(NON_WORD);
  const out: string[] = [];
  for (const word of words) {
    if (word.length === 0) continue;
    out.push(DIGITS_ONLY.test(word) ? '0' : word);
  }
  return out;
}

/**
 * Light English suffix stripping: plurals, "-ing", "-ed", "-ies". Deliberately weaker than Porter: it
 * only merges forms that mean the same thing in a complaint ("charges"/"charged"/"charge"), so word
 * n-grams share counts, and it never shortens a word below three letters.
 *
 * @example lightStem("charges") // "charg"; lightStem("charged") // "charg"
 */
export function lightStem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 5) w = undouble(w.slice(0, -2));
  // "charge" and "charg(ed)" must meet: a trailing silent e is dropped from every form.
  if (w.endsWith('e') && w.length >= 5) w = w.slice(0, -1);
  return w;
}

function undouble(stem: string): string {
  const n = stem.length;
  if (n >= 4 && stem[n - 1] === stem[n - 2] && !'lsz'.includes(stem[n - 1]!)) return stem.slice(0, -1);
  return stem;
}

/** How word features are formed: stop words dropped or kept, words stemmed or not. */
export interface WordOptions {
  /** Words to drop before n-grams are formed; `false` keeps every word. Default: ENGLISH_STOP_WORDS. */
  stopWords?: ReadonlySet<string> | false;
  /** Apply `lightStem` to each word. Default true. */
  stem?: boolean;
}

/**
 * The content words of a text, ready for n-grams: tokens minus stop words, lightly stemmed.
 *
 * @example contentWords("How do I reset my passwords?") // ["how", "reset", "password"]
 */
export function contentWords(text: string, options: WordOptions = {}): string[] {
  const stopWords = options.stopWords === undefined ? ENGLISH_STOP_WORDS : options.stopWords;
  const stem = options.stem ?? true;
  const out: string[] = [];
  for (const word of wordTokens(text)) {
    if (stopWords !== false && stopWords.has(word)) continue;
    out.push(stem ? lightStem(word) : word);
  }
  return out;
}

/**
 * Contiguous word n-grams for every n in [minN, maxN], joined by a space, shortest first.
 *
 * @example wordNgrams(["card", "not", "arrived"], 1, 2) // ["card", "not", "arrived", "card not", "not arrived"]
 */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (let n = Math.max(1, minN); n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  }
  return out;
}

/**
 * Character n-grams inside each word, the word padded with one space on each side (scikit-learn's
 * `char_wb`): robust to typos and inflections without crossing word boundaries. A padded word shorter
 * than minN yields itself once, so very short words still count.
 *
 * @example charNgrams(["card"], 3, 4) // [" ca", "car", "ard", "rd ", " car", "card", "ard "]
 */
export function charNgrams(words: readonly string[], minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (const word of words) {
    // Iterate code points, not UTF-16 units, so an emoji is never cut in half.
    const chars = [' ', ...word, ' '];
    if (chars.length < minN) {
      out.push(chars.join(''));
      continue;
    }
    for (let n = minN; n <= maxN && n <= chars.length; n++) {
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
    }
  }
  return out;
}
