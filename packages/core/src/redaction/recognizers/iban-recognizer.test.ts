import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const ibanOnly = createRedactor({ recognizers: ['iban'] });
const everything = createRedactor();
const redact = (text: string) => ibanOnly.redactRecord([text]).texts[0];

describe('IBAN recognizer', () => {
  it.each([
    ['IBAN: DE89 3704 0044 0532 0130 00.', 'IBAN: <IBAN_1>.'],
    ['DE89370400440532013000', '<IBAN_1>'],
    ['GB82 WEST 1234 5698 7654 32', '<IBAN_1>'],
    ['GB82WEST12345698765432', '<IBAN_1>'],
    ['FR14 2004 1010 0505 0001 3M02 606', '<IBAN_1>'],
    ['NL91 ABNA 0417 1643 00', '<IBAN_1>'],
    ['NO93 8601 1117 947', '<IBAN_1>'],
    ['CH93 0076 2011 6238 5295 7', '<IBAN_1>'],
    ['BE68 5390 0754 7034', '<IBAN_1>'],
    ['AT61 1904 3002 3457 3201 ABCD', '<IBAN_1> ABCD'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'DE89 3704 0044 0532 0130 01',
    'DE89370400440532013001',
    'GB82WEST12345698765433',
    'GB82 WEST 1234 5698 7654',
    'ZZ89 3704 0044 0532 0130 00',
    'DE89370400440532013000123',
    'de89 3704 0044 0532 0130 00',
  ])('leaves %j alone (checksum, country or length fails)', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });

  it('gives one IBAN the same placeholder with or without spaces', () => {
    expect(redact('DE89 3704 0044 0532 0130 00 / DE89370400440532013000')).toBe('<IBAN_1> / <IBAN_1>');
  });
});
