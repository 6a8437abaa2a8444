/**
 * The feedback-token format, pure: `base64url(JSON payload) + "." + base64url(HMAC-SHA256(key, payloadPart))`.
 * The HMAC comes in as a function so the format can be tested (and mirrored by the Node SDK, which has no
 * dependencies) apart from where keys live. The signature covers the payload part as sent, so no
 * re-serialisation of the JSON can change what was signed.
 */
import { timingSafeEqual } from 'node:crypto';

export interface FeedbackTokenPayload {
  /** The signing secret key's prefix (its first 12 characters, as stored in `api_keys.key_prefix`). */
  k: string;
  /** The interaction the token lets a browser give feedback about. */
  i: string;
  /** When set, only this user's signals are covered. */
  u?: string;
  /** Expiry, epoch seconds. */
  e: number;
}

/** Returns the base64url HMAC of `payloadPart`. */
export type TokenSigner = (payloadPart: string) => string;

export interface ParsedFeedbackToken {
  payload: FeedbackTokenPayload;
  payloadPart: string;
  signature: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeFeedbackToken(payload: FeedbackTokenPayload, sign: TokenSigner): string {
  const body: FeedbackTokenPayload = { k: payload.k, i: payload.i, e: payload.e };
  if (payload.u !== undefined) body.u = payload.u;
  const payloadPart = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payloadPart}.${sign(payloadPart)}`;
}

function payloadOf(value: unknown): FeedbackTokenPayload | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { k, i, u, e } = value as Record<string, unknown>;
  if (typeof k !== 'string' || typeof i !== 'string' || typeof e !== 'number' || !Number.isInteger(e)) return undefined;
  if (u !== undefined && typeof u !== 'string') return undefined;
  return u === undefined ? { k, i, e } : { k, i, u, e };
}

/** Splits and decodes a token; a reason string when it is not one. Does not check the signature. */
export function parseFeedbackToken(token: string): ParsedFeedbackToken | string {
  const parts = token.split('.');
  const [payloadPart, signature] = parts;
  if (parts.length !== 2 || payloadPart === undefined || signature === undefined) {
    return 'not a feedback token (expected "<payload>.<signature>")';
  }
  if (!BASE64URL.test(payloadPart) || !BASE64URL.test(signature)) return 'not a feedback token (expected base64url)';
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return 'not a feedback token (its payload is not JSON)';
  }
  const payload = payloadOf(decoded);
  if (!payload) return 'not a feedback token (its payload lacks k, i or e)';
  return { payload, payloadPart, signature };
}

/** Whether the token was signed by `sign`'s key; compares in constant time. */
export function signatureMatches(token: ParsedFeedbackToken, sign: TokenSigner): boolean {
  const expected = Buffer.from(sign(token.payloadPart));
  const given = Buffer.from(token.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
