import type { Detection, Recognizer } from '../pii-types.js';
import { shannonEntropy } from '../shannon-entropy.js';

// Characters of base64 and base64url; `=` only as trailing padding, so `token=…` and `a=b` split.
const TOKEN_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') TOKEN_CHAR[ch.charCodeAt(0)] = 1;
const EQUALS = 61;
const MIN_LENGTH = 20;

/** Bits per character a token must reach: random base62 of 20–40 characters scores 4.0–4.9. */
export const MIN_ENTROPY_BITS = 3.5;

/**
 * The longest average run of letters-of-one-case or digits a token may have. Random base62 averages
 * under 2; identifiers like `getUserProfileById2024` average over 3 because their runs are words.
 */
export const MAX_AVERAGE_RUN = 3;

// A capitalised word counts as one run (`User`), as does an acronym (`HTTP`) or a number.
const RUN = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

/**
 * Unknown secrets by their look: a token of 20+ base64 characters that mixes lower case, upper case
 * and digits, carries at least `MIN_ENTROPY_BITS` per character, and does not read as words
 * (`MAX_AVERAGE_RUN`). Deliberately left alone: tokens without all three classes — UUIDs, hex
 * digests and commit ids, lower-case slugs, upper-case codes — since in feedback they are ids far
 * more often than credentials, and known credential formats are caught by prefix instead.
 */
export const entropyRecognizer: Recognizer = {
  id: 'entropy',
  detect(text: string, out: Detection[]): void {
    // A plain loop over char codes: every character of every text passes here, and this runs about
    // twice as fast as the equivalent lookaround regex.
    const n = text.length;
    let start = 0;
    let i = 0;
    while (i <= n) {
      if (i < n && isTokenChar(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const end = paddedEnd(text, i);
      if (i - start >= MIN_LENGTH) detectInToken(text.slice(start, end), start, out);
      i = end + 1;
      start = i;
    }
  },
};

// `/` belongs to base64 (AWS secret keys contain it), but also joins URL and file path segments:
// `github.com/org/repo/blob/<sha>/README` is one token. A segment that is a plain lower-case word
// marks a path; then each segment is judged on its own, so a random id inside a path is still found.
const PATH_WORD = /(?:^|\/)[a-z]{3,}(?:\/|$)/;

function detectInToken(token: string, offset: number, out: Detection[]): void {
  if (!token.includes('/') || !PATH_WORD.test(token)) {
    if (looksRandom(token)) push(token, offset, out);
    return;
  }
  let at = 0;
  for (const segment of token.split('/')) {
    if (segment.length >= MIN_LENGTH && looksRandom(segment)) push(segment, offset + at, out);
    at += segment.length + 1;
  }
}

function push(token: string, start: number, out: Detection[]): void {
  out.push({ start, end: start + token.length, type: 'SECRET', recognizer: 'entropy', key: token });
}

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHAR[c] === 1;
}

/** End of the token that stopped at `i`, including up to two `=` of padding if they end it. */
function paddedEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length && end - i < 2 && text.charCodeAt(end) === EQUALS) end++;
  if (end === i || end === text.length) return end;
  const next = text.charCodeAt(end);
  return isTokenChar(next) || next === EQUALS ? i : end;
}

function looksRandom(token: string): boolean {
  if (!/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return false;
  if (shannonEntropy(token) < MIN_ENTROPY_BITS) return false;
  const runs = token.match(RUN) ?? [];
  let characters = 0;
  for (const run of runs) characters += run.length;
  return runs.length > 0 && characters / runs.length < MAX_AVERAGE_RUN;
}
