/**
 * Builds the daily pair rollups (`rollup_day_pairs`, migration 014) from the hourly rollups, one day at a
 * time, for days whose rollups changed since their pairs were last built. Ingestion only counts those
 * changes (`rollup_day_changes`); this runs in the background, so a write pays for three rollup tables,
 * not for 21 pairs of dimensions per hourly row.
 */
import { type Kysely, sql } from 'kysely';
import { DAY_MS, dayPairRowsOf, type RollupRow } from '../rollup.js';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';

/** Rows per insert: 10 parameters each stays below both engines' parameter limits. */
const CHUNK = 2000;

export interface DayPairsProgress {
  /** Days whose pairs were rebuilt by this call. */
  built: number;
  /** Finished days still stale after it (more to do on the next call). */
  remaining: number;
}

/**
 * Rebuilds the pairs of at most `maxDays` stale days of a project, most recent first. Only days that have
 * ended by `now` are built: the current day changes with every write, and a range ending now reads its
 * partial last day from the hourly rollups anyway.
 */
export async function buildDayPairs(
  store: Store,
  projectId: string,
  { maxDays = 7, now = Date.now() }: { maxDays?: number; now?: number } = {},
): Promise<DayPairsProgress> {
  const stale = await store.db
    .selectFrom('rollup_day_changes')
    .select('day_start')
    .where('project_id', '=', projectId)
    .where('day_start', '<=', now - DAY_MS)
    .whereRef('built', '<', 'changes')
    .orderBy('day_start', 'desc')
    .execute();
  const days = stale.slice(0, maxDays).map((d) => Number(d.day_start));
  for (const day of days) await buildDay(store, projectId, day);
  return { built: days.length, remaining: stale.length - days.length };
}

async function buildDay(store: Store, projectId: string, day: number): Promise<void> {
  await store.exclusive(`day-pairs:${projectId}`, async (trx) => {
    // Taking the day's change row first locks it (PostgreSQL): a write to this day waits, then counts a
    // change after ours, so `built` never claims a write the rows below did not see.
    const state = await trx
      .updateTable('rollup_day_changes')
      .set({ built: sql<number>`built` })
      .where('project_id', '=', projectId)
      .where('day_start', '=', day)
      .returning('changes')
      .executeTakeFirst();
    if (!state) return;
    const hourly = (await trx
      .selectFrom('rollups')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('bucket_start', '>=', day)
      .where('bucket_start', '<', day + DAY_MS)
      .execute()) as RollupRow[];
    // PostgreSQL returns bigint columns as strings.
    const numeric = hourly.map((r) => ({
      ...r,
      bucket_start: Number(r.bucket_start),
      count: Number(r.count),
      value_sum: Number(r.value_sum),
    }));
    const pairs = dayPairRowsOf(numeric);
    await trx.deleteFrom('rollup_day_pairs').where('project_id', '=', projectId).where('day_start', '=', day).execute();
    for (let i = 0; i < pairs.length; i += CHUNK) {
      await trx
        .insertInto('rollup_day_pairs')
        .values(pairs.slice(i, i + CHUNK))
        .execute();
    }
    await trx
      .updateTable('rollup_day_changes')
      .set({ built: Number(state.changes) })
      .where('project_id', '=', projectId)
      .where('day_start', '=', day)
      .execute();
  });
}

/**
 * How many writes have ever changed a project's rollups (the sum of `rollup_day_changes.changes`). Every
 * signal ingested with its interaction changes them, so a reader that remembers this number can tell
 * whether any feedback arrived since it last looked, from a few dozen rows.
 */
export async function rollupWriteCount(db: Kysely<Database>, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('rollup_day_changes')
    .select((eb) => eb.fn.sum<number | string | null>('changes').as('writes'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(row?.writes ?? 0);
}
