/**
 * Retention (docs/privacy.md): the raw text of interactions and signals created more than the project's
 * `retentionDays` ago is removed — input, output, the text of retrieved documents, free-text signal values
 * (comments, edits, custom text) and metadata — while rows, ids, dimensions, numbers and every aggregate
 * stay, so counts and analyses do not change. Each row is purged once (`text_purged_at`).
 *
 * The project is read a page of ids at a time outside any transaction, so the server keeps answering;
 * what is due is purged in transactions of about `rowsPerTransaction` rows under the project's lock,
 * each with its audit entry.
 */
import { type Database, getProjectSettings, projectLock, type Store, writeAuditEntry } from '@feedloop/store';
import type { Kysely, Transaction } from 'kysely';
import { chunked } from './chunked.js';
import { purgedContext, purgedSignalValue } from './purge-text.js';

const DAY_MS = 86_400_000;
const PAGE_ROWS = 5000;
const FLUSH_ROWS = 10_000;

export interface RetentionOptions {
  projectId: string;
  /** The time retention is measured from (normally now). */
  now: number;
  /** Who ran it, for the audit log: `schedule`, `cli`, `key:<key id>`. */
  actor: string;
  /** Overrides the project's `retentionDays` for this run; null or absent uses the setting. */
  days?: number | null;
  /** Count what is due without changing anything. */
  dryRun?: boolean;
  /** Ids read per page (default 5,000). */
  pageSize?: number;
  /** Rows purged per transaction, at most (about; default 10,000): each has its own audit entry. */
  rowsPerTransaction?: number;
}

export interface RetentionReport {
  projectId: string;
  /** The retention period applied; null when the project keeps text forever (nothing was done). */
  days: number | null;
  /** Text of rows created before this time (epoch ms) is purged; null when `days` is. */
  before: number | null;
  /** Rows whose text was purged by this run (or would be, in a dry run). */
  interactions: number;
  signals: number;
  dryRun: boolean;
  /** One audit entry per transaction that purged something. */
  auditIds: string[];
}

type Table = 'interactions' | 'signals';

/** Ids of rows created before `before` whose text is still there, a page at a time in id order. */
async function* dueIds(db: Kysely<Database>, table: Table, projectId: string, before: number, pageSize: number) {
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom(table)
      .select(['id', 'created_at', 'text_purged_at'])
      .where('project_id', '=', projectId)
      .orderBy('id')
      .limit(pageSize);
    if (after !== undefined) query = query.where('id', '>', after);
    const page = await query.execute();
    yield page.filter((r) => r.created_at < before && r.text_purged_at == null).map((r) => r.id);
    if (page.length < pageSize) return;
    after = page[page.length - 1]?.id;
    // Let requests run between pages (on SQLite every query holds the event loop while it runs).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function groupIds<R extends { id: string }, K>(rows: readonly R[], keyOf: (row: R) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const ids = groups.get(key);
    if (ids) ids.push(row.id);
    else groups.set(key, [row.id]);
  }
  return groups;
}

async function purgeInteractions(
  trx: Transaction<Database>,
  projectId: string,
  ids: readonly string[],
  before: number,
  purgedAt: number,
): Promise<number> {
  let purged = 0;
  for (const part of chunked(ids)) {
    const rows = await trx
      .selectFrom('interactions')
      .select(['id', 'context'])
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .where('created_at', '<', before)
      .where('text_purged_at', 'is', null)
      .execute();
    // Rows whose purged context is the same (no documents, most often) share one statement.
    for (const [context, same] of groupIds(rows, (row) => purgedContext(row.context))) {
      await trx
        .updateTable('interactions')
        .set({ input: null, output: null, context, metadata: '{}', text_purged_at: purgedAt })
        .where('project_id', '=', projectId)
        .where('id', 'in', same)
        .execute();
    }
    purged += rows.length;
  }
  return purged;
}

async function purgeSignals(
  trx: Transaction<Database>,
  projectId: string,
  ids: readonly string[],
  before: number,
  purgedAt: number,
): Promise<number> {
  let purged = 0;
  for (const part of chunked(ids)) {
    const rows = await trx
      .selectFrom('signals')
      .select(['id', 'type', 'value'])
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .where('created_at', '<', before)
      .where('text_purged_at', 'is', null)
      .execute();
    // Grouped by what the value becomes: null for text, itself for numbers (most signals).
    for (const [value, same] of groupIds(rows, (row) => purgedSignalValue(row.type, row.value))) {
      await trx
        .updateTable('signals')
        .set({ value, metadata: '{}', text_purged_at: purgedAt })
        .where('project_id', '=', projectId)
        .where('id', 'in', same)
        .execute();
    }
    purged += rows.length;
  }
  return purged;
}

/** Applies the project's retention period (or `days`), returning what was purged. */
export async function applyRetention(store: Store, options: RetentionOptions): Promise<RetentionReport> {
  const { projectId, actor } = options;
  const days = options.days ?? (await getProjectSettings(store.db, projectId))?.retentionDays ?? null;
  const dryRun = options.dryRun === true;
  const report: RetentionReport = {
    projectId,
    days,
    before: null,
    interactions: 0,
    signals: 0,
    dryRun,
    auditIds: [],
  };
  if (days === null) return report;
  const before = options.now - days * DAY_MS;
  report.before = before;

  const due: Record<Table, string[]> = { interactions: [], signals: [] };
  const flush = async () => {
    const batch = { interactions: due.interactions, signals: due.signals };
    due.interactions = [];
    due.signals = [];
    if (dryRun) {
      report.interactions += batch.interactions.length;
      report.signals += batch.signals.length;
      return;
    }
    const done = await store.exclusive(projectLock(projectId), async (trx) => {
      const purgedAt = Date.now();
      const interactions = await purgeInteractions(trx, projectId, batch.interactions, before, purgedAt);
      // Theme members keep a copy of the pool text (comment or prompt): it ages with its interaction.
      for (const part of chunked(batch.interactions)) {
        await trx
          .updateTable('theme_members')
          .set({ text: '' })
          .where('project_id', '=', projectId)
          .where('interaction_id', 'in', part)
          .where('interaction_created_at', '<', before)
          .execute();
      }
      const signals = await purgeSignals(trx, projectId, batch.signals, before, purgedAt);
      if (interactions + signals === 0) return { interactions, signals, auditId: undefined };
      const entry = await writeAuditEntry(trx, {
        projectId,
        actor,
        action: 'retention',
        details: { days, before: new Date(before).toISOString(), interactions, signals },
      });
      return { interactions, signals, auditId: entry.id };
    });
    report.interactions += done.interactions;
    report.signals += done.signals;
    if (done.auditId !== undefined) report.auditIds.push(done.auditId);
  };

  for (const table of ['interactions', 'signals'] as const) {
    for await (const ids of dueIds(store.db, table, projectId, before, options.pageSize ?? PAGE_ROWS)) {
      due[table].push(...ids);
      if (due.interactions.length + due.signals.length >= (options.rowsPerTransaction ?? FLUSH_ROWS)) await flush();
    }
  }
  if (due.interactions.length + due.signals.length > 0) await flush();
  return report;
}
