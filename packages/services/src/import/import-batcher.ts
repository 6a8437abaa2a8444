/**
 * Validates each line's items exactly as the HTTP API does and writes the valid ones to the store in
 * batches of about `batchSize` items: one transaction per batch keeps PostgreSQL fast and SQLite's fsyncs
 * few. A line's valid items are imported even when others on it are not, as `POST /v1/batch` does.
 */
import { type ItemError, validateInteraction, validateSignal } from '@feedloop/core';
import type { IngestBatch, Store, WriteStatus } from '@feedloop/store';
import type { LineItems } from './line-items.js';

export interface WriteCounts {
  created: number;
  duplicate: number;
}

function tally(counts: WriteCounts, statuses: WriteStatus[]): void {
  for (const status of statuses) counts[status] += 1;
}

export class ImportBatcher {
  readonly interactions: WriteCounts = { created: 0, duplicate: 0 };
  readonly signals: WriteCounts = { created: 0, duplicate: 0 };
  #pending: IngestBatch = { interactions: [], signals: [] };

  constructor(
    private readonly store: Store,
    private readonly projectId: string,
    private readonly batchSize = 1000,
  ) {}

  /** Queues the line's valid items; returns the line's problems, its own and those of invalid items. */
  add(items: LineItems, now: number): ItemError[] {
    const problems = [...items.problems];
    for (const { at, item } of items.interactions) {
      const checked = validateInteraction(item, at, now);
      if (checked.ok) this.#pending.interactions.push(checked.record);
      else problems.push(...checked.errors);
    }
    for (const { at, item } of items.signals) {
      const checked = validateSignal(item, at, now);
      if (checked.ok) this.#pending.signals.push(checked.record);
      else problems.push(...checked.errors);
    }
    return problems;
  }

  get full(): boolean {
    return this.#pending.interactions.length + this.#pending.signals.length >= this.batchSize;
  }

  /** Items written so far, created or duplicate. */
  get written(): number {
    const { interactions: i, signals: s } = this;
    return i.created + i.duplicate + s.created + s.duplicate;
  }

  /** Writes what is queued and resolves once it is durably committed. */
  async flush(): Promise<void> {
    const batch = this.#pending;
    if (batch.interactions.length + batch.signals.length === 0) return;
    this.#pending = { interactions: [], signals: [] };
    const outcome = await this.store.ingest(this.projectId, batch, Date.now());
    tally(this.interactions, outcome.interactions);
    tally(this.signals, outcome.signals);
  }
}
