/** `feedloop themes run|list|assign`: failure themes from the command line. */
import { parseTimestamp } from '@feedloop/core';
import { assignNewItems, runThemes, themesOverview } from '@feedloop/services';
import type { Command } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ThemeOptions extends StoreOptions {
  project?: string;
  since?: string;
  until?: string;
  tenant?: string;
  k?: string;
}

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined)
    throw new Error(`${name}: expected an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00Z`);
  return ms;
}

const percent = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

export function registerThemes(program: Command): void {
  const themes = program.command('themes').description('cluster failures and comments into themes, and read them');

  addStoreOptions(
    themes
      .command('run')
      .description('cluster the failure pool of a window into themes (a full re-clustering)')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--since <iso>', 'start of the window (default: 28 days ago)')
      .option('--until <iso>', 'end of the window (default: now)')
      .option('--tenant <tenant>', "only this tenant's feedback")
      .option('--k <n>', 'the number of themes (default: chosen automatically)'),
  ).action(async (options: ThemeOptions) => {
    const k = options.k === undefined ? undefined : Number(options.k);
    if (k !== undefined && !(Number.isInteger(k) && k >= 2 && k <= 200))
      throw new Error('--k: expected a whole number from 2 to 200');
    const from = time('--since', options.since);
    const to = time('--until', options.until);
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const started = Date.now();
      const report = await runThemes(store, {
        projectId,
        from,
        to,
        tenant: options.tenant,
        k,
        onProgress: (step) =>
          process.stderr.write(`themes: ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
      });
      if (report.skipped) {
        process.stdout.write(`No themes: ${report.skipped}.\n`);
        return;
      }
      process.stdout.write(
        `Found ${report.k} themes in ${report.poolSize} items (${report.noise} noise), run ${report.runId}:\n`,
      );
      for (const t of report.themes)
        process.stdout.write(`  ${String(t.size).padStart(6)}  [${t.category}]  ${t.label}\n`);
    });
  });

  addStoreOptions(
    themes
      .command('list')
      .description("the latest themes' shares of a period (default: the last 7 days), as JSON with --json")
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--since <iso>', 'start of the period')
      .option('--until <iso>', 'end of the period (default: now)')
      .option('--json', 'print the whole overview as JSON'),
  ).action(async (options: ThemeOptions & { json?: boolean }) => {
    const from = time('--since', options.since);
    const to = time('--until', options.until);
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const overview = await themesOverview(store.db, projectId, { from, to });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(overview, null, 2)}\n`);
        return;
      }
      if (!overview.run) {
        process.stdout.write('No themes yet: run `feedloop themes run`.\n');
        return;
      }
      process.stdout.write(`${overview.poolSize} items in the period, ${overview.noise} noise.\n`);
      for (const t of overview.themes) {
        const trend =
          t.trend.difference === null
            ? ''
            : ` (${t.trend.difference >= 0 ? '+' : ''}${(100 * t.trend.difference).toFixed(1)} pts${t.trend.significant ? ', significant' : ''})`;
        process.stdout.write(`  ${percent(t.share.estimate).padStart(6)}${trend}  [${t.category}]  ${t.label}\n`);
      }
    });
  });

  addStoreOptions(
    themes
      .command('assign')
      .description('assign new negative feedback to the latest themes now')
      .option('--project <id-or-name>', 'project (default: the only project)'),
  ).action(async (options: ThemeOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const report = await assignNewItems(store, projectId);
      process.stdout.write(
        report.runId === null
          ? 'No themes yet: run `feedloop themes run`.\n'
          : `Examined ${report.examined} new items: ${report.assigned} joined a theme, ${report.noise} noise.\n`,
      );
    });
  });
}
