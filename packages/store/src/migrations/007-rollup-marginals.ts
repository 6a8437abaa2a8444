import { type Kysely, sql } from 'kysely';

const DAY_MS = 86_400_000;
/** As of this migration; written out because a migration must not change after release. */
const DIMENSIONS = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/**
 * Daily marginal rollups: per day, the total (dimension '') and each single dimension's values. The hourly
 * rollups cross all seven dimensions, so their row count approaches the event count when dimensions have
 * many values; views over whole days with at most one dimension filter read these instead, whose size
 * depends only on the number of distinct values. Backfilled from the hourly rollups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_marginals')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_marginals_pk', [
      'project_id',
      'dimension',
      'day_start',
      'value',
      'metric',
      'value_key',
    ])
    .execute();
  const day = sql`bucket_start - (bucket_start % ${sql.lit(DAY_MS)})`;
  for (const dimension of ['', ...DIMENSIONS]) {
    // The total has no dimension column to group by (PostgreSQL refuses a constant in GROUP BY).
    const value = dimension === '' ? sql`''` : sql.ref(dimension);
    const groupValue = dimension === '' ? sql`` : sql`, ${sql.ref(dimension)}`;
    await sql`INSERT INTO rollup_marginals (project_id, day_start, dimension, value, metric, value_key, count, value_sum)
      SELECT project_id, ${day}, ${sql.lit(dimension)}, ${value}, metric, value_key, SUM(count), SUM(value_sum)
      FROM rollups GROUP BY project_id, ${day}${groupValue}, metric, value_key`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_marginals').execute();
}
