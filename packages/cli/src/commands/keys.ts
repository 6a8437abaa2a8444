import { createApiKey, findProject, listApiKeys, listProjects, revokeApiKey } from '@feedloop/store';
import type { Command } from 'commander';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface CreateOptions extends StoreOptions {
  project?: string;
  public?: boolean;
  origin: string[];
  name?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('create, list and revoke API keys');

  addStoreOptions(
    keys
      .command('create')
      .description('create a key and print it (shown once)')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--secret', 'a secret key: server side, may read (the default)')
      .option('--public', 'a public key: browser side, may only write signals')
      .option('--origin <origin>', 'page origin a public key may be used from (repeatable; default any)', collect, [])
      .option('--name <name>', 'a label for the key'),
  ).action(async (options: CreateOptions) => {
    await withStore(options, async (store) => {
      const project = options.project
        ? await findProject(store.db, options.project)
        : ((await listProjects(store.db))[0] ?? undefined);
      if (!project)
        throw new Error(
          options.project ? `No project "${options.project}".` : 'No project yet: run feedloop serve once.',
        );
      const kind = options.public ? 'public' : 'secret';
      const { key, plaintext } = await createApiKey(store.db, {
        projectId: project.id,
        kind,
        ...(options.name ? { name: options.name } : {}),
        ...(options.origin.length > 0 ? { allowedOrigins: options.origin } : {}),
      });
      console.log(plaintext);
      console.error(`Created ${kind} key ${key.id} for project ${project.name} (${project.id}). It is shown only now.`);
    });
  });

  addStoreOptions(
    keys.command('list').description('list keys (prefixes only)').option('--project <id-or-name>', 'only this project'),
  ).action(async (options: StoreOptions & { project?: string }) => {
    await withStore(options, async (store) => {
      const project = options.project ? await findProject(store.db, options.project) : undefined;
      if (options.project && !project) throw new Error(`No project "${options.project}".`);
      const rows = await listApiKeys(store.db, project?.id);
      for (const k of rows) {
        const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active';
        const origins = k.kind === 'public' ? ` origins=${k.allowedOrigins.join(',')}` : '';
        console.log(
          `${k.id}  ${k.prefix}…  ${k.kind.padEnd(6)}  ${k.projectId}  ${state}${origins}${k.name ? `  ${k.name}` : ''}`,
        );
      }
      if (rows.length === 0) console.error('No keys.');
    });
  });

  addStoreOptions(
    keys.command('revoke').description('revoke a key by id or prefix').argument('<key-id-or-prefix>'),
  ).action(async (idOrPrefix: string, options: StoreOptions) => {
    await withStore(options, async (store) => {
      const revoked = await revokeApiKey(store.db, idOrPrefix);
      if (!revoked) throw new Error(`No active key matches "${idOrPrefix}".`);
      console.log(`Revoked ${revoked.id} (${revoked.prefix}…). Running servers stop accepting it within seconds.`);
    });
  });
}
