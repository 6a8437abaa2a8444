import { findProject, getProjectSettings, listProjects, updateProjectSettings } from '@feedloop/store';
import { type Command, InvalidArgumentError } from 'commander';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface SettingsOptions extends StoreOptions {
  project?: string;
  requireTokens?: boolean;
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
      const settings =
        options.requireTokens === undefined
          ? await getProjectSettings(store.db, project.id)
          : await updateProjectSettings(store.db, project.id, { requireTokens: options.requireTokens });
      console.log(JSON.stringify(settings));
      if (options.requireTokens !== undefined) {
        console.error(`Updated ${project.name} (${project.id}). Running servers apply it within seconds.`);
      }
    });
  });
}
