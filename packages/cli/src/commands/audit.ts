/** `feedloop audit`: the project's audit log, newest first — the same entries as `GET /v1/audit`. */
import { userSubject } from '@feedloop/services';
import { listAuditEntries, MAX_AUDIT_PAGE } from '@feedloop/store';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface AuditOptions extends StoreOptions {
  project?: string;
  limit: number;
  action?: string;
  user?: string;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n < 1 || n > MAX_AUDIT_PAGE) {
    throw new InvalidArgumentError(`expected 1 to ${MAX_AUDIT_PAGE}`);
  }
  return n;
}

export function registerAudit(program: Command): void {
  addStoreOptions(
    program
      .command('audit')
      .description('print the audit log as JSON lines, newest first: forgotten users, retention, settings')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--limit <n>', 'at most this many entries', parseLimit, 100)
      .addOption(new Option('--action <action>', 'only this action').choices(['forget-user', 'retention', 'settings']))
      .option('--user <id>', 'only entries about this user (matched by hash: was this user forgotten?)'),
  ).action(async (options: AuditOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const entries = await listAuditEntries(store.db, {
        projectId,
        limit: options.limit,
        ...(options.action === undefined ? {} : { action: options.action }),
        ...(options.user === undefined ? {} : { subject: userSubject(projectId, options.user) }),
      });
      for (const { at, ...entry } of entries) {
        process.stdout.write(`${JSON.stringify({ ...entry, at: new Date(at).toISOString() })}\n`);
      }
    });
  });
}
