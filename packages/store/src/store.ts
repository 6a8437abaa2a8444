/**
 * The one storage interface the server depends on. Two backends implement it: SQLite (embedded default)
 * and PostgreSQL. Anything that is the same on both lives in `queries/` as plain functions over `db`.
 */
import type { InteractionRecord, SignalRecord } from '@feedloop/core';
import type { Kysely, Transaction } from 'kysely';
import type { MigrationReport } from './migrations/index.js';
import type { Database } from './schema.js';

export interface IngestBatch {
  interactions: InteractionRecord[];
  signals: SignalRecord[];
}

export type WriteStatus = 'created' | 'duplicate';

/** Per item, in the order given: whether this write stored it or it was already there. */
export interface IngestOutcome {
  interactions: WriteStatus[];
  signals: WriteStatus[];
}

/** What a backend can do, so callers ask for a capability instead of checking a backend's name. */
export interface StoreCapabilities {
  /** Several server processes may share this database. */
  readonly sharedByProcesses: boolean;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  readonly capabilities: StoreCapabilities;
  /** The query builder over this backend, for the shared queries in `queries/`. */
  readonly db: Kysely<Database>;
  migrate(): Promise<MigrationReport>;
  /**
   * Stores validated items exactly once and updates the rollups in the same transaction. Resolves only
   * once the transaction is durably committed.
   */
  ingest(projectId: string, batch: IngestBatch, receivedAt: number): Promise<IngestOutcome>;
  /**
   * Counts signals that arrived before their interaction once it exists. Ingestion does this itself;
   * this sweep catches what a crash between two steps could leave behind on a shared database.
   */
  linkPendingSignals(): Promise<number>;
  /**
   * Runs `work` in one transaction that no other `exclusive` call with the same `lock` overlaps, on any
   * process sharing the database. For read-modify-write passes (screening, forgetting a user). On SQLite
   * ingestion waits meanwhile, so an acknowledged write never joins a transaction that may roll back.
   */
  exclusive<T>(lock: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
