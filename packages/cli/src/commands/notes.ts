/** `feedloop notes draft|list|approve|dismiss`: the release-note workflow from the command line. */
import { draftReleaseNotes } from '@feedloop/services';
import { decideReleaseNote, findReleaseNote, listReleaseNotes, type ReleaseNote } from '@feedloop/store';
import { type Command, Option } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface NotesOptions extends StoreOptions {
  project?: string;
}

const line = (n: ReleaseNote) => `${n.id}  [${n.status}]  ${n.title}\n    ${n.body}`;

export function registerNotes(program: Command): void {
  const notes = program.command('notes').description('"we improved on X" release notes: draft, review, approve');

  addStoreOptions(
    notes
      .command('draft')
      .description('draft a note for every significant improvement of a prompt or model version')
      .option('--project <id-or-name>', 'project (default: the only project)'),
  ).action(async (options: NotesOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const report = await draftReleaseNotes(store, { projectId });
      process.stdout.write(
        `Ran ${report.tests} tests (each at p < ${report.alphaPerTest.toPrecision(2)}); drafted ${report.drafted.length} note(s).\n`,
      );
      for (const id of report.drafted) {
        const note = await findReleaseNote(store.db, projectId, id);
        if (note) process.stdout.write(`${line(note)}\n`);
      }
    });
  });

  addStoreOptions(
    notes
      .command('list')
      .description('list notes, newest first')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .addOption(new Option('--status <status>', 'only these').choices(['draft', 'approved', 'dismissed'])),
  ).action(async (options: NotesOptions & { status?: 'draft' | 'approved' | 'dismissed' }) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const list = await listReleaseNotes(store.db, projectId, options.status);
      process.stdout.write(list.length === 0 ? 'No notes.\n' : `${list.map(line).join('\n')}\n`);
    });
  });

  for (const [action, status] of [
    ['approve', 'approved'],
    ['dismiss', 'dismissed'],
  ] as const) {
    const command = notes
      .command(action)
      .description(action === 'approve' ? 'approve a note, optionally rewording it' : 'dismiss a note')
      .argument('<id>', 'the note id')
      .option('--project <id-or-name>', 'project (default: the only project)');
    if (action === 'approve') command.option('--title <text>', 'new title').option('--body <text>', 'new text');
    addStoreOptions(command).action(async (id: string, options: NotesOptions & { title?: string; body?: string }) => {
      await withStore(options, async (store) => {
        const projectId = await resolveProject(store, options.project);
        if (!(await findReleaseNote(store.db, projectId, id))) throw new Error(`No release note ${id}.`);
        const note = await decideReleaseNote(store.db, projectId, id, {
          status,
          title: options.title,
          body: options.body,
          by: 'cli',
          at: Date.now(),
        });
        if (note) process.stdout.write(`${line(note)}\n`);
      });
    });
  }
}
