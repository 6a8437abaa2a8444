import { EXPORT_FORMATS, type ExportFormat, type ExportKind, parseTimestamp } from '@feedloop/core';
import { commandLine, type ExportManifest, exportTarget, exportToFile, manifestPath } from '@feedloop/services';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ExportOptions extends StoreOptions {
  format?: string;
  out: string;
  project?: string;
  tenant?: string;
  since?: string;
  until?: string;
  model?: string;
  template?: string;
  templateVersion?: string;
  maxPerUser?: string;
  dedupe: boolean;
  asOf?: string;
}

const FORMAT_HELP = (Object.keys(EXPORT_FORMATS) as ExportKind[])
  .map((k) => `${k}: ${EXPORT_FORMATS[k].join('|')}`)
  .join('; ');

function timeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined)
    throw new Error(`${name}: expected an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00Z`);
  return ms;
}

function positiveInteger(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`${name}: expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

/** A bar on a terminal; on a pipe or a log, one plain line every few seconds. */
function progressReporter(total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format:
          'export [{bar}] {percentage}% | {value}/{total} interactions | {written} examples | ETA {eta_formatted}',
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { written: 0 });
    return {
      update: (scanned: number, written: number) => bar.update(scanned, { written }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  const line = (scanned: number, written: number) => {
    const percent = total === 0 ? 100 : Math.floor((scanned / total) * 100);
    process.stderr.write(`export: ${scanned}/${total} interactions (${percent}%), ${written} examples\n`);
  };
  let latest = { scanned: 0, written: 0 };
  return {
    update: (scanned: number, written: number) => {
      latest = { scanned, written };
      if (Date.now() - last < 2000) return;
      last = Date.now();
      line(scanned, written);
    },
    stop: () => line(latest.scanned, latest.written),
  };
}

function summary(manifest: ExportManifest, out: string): string {
  const { counts, redaction } = manifest;
  const list = (entries: Array<[string, number]>) => entries.map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  const lines = [
    `Wrote ${counts.written} ${manifest.kind.toUpperCase()} examples (${manifest.format}) to ${out}; manifest ${manifestPath(out)}`,
    `  from ${counts.interactionsScanned} interactions; by source: ${list(Object.entries(counts.bySource).map(([s, c]) => [s, c.written]))}`,
    `  skipped ${counts.skipped}: ${list(Object.entries(counts.skippedByReason) as Array<[string, number]>)}`,
    `  redacted ${redaction.total}: ${list(Object.entries(redaction.replacements) as Array<[string, number]>)}`,
  ];
  return lines.join('\n');
}

export function registerExport(program: Command): void {
  addStoreOptions(
    program
      .command('export')
      .description('export training data (SFT, DPO or KTO) as JSONL with PII redacted, and a manifest beside it')
      .argument('<kind>', 'sft, dpo or kto')
      .option('--format <format>', `the target format (default: the first listed) — ${FORMAT_HELP}`)
      .requiredOption('--out <file>', 'the JSONL file to write; the manifest goes to <file>.manifest.json')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--tenant <tenant>', "only this tenant's data")
      .option('--since <iso>', 'interactions created at or after this time')
      .option('--until <iso>', 'interactions created before this time')
      .option('--model <model>', 'only interactions of this model')
      .option('--template <name>', 'only this prompt template')
      .option('--template-version <version>', 'only this prompt template version')
      .option('--max-per-user <n>', 'at most n examples from one user (default: no cap)')
      .option('--no-dedupe', 'keep duplicate lines')
      .option('--as-of <iso>', 'only data received up to this time (default: now), for a reproducible export'),
  ).action(async (kindArg: string, options: ExportOptions) => {
    const { kind, format } = exportTarget(kindArg, options.format ?? EXPORT_FORMATS[kindArg as ExportKind]?.[0] ?? '');
    const filters = {
      tenant: options.tenant,
      since: timeOption('--since', options.since),
      until: timeOption('--until', options.until),
      model: options.model,
      promptTemplate: options.template,
      promptVersion: options.templateVersion,
    };
    if (filters.since !== undefined && filters.until !== undefined && filters.since >= filters.until) {
      throw new Error('--until: expected a time after --since');
    }
    const maxPerUser = positiveInteger('--max-per-user', options.maxPerUser);
    const asOf = timeOption('--as-of', options.asOf) ?? Date.now();
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      let progress: ReturnType<typeof progressReporter> | undefined;
      const request = {
        projectId,
        kind,
        format: format as ExportFormat,
        filters,
        maxPerUser,
        dedupe: options.dedupe,
        asOf,
        invocation: { command: commandLine('feedloop', process.argv.slice(2)) },
      };
      let manifest: ExportManifest;
      try {
        manifest = await exportToFile(store, request, options.out, {
          onTotal: (total) => {
            progress = progressReporter(total);
          },
          onProgress: ({ scanned, written }) => progress?.update(scanned, written),
        });
      } finally {
        progress?.stop();
      }
      console.log(summary(manifest, options.out));
    });
  });
}
