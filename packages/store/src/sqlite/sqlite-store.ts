import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { type MigrationReport, migrateToLatest } from '../migrations/index.js';
import { RollupAccumulator } from '../rollup.js';
import { DIMENSION_COLUMNS, dimensionsOfRow } from '../row-mapping.js';
import type { Database } from '../schema.js';
import type { IngestBatch, IngestOutcome, Store } from '../store.js';
import { SqliteIngestWriter } from './sqlite-ingest-writer.js';

export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for a throwaway database. */
  filename: string;
}

/**
 * The embedded default: one file, WAL journal, `synchronous = FULL` so that a committed write survives
 * a crash or power loss. One process owns the file; use PostgreSQL to run several server processes.
 */
export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  readonly capabilities = { sharedByProcesses: false };
  readonly db: Kysely<Database>;
  readonly #sqlite: BetterSqlite3.Database;
  #writer: SqliteIngestWriter | undefined;

  constructor(options: SqliteStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.#sqlite = new BetterSqlite3(options.filename);
    this.#sqlite.pragma('journal_mode = WAL');
    this.#sqlite.pragma('synchronous = FULL');
    this.#sqlite.pragma('busy_timeout = 5000');
    this.#sqlite.pragma('cache_size = -131072');
    this.#sqlite.pragma('temp_store = MEMORY');
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: this.#sqlite }) });
  }

  async migrate(): Promise<MigrationReport> {
    const report = await migrateToLatest(this.db as Kysely<unknown>);
    if (!report.error) await this.linkPendingSignals();
    return report;
  }

  ingest(projectId: string, batch: IngestBatch, receivedAt: number): Promise<IngestOutcome> {
    return this.#ingestWriter().write(projectId, batch, receivedAt);
  }

  /** One process owns the file, so holding the writer and Kysely's single connection is enough. */
  async exclusive<T>(_lock: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const release = this.#ingestWriter().hold();
    try {
      return await this.db.transaction().execute(work);
    } finally {
      release();
    }
  }

  #ingestWriter(): SqliteIngestWriter {
    this.#writer ??= new SqliteIngestWriter(this.#sqlite);
    return this.#writer;
  }

  async linkPendingSignals(): Promise<number> {
    const writer = this.#ingestWriter();
    const rows = this.#sqlite
      .prepare(
        `SELECT s.project_id, s.id, s.type, s.value_num, s.created_at, ${DIMENSION_COLUMNS.map((c) => `i.${c}`).join(', ')}
         FROM signals s JOIN interactions i ON i.project_id = s.project_id AND i.id = s.interaction_id
         WHERE s.rolled_up = 0`,
      )
      .all() as Array<Record<string, unknown>>;
    if (rows.length === 0) return 0;
    const markRolledUp = this.#sqlite.prepare('UPDATE signals SET rolled_up = 1 WHERE project_id = ? AND id = ?');
    this.#sqlite.transaction(() => {
      const byProject = new Map<string, RollupAccumulator>();
      for (const row of rows) {
        const projectId = String(row.project_id);
        const rollups = byProject.get(projectId) ?? new RollupAccumulator(projectId);
        byProject.set(projectId, rollups);
        markRolledUp.run(projectId, row.id);
        const dims = dimensionsOfRow(row as unknown as Parameters<typeof dimensionsOfRow>[0]);
        rollups.addSignal(
          { type: String(row.type), valueNum: row.value_num as number | null, createdAt: Number(row.created_at) },
          dims,
        );
      }
      for (const rollups of byProject.values()) writer.addRollups(rollups.rows());
    })();
    return rows.length;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
