import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportKind,
  FeedloopError,
  isExportKind,
  isFormatOf,
} from '@feedloop/core';

/**
 * Which interactions an export reads. Every field is optional; absent means "any". A theme filter
 * belongs here once themes exist (applied in `interaction-scope.ts` like the others).
 */
export interface ExportFilters {
  /** One tenant's corpus. Also applied to the other side of a pair, so no pair mixes tenants. */
  tenant?: string | undefined;
  /** Interactions created at or after this time (epoch ms). */
  since?: number | undefined;
  /** Interactions created before this time (epoch ms). */
  until?: number | undefined;
  model?: string | undefined;
  promptTemplate?: string | undefined;
  promptVersion?: string | undefined;
}

/** How the export was asked for, recorded verbatim in its manifest. */
export type ExportInvocation = { command: string } | { request: string };

export interface ExportRequest {
  projectId: string;
  kind: ExportKind;
  /** One of `EXPORT_FORMATS[kind]`; checked by `exportTarget`. */
  format: ExportFormat;
  filters: ExportFilters;
  /** At most this many examples from one user (see `contributorOf`); null for no cap. */
  maxPerUser: number | null;
  /** Drop examples whose line was already written (Bloom filter, see `ExampleDeduper`). */
  dedupe: boolean;
  /**
   * Only rows received up to this time (epoch ms) are read, so that an export and its manifest — two
   * passes — see exactly the same data, and a rerun with the same `asOf` gives the same file.
   */
  asOf: number;
  invocation: ExportInvocation;
}

/**
 * Checks a kind and a format from a user, naming the allowed values when they are wrong.
 *
 * @example
 * exportTarget('kto', 'openai'); // throws FL_VALIDATION: format "openai" is not a KTO format; use trl or trl-standard
 */
export function exportTarget(kind: string, format: string): { kind: ExportKind; format: ExportFormat } {
  if (!isExportKind(kind)) {
    throw new FeedloopError('FL_VALIDATION', `Unknown export kind "${kind}".`, {
      details: [{ field: 'kind', reason: 'expected sft, dpo or kto' }],
    });
  }
  if (!isFormatOf(kind, format)) {
    const allowed = EXPORT_FORMATS[kind].join(', ');
    throw new FeedloopError('FL_VALIDATION', `"${format}" is not a ${kind.toUpperCase()} format; use ${allowed}.`, {
      details: [{ field: 'format', reason: `expected one of ${allowed} for ${kind}` }],
    });
  }
  return { kind, format };
}
