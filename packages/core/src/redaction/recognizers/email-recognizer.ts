import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';

// Local part: starts with a letter, digit or underscore, then up to 63 of the characters real
// addresses use (RFC 5322 also allows `!#$&*/=?^{|}~`, which in prose are far likelier to be
// punctuation around an address than inside one). Domain: dot-separated labels, then a letter TLD
// or a punycode one. The lookbehind stops a scan from starting mid-word, which keeps it linear.
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])[\p{L}\p{N}_][\p{L}\p{N}._%+'\-]{0,63}@` +
    String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9\-]{1,59})` +
    String.raw`(?![\p{L}\p{N}_\-])`,
  'gu',
);

// `scheme://user:password@host` looks like an email from the password on; the URL recognizer owns
// that span (it redacts the password and keeps the host readable).
const URL_PASSWORD_BEFORE = /:\/\/[^\s/?#@:]*:$/;

/** Email addresses → `<EMAIL_n>`; the same address in any letter case gets the same number. */
export const emailRecognizer: Recognizer = {
  id: 'email',
  detect(text: string, out: Detection[]): void {
    if (!text.includes('@')) return;
    forEachMatch(EMAIL, text, (m) => {
      if (URL_PASSWORD_BEFORE.test(text.slice(Math.max(0, m.index - 200), m.index))) return;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: 'EMAIL',
        recognizer: 'email',
        key: m[0].toLowerCase(),
      });
    });
  },
};
