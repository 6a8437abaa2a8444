/**
 * `feedloop retention [--apply]`: shows how much old text the project's retention period makes due, and
 * with `--apply` purges it now (the server does the same daily). `--days` applies another period once.
 * Set the period itself with `feedloop projects settings --retention-days <days|off>`.
 */
import { applyRetention, type RetentionReport } from '@feedloop/services';
import { MAX_RETENTION_DAYS } from '@feedloop/store';
import { type Command, InvalidArgumentError } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface RetentionOptions extends StoreOptions {
  project?: string;
  days?: number;
  apply?: boolean;
  json?: boolean;
}

export function parseRetentionDays(value: string): number {
  const days = Number(value);
  if (!/^[0-9]+$/.test(value) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new InvalidArgumentError(`expected a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
  }
  return days;
}

export function formatRetentionReport(r: RetentionReport): string {
  if (r.days === null || r.before === null) {
    return [
      `Project ${r.projectId} keeps raw text forever (no retention period).`,
      'Set one with `feedloop projects settings --retention-days 90`, or purge once with `feedloop retention --days 90 --apply`.',
    ].join('\n');
  }
  const before = new Date(r.before).toISOString();
  const what = `${r.interactions} interaction(s) and ${r.signals} signal(s) created before ${before}`;
  if (r.dryRun) {
    return `Retention ${r.days} days: the text of ${what} is due.\nRun with --apply to purge it now (a running server does it daily).`;
  }
  const audit =
    r.auditIds.length === 0
      ? 'nothing was due'
      : `audit entr${r.auditIds.length === 1 ? 'y' : 'ies'} ${r.auditIds.join(', ')}`;
  return `Retention ${r.days} days: purged the text of ${what}; rows and counts are kept (${audit}).`;
}

export function registerRetention(program: Command): void {
  addStoreOptions(
    program
      .command('retention')
      .description('show, or with --apply purge, raw text older than the retention period (docs/privacy.md)')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--days <n>', "use this many days instead of the project's setting, this once", parseRetentionDays)
      .option('--apply', 'purge now (without it, only count what is due)')
      .option('--json', 'print the report as JSON'),
  ).action(async (options: RetentionOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const report = await applyRetention(store, {
        projectId,
        now: Date.now(),
        actor: 'cli',
        ...(options.days === undefined ? {} : { days: options.days }),
        dryRun: options.apply !== true,
      });
      process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatRetentionReport(report)}\n`);
    });
  });
}
