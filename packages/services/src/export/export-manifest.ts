import { readFileSync } from 'node:fs';
import { mergeReports, type RedactionReport } from '@feedloop/core';
import { EXAMPLE_SOURCES, type ExampleSource } from './example-candidate.js';
import { DEDUPE_BITS, DEDUPE_HASHES } from './example-deduper.js';
import type { ExportInvocation, ExportRequest } from './export-request.js';
import type { ExportTally, SkipReason } from './export-tally.js';

const FEEDLOOP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Bumped when the selection rules change, so two manifests say whether their files are comparable. */
export const SELECTION_RULES = 'feedloop-selection/1';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * What `<out>.manifest.json` holds: enough to know what a training file is, where it came from, what was
 * left out and why, and how to make it again.
 */
export interface ExportManifest {
  kind: ExportRequest['kind'];
  format: ExportRequest['format'];
  /** Set when written by `exportToFile`: the file's name, line count, bytes and SHA-256. */
  file?: { name: string; lines: number; bytes: number; sha256: string };
  counts: {
    interactionsScanned: number;
    written: number;
    skipped: number;
    skippedByReason: Partial<Record<SkipReason, number>>;
    bySource: Partial<Record<ExampleSource, { written: number; skipped: number }>>;
  };
  filters: {
    tenant: string | null;
    since: string | null;
    until: string | null;
    model: string | null;
    promptTemplate: string | null;
    promptVersion: string | null;
  };
  limits: {
    maxPerUser: number | null;
    usersAtCap: number;
    dedupe:
      | { enabled: false }
      | { enabled: true; method: 'bloom-sha1'; bits: number; hashes: number; estimatedFalsePositiveRate: number };
    /** The abuse filter applied, by name; null when none. */
    contributorFilter: string | null;
  };
  selection: { rules: string; ratedUp: string; ratedDown: string };
  provenance: {
    feedloopVersion: string;
    backend: string;
    projectId: string;
    generatedAt: string;
    asOf: string;
    /** created_at of the oldest and newest interaction behind a written example; null when none. */
    dataTimeRange: { from: string; to: string } | null;
  };
  redaction: { engine: string; replacements: RedactionReport; total: number };
  invocation: ExportInvocation;
}

export interface ManifestInputs {
  request: ExportRequest;
  tally: ExportTally;
  backend: string;
  usersAtCap: number;
  /** Null when dedupe is off. */
  falsePositiveRate: number | null;
  contributorFilter: string | null;
  redactionEngine: string;
  generatedAt: number;
}

export function buildManifest(m: ManifestInputs): ExportManifest {
  const { request, tally } = m;
  const f = request.filters;
  const skipped = Object.values(tally.skipped).reduce((a, b) => a + (b ?? 0), 0);
  const bySource: ExportManifest['counts']['bySource'] = {};
  for (const source of EXAMPLE_SOURCES) {
    const counts = tally.bySource[source];
    if (counts) bySource[source] = { ...counts };
  }
  const replacements = mergeReports(tally.redactions);
  const from = iso(tally.firstAnchorAt);
  const to = iso(tally.lastAnchorAt);
  return {
    kind: request.kind,
    format: request.format,
    counts: {
      interactionsScanned: tally.interactionsScanned,
      written: tally.written,
      skipped,
      skippedByReason: Object.fromEntries(Object.entries(tally.skipped).sort(([a], [b]) => (a < b ? -1 : 1))),
      bySource,
    },
    filters: {
      tenant: f.tenant ?? null,
      since: iso(f.since),
      until: iso(f.until),
      model: f.model ?? null,
      promptTemplate: f.promptTemplate ?? null,
      promptVersion: f.promptVersion ?? null,
    },
    limits: {
      maxPerUser: request.maxPerUser,
      usersAtCap: m.usersAtCap,
      dedupe:
        m.falsePositiveRate === null
          ? { enabled: false }
          : {
              enabled: true,
              method: 'bloom-sha1',
              bits: DEDUPE_BITS,
              hashes: DEDUPE_HASHES,
              estimatedFalsePositiveRate: m.falsePositiveRate,
            },
      contributorFilter: m.contributorFilter,
    },
    selection: {
      rules: SELECTION_RULES,
      ratedUp: 'net of latest thumbs per user > 0, or mean of latest ratings per user >= 4 (and not rated down)',
      ratedDown: 'net of latest thumbs per user < 0, or mean of latest ratings per user <= 2 (and not rated up)',
    },
    provenance: {
      feedloopVersion: FEEDLOOP_VERSION,
      backend: m.backend,
      projectId: request.projectId,
      generatedAt: new Date(m.generatedAt).toISOString(),
      asOf: new Date(request.asOf).toISOString(),
      dataTimeRange: from !== null && to !== null ? { from, to } : null,
    },
    redaction: {
      engine: m.redactionEngine,
      replacements,
      total: Object.values(replacements).reduce((a, b) => a + (b ?? 0), 0),
    },
    invocation: request.invocation,
  };
}
