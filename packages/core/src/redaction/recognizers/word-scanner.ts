// Scans the words of a text (runs of letters, marks and digits) without a regex or a string per word:
// names are looked up by a hash of the case-folded word, computed while scanning. Person redaction
// touches every word of every text, so this loop is the hot path when a name list is configured.

const UNICODE_WORD = /[\p{L}\p{M}\p{N}]+/uy;

/** A word's span and the FNV-1a hash of its folded (lower case, NFC) form. */
export interface ScannedWord {
  start: number;
  end: number;
  hash: number;
}

/** Lower case and NFC, so "ÉLODIE", "élodie" and a decomposed "élodie" are the same word. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // Normalising costs an allocation; ASCII words (most of them) are already normal.
  return /^[a-z0-9]*$/.test(lower) ? lower : lower.normalize('NFC');
}

/** The hash `scanWords` reports for a word whose folded form is `folded`. */
export function hashFolded(folded: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Finds the next word at or after `from`, writing it into `word` (reused to avoid allocation).
 * Returns false when there is none.
 */
export function nextWord(text: string, from: number, word: ScannedWord): boolean {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!isAsciiWordChar(c)) {
        i++;
        continue;
      }
      let h = 0x811c9dc5;
      let j = i;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 128 || !isAsciiWordChar(d)) break;
        h = Math.imul(h ^ (d >= 65 && d <= 90 ? d + 32 : d), 0x01000193);
      }
      if (j === n || text.charCodeAt(j) < 128) {
        word.start = i;
        word.end = j;
        word.hash = h >>> 0;
        return true;
      }
    }
    // A word with non-ASCII characters: rare, so the general (allocating) path is fine.
    UNICODE_WORD.lastIndex = i;
    const m = UNICODE_WORD.exec(text);
    if (m === null) {
      i++;
      continue;
    }
    word.start = i;
    word.end = i + m[0].length;
    word.hash = hashFolded(foldWord(m[0]));
    return true;
  }
  return false;
}
