import type { Kysely, Transaction } from 'kysely';
import {
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

/**
 * Adds rollup rows to the table (insert, or add to the existing counts), and their daily and hourly
 * marginals to `rollup_marginals` and `rollup_hour_marginals`. Rows must be in a fixed order.
 */
export async function addRollups(db: Kysely<Database> | Transaction<Database>, rows: RollupRow[]): Promise<void> {
  await addHourlyRollups(db, rows);
  const marginals = marginalRowsOf(rows).filter((r) => r.count !== 0 || r.value_sum !== 0);
  for (let i = 0; i < marginals.length; i += CHUNK) {
    await db
      .insertInto('rollup_marginals')
      .values(marginals.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns([...MARGINAL_KEY_COLUMNS]).doUpdateSet((eb) => ({
          count: eb('rollup_marginals.count', '+', eb.ref('excluded.count')),
          value_sum: eb('rollup_marginals.value_sum', '+', eb.ref('excluded.value_sum')),
        })),
      )
      .execute();
  }
  const hourly = hourMarginalRowsOf(rows).filter((r) => r.count !== 0 || r.value_sum !== 0);
  for (let i = 0; i < hourly.length; i += CHUNK) {
    await db
      .insertInto('rollup_hour_marginals')
      .values(hourly.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns([...HOUR_MARGINAL_KEY_COLUMNS]).doUpdateSet((eb) => ({
          count: eb('rollup_hour_marginals.count', '+', eb.ref('excluded.count')),
          value_sum: eb('rollup_hour_marginals.value_sum', '+', eb.ref('excluded.value_sum')),
        })),
      )
      .execute();
  }
}

async function addHourlyRollups(db: Kysely<Database> | Transaction<Database>, rows: RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('rollups')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns([...ROLLUP_KEY_COLUMNS]).doUpdateSet((eb) => ({
          count: eb('rollups.count', '+', eb.ref('excluded.count')),
          value_sum: eb('rollups.value_sum', '+', eb.ref('excluded.value_sum')),
        })),
      )
      .execute();
  }
}

/** Adds rows to the rollup cells set aside for `reason` (counts may be negative: a signal moved away). */
export async function addRollupAdjustments(
  db: Kysely<Database> | Transaction<Database>,
  reason: string,
  rows: RollupRow[],
): Promise<void> {
  const changed = rows.filter((r) => r.count !== 0 || r.value_sum !== 0);
  for (let i = 0; i < changed.length; i += CHUNK) {
    await db
      .insertInto('rollup_adjustments')
      .values(changed.slice(i, i + CHUNK).map((r) => ({ ...r, reason })))
      .onConflict((oc) =>
        oc.columns([...ROLLUP_KEY_COLUMNS, 'reason']).doUpdateSet((eb) => ({
          count: eb('rollup_adjustments.count', '+', eb.ref('excluded.count')),
          value_sum: eb('rollup_adjustments.value_sum', '+', eb.ref('excluded.value_sum')),
        })),
      )
      .execute();
  }
}
