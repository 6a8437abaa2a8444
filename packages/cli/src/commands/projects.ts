import { changeProjectSettings } from '@feedloop/services';
import { findProject, getProjectSettings, listProjects } from '@feedloop/store';
import { type Command, InvalidArgumentError } from 'commander';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';
import { parseRetentionDays } from './retention.js';

interface SettingsOptions extends StoreOptions {
  project?: string;
  requireTokens?: boolean;
  retentionDays?: number | null;
}

function parseBoolean(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError('expected true or false');
}

export function registerProjects(program: Command): void {
  const projects = program.command('projects').description('show and change project settings');

  addStoreOptions(
    projects
      .command('settings')
      .description("print a project's settings, changing the ones given first")
      .option('--project <id-or-name>', 'project (default: the first project)')
      .option(
        '--require-tokens <true|false>',
        'public-key signals must carry a feedback token (docs/feedback-tokens.md)',
        parseBoolean,
      )
      .option(
        '--retention-days <days|off>',
        'days raw text is kept before the daily purge; off keeps it forever (docs/privacy.md)',
        (value: string) => (value === 'off' ? null : parseRetentionDays(value)),
      ),
  ).action(async (options: SettingsOptions) => {
    await withStore(options, async (store) => {
      const project = options.project
        ? await findProject(store.db, options.project)
        : ((await listProjects(store.db))[0] ?? undefined);
      if (!project) {
        throw new Error(
          options.project ? `No project "${options.project}".` : 'No project yet: run feedloop serve once.',
        );
      }
      const patch = {
        ...(options.requireTokens === undefined ? {} : { requireTokens: options.requireTokens }),
        ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
      };
      const changing = Object.keys(patch).length > 0;
      const settings = changing
        ? await changeProjectSettings(store, { projectId: project.id, patch, actor: 'cli' })
        : await getProjectSettings(store.db, project.id);
      console.log(JSON.stringify(settings));
      if (changing) {
        console.error(`Updated ${project.name} (${project.id}). Running servers apply it within seconds.`);
      }
    });
  });
}
