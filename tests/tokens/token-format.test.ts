/**
 * The token format on its own: what the server mints and parses, and what the Node SDK mints locally,
 * must be the same bytes, and no altered token may pass the signature check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintFeedbackToken } from '../../packages/node/src/feedback-token.js';
import { signerForSecret } from '../../packages/server/src/auth/feedback-tokens.js';
import {
  encodeFeedbackToken,
  type FeedbackTokenPayload,
  parseFeedbackToken,
  signatureMatches,
} from '../../packages/server/src/auth/token-format.js';

const payloads: fc.Arbitrary<FeedbackTokenPayload> = fc.record(
  {
    k: fc.string({ minLength: 1, maxLength: 12 }),
    i: fc.string({ minLength: 1, maxLength: 200 }),
    u: fc.string({ minLength: 1, maxLength: 200 }),
    e: fc.integer({ min: 0, max: 2 ** 40 }),
  },
  { requiredKeys: ['k', 'i', 'e'] },
);
const secrets = fc.string({ minLength: 12, maxLength: 60 }).map((s) => `fl_sk_${s}`);
const BASE64URL_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

describe('feedback token format', () => {
  it('parse(encode(payload)) gives the payload back, signed by its key', () => {
    fc.assert(
      fc.property(payloads, secrets, (payload, secret) => {
        const sign = signerForSecret(secret);
        const parsed = parseFeedbackToken(encodeFeedbackToken(payload, sign));
        if (typeof parsed === 'string') throw new Error(parsed);
        expect(parsed.payload).toEqual(payload);
        expect(signatureMatches(parsed, sign)).toBe(true);
        expect(signatureMatches(parsed, signerForSecret(`${secret}x`))).toBe(false);
      }),
    );
  });

  it('fails verification after any single-character change', () => {
    fc.assert(
      fc.property(
        payloads,
        secrets,
        fc.nat(),
        fc.constantFrom(...BASE64URL_CHARS, '=', '+', '/', '~'),
        (payload, secret, at, replacement) => {
          const sign = signerForSecret(secret);
          const token = encodeFeedbackToken(payload, sign);
          const index = at % token.length;
          fc.pre(token[index] !== replacement);
          const altered = token.slice(0, index) + replacement + token.slice(index + 1);
          const parsed = parseFeedbackToken(altered);
          expect(typeof parsed === 'string' || !signatureMatches(parsed, sign)).toBe(true);
        },
      ),
    );
  });

  it('is minted identically by the Node SDK and the server', () => {
    fc.assert(
      fc.property(
        secrets,
        fc.string({ minLength: 1, maxLength: 100 }),
        fc.option(fc.string({ minLength: 1, maxLength: 100 }), { nil: undefined }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (secret, interactionId, userId, ttlSeconds, now) => {
          const fromSdk = mintFeedbackToken(secret, interactionId, {
            ttlSeconds,
            now,
            ...(userId === undefined ? {} : { userId }),
          });
          const payload = {
            k: secret.slice(0, 12),
            i: interactionId,
            e: Math.floor(now / 1000) + ttlSeconds,
            ...(userId === undefined ? {} : { u: userId }),
          };
          expect(fromSdk).toBe(encodeFeedbackToken(payload, signerForSecret(secret)));
        },
      ),
    );
  });

  it('names what is wrong with something that is not a token', () => {
    expect(parseFeedbackToken('abc')).toMatch(/expected "<payload>.<signature>"/);
    expect(parseFeedbackToken('a b.c')).toMatch(/base64url/);
    expect(parseFeedbackToken(`${Buffer.from('{"k":1}').toString('base64url')}.sig`)).toMatch(/lacks k, i or e/);
  });

  it('refuses arguments the server could never accept in the SDK', () => {
    expect(() => mintFeedbackToken('fl_sk_abcdefghijkl', '')).toThrow(/interactionId/);
    expect(() => mintFeedbackToken('fl_sk_abcdefghijkl', 'int_1', { ttlSeconds: 86_401 })).toThrow(/ttlSeconds/);
  });
});
