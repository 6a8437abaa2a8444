import { describe, expect, it } from 'vitest';
import { findPlaceholders, formatPlaceholder } from './placeholders.js';

describe('placeholders', () => {
  it('formats a numbered placeholder per type', () => {
    expect(formatPlaceholder('EMAIL', 1)).toBe('<EMAIL_1>');
    expect(formatPlaceholder('SECRET', 12)).toBe('<SECRET_12>');
  });

  it('finds our placeholders with their type and number, in order', () => {
    expect(findPlaceholders('to <EMAIL_2> from <PERSON_10>.')).toEqual([
      { start: 3, end: 12, type: 'EMAIL', n: 2 },
      { start: 18, end: 29, type: 'PERSON', n: 10 },
    ]);
  });

  it('ignores look-alikes that are ordinary content', () => {
    expect(findPlaceholders('<div_1> <EMAIL_0> <EMAIL_> <email_1> <EMAIL_1')).toEqual([]);
  });
});
