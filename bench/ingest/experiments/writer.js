/**
 * EXPERIMENT ONLY — a copy of the built write path (packages/store/dist/sqlite/sqlite-ingest-writer.js as of
 * commit adc4ff1, with the input_hash column) with switchable changes, to measure proposed fixes
 * side by side without touching the store. It is not used by `npm run bench:ingest` unless a
 * `--variant=…` is given. Changes, each off by default:
 *
 * - `dimensionCache`: remember interaction dimensions across requests (a bounded map of found
 *   interactions only: an interaction's dimensions never change once stored, and a miss is never cached
 *   because the interaction may arrive later). The original caches per request only, so nearly every
 *   signal of a batch costs a `SELECT … FROM interactions` by primary key.
 *
 * It also counts flushes, requests and rows per flush, and time spent in the flush and in COMMIT.
 */
import { RollupAccumulator } from '@feedloop/store';
import {
  DIMENSION_COLUMNS,
  dimensionsOfRow,
  toDocumentRows,
  toInteractionRow,
  toSignalRow,
} from '../../../packages/store/dist/row-mapping.js';

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
];
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
];
const ROLLUP_KEY = [
  'project_id',
  'bucket_start',
  'tenant',
  'feature',
  'language',
  'model',
  'model_version',
  'prompt_template',
  'prompt_version',
  'metric',
  'value_key',
];
const placeholders = (/** @type {number} */ n) => Array.from({ length: n }, () => '?').join(', ');
const DIMENSION_CACHE_SIZE = 100_000;

export class ExperimentalWriter {
  #insertInteraction;
  #insertDocument;
  #selectDimensions;
  #claimPending;
  #insertSignal;
  #upsertRollup;
  #writeAll;
  /** @type {any[]} */
  #queue = [];
  #scheduled = false;
  /** @type {Map<string, any> | null} */
  #dimensions;
  stats = { flushes: 0, requests: 0, rows: 0, flushMs: 0, commitMs: 0, lookups: 0 };

  /**
   * @param {import('better-sqlite3').Database} db
   * @param {{ dimensionCache?: boolean }} [options]
   */
  constructor(db, options = {}) {
    this.#dimensions = options.dimensionCache ? new Map() : null;
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
      `INSERT INTO rollups (${ROLLUP_KEY.join(', ')}, count, value_sum) VALUES (${placeholders(ROLLUP_KEY.length + 2)})
       ON CONFLICT (${ROLLUP_KEY.join(', ')}) DO UPDATE SET count = count + excluded.count, value_sum = value_sum + excluded.value_sum`,
    );
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');
    const rollback = db.prepare('ROLLBACK');
    const writeOne = db.transaction((/** @type {any} */ job) => this.#write(job));
    // Same as `db.transaction(...)` in the original, unrolled so the COMMIT can be timed.
    this.#writeAll = (/** @type {any[]} */ jobs) => {
      begin.run();
      try {
        for (const job of jobs) {
          try {
            job.outcome = writeOne(job);
          } catch (error) {
            job.error = error;
          }
        }
        const start = performance.now();
        commit.run();
        this.stats.commitMs += performance.now() - start;
      } catch (error) {
        if (db.inTransaction) rollback.run();
        throw error;
      }
    };
  }

  /** @param {string} projectId @param {any} batch @param {number} receivedAt */
  write(projectId, batch, receivedAt) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ projectId, batch, receivedAt, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** @param {any[]} rows */
  addRollups(rows) {
    for (const r of rows) {
      this.#upsertRollup.run(...ROLLUP_KEY.map((c) => r[c]), r.count, r.value_sum);
    }
  }

  #flush() {
    const jobs = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    const start = performance.now();
    try {
      this.#writeAll(jobs);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    this.stats.flushMs += performance.now() - start;
    this.stats.flushes++;
    this.stats.requests += jobs.length;
    for (const job of jobs) {
      this.stats.rows += job.batch.signals.length + job.batch.interactions.length;
      if (job.outcome) job.resolve(job.outcome);
      else job.reject(job.error);
    }
  }

  /** @param {any} job */
  #write({ projectId, batch, receivedAt }) {
    const rollups = new RollupAccumulator(projectId);
    const dimensionsCache = new Map();
    const interactions = batch.interactions.map((/** @type {any} */ record) =>
      this.#writeInteraction(projectId, record, receivedAt, rollups, dimensionsCache),
    );
    const signals = batch.signals.map((/** @type {any} */ record) =>
      this.#writeSignal(projectId, record, receivedAt, rollups, dimensionsCache),
    );
    this.addRollups(rollups.rows());
    return { interactions, signals };
  }

  /** @param {string} projectId @param {any} record @param {number} receivedAt @param {any} rollups @param {Map<string, any>} dimensionsCache */
  #writeInteraction(projectId, record, receivedAt, rollups, dimensionsCache) {
    const row = /** @type {Record<string, unknown>} */ (toInteractionRow(projectId, record, receivedAt));
    const { changes } = this.#insertInteraction.run(...INTERACTION_COLUMNS.map((c) => row[c]));
    if (changes === 0) return 'duplicate';
    for (const doc of toDocumentRows(projectId, record)) {
      this.#insertDocument.run(doc.project_id, doc.interaction_id, doc.position, doc.doc_id, doc.source, doc.score);
    }
    const dimensions = record;
    dimensionsCache.set(record.id, dimensions);
    rollups.addInteraction(record.createdAt, dimensions);
    for (const pending of /** @type {any[]} */ (this.#claimPending.all(projectId, record.id))) {
      rollups.addSignal(
        { type: String(pending.type), valueNum: pending.value_num, createdAt: Number(pending.created_at) },
        dimensions,
      );
    }
    return 'created';
  }

  /** @param {string} projectId @param {any} record @param {number} receivedAt @param {any} rollups @param {Map<string, any>} dimensionsCache */
  #writeSignal(projectId, record, receivedAt, rollups, dimensionsCache) {
    const dimensions =
      record.interactionId === null ? null : this.#dimensionsOf(projectId, record.interactionId, dimensionsCache);
    const waiting = record.interactionId !== null && dimensions === null;
    const row = /** @type {Record<string, unknown>} */ (toSignalRow(projectId, record, receivedAt, !waiting));
    const { changes } = this.#insertSignal.run(...SIGNAL_COLUMNS.map((c) => row[c]));
    if (changes === 0) return 'duplicate';
    if (!waiting) rollups.addSignal(record, dimensions);
    return 'created';
  }

  /** @param {string} projectId @param {string} interactionId @param {Map<string, any>} cache */
  #dimensionsOf(projectId, interactionId, cache) {
    const cached = cache.get(interactionId);
    if (cached !== undefined) return cached;
    const key = `${projectId}\u0000${interactionId}`;
    const known = this.#dimensions?.get(key);
    if (known !== undefined) {
      cache.set(interactionId, known);
      return known;
    }
    this.stats.lookups++;
    const row = /** @type {any} */ (this.#selectDimensions.get(projectId, interactionId));
    const dimensions = row ? dimensionsOfRow(row) : null;
    cache.set(interactionId, dimensions);
    if (dimensions && this.#dimensions) {
      if (this.#dimensions.size >= DIMENSION_CACHE_SIZE) {
        const oldest = this.#dimensions.keys().next().value;
        if (oldest !== undefined) this.#dimensions.delete(oldest);
      }
      this.#dimensions.set(key, dimensions);
    }
    return dimensions;
  }
}
