import { forEachMatch } from '../for-each-match.js';
import { passesLuhn } from '../luhn.js';
import type { Detection, Recognizer } from '../pii-types.js';

// A run of digit groups joined by single spaces or dashes. Each repetition starts with a separator,
// so there is one way to match any string: linear, no backtracking blow-up. The lookarounds make
// the run maximal; the card is then looked for among its groups.
const DIGIT_RUN = /(?<![\p{L}\p{N}_+.\-/]|\p{N}[ -])\d+(?:[ -]\d+)*(?![\p{L}\p{N}_]|[ -]\p{N})/gu;

// Issuer prefixes of the card networks: Visa 4; Mastercard 51–55 and 2221–2720; Amex 34, 37;
// Diners 30, 36, 38, 39; JCB 35; Discover and UnionPay 6; Maestro 50, 56–59.
const ISSUER = /^(?:4|5[0-9]|2[2-7]|3[04-9]|6)/;
const ISSUER_DIGIT = /^[2-6]$/;

// With separators, cards are printed as 4-4-4-4(-3), 4-6-5 (Amex) or 4-6-4 (Diners).
const GROUPED = /^\d{4}(?:([ -])\d{4,6})(?:\1\d{4,6})*(?:\1\d{1,5})?$/;

/** Payment card numbers (Luhn-valid, known issuer prefix, printed grouping) → `<CARD_n>`. */
export const cardRecognizer: Recognizer = {
  id: 'card',
  detect(text: string, out: Detection[]): void {
    forEachMatch(DIGIT_RUN, text, (m) => {
      // Most runs are a lone short number; a card needs at least 13 digits.
      if (m[0].length < 13) return;
      for (const [start, end] of cardSpans(m[0])) {
        const digits = m[0].slice(start, end).replace(/[ -]/g, '');
        out.push({ start: m.index + start, end: m.index + end, type: 'CARD', recognizer: 'card', key: digits });
      }
    });
  },
};

function isCard(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || !ISSUER.test(digits) || !passesLuhn(digits)) return false;
  return digits.length === candidate.length || GROUPED.test(candidate);
}

/**
 * The card spans in a run: the whole run, or else the longest card-shaped ranges of its groups, so
 * "qty 2 4111 1111 1111 1111" still yields the card. Ranges never cut a group, so no card is found
 * inside a longer unbroken number.
 */
function cardSpans(run: string): Array<[number, number]> {
  if (isCard(run)) return [[0, run.length]];
  const groups: Array<[number, number]> = [];
  for (const g of run.matchAll(/\d+/g)) groups.push([g.index, g.index + g[0].length]);
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < groups.length) {
    const start = groups[i]?.[0] ?? 0;
    // No issuer prefix starts with 0, 1, 7, 8 or 9: skip such ranges without building them.
    if (!ISSUER_DIGIT.test(run[start] ?? '')) {
      i++;
      continue;
    }
    // Count digits as the range grows; only ranges of 13–19 digits are worth validating.
    const ends: number[] = [];
    let digits = 0;
    for (let j = i; j < groups.length && digits <= 19; j++) {
      const [from, to] = groups[j] ?? [0, 0];
      digits += to - from;
      if (digits >= 13 && digits <= 19) ends.push(j);
    }
    let found = -1;
    for (let k = ends.length - 1; k >= 0 && found < 0; k--) {
      const j = ends[k] ?? i;
      if (isCard(run.slice(start, groups[j]?.[1] ?? start))) found = j;
    }
    if (found >= 0) spans.push([start, groups[found]?.[1] ?? start]);
    i = found >= 0 ? found + 1 : i + 1;
  }
  return spans;
}
