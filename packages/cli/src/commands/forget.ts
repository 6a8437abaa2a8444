/**
 * `feedloop forget --user <id>`: forgets one user of a project (docs/privacy.md) — the same operation as
 * `POST /v1/users/:userId/forget` — and prints what was removed. An unknown user is not an error.
 */
import { type ForgetUserReport, forgetUser } from '@feedloop/services';
import type { Command } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ForgetOptions extends StoreOptions {
  user: string;
  project?: string;
  json?: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatForgetReport(r: ForgetUserReport): string {
  const { removed: d, subtracted: s, unlinked: u } = r;
  return [
    `Forgot user ${r.userId} in project ${r.projectId}.`,
    `  removed: ${plural(d.interactions, 'interaction')} (${plural(d.interactionDocuments, 'document row')}), ${plural(d.signals, 'signal')}, ${plural(d.signalFlags, 'screening flag')}, ${plural(d.latestVotes, 'current vote')}, ${plural(d.evalCases, 'eval draft case')}, ${plural(d.evalVersionCases, 'published eval case')}`,
    `  no longer counted: ${plural(s.interactions, 'interaction')} and ${plural(s.signals, 'signal')} in the rollups, ${plural(s.flaggedSignals, 'set-aside signal')} in the adjustments`,
    `  unlinked: ${plural(u.regenerations, 'regeneration')} of the user's answers, ${plural(u.evalCaseEvidence, 'eval case')} citing removed signals`,
    `  audit entry: ${r.auditId}`,
  ].join('\n');
}

export function registerForget(program: Command): void {
  addStoreOptions(
    program
      .command('forget')
      .description("delete one user's data and correct the counts (docs/privacy.md)")
      .requiredOption('--user <id>', 'the pseudonymous user id, as the SDKs sent it')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--json', 'print the report as JSON'),
  ).action(async (options: ForgetOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const report = await forgetUser(store, { projectId, userId: options.user, actor: 'cli' });
      process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatForgetReport(report)}\n`);
    });
  });
}
