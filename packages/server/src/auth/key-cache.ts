import type { Database } from '@feedloop/store';
import { type ApiKey, findActiveKey } from '@feedloop/store';
import type { Kysely } from 'kysely';

const MAX_ENTRIES = 10_000;

/**
 * Remembers keys (and unknown keys) for a few seconds so a request does not cost a database read.
 * Revoking through this server drops the entry at once; a revocation made by another process applies
 * within `ttlMs`.
 */
export class KeyCache {
  readonly #entries = new Map<string, { key: ApiKey | undefined; expires: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
  ) {}

  async lookup(plaintext: string): Promise<ApiKey | undefined> {
    const now = Date.now();
    const hit = this.#entries.get(plaintext);
    if (hit && hit.expires > now) return hit.key;
    const key = await findActiveKey(this.db, plaintext);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(plaintext, { key, expires: now + this.ttlMs });
    return key;
  }

  forget(keyId: string): void {
    for (const [plaintext, entry] of this.#entries) {
      if (entry.key?.id === keyId) this.#entries.delete(plaintext);
    }
  }
}
