import type { Detection, Recognizer } from '../pii-types.js';
import { foldWord, hashFolded, nextWord, type ScannedWord } from './word-scanner.js';

// Words are runs of letters, marks and digits; apostrophes and hyphens split them, so "Ada's" still
// holds the word "Ada" and "O'Brien" is the two words "O", "Brien".
const NAME_WORD = /[\p{L}\p{M}\p{N}]+/gu;

// Between two words of one name: spaces, or one of - ' ’ . with optional spaces ("J. R. R. Tolkien").
const NAME_GAP = /^(?:\s+|\s*[-'’.]\s*)$/;

interface Name {
  readonly words: readonly string[];
  readonly key: string;
}

/**
 * Names from a list the project supplies → `<PERSON_n>`: case-insensitive, whole words only,
 * multi-word names matched before their parts ("Ada Lovelace" before "Ada"). Names are indexed by
 * a hash of their first word, so the cost grows with the text, not with the length of the list (one
 * big regex alternation of names was measured to collapse at a thousand names). One-letter names
 * are ignored: they would redact initials and the word "I".
 */
export function createPersonRecognizer(names: readonly string[]): Recognizer {
  const byFirstWord = indexNames(names);
  const word: ScannedWord = { start: 0, end: 0, hash: 0 };
  const next: ScannedWord = { start: 0, end: 0, hash: 0 };

  /** End of `name` when it matches from the current `word`, or -1. */
  const matchEnd = (text: string, name: Name): number => {
    if (foldWord(text.slice(word.start, word.end)) !== name.words[0]) return -1;
    let end = word.end;
    for (let k = 1; k < name.words.length; k++) {
      if (!nextWord(text, end, next) || !NAME_GAP.test(text.slice(end, next.start))) return -1;
      if (foldWord(text.slice(next.start, next.end)) !== name.words[k]) return -1;
      end = next.end;
    }
    return end;
  };

  return {
    id: 'person',
    detect(text: string, out: Detection[]): void {
      if (byFirstWord.size === 0) return;
      let from = 0;
      while (nextWord(text, from, word)) {
        from = word.end;
        const candidates = byFirstWord.get(word.hash);
        if (candidates === undefined) continue;
        for (const name of candidates) {
          const end = matchEnd(text, name);
          if (end < 0) continue;
          out.push({ start: word.start, end, type: 'PERSON', recognizer: 'person', key: name.key });
          from = end;
          break;
        }
      }
    },
  };
}

/** Names by the hash of their first folded word, longest (most words, then most letters) first. */
function indexNames(names: readonly string[]): Map<number, Name[]> {
  const index = new Map<number, Name[]>();
  for (const raw of names) {
    const words = Array.from(raw.matchAll(NAME_WORD), (m) => foldWord(m[0]));
    const first = words[0];
    if (first === undefined || words.join('').length < 2) continue;
    const hash = hashFolded(first);
    const list = index.get(hash) ?? [];
    list.push({ words, key: words.join(' ') });
    index.set(hash, list);
  }
  for (const list of index.values()) {
    list.sort((a, b) => b.words.length - a.words.length || b.key.length - a.key.length);
  }
  return index;
}
