import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';

// `name=value` right after `?`, `&`, `#` or `;` (`&amp;` in HTML): query strings and fragments of
// absolute and relative URLs alike. The value stops at the next parameter, whitespace, quote or
// `<` (so an existing `<SECRET_1>` leaves nothing to match).
const PARAM = /(?<=[?&#;])([A-Za-z][A-Za-z0-9_.-]{0,63})=([^\s&#<>"'`]+)/g;

// `scheme://user:password@` — the password is group 2; the user name is kept.
const USERINFO = /\b[A-Za-z][A-Za-z0-9+.-]{0,15}:\/\/([^\s/?#@:<>"'`]+):([^\s/?#@<>"'`]+)@/g;

// Parameter names that carry credentials: OAuth and provider conventions, signed-URL signatures
// (S3 `X-Amz-Signature`, Azure SAS `sig`) and sessions. Compared lower-case with `-` read as `_`.
const SECRET_PARAMS = new Set([
  'access_token',
  'api_key',
  'apikey',
  'auth',
  'code',
  'id_token',
  'jwt',
  'key',
  'otp',
  'pass',
  'passwd',
  'password',
  'pwd',
  'refresh_token',
  'secret',
  'session',
  'session_id',
  'sessionid',
  'sid',
  'sig',
  'signature',
  'token',
]);

// Suffixes that mark a credential whatever the prefix: `client_secret`, `x_amz_signature`, `oauth_token`.
const SECRET_SUFFIX = /(?:token|secret|password|passwd|signature|credential|api_?key|access_?key|private_?key)$/;

// Sentence punctuation right after a URL belongs to the sentence, not the token.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/**
 * Credentials carried in URLs → `<SECRET_n>` on the secret part only, so the rest of the URL (host,
 * path, harmless parameters) stays readable: `https://x.com/cb?token=<SECRET_1>&lang=en`,
 * `postgres://app:<SECRET_2>@db:5432/app`.
 */
export const urlSecretRecognizer: Recognizer = {
  id: 'urlSecret',
  detect(text: string, out: Detection[]): void {
    if (text.includes('=')) {
      forEachMatch(PARAM, text, (m) => {
        const [, name = '', raw = ''] = m;
        if (!isSecretParam(name)) return;
        const value = raw.replace(TRAILING_PUNCTUATION, '');
        if (value === '') return;
        const start = m.index + name.length + 1;
        out.push({ start, end: start + value.length, type: 'SECRET', recognizer: 'urlSecret', key: value });
      });
    }
    if (text.includes('://')) {
      forEachMatch(USERINFO, text, (m) => {
        const password = m[2] ?? '';
        const end = m.index + m[0].length - 1;
        out.push({ start: end - password.length, end, type: 'SECRET', recognizer: 'urlSecret', key: password });
      });
    }
  },
};

function isSecretParam(name: string): boolean {
  const normalized = name.toLowerCase().replaceAll('-', '_');
  return SECRET_PARAMS.has(normalized) || SECRET_SUFFIX.test(normalized);
}
