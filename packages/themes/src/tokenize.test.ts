import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTfidf } from './tfidf.js';
import { charNgrams, contentWords, lightStem, wordNgrams, wordTokens } from './tokenize.js';

describe('tokenizer', () => {
  it('splits on anything but letters and digits, folds apostrophes and numbers', () => {
    expect(wordTokens("Why can't I pay $100?")).toEqual(['why', 'cant', 'i', 'pay', '0']);
    expect(wordTokens('Ｃａｆé—déjà vu')).toEqual(['café', 'déjà', 'vu']);
  });

  it('stems plural and tense forms of a word to one stem', () => {
    expect(new Set(['charge', 'charges', 'charged', 'charging'].map(lightStem))).toEqual(new Set(['charg']));
    expect(lightStem('transferred')).toBe(lightStem('transfer'));
    expect(lightStem('cards')).toBe('card');
    expect(lightStem('this')).toBe('this');
  });

  it('drops stop words but keeps question words and negations', () => {
    expect(contentWords('Why is my card not working?')).toEqual(['why', 'card', 'not', 'work']);
  });

  it('forms word and within-word character n-grams', () => {
    expect(wordNgrams(['card', 'not', 'arrived'], 1, 2)).toEqual(['card', 'not', 'arrived', 'card not', 'not arrived']);
    expect(charNgrams(['card'], 3, 4)).toEqual([' ca', 'car', 'ard', 'rd ', ' car', 'card', 'ard ']);
    expect(charNgrams(['a'], 3, 5)).toEqual([' a ']);
  });

  it('never throws on arbitrary unicode and is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const words = contentWords(text);
        expect(contentWords(text)).toEqual(words);
        const grams = charNgrams(wordTokens(text), 3, 5);
        expect(charNgrams(wordTokens(text), 3, 5)).toEqual(grams);
        for (const g of grams) expect([...g].length).toBeLessThanOrEqual(5);
        for (const g of wordNgrams(words, 1, 2)) expect(g.split(' ').length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('builds TF-IDF rows of unit length for any texts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 12 }), (texts) => {
        const { matrix } = fitTfidf([...texts, ...texts]);
        for (let i = 0; i < matrix.rows; i++) {
          let s = 0;
          for (let p = matrix.indptr[i]!; p < matrix.indptr[i + 1]!; p++) s += matrix.values[p]! ** 2;
          expect(s === 0 || Math.abs(s - 1) < 1e-9).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});
