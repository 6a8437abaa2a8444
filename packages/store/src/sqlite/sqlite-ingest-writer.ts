/**
 * The SQLite write path. better-sqlite3 is synchronous, so every request queued during one turn of the
 * event loop is written in one transaction and made durable with one fsync (group commit): a 2xx still
 * means "on disk", without paying an fsync per request. Each request runs in its own savepoint, so one
 * request's failure cannot undo another's items.
 *
 * Prepared statements are used directly rather than through Kysely: this is the hot path, and compiling a
 * query per row would cost more than the insert itself.
 */
import type { Dimensions, InteractionRecord, SignalRecord } from '@feedloop/core';
import type BetterSqlite3 from 'better-sqlite3';
import {
  changedDaysOf,
  HOUR_MARGINAL_KEY_COLUMNS,
  hourMarginalRowsOf,
  MARGINAL_KEY_COLUMNS,
  marginalRowsOf,
  ROLLUP_KEY_COLUMNS,
  RollupAccumulator,
  type RollupRow,
} from '../rollup.js';
import { DIMENSION_COLUMNS, dimensionsOfRow, toDocumentRows, toInteractionRow, toSignalRow } from '../row-mapping.js';
import type { InteractionTable } from '../schema.js';
import type { IngestBatch, IngestOutcome, WriteStatus } from '../store.js';

interface Job {
  projectId: string;
  batch: IngestBatch;
  receivedAt: number;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
  outcome?: IngestOutcome;
  error?: unknown;
}

const INTERACTION_COLUMNS = [
  'project_id',
  'id',
  'session_id',
  'user_id',
  ...DIMENSION_COLUMNS,
  'input',
  'input_hash',
  'context',
  'output',
  'parent_id',
  'latency_ms',
  'tokens_in',
  'tokens_out',
  'metadata',
  'created_at',
  'received_at',
] as const;
const SIGNAL_COLUMNS = [
  'project_id',
  'id',
  'interaction_id',
  'session_id',
  'user_id',
  'kind',
  'type',
  'value',
  'value_num',
  'created_at',
  'received_at',
  'metadata',
  'rolled_up',
] as const;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

type Row = Record<string, unknown>;

export class SqliteIngestWriter {
  readonly #insertInteraction: BetterSqlite3.Statement;
  readonly #insertDocument: BetterSqlite3.Statement;
  readonly #selectDimensions: BetterSqlite3.Statement;
  readonly #claimPending: BetterSqlite3.Statement;
  readonly #insertSignal: BetterSqlite3.Statement;
  readonly #upsertRollup: BetterSqlite3.Statement;
  readonly #upsertMarginal: BetterSqlite3.Statement;
  readonly #upsertHourMarginal: BetterSqlite3.Statement;
  readonly #markDayChanged: BetterSqlite3.Statement;
  readonly #writeAll: (jobs: Job[]) => void;
  #queue: Job[] = [];
  #scheduled = false;
  #holds = 0;

