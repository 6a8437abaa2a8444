import { describe, expect, it } from 'vitest';
import { passesIbanMod97 } from './iban-checksum.js';
import { IBAN_LENGTHS } from './iban-countries.js';

describe('passesIbanMod97', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'NO9386011117947',
    'CH9300762011623852957',
  ])('accepts %s', (iban) => {
    expect(passesIbanMod97(iban)).toBe(true);
  });

  it.each([
    'DE89370400440532013001',
    'GB82WEST12345698765433',
    'DE98370400440532013000',
    'DE89',
    'de89370400440532013000',
  ])('rejects %s', (iban) => {
    expect(passesIbanMod97(iban)).toBe(false);
  });

  it('knows the length of every country in the registry it ships', () => {
    expect(IBAN_LENGTHS.get('DE')).toBe(22);
    expect(IBAN_LENGTHS.get('NO')).toBe(15);
    expect(IBAN_LENGTHS.get('RU')).toBe(33);
    expect(IBAN_LENGTHS.get('US')).toBeUndefined();
    for (const length of IBAN_LENGTHS.values()) expect(length).toBeGreaterThanOrEqual(15);
  });
});
