import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';
import { isIpv6 } from './ip-address.js';

// Octets 0–255 without leading zeros, so `999.1.1.1` and `01.02.2024` never match. Not after a letter
// (`v1.2.3.4` is a version), not inside a longer dotted number.
const IPV4 =
  /(?<![\p{L}\p{N}_.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\p{L}\p{N}_]|\.\p{N})/gu;

// Any run of hex digits, colons and dots that holds a colon; `isIpv6` decides. The leading class
// excludes `:`, so the scan is linear.
const IPV6_CANDIDATE = /(?<![\p{L}\p{N}_:.])[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?![\p{L}\p{N}_])/gu;

/** IPv4 and IPv6 addresses → `<IP_n>`. */
export const ipRecognizer: Recognizer = {
  id: 'ip',
  detect(text: string, out: Detection[]): void {
    forEachMatch(IPV4, text, (m) => {
      out.push({ start: m.index, end: m.index + m[0].length, type: 'IP', recognizer: 'ip', key: m[0] });
    });
    if (!text.includes(':')) return;
    forEachMatch(IPV6_CANDIDATE, text, (m) => {
      // A sentence may end right after the address.
      const value = m[0].replace(/\.+$/, '');
      if (!looksLikeAnAddress(value) || !isIpv6(value)) return;
      out.push({
        start: m.index,
        end: m.index + value.length,
        type: 'IP',
        recognizer: 'ip',
        key: value.toLowerCase(),
      });
    });
  },
};

// `::1` (loopback) and hex-word code like `cafe::face` are valid IPv6 but not anyone's address:
// require two non-empty groups and a digit.
function looksLikeAnAddress(value: string): boolean {
  return /\d/.test(value) && value.split(':').filter((g) => g !== '').length >= 2;
}
