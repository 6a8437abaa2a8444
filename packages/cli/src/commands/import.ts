import { access, constants } from 'node:fs/promises';
import {
  everyLineInvalid,
  formatImportReport,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportProgress,
  importFile,
} from '@feedloop/services';
import { findProject, listProjects, type Store } from '@feedloop/store';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { bootstrap } from '../bootstrap.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ImportOptions extends StoreOptions {
  format: ImportFormat;
  project?: string;
}

/** The project to import into: the one named, else the first, else the one `serve` would create. */
async function resolveProject(store: Store, idOrName: string | undefined): Promise<{ id: string; name: string }> {
  if (idOrName !== undefined) {
    const project = await findProject(store.db, idOrName);
    if (!project) throw new Error(`No project "${idOrName}".`);
    return project;
  }
  const first = (await listProjects(store.db))[0];
  if (first) return first;
  // Importing history before the first `serve` is how a team starts; make the project serve would make.
  const boot = await bootstrap(store, {});
  if (!boot) throw new Error('No project yet: run feedloop serve once.');
  console.error(
    `Created project "${boot.projectName}" (${boot.projectId}). These keys are shown once; store them now:`,
  );
  if (boot.secretKey) console.error(`  secret key (server side, reads):   ${boot.secretKey}`);
  if (boot.publicKey) console.error(`  public key (browser, signals only): ${boot.publicKey}`);
  return { id: boot.projectId, name: boot.projectName };
}

const PLAIN_EVERY_MS = 2000;

/** A bar on a terminal; on a pipe or log file, a plain line every few seconds instead of escape codes. */
function progressReporter(): { update(p: ImportProgress): void; stop(): void } {
  const stream = process.stderr;
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'importing {bar} {percentage}% | {lines} lines | {items} items | {duration_formatted}',
      hideCursor: true,
    });
    bar.start(1, 0, { lines: 0, items: 0 });
    return {
      update: (p) => {
        bar.setTotal(Math.max(p.totalBytes, 1));
        bar.update(p.bytesRead, { lines: p.lines, items: p.items });
      },
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update: (p) => {
      if (Date.now() - last < PLAIN_EVERY_MS) return;
      last = Date.now();
      const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100;
      stream.write(`importing: ${p.lines} lines, ${p.items} items, ${percent}% of the file\n`);
    },
    stop: () => {},
  };
}

export function registerImport(program: Command): void {
  addStoreOptions(
    program
      .command('import')
      .description('import feedback history from a file: HH-RLHF pairs, Open Assistant trees, or wire-shape JSONL')
      .argument('<file>', 'the file to read (gzipped files are detected)')
      .addOption(
        new Option('--format <format>', 'what the file holds').choices([...IMPORT_FORMATS]).makeOptionMandatory(),
      )
      .option('--project <id-or-name>', 'project to import into (default: the first project)'),
  ).action(async (file: string, options: ImportOptions) => {
    // Before opening the database: a mistyped path must not create a first project as a side effect.
    await access(file, constants.R_OK);
    await withStore(options, async (store) => {
      const project = await resolveProject(store, options.project);
      const progress = progressReporter();
      const report = await importFile({
        store,
        projectId: project.id,
        format: options.format,
        path: file,
        onProgress: (p) => progress.update(p),
      }).finally(() => progress.stop());
      console.log(`Imported into project "${project.name}" (${project.id}):`);
      console.log(formatImportReport(report));
      if (everyLineInvalid(report)) throw new Error(`Every line of ${file} is invalid: nothing was imported.`);
    });
  });
}
