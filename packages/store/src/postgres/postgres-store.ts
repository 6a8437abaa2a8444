/**
 * PostgreSQL: the scale-out backend. Any number of server processes may share one database, so every
 * write is safe under concurrency: `ON CONFLICT DO NOTHING` decides which copy of a duplicate wins, and
 * a signal that raced its own interaction is linked by whichever transaction commits last (see
 * `#linkAfterCommit`), claimed with `rolled_up = 0 → 1` so it is counted exactly once.
 */
import type { Dimensions } from '@feedloop/core';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type MigrationReport, migrateToLatest } from '../migrations/index.js';
import { addRollups } from '../queries/rollups.js';
import { RollupAccumulator } from '../rollup.js';
import { DIMENSION_COLUMNS, dimensionsOfRow, toDocumentRows, toInteractionRow, toSignalRow } from '../row-mapping.js';
import type { Database } from '../schema.js';
import type { IngestBatch, IngestOutcome, Store, WriteStatus } from '../store.js';

/** bigint columns hold epoch milliseconds and counts, well inside the exact range of a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const CHUNK = 2000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Rows go to the database in id order: two transactions inserting overlapping ids then take their row
 * locks in the same order and cannot deadlock.
 */
function inIdOrder<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Marks each id created the first time the insert returned it, and duplicate otherwise. */
function statusesFor(ids: string[], inserted: Set<string>): WriteStatus[] {
  return ids.map((id) => (inserted.delete(id) ? 'created' : 'duplicate'));
}

