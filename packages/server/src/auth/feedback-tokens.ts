/**
 * Feedback tokens: a short-lived grant, minted by the app's server with its secret key, that lets a browser
 * give feedback about one interaction (and optionally as one user). Verified without a database read
 * beyond the cached key row: the HMAC key is the key's stored SHA-256, so revoking the secret key
 * invalidates its tokens. See docs/feedback-tokens.md.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ItemError, SignalRecord } from '@feedloop/core';
import {
  type ApiKey,
  type Database,
  findKeysByPrefix,
  getProjectSettings,
  type ProjectSettings,
  type SigningKey,
} from '@feedloop/store';
import type { Kysely } from 'kysely';
import type { SignalGate } from '../routes/ingest/ingest-items.js';
import type { Caller } from './authenticate.js';
import { encodeFeedbackToken, parseFeedbackToken, signatureMatches, type TokenSigner } from './token-format.js';
import { TtlCache } from './ttl-cache.js';

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const MAX_TOKEN_TTL_SECONDS = 86_400;
/** Stored keys begin with this many characters of the key (see `createApiKey`). */
const KEY_PREFIX_LENGTH = 12;

/** The HMAC under a key whose stored hash is `keyHashHex` (= sha256 of the key text). */
export const signerFor =
  (keyHashHex: string): TokenSigner =>
  (payloadPart) =>
    createHmac('sha256', Buffer.from(keyHashHex, 'hex')).update(payloadPart).digest('base64url');

/** The same signer from the key's text, as the Node SDK computes it. */
export const signerForSecret = (secretKey: string): TokenSigner =>
  signerFor(createHash('sha256').update(secretKey).digest('hex'));

/** What a signal claims, checked against the token. */
export interface TokenSubject {
  projectId: string;
  interactionId: string | null;
  userId: string | null;
}

export class FeedbackTokens {
  readonly #keys: TtlCache<SigningKey[]>;
  readonly #settings: TtlCache<ProjectSettings | undefined>;

  constructor(db: Kysely<Database>, cacheMs: number) {
    this.#keys = new TtlCache(cacheMs, (prefix) => findKeysByPrefix(db, prefix));
    this.#settings = new TtlCache(cacheMs, (projectId) => getProjectSettings(db, projectId));
  }

  async requiresTokens(projectId: string): Promise<boolean> {
    return (await this.#settings.get(projectId))?.requireTokens === true;
  }

  /** Called when this server changes a project's settings, so they apply at once here. */
  forgetSettings(projectId: string): void {
    this.#settings.forget(projectId);
  }

  /** Why the token does not cover the subject, or null when it does. */
  async verify(token: string, subject: TokenSubject, nowMs: number): Promise<string | null> {
    const parsed = parseFeedbackToken(token);
    if (typeof parsed === 'string') return parsed;
    const { payload } = parsed;
    const candidates = payload.k.length === KEY_PREFIX_LENGTH ? await this.#keys.get(payload.k) : [];
    // The signature is checked before anything about the key is told, so only a key holder learns more.
    const key = candidates.find((c) => signatureMatches(parsed, signerFor(c.keyHash)));
    if (!key) return 'bad signature: not signed by a key of this server';
    if (key.kind !== 'secret') return 'signed with a public key; tokens must be minted with a secret key';
    if (key.revokedAt !== null) return 'signed by a revoked key';
    if (key.projectId !== subject.projectId) return "signed by another project's key";
    if (payload.e * 1000 <= nowMs) return `expired at ${new Date(payload.e * 1000).toISOString()}`;
    if (payload.i !== subject.interactionId) return `for another interaction (${payload.i})`;
    if (payload.u !== undefined && payload.u !== subject.userId) return 'for another user';
    return null;
  }

  /** Mints a token with the caller's secret key. */
  async mint(
    key: ApiKey,
    grant: { interactionId: string; userId?: string; ttlSeconds: number },
    nowMs: number,
  ): Promise<{ token: string; expiresAt: string }> {
    const row = (await this.#keys.get(key.prefix)).find((c) => c.id === key.id);
    if (!row) throw new Error(`The key ${key.id} was not found by its prefix.`);
    const e = Math.floor(nowMs / 1000) + grant.ttlSeconds;
    const payload = { k: key.prefix, i: grant.interactionId, e, ...(grant.userId ? { u: grant.userId } : {}) };
    return { token: encodeFeedbackToken(payload, signerFor(row.keyHash)), expiresAt: new Date(e * 1000).toISOString() };
  }

  /** The per-signal check for this caller; none for secret keys, which never need tokens. */
  gateFor(caller: Caller): SignalGate | undefined {
    if (caller.key.kind !== 'public') return undefined;
    return async (item, record, field, nowMs) => this.#check(caller.projectId, item, record, field, nowMs);
  }

  async #check(
    projectId: string,
    item: unknown,
    record: SignalRecord,
    field: string,
    nowMs: number,
  ): Promise<ItemError | null> {
    const token = (item as { token?: unknown }).token;
    if (typeof token !== 'string') {
      return (await this.requiresTokens(projectId))
        ? { field, reason: 'this project requires a feedback token (see docs/feedback-tokens.md)' }
        : null;
    }
    const reason = await this.verify(
      token,
      { projectId, interactionId: record.interactionId, userId: record.userId },
      nowMs,
    );
    return reason === null ? null : { field, reason: `the feedback token is invalid: ${reason}` };
  }
}
