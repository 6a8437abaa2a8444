/** What an import did, and its plain-text summary for a terminal. */
import type { WriteCounts } from './import-batcher.js';
import type { ImportFormat } from './import-format.js';

/** One problem on one line, naming its field, e.g. `{ line: 7, field: 'signals[0].value', reason: … }`. */
export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  format: ImportFormat;
  path: string;
  /** Lines read, blank lines not counted. */
  lines: number;
  interactions: WriteCounts;
  signals: WriteCounts;
  /** Parts deliberately left out, by reason. */
  skipped: Record<string, number>;
  /** Lines with at least one problem; their valid items are still imported. */
  invalidLines: number;
  /** The first problems found (at most `MAX_REPORTED_PROBLEMS`); `problemCount` counts them all. */
  problems: ImportProblem[];
  problemCount: number;
}

/** Enough to fix a file by; keeping every problem of a huge bad file would break constant memory. */
export const MAX_REPORTED_PROBLEMS = 100;

/** True when there was something to import and none of it was usable: the import failed. */
export function everyLineInvalid(report: ImportReport): boolean {
  return report.lines > 0 && report.invalidLines === report.lines;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The summary printed at the end of `feedloop import`.
 *
 * @example
 * console.log(formatImportReport(report));
 * // interactions  4,624 created, 0 duplicate …
 */
export function formatImportReport(report: ImportReport, shownProblems = 20): string {
  const out = [
    `${n(report.lines)} lines of ${report.format} from ${report.path}`,
    `  interactions   ${n(report.interactions.created)} created, ${n(report.interactions.duplicate)} duplicate`,
    `  signals        ${n(report.signals.created)} created, ${n(report.signals.duplicate)} duplicate`,
  ];
  const skipped = Object.entries(report.skipped);
  if (skipped.length === 0) out.push('  skipped        none');
  for (const [reason, count] of skipped) out.push(`  skipped        ${n(count)} × ${reason}`);
  out.push(`  invalid lines  ${n(report.invalidLines)}`);
  for (const p of report.problems.slice(0, shownProblems)) {
    out.push(`    line ${p.line}: ${p.field}: ${p.reason}`);
  }
  const more = report.problemCount - Math.min(shownProblems, report.problems.length);
  if (more > 0) out.push(`    … and ${n(more)} more problems`);
  return out.join('\n');
}