export interface PostgresStoreOptions {
  connectionString: string;
  maxConnections?: number;
}

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  readonly capabilities = { sharedByProcesses: true };
  readonly db: Kysely<Database>;

  constructor(options: PostgresStoreOptions) {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }

  async migrate(): Promise<MigrationReport> {
    const report = await migrateToLatest(this.db as Kysely<unknown>);
    if (!report.error) await this.linkPendingSignals();
    return report;
  }

  async ingest(projectId: string, batch: IngestBatch, receivedAt: number): Promise<IngestOutcome> {
    const { outcome, waitingFor } = await this.db
      .transaction()
      .execute((trx) => this.#write(trx, projectId, batch, receivedAt));
    if (waitingFor.size > 0) await this.#linkAfterCommit(projectId, [...waitingFor]);
    return outcome;
  }

  async #write(
    trx: Transaction<Database>,
    projectId: string,
    batch: IngestBatch,
    receivedAt: number,
  ): Promise<{ outcome: IngestOutcome; waitingFor: Set<string> }> {
    const rollups = new RollupAccumulator(projectId);
    const dimensions = new Map<string, Dimensions>();
    // Interaction ids whose signals may have raced a concurrent transaction; linked after commit.
    const waitingFor = new Set<string>();

    const insertedInteractions = new Set<string>();
    for (const part of chunks(inIdOrder(batch.interactions))) {
      const rows = part.map((r) => toInteractionRow(projectId, r, receivedAt));
      const inserted = await trx
        .insertInto('interactions')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const { id } of inserted) insertedInteractions.add(id);
    }
    const interactionStatuses = statusesFor(
      batch.interactions.map((r) => r.id),
      new Set(insertedInteractions),
    );
    const created = batch.interactions.filter((_, i) => interactionStatuses[i] === 'created');
    const documents = created.flatMap((r) => toDocumentRows(projectId, r));
    for (const part of chunks(documents)) {
      await trx
        .insertInto('interaction_documents')
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const record of created) {
      dimensions.set(record.id, record);
      rollups.addInteraction(record.createdAt, record);
      waitingFor.add(record.id);
    }
    for (const part of chunks(created.map((r) => r.id))) {
      const claimed = await trx
        .updateTable('signals')
        .set({ rolled_up: 1 })
        .where('project_id', '=', projectId)
        .where('interaction_id', 'in', part)
        .where('rolled_up', '=', 0)
        .returning(['interaction_id', 'type', 'value_num', 'created_at'])
        .execute();
      for (const s of claimed) {
        rollups.addSignal(
          { type: s.type, valueNum: s.value_num, createdAt: s.created_at },
          dimensions.get(s.interaction_id ?? '') ?? null,
        );
      }
    }

    const unknown = [
      ...new Set(
        batch.signals.map((s) => s.interactionId).filter((id): id is string => id !== null && !dimensions.has(id)),
      ),
    ];
    for (const part of chunks(unknown)) {
      const rows = await trx
        .selectFrom('interactions')
        .select(['id', ...DIMENSION_COLUMNS])
        .where('project_id', '=', projectId)
        .where('id', 'in', part)
        .execute();
      for (const row of rows) dimensions.set(row.id, dimensionsOfRow(row));
    }

    const signalRows = batch.signals.map((r) => {
      const waiting = r.interactionId !== null && !dimensions.has(r.interactionId);
      if (waiting && r.interactionId !== null) waitingFor.add(r.interactionId);
      return toSignalRow(projectId, r, receivedAt, !waiting);
    });
    const insertedSignals = new Set<string>();
    for (const part of chunks(inIdOrder(signalRows))) {
      const inserted = await trx
        .insertInto('signals')
        .values(part)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      for (const { id } of inserted) insertedSignals.add(id);
    }
    const signalStatuses = statusesFor(
      batch.signals.map((r) => r.id),
      insertedSignals,
    );
    batch.signals.forEach((record, i) => {
      if (signalStatuses[i] !== 'created' || signalRows[i]?.rolled_up !== 1) return;
      rollups.addSignal(record, record.interactionId === null ? null : (dimensions.get(record.interactionId) ?? null));
    });
    await addRollups(trx, rollups.rows());
    return { outcome: { interactions: interactionStatuses, signals: signalStatuses }, waitingFor };
  }

  /**
   * A signal and its interaction written at the same moment by two transactions cannot see each other.
   * Whichever commits second finds the pair here and counts the signal; the claim makes it exactly once.
   */
  async #linkAfterCommit(projectId: string, interactionIds: string[]): Promise<void> {
    for (const part of chunks(interactionIds)) {
      await this.#claimAndRollUp(sql`s.project_id = ${projectId} AND s.interaction_id IN (${sql.join(part)})`);
    }
  }

  exclusive<T>(lock: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${lock}))`.execute(trx);
      return work(trx);
    });
  }

  async linkPendingSignals(): Promise<number> {
    return this.#claimAndRollUp(sql`true`);
  }

  async #claimAndRollUp(filter: ReturnType<typeof sql>): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const dims = DIMENSION_COLUMNS.map((c) => sql.ref(`i.${c}`));
      const claimed = await sql<{
        project_id: string;
        type: string;
        value_num: number | null;
        created_at: number;
        tenant: string | null;
        feature: string | null;
        language: string | null;
        model: string | null;
        model_version: string | null;
        prompt_template: string | null;
        prompt_version: string | null;
      }>`UPDATE signals s SET rolled_up = 1 FROM interactions i
         WHERE s.rolled_up = 0 AND i.project_id = s.project_id AND i.id = s.interaction_id AND ${filter}
         RETURNING s.project_id, s.type, s.value_num, s.created_at, ${sql.join(dims)}`.execute(trx);
      const byProject = new Map<string, RollupAccumulator>();
      for (const row of claimed.rows) {
        const rollups = byProject.get(row.project_id) ?? new RollupAccumulator(row.project_id);
        byProject.set(row.project_id, rollups);
        rollups.addSignal(
          { type: row.type, valueNum: row.value_num, createdAt: Number(row.created_at) },
          dimensionsOfRow(row),
        );
      }
      for (const rollups of byProject.values()) await addRollups(trx, rollups.rows());
      return claimed.rows.length;
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
