import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const cardOnly = createRedactor({ recognizers: ['card'] });
const everything = createRedactor();
const redact = (text: string) => cardOnly.redactRecord([text]).texts[0];

describe('card recognizer', () => {
  it.each([
    ['Visa 4111 1111 1111 1111, exp 12/29', 'Visa <CARD_1>, exp 12/29'],
    ['4111-1111-1111-1111', '<CARD_1>'],
    ['4111111111111111', '<CARD_1>'],
    ['Mastercard 5555 5555 5555 4444', 'Mastercard <CARD_1>'],
    ['Mastercard 2223 0031 2200 3222', 'Mastercard <CARD_1>'],
    ['Amex 378282246310005', 'Amex <CARD_1>'],
    ['Amex 3782 822463 10005', 'Amex <CARD_1>'],
    ['Discover 6011 1111 1111 1117', 'Discover <CARD_1>'],
    ['Diners 3056 9309 0259 04', 'Diners <CARD_1>'],
    ['JCB 3530111333300000', 'JCB <CARD_1>'],
    ['old Visa 4222222222222', 'old Visa <CARD_1>'],
    ['qty 2 4111 1111 1111 1111 12/29', 'qty 2 <CARD_1> 12/29'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    '4111 1111 1111 1112',
    '4111111111111112',
    '5555-5555-5555-4445',
    '378282246310006',
    '0000 0000 0000 0000',
    '41 11 11 11 11 11 11 11',
    '4111 1111-1111 1111',
    'tracking 12345678901234567890',
  ])('leaves %j alone (checksum, issuer or grouping fails)', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });

  it('gives one card the same placeholder with or without separators', () => {
    expect(redact('4111 1111 1111 1111 = 4111111111111111')).toBe('<CARD_1> = <CARD_1>');
  });
});
