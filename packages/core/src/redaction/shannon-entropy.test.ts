import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './shannon-entropy.js';

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and for the empty string', () => {
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('')).toBe(0);
  });

  it('is log2(n) for n equally frequent characters', () => {
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });

  it('ranks a random-looking token above an English word', () => {
    expect(shannonEntropy('aK9dF2mQ7xLp0ZrT3vYb')).toBeGreaterThan(shannonEntropy('mississippimississippi'));
  });
});
