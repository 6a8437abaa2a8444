import type { LineRejection, PiiType, RedactionReport } from '@feedloop/core';
import type { ExampleSource, SelectionSkip } from './example-candidate.js';

/** Every reason an example can be left out, by the step that decided it. */
export type SkipReason = SelectionSkip | LineRejection | 'duplicate' | 'user-cap' | 'excluded-contributor';

/** Running counts of one export, in constant memory. */
export class ExportTally {
  interactionsScanned = 0;
  written = 0;
  readonly skipped: Partial<Record<SkipReason, number>> = {};
  readonly bySource: Partial<Record<ExampleSource, { written: number; skipped: number }>> = {};
  readonly redactions: Partial<Record<PiiType, number>> = {};
  /** created_at of the oldest and newest anchor of a written example. */
  firstAnchorAt: number | null = null;
  lastAnchorAt: number | null = null;

  #source(source: ExampleSource) {
    let counts = this.bySource[source];
    if (counts === undefined) {
      counts = { written: 0, skipped: 0 };
      this.bySource[source] = counts;
    }
    return counts;
  }

  skip(source: ExampleSource, reason: SkipReason): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    this.#source(source).skipped++;
  }

  write(source: ExampleSource, anchorAt: number, report: RedactionReport): void {
    this.written++;
    this.#source(source).written++;
    for (const [type, n] of Object.entries(report) as Array<[PiiType, number]>) {
      this.redactions[type] = (this.redactions[type] ?? 0) + n;
    }
    if (this.firstAnchorAt === null || anchorAt < this.firstAnchorAt) this.firstAnchorAt = anchorAt;
    if (this.lastAnchorAt === null || anchorAt > this.lastAnchorAt) this.lastAnchorAt = anchorAt;
  }
}
