/**
 * Feedback tokens, minted locally with the secret key (no request): the same format the server's
 * `POST /v1/tokens` mints and checks (packages/server/src/auth/token-format.ts; tests/tokens keeps the two
 * in agreement). Duplicated here because this SDK has no runtime dependencies.
 * Format: base64url(JSON { k, i, u?, e }) "." base64url(HMAC-SHA256(sha256(secretKey), payloadPart)).
 */
import { createHash, createHmac } from 'node:crypto';
import { FeedloopError } from './errors.js';

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const MAX_TOKEN_TTL_SECONDS = 86_400;
/** The server finds the signing key by the key's first 12 characters (its stored prefix). */
const KEY_PREFIX_LENGTH = 12;

/**
 * Options for `feedbackToken`.
 * @example const options: FeedbackTokenOptions = { userId: 'u_1', ttlSeconds: 600 };
 */
export interface FeedbackTokenOptions {
  /** When set, the token covers only signals from this user. */
  userId?: string;
  /** Lifetime in seconds, 1 to 86 400; default 3600. */
  ttlSeconds?: number;
  /** The clock, for tests; epoch milliseconds. */
  now?: number;
}

function invalid(field: string, reason: string): FeedloopError {
  return new FeedloopError('INVALID_ARGUMENT', `feedbackToken: \`${field}\` ${reason}`, {
    details: [{ field, reason }],
  });
}

/** Throws `FeedloopError` (INVALID_ARGUMENT) for arguments the server could never accept. */
export function mintFeedbackToken(
  secretKey: string,
  interactionId: string,
  options: FeedbackTokenOptions = {},
): string {
  if (typeof interactionId !== 'string' || interactionId.length === 0) {
    throw invalid('interactionId', 'must be a non-empty string');
  }
  const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw invalid('ttlSeconds', `must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  if (options.userId !== undefined && (typeof options.userId !== 'string' || options.userId.length === 0)) {
    throw invalid('userId', 'must be a non-empty string when given');
  }
  const e = Math.floor((options.now ?? Date.now()) / 1000) + ttl;
  const payload = {
    k: secretKey.slice(0, KEY_PREFIX_LENGTH),
    i: interactionId,
    e,
    ...(options.userId ? { u: options.userId } : {}),
  };
  const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signingKey = createHash('sha256').update(secretKey).digest();
  return `${payloadPart}.${createHmac('sha256', signingKey).update(payloadPart).digest('base64url')}`;
}
