import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';
import { isPhoneShaped } from './phone-shape.js';

// A run of digit groups joined by one space, dot or dash, or by parentheses: `+1 (415) 555-2671`.
// A separator may be empty only next to a parenthesis, so two digit groups can never split one
// digit string in two ways: no nested-quantifier backtracking. A run never starts inside a word,
// after a currency sign or `#`, nor (unless at a `+`) just after another number's digits; the
// lookahead refuses to stop before more digits, so a run is always taken whole.
const NOT_AFTER = String.raw`[\p{L}\p{N}\p{Sc}_+.\-)/#]`;
const PHONE_RUN = new RegExp(
  String.raw`(?:(?<!${NOT_AFTER})\+|(?<!${NOT_AFTER}|\p{N}[ .\-]))(?:\(\d{1,5}\)|\d+)` +
    String.raw`(?:(?:[ .\-]|(?<=\))|(?=\())(?:\(\d{1,5}\)|\d+))*(?![\p{L}\p{N}_]|[ .\-]\p{N})`,
  'gu',
);

// A piece of a run is "compound" when it holds its own separators (`2024-01-15`, `415-555-2671`,
// `(0)20`): only around those may a run be cut, so `2024-01-15 415-555-2671` yields the phone, while
// `4111 1111 1111 1111` or an IBAN's digit groups stay whole and are never mistaken for one.
const COMPOUND = /[.\-()]/;

// Phones have at most 15 digits; with separators a block range longer than this cannot be one.
const MAX_PHONE_CHARS = 24;

/** Phone numbers in international and common national formats → `<PHONE_n>`. See `isPhoneShaped`. */
export const phoneRecognizer: Recognizer = {
  id: 'phone',
  detect(text: string, out: Detection[]): void {
    forEachMatch(PHONE_RUN, text, (m) => {
      // Most runs are a lone short number ("2024", "12"); a phone needs at least 7 digits.
      if (m[0].length < 7) return;
      for (const [start, end] of phoneSpans(m[0])) {
        const value = m[0].slice(start, end);
        out.push({
          start: m.index + start,
          end: m.index + end,
          type: 'PHONE',
          recognizer: 'phone',
          key: (value.startsWith('+') ? '+' : '') + value.replace(/\D/g, ''),
        });
      }
    });
  },
};

/** The phone-shaped spans of one run: the whole run, or else the longest valid block ranges. */
function phoneSpans(run: string): Array<[number, number]> {
  if (isPhoneShaped(run)) return [[0, run.length]];
  const blocks = splitBlocks(run);
  if (blocks.length < 2) return [];
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < blocks.length) {
    const taken = longestPhoneFrom(run, blocks, i);
    if (taken === undefined) {
      i++;
    } else {
      spans.push(taken.span);
      i = taken.last + 1;
    }
  }
  return spans;
}

/** The longest phone-shaped range of blocks starting at block `i`; only ranges short enough to be one are tried. */
function longestPhoneFrom(
  run: string,
  blocks: ReadonlyArray<[number, number]>,
  i: number,
): { span: [number, number]; last: number } | undefined {
  const start = blocks[i]?.[0] ?? 0;
  let last = i;
  while ((blocks[last + 1]?.[1] ?? Number.POSITIVE_INFINITY) - start <= MAX_PHONE_CHARS) last++;
  for (let j = last; j >= i; j--) {
    const end = blocks[j]?.[1] ?? start;
    if (end - start <= MAX_PHONE_CHARS && isPhoneShaped(run.slice(start, end))) return { span: [start, end], last: j };
  }
  return undefined;
}

/** Cuts a run at the spaces next to compound pieces; neighbouring plain pieces stay together. */
function splitBlocks(run: string): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  let offset = 0;
  let previousCompound = true;
  for (const piece of run.split(' ')) {
    const compound = COMPOUND.test(piece);
    const last = blocks[blocks.length - 1];
    if (last !== undefined && !compound && !previousCompound) last[1] = offset + piece.length;
    else blocks.push([offset, offset + piece.length]);
    previousCompound = compound;
    offset += piece.length + 1;
  }
  return blocks;
}
