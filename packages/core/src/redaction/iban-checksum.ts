/**
 * The ISO 13616 check: move the first four characters to the end, turn letters into numbers
 * (A = 10 … Z = 35) and the result mod 97 must be 1. `iban` is upper case without spaces.
 * Computed digit by digit so it never needs a BigInt.
 */
export function passesIbanMod97(iban: string): boolean {
  if (iban.length < 5) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return false;
    }
  }
  return remainder === 1;
}
