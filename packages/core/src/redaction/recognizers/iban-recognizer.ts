import { forEachMatch } from '../for-each-match.js';
import { passesIbanMod97 } from '../iban-checksum.js';
import { IBAN_LENGTHS } from '../iban-countries.js';
import type { Detection, Recognizer } from '../pii-types.js';

// Country code, check digits, then the BBAN either compact or printed in groups of four with a
// shorter last group. Each alternative has one way to match (the grouped form's repetitions each
// start with a space), so failing candidates cost linear time. Upper case only, as IBANs are written.
const IBAN_CANDIDATE =
  /(?<![\p{L}\p{N}_])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,8}(?: [A-Z0-9]{1,3})?)(?![\p{L}\p{N}_])/gu;

/** IBANs (known country, its exact length, mod-97 check) → `<IBAN_n>`. */
export const ibanRecognizer: Recognizer = {
  id: 'iban',
  detect(text: string, out: Detection[]): void {
    forEachMatch(IBAN_CANDIDATE, text, (m) => {
      const end = ibanEnd(m[0]);
      if (end === undefined) return;
      const iban = m[0].slice(0, end).replaceAll(' ', '');
      if (!passesIbanMod97(iban)) return;
      out.push({ start: m.index, end: m.index + end, type: 'IBAN', recognizer: 'iban', key: iban });
    });
  },
};

/**
 * Where the IBAN in `candidate` ends, or undefined when the country's length does not fit. A grouped
 * candidate may run on into a following code (`… 3201 ABCD`); it is cut back at a group boundary.
 */
function ibanEnd(candidate: string): number | undefined {
  const length = IBAN_LENGTHS.get(candidate.slice(0, 2));
  if (length === undefined) return undefined;
  let seen = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] === ' ') continue;
    seen++;
    if (seen === length) {
      const next = candidate[i + 1];
      return next === undefined || next === ' ' ? i + 1 : undefined;
    }
  }
  return undefined;
}
