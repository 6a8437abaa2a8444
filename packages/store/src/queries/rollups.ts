import { type Kysely, sql, type Transaction } from 'kysely';
import {
  changedDaysOf,
  HOUR_MARGINAL_KEY_COLUMNS,
  hourMarginalRowsOf,
  MARGINAL_KEY_COLUMNS,
  marginalRowsOf,
  ROLLUP_KEY_COLUMNS,
  type RollupRow,
} from '../rollup.js';
import type { Database } from '../schema.js';

/** Rows per statement: 13 parameters each stays far below PostgreSQL's 65,535-parameter limit. */
const CHUNK = 2000;

/** The tables of summed cells: a key, a `count` and a `value_sum` that writes add to. */
type CountTable = 'rollups' | 'rollup_adjustments' | 'rollup_marginals' | 'rollup_hour_marginals';

const isEmpty = (r: { count: number; value_sum: number }) => r.count === 0 && r.value_sum === 0;

/** Inserts each row, or adds its count and sum to the row already under its key. */
async function addCounts(
  db: Kysely<Database> | Transaction<Database>,
  table: CountTable,
  keyColumns: readonly string[],
  rows: ReadonlyArray<{ count: number; value_sum: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      // The four tables share the shape that matters here; their rows come typed from the callers.
      .insertInto(table as 'rollups')
      .values(rows.slice(i, i + CHUNK) as Database['rollups'][])
      .onConflict((oc) =>
        oc.columns(keyColumns as (typeof ROLLUP_KEY_COLUMNS)[number][]).doUpdateSet({
          count: sql<number>`${sql.ref(`${table}.count`)} + excluded.count`,
          value_sum: sql<number>`${sql.ref(`${table}.value_sum`)} + excluded.value_sum`,
        }),
      )
      .execute();
  }
}

/**
 * Adds rollup rows to the table (insert, or add to the existing counts), and their daily and hourly
 * marginals to `rollup_marginals` and `rollup_hour_marginals`. Rows must be in a fixed order.
 */
export async function addRollups(db: Kysely<Database> | Transaction<Database>, rows: RollupRow[]): Promise<void> {
  await addCounts(db, 'rollups', ROLLUP_KEY_COLUMNS, rows);
  await addCounts(
    db,
    'rollup_marginals',
    MARGINAL_KEY_COLUMNS,
    marginalRowsOf(rows).filter((r) => !isEmpty(r)),
  );
  await addCounts(
    db,
    'rollup_hour_marginals',
    HOUR_MARGINAL_KEY_COLUMNS,
    hourMarginalRowsOf(rows).filter((r) => !isEmpty(r)),
  );
  await markDaysChanged(db, rows);
}

/**
 * Counts one more change for each day the rows fall in: the daily pair rollups of those days are stale
 * until the background job rebuilds them (`buildDayPairs`). Days in a fixed order, as the rows.
 */
async function markDaysChanged(
  db: Kysely<Database> | Transaction<Database>,
  rows: readonly RollupRow[],
): Promise<void> {
  const days = changedDaysOf(rows);
  if (days.length === 0) return;
  await db
    .insertInto('rollup_day_changes')
    .values(days.map((d) => ({ ...d, changes: 1, built: 0 })))
    .onConflict((oc) =>
      oc.columns(['project_id', 'day_start']).doUpdateSet({ changes: sql<number>`rollup_day_changes.changes + 1` }),
    )
    .execute();
}

/** Adds rows to the rollup cells set aside for `reason` (counts may be negative: a signal moved away). */
export async function addRollupAdjustments(
  db: Kysely<Database> | Transaction<Database>,
  reason: string,
  rows: RollupRow[],
): Promise<void> {
  const changed = rows.filter((r) => !isEmpty(r)).map((r) => ({ ...r, reason }));
  await addCounts(db, 'rollup_adjustments', [...ROLLUP_KEY_COLUMNS, 'reason'], changed);
}
