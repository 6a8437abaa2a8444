/**
 * The backends every store test runs against (kysely's test-setup pattern): a fresh SQLite file, and a
 * fresh database on the suite's real PostgreSQL server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore, SqliteStore, type Store } from '@feedloop/store';
import pg from 'pg';
import { inject } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated store with its own empty database. */
  open(): Promise<Store>;
  /** A connection string (PostgreSQL) or data folder (SQLite) for a fresh database a process can open. */
  freshLocation(): Promise<{ databaseUrl?: string; dataDir: string }>;
}

const created: string[] = [];
// Test databases are thrown away when the test process ends, so runs do not pile up files in /tmp.
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'feedloop-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrated(store: Store): Promise<Store> {
  const report = await store.migrate();
  if (report.error) throw new Error(`migration ${report.error.migration} failed: ${report.error.message}`);
  return store;
}

export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'sqlite',
      open: () => migrated(new SqliteStore({ filename: join(tempDir(), 'feedloop.db') })),
      freshLocation: async () => ({ dataDir: tempDir() }),
    },
  ];
  const postgresUrl = inject('postgresUrl');
  if (postgresUrl) {
    list.push({
      name: 'postgres',
      open: async () => migrated(new PostgresStore({ connectionString: await createPostgresDatabase(postgresUrl) })),
      freshLocation: async () => ({ databaseUrl: await createPostgresDatabase(postgresUrl), dataDir: tempDir() }),
    });
  }
  return list;
}
