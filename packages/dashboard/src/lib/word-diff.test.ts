import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff';

const render = (before: string, after: string) =>
  wordDiff(before, after)
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'added' ? `[+${p.text}]` : `[-${p.text}]`))
    .join('');

describe('wordDiff', () => {
  it('marks replaced, added and removed words, joining neighbouring changes', () => {
    expect(
      render('turn the dial to 88 and wait one minute now', 'turn the dial to 1.21 and wait two minutes now'),
    ).toBe('turn the dial to [-88][+1.21] and wait [-one minute][+two minutes] now');
    expect(render('Go to Settings', 'Go to Settings → Account')).toBe('Go to Settings[+ → Account]');
    expect(render('a very long answer', 'a long answer')).toBe('a [-very ]long answer');
  });

  it('keeps both texts whole: the same parts plus the removed give the first, plus the added the second', () => {
    const before = 'The quick brown fox jumps over the lazy dog.\nSecond line here.';
    const after = 'A quick red fox leaps over the dog!\nSecond line there.';
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('handles empty texts and falls back to one replacement for huge ones', () => {
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(wordDiff('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    const huge = 'word '.repeat(3000);
    expect(wordDiff(huge, `${huge}!`).map((p) => p.kind)).toEqual(['removed', 'added']);
  });
});
