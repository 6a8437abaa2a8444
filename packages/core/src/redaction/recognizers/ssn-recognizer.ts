import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';

// AAA-GG-SSSS or AAA GG SSSS. Nine bare digits are not matched: without the grouping they are as
// likely an order or account number. One pattern per separator, so that only a neighbour joined by
// the same separator ("1-123-45-6789", "1 123 45 6789") makes the number part of a longer one.
const SSN_CANDIDATES = ['-', ' '].map(
  (sep) =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}_+.\-/]|\p{N}${sep})(\d{3})${sep}(\d{2})${sep}(\d{4})(?![\p{L}\p{N}_]|${sep}\p{N})`,
      'gu',
    ),
);

// Numbers that were printed on sample cards or in advertising, then used by thousands of people.
const KNOWN_INVALID = new Set(['078051120', '219099999', '457555462']);

/** US Social Security numbers in a range the SSA can issue → `<SSN_n>`. */
export const ssnRecognizer: Recognizer = {
  id: 'ssn',
  detect(text: string, out: Detection[]): void {
    for (const pattern of SSN_CANDIDATES) {
      forEachMatch(pattern, text, (m) => {
        const [, area = '', group = '', serial = ''] = m;
        if (!isIssuable(area, group, serial)) return;
        const key = area + group + serial;
        out.push({ start: m.index, end: m.index + m[0].length, type: 'SSN', recognizer: 'ssn', key });
      });
    }
  },
};

// Area 000, 666 and 900–999 are never issued, nor group 00 or serial 0000.
function isIssuable(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  return !KNOWN_INVALID.has(area + group + serial);
}
