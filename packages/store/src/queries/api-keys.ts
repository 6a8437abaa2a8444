/**
 * API keys. Only a SHA-256 of each key is stored: keys are 190 bits of randomness, so a fast hash is
 * enough (no password stretching needed) and lets every request be checked with one indexed lookup.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiKeyTable, Database } from '../schema.js';

export type KeyKind = 'secret' | 'public';

export interface ApiKey {
  id: string;
  projectId: string;
  kind: KeyKind;
  name: string;
  /** The first characters of the key, enough to recognise it in a list. */
  prefix: string;
  /** For public keys: the page origins it may be used from; `*` allows any. */
  allowedOrigins: string[];
  createdAt: number;
  revokedAt: number | null;
}

const KEY_PREFIX: Record<KeyKind, string> = { secret: 'fl_sk_', public: 'fl_pk_' };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function generateKey(kind: KeyKind): string {
  const bytes = randomBytes(32);
  let body = '';
  for (const byte of bytes) body += BASE62[byte % 62];
  return KEY_PREFIX[kind] + body;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const toApiKey = (row: ApiKeyTable): ApiKey => ({
  id: row.id,
  projectId: row.project_id,
  kind: row.kind,
  name: row.name,
  prefix: row.key_prefix,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  createdAt: Number(row.created_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
});

/** Creates a key and returns it with its plain text, which is shown once and never stored. */
export async function createApiKey(
  db: Kysely<Database>,
  input: { projectId: string; kind: KeyKind; name?: string; allowedOrigins?: string[]; plaintext?: string },
): Promise<{ key: ApiKey; plaintext: string }> {
  const plaintext = input.plaintext ?? generateKey(input.kind);
  const row: ApiKeyTable = {
    id: `key_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    project_id: input.projectId,
    kind: input.kind,
    name: input.name ?? '',
    key_hash: hashKey(plaintext),
    key_prefix: plaintext.slice(0, 12),
    allowed_origins: JSON.stringify(input.allowedOrigins ?? (input.kind === 'public' ? ['*'] : [])),
    created_at: Date.now(),
    revoked_at: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { key: toApiKey(row), plaintext };
}

/** The live (unrevoked) key with this plain text, if any. */
export async function findActiveKey(db: Kysely<Database>, plaintext: string): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashKey(plaintext))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

export async function listApiKeys(db: Kysely<Database>, projectId?: string): Promise<ApiKey[]> {
  let query = db.selectFrom('api_keys').selectAll().orderBy('created_at');
  if (projectId !== undefined) query = query.where('project_id', '=', projectId);
  return (await query.execute()).map(toApiKey);
}

/** Revokes a key named by its id or its prefix; returns the revoked key, or undefined if none matched. */
export async function revokeApiKey(db: Kysely<Database>, idOrPrefix: string): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('key_prefix', '=', idOrPrefix)]))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const revokedAt = Date.now();
  await db.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', row.id).execute();
  return toApiKey({ ...row, revoked_at: revokedAt });
}
