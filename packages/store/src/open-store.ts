import { join } from 'node:path';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** A postgres:// URL; when set, PostgreSQL is used instead of the embedded SQLite file. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database (`feedloop.db` inside it). */
  dataDir: string;
}

/** Opens the configured backend. Call `migrate()` before use. */
export function openStore(options: OpenStoreOptions): Store {
  if (options.databaseUrl) return new PostgresStore({ connectionString: options.databaseUrl });
  return new SqliteStore({ filename: join(options.dataDir, 'feedloop.db') });
}