  constructor(db: BetterSqlite3.Database) {
    this.#insertInteraction = db.prepare(
      `INSERT INTO interactions (${INTERACTION_COLUMNS.join(', ')}) VALUES (${placeholders(INTERACTION_COLUMNS.length)}) ON CONFLICT DO NOTHING`,
    );
    this.#insertDocument = db.prepare(
      'INSERT INTO interaction_documents (project_id, interaction_id, position, doc_id, source, score) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#selectDimensions = db.prepare(
      `SELECT ${DIMENSION_COLUMNS.join(', ')} FROM interactions WHERE project_id = ? AND id = ?`,
    );
    this.#claimPending = db.prepare(
      'UPDATE signals SET rolled_up = 1 WHERE project_id = ? AND interaction_id = ? AND rolled_up = 0 RETURNING type, value_num, created_at',
    );
    this.#insertSignal = db.prepare(
      `INSERT INTO signals (${SIGNAL_COLUMNS.join(', ')}) VALUES (${placeholders(SIGNAL_COLUMNS.length)}) ON CONFLICT DO NOTHING`,
    );
    this.#upsertRollup = db.prepare(
      `INSERT INTO rollups (${ROLLUP_KEY_COLUMNS.join(', ')}, count, value_sum) VALUES (${placeholders(ROLLUP_KEY_COLUMNS.length + 2)})
       ON CONFLICT (${ROLLUP_KEY_COLUMNS.join(', ')}) DO UPDATE SET count = count + excluded.count, value_sum = value_sum + excluded.value_sum`,
    );
    this.#upsertMarginal = db.prepare(
      `INSERT INTO rollup_marginals (${MARGINAL_KEY_COLUMNS.join(', ')}, count, value_sum) VALUES (${placeholders(MARGINAL_KEY_COLUMNS.length + 2)})
       ON CONFLICT (${MARGINAL_KEY_COLUMNS.join(', ')}) DO UPDATE SET count = count + excluded.count, value_sum = value_sum + excluded.value_sum`,
    );
    this.#upsertHourMarginal = db.prepare(
      `INSERT INTO rollup_hour_marginals (${HOUR_MARGINAL_KEY_COLUMNS.join(', ')}, count, value_sum) VALUES (${placeholders(HOUR_MARGINAL_KEY_COLUMNS.length + 2)})
       ON CONFLICT (${HOUR_MARGINAL_KEY_COLUMNS.join(', ')}) DO UPDATE SET count = count + excluded.count, value_sum = value_sum + excluded.value_sum`,
    );
    this.#markDayChanged = db.prepare(
      `INSERT INTO rollup_day_changes (project_id, day_start, changes, built) VALUES (?, ?, 1, 0)
       ON CONFLICT (project_id, day_start) DO UPDATE SET changes = changes + 1`,
    );
    const writeOne = db.transaction((job: Job) => this.#write(job));
    this.#writeAll = db.transaction((jobs: Job[]) => {
      for (const job of jobs) {
        try {
          job.outcome = writeOne(job);
        } catch (error) {
          job.error = error;
        }
      }
    });
  }

  write(projectId: string, batch: IngestBatch, receivedAt: number): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ projectId, batch, receivedAt, resolve, reject });
      this.#schedule();
    });
  }

  /**
   * Keeps writes queued (not lost, not acknowledged) until the returned function is called: another
   * transaction owns the connection meanwhile, and a write must never commit or roll back with it.
   */
  hold(): () => void {
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      this.#schedule();
    };
  }

  #schedule(): void {
    if (this.#scheduled || this.#holds > 0 || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  /**
   * Writes rollup rows, and their daily and hourly marginals, with the same statements the hot path uses;
   * counts a change for each day they touch (the daily pairs of those days are stale until rebuilt).
   */
  addRollups(rows: RollupRow[]): void {
    for (const r of rows) {
      this.#upsertRollup.run(...ROLLUP_KEY_COLUMNS.map((c) => r[c]), r.count, r.value_sum);
    }
    for (const m of marginalRowsOf(rows)) {
      this.#upsertMarginal.run(...MARGINAL_KEY_COLUMNS.map((c) => m[c]), m.count, m.value_sum);
    }
    for (const m of hourMarginalRowsOf(rows)) {
      this.#upsertHourMarginal.run(...HOUR_MARGINAL_KEY_COLUMNS.map((c) => m[c]), m.count, m.value_sum);
    }
    for (const day of changedDaysOf(rows)) this.#markDayChanged.run(day.project_id, day.day_start);
  }

  #flush(): void {
    if (this.#holds > 0) {
      this.#scheduled = false;
      return;
    }
    const jobs = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    try {
      this.#writeAll(jobs);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing was stored, so nobody gets a 2xx.
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const job of jobs) {
      if (job.outcome) job.resolve(job.outcome);
      else job.reject(job.error);
    }
  }

  #write({ projectId, batch, receivedAt }: Job): IngestOutcome {
    const rollups = new RollupAccumulator(projectId);
    const dimensionsCache = new Map<string, Dimensions | null>();
    const interactions = batch.interactions.map((record) =>
      this.#writeInteraction(projectId, record, receivedAt, rollups, dimensionsCache),
    );
    const signals = batch.signals.map((record) =>
      this.#writeSignal(projectId, record, receivedAt, rollups, dimensionsCache),
    );
    this.addRollups(rollups.rows());
    return { interactions, signals };
  }

  #writeInteraction(
    projectId: string,
    record: InteractionRecord,
    receivedAt: number,
    rollups: RollupAccumulator,
    dimensionsCache: Map<string, Dimensions | null>,
  ): WriteStatus {
    const row = toInteractionRow(projectId, record, receivedAt);
    const { changes } = this.#insertInteraction.run(...INTERACTION_COLUMNS.map((c) => row[c]));
    if (changes === 0) return 'duplicate';
    for (const doc of toDocumentRows(projectId, record)) {
      this.#insertDocument.run(doc.project_id, doc.interaction_id, doc.position, doc.doc_id, doc.source, doc.score);
    }
    const dimensions: Dimensions = record;
    dimensionsCache.set(record.id, dimensions);
    rollups.addInteraction(record.createdAt, dimensions);
    // Signals that arrived before this interaction are counted now, with its dimensions.
    for (const pending of this.#claimPending.all(projectId, record.id) as Row[]) {
      rollups.addSignal(
        {
          type: String(pending.type),
          valueNum: pending.value_num as number | null,
          createdAt: Number(pending.created_at),
        },
        dimensions,
      );
    }
    return 'created';
  }

  #writeSignal(
    projectId: string,
    record: SignalRecord,
    receivedAt: number,
    rollups: RollupAccumulator,
    dimensionsCache: Map<string, Dimensions | null>,
  ): WriteStatus {
    const dimensions =
      record.interactionId === null ? null : this.#dimensionsOf(projectId, record.interactionId, dimensionsCache);
    // A signal about an interaction not stored yet waits (rolled_up = 0) and is counted when it arrives.
    const waiting = record.interactionId !== null && dimensions === null;
    const row = toSignalRow(projectId, record, receivedAt, !waiting);
    const { changes } = this.#insertSignal.run(...SIGNAL_COLUMNS.map((c) => row[c]));
    if (changes === 0) return 'duplicate';
    if (!waiting) rollups.addSignal(record, dimensions);
    return 'created';
  }

  #dimensionsOf(projectId: string, interactionId: string, cache: Map<string, Dimensions | null>): Dimensions | null {
    const cached = cache.get(interactionId);
    if (cached !== undefined) return cached;
    const row = this.#selectDimensions.get(projectId, interactionId) as
      | Pick<InteractionTable, (typeof DIMENSION_COLUMNS)[number]>
      | undefined;
    const dimensions = row ? dimensionsOfRow(row) : null;
    cache.set(interactionId, dimensions);
    return dimensions;
  }
}
