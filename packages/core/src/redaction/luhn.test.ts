import { describe, expect, it } from 'vitest';
import { passesLuhn } from './luhn.js';

describe('passesLuhn', () => {
  it.each([
    '4111111111111111',
    '5555555555554444',
    '378282246310005',
    '6011111111111117',
    '30569309025904',
    '79927398713',
  ])('accepts %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each(['4111111111111112', '5555555555554445', '378282246310006', '79927398710', ''])('rejects %s', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});
