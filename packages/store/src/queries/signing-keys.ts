/**
 * Secret keys as token-signing keys. A feedback token names its key by prefix (the part of a key that is
 * shown in listings anyway), because the SDK that mints it knows the key's text, not its id; the stored
 * SHA-256 of the key is the HMAC key, so verifying needs no extra table and no new secret.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface SigningKey {
  id: string;
  projectId: string;
  kind: 'secret' | 'public';
  /** Hex SHA-256 of the key's text: the HMAC key, as bytes. */
  keyHash: string;
  revokedAt: number | null;
}

/** Every key, in any project and revoked or not, whose prefix is this (usually one). */
export async function findKeysByPrefix(db: Kysely<Database>, prefix: string): Promise<SigningKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'project_id', 'kind', 'key_hash', 'revoked_at'])
    .where('key_prefix', '=', prefix)
    .limit(16)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    keyHash: row.key_hash,
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  }));
}
