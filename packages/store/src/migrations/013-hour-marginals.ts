import { type Kysely, sql } from 'kysely';

const HOUR_MS = 3_600_000;
/** As of this migration; written out because a migration must not change after release. */
const DIMENSIONS = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/**
 * Hourly marginal rollups: per hour, the total (dimension '') and each single dimension's values — what
 * `rollup_marginals` holds per day. Hour series and the partial days at the edges of a range (with at most
 * one dimension filter) read these instead of the hourly rollups, which cross all seven dimensions.
 * Backfilled from the hourly rollups (whose buckets are already hours).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_hour_marginals')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('hour_start', 'bigint', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_hour_marginals_pk', [
      'project_id',
      'dimension',
      'hour_start',
      'value',
      'metric',
      'value_key',
    ])
    .execute();
  const hour = sql`bucket_start - (bucket_start % ${sql.lit(HOUR_MS)})`;
  for (const dimension of ['', ...DIMENSIONS]) {
    // The total has no dimension column to group by (PostgreSQL refuses a constant in GROUP BY).
    const value = dimension === '' ? sql`''` : sql.ref(dimension);
    const groupValue = dimension === '' ? sql`` : sql`, ${sql.ref(dimension)}`;
    await sql`INSERT INTO rollup_hour_marginals (project_id, hour_start, dimension, value, metric, value_key, count, value_sum)
      SELECT project_id, ${hour}, ${sql.lit(dimension)}, ${value}, metric, value_key, SUM(count), SUM(value_sum)
      FROM rollups GROUP BY project_id, ${hour}${groupValue}, metric, value_key`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_hour_marginals').execute();
}
