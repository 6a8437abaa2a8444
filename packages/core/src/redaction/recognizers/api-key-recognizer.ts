import { forEachMatch } from '../for-each-match.js';
import type { Detection, Recognizer } from '../pii-types.js';

// Provider key formats. Each body is one character class, so a failing candidate costs linear time.
// A prefix is strong evidence, so bodies are not checked for randomness: better to redact the odd
// `sk-` followed by 20 word characters than to let a real key with an unlucky body through.
const PROVIDER_KEYS = [
  String.raw`sk-[A-Za-z0-9_\-]{20,}`, // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-)
  '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}', // AWS ids
  'gh[pousr]_[A-Za-z0-9]{30,}', // GitHub tokens
  'github_pat_[A-Za-z0-9_]{30,}', // GitHub fine-grained tokens
  String.raw`glpat-[A-Za-z0-9_\-]{20,}`, // GitLab
  String.raw`xox[abeoprs]-[A-Za-z0-9\-]{10,}`, // Slack bot, user, app-level tokens
  String.raw`xapp-[A-Za-z0-9\-]{10,}`, // Slack app tokens
  '(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}', // Stripe
  String.raw`AIza[A-Za-z0-9_\-]{35}`, // Google API keys
  'hf_[A-Za-z0-9]{30,}', // Hugging Face
  'npm_[A-Za-z0-9]{36}', // npm
  'fl_(?:sk|pk)_[A-Za-z0-9]{16,}', // Feedloop's own keys
  String.raw`eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*`, // JWT (the signature may be empty)
];

const PREFIXED_KEY = new RegExp(String.raw`(?<![A-Za-z0-9_\-])(?:${PROVIDER_KEYS.join('|')})(?![A-Za-z0-9_\-])`, 'g');

// A PEM private key block up to its END line; if the END line was cut off, the header and the
// base64 body that follows it.
const PEM_PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s]*)/g;

/** API keys and tokens with a known provider prefix, JWTs and PEM private keys → `<SECRET_n>`. */
export const apiKeyRecognizer: Recognizer = {
  id: 'apiKey',
  detect(text: string, out: Detection[]): void {
    forEachMatch(PREFIXED_KEY, text, (m) => {
      out.push({ start: m.index, end: m.index + m[0].length, type: 'SECRET', recognizer: 'apiKey', key: m[0] });
    });
    if (!text.includes('-----BEGIN ')) return;
    forEachMatch(PEM_PRIVATE_KEY, text, (m) => {
      const value = m[0].trimEnd();
      out.push({ start: m.index, end: m.index + value.length, type: 'SECRET', recognizer: 'apiKey', key: value });
    });
  },
};
