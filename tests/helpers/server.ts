/**
 * A real Feedloop server for tests: a fresh store (SQLite by default, or the given backend), one project
 * with a secret and a public key, listening on 127.0.0.1 on a free port.
 */
import { buildServer, type ServerConfig } from '@feedloop/server';
import { createApiKey, createProject, type Store } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';
import { type Backend, backends } from './backends.js';

export interface RunningFeedloop {
  app: FastifyInstance;
  store: Store;
  url: string;
  projectId: string;
  secretKey: string;
  publicKey: string;
  /** Creates another project with its own keys. */
  addProject(options?: {
    allowedOrigins?: string[];
  }): Promise<{ projectId: string; secretKey: string; publicKey: string }>;
  close(): Promise<void>;
}

export async function startFeedloop(
  options: { backend?: Backend; config?: Partial<ServerConfig>; allowedOrigins?: string[]; listen?: boolean } = {},
): Promise<RunningFeedloop> {
  const backend = options.backend ?? backends()[0]!;
  const store = await backend.open();
  const app = await buildServer({ store, config: { logLevel: 'silent', ...options.config } });
  const addProject = async (projectOptions: { allowedOrigins?: string[] } = {}) => {
    const project = await createProject(store.db, { name: 'test' });
    const secret = await createApiKey(store.db, { projectId: project.id, kind: 'secret' });
    const publicKey = await createApiKey(store.db, {
      projectId: project.id,
      kind: 'public',
      ...(projectOptions.allowedOrigins ? { allowedOrigins: projectOptions.allowedOrigins } : {}),
    });
    return { projectId: project.id, secretKey: secret.plaintext, publicKey: publicKey.plaintext };
  };
  const first = await addProject(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {});
  const url = options.listen === false ? 'http://inject' : await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    store,
    url,
    ...first,
    addProject,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
