/**
 * `feedloop report --week [date] --out <dir>`: the weekly report as report.md, a self-contained
 * report.html and the data behind them as report.json, with progress on stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FeedloopError, parseTimestamp } from '@feedloop/core';
import { buildWeeklyReport, parseDay, renderReportHtml, renderReportMarkdown } from '@feedloop/services';
import type { Command } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ReportOptions extends StoreOptions {
  week?: string | true;
  out: string;
  project?: string;
  unfiltered?: boolean;
  minSupport?: string;
}

/** A date (2026-11-16) or a date-time; any moment of the week to report. */
function weekOption(value: string | true | undefined): number | undefined {
  if (value === undefined || value === true) return undefined;
  const ms = parseDay(value) ?? parseTimestamp(value);
  if (ms === undefined) {
    throw new FeedloopError('FL_VALIDATION', 'The report request is malformed.', {
      details: [{ field: '--week', reason: 'expected a date like 2026-11-16 (any day of the week to report)' }],
    });
  }
  return ms;
}

export function registerReport(program: Command): void {
  addStoreOptions(
    program
      .command('report')
      .description('write the weekly report (report.md, report.html, report.json) to a folder')
      .option('--week [date]', 'any day of the week to report, e.g. 2026-11-16 (default: the last full week)')
      .requiredOption('--out <dir>', 'the folder to write to (created if missing)')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--unfiltered', 'count what the abuse filter set aside too (latest vote still wins)')
      .option('--min-support <n>', 'votes a cohort needs to be ranked or compared (default 30)'),
  ).action(async (options: ReportOptions) => {
    const week = weekOption(options.week);
    const minSupport = options.minSupport === undefined ? undefined : Number(options.minSupport);
    if (minSupport !== undefined && !(Number.isInteger(minSupport) && minSupport >= 1)) {
      throw new FeedloopError('FL_VALIDATION', 'The report request is malformed.', {
        details: [{ field: '--min-support', reason: 'expected a whole number of at least 1' }],
      });
    }
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const started = Date.now();
      const report = await buildWeeklyReport(store, {
        projectId,
        week,
        unfiltered: options.unfiltered === true,
        minSupport,
        onProgress: (step) =>
          process.stderr.write(`report: ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
      });
      await mkdir(options.out, { recursive: true });
      await writeFile(join(options.out, 'report.md'), renderReportMarkdown(report));
      await writeFile(join(options.out, 'report.html'), renderReportHtml(report));
      await writeFile(join(options.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      const weekOf = new Date(report.weekStart).toISOString().slice(0, 10);
      process.stdout.write(
        `Wrote the report for the week of ${weekOf} to ${join(options.out, 'report.md')} and report.html\n`,
      );
    });
  });
}
