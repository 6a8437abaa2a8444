import { describe, expect, it } from 'vitest';
import { isRephrase, REPHRASE_THRESHOLD, rephraseScore } from './similarity.js';

/** Calibration pairs: a prompt, then the user's next prompt in the same session. */
const REPHRASINGS: [string, string][] = [
  ['how do I reset my password', 'password reset how?'],
  ['how do I reset my password', 'how can i reset the password for my account'],
  ['What is the capital of Australia?', 'capital of australia'],
  ['write a python function to reverse a list', 'python: reverse a list function'],
  ['how long does shipping take to canada', 'shipping time to Canada?'],
  ['my card was declined at the store', 'why was my card declined in the shop'],
  ['Summarise this article in three bullet points', 'summarize the article in 3 bullets'],
  ['how to cancel my subscription', 'cancel subscription how'],
  ['can you translate this to french', 'translate to French please'],
  ['what are the opening hours on sunday', 'sunday opening hours?'],
];
const FOLLOW_UPS: [string, string][] = [
  ['how do I reset my password', 'thanks! and how do I change my email?'],
  ['how do I reset my password', 'ok thanks'],
  ['What is the capital of Australia?', 'and what about new zealand?'],
  ['write a python function to reverse a list', 'now add type hints and tests'],
  ['how long does shipping take to canada', 'do you ship to mexico too?'],
  ['my card was declined at the store', 'how do I order a new card'],
  ['Summarise this article in three bullet points', 'who wrote it?'],
  ['how to cancel my subscription', 'how much is the premium plan'],
  ['can you translate this to french', 'great, thank you!'],
  ['what are the opening hours on sunday', 'where is the nearest store'],
];

describe('rephrase detection', () => {
  it('recognises restatements of the same question', () => {
    for (const [a, b] of REPHRASINGS) expect(isRephrase(a, b), `${a} / ${b}`).toBe(true);
  });

  it('does not mistake a new question or a thank-you for a rephrasing', () => {
    for (const [a, b] of FOLLOW_UPS) expect(isRephrase(a, b), `${a} / ${b}`).toBe(false);
  });

  it('leaves a margin on both sides of the threshold', () => {
    const low = Math.min(...REPHRASINGS.map(([a, b]) => rephraseScore(a, b)));
    const high = Math.max(...FOLLOW_UPS.map(([a, b]) => rephraseScore(a, b)));
    expect(low - REPHRASE_THRESHOLD).toBeGreaterThan(0.05);
    expect(REPHRASE_THRESHOLD - high).toBeGreaterThan(0.05);
  });

  it('is symmetric, 1 for the same words in any order, 0 with nothing in common', () => {
    expect(rephraseScore('reset password', 'password reset')).toBeCloseTo(1, 9);
    expect(rephraseScore('a b c', 'xyz')).toBe(0);
    for (const [a, b] of [...REPHRASINGS, ...FOLLOW_UPS])
      expect(rephraseScore(a, b)).toBeCloseTo(rephraseScore(b, a), 12);
  });
});
