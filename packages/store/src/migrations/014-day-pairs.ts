import { type Kysely, sql } from 'kysely';

const DAY_MS = 86_400_000;

/**
 * Daily pair rollups: per day, each pair of dimensions' value combinations — what a read with two
 * dimension filters (or one filter and a grouping by another dimension) needs, without walking the hourly
 * rollups, which cross all seven dimensions. Unlike the marginals they are not written by ingestion
 * (21 pairs per hourly row would slow every write): ingestion only counts changes per day in
 * `rollup_day_changes`, and a background job rebuilds a day's pairs from its hourly rollups. A day whose
 * pairs are older than its last change is read from the hourly rollups.
 *
 * Every existing day is recorded as changed and not built, so the job builds them after the upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_day_pairs')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('dim_a', 'text', (c) => c.notNull())
    .addColumn('dim_b', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('value_a', 'text', (c) => c.notNull())
    .addColumn('value_b', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_day_pairs_pk', [
      'project_id',
      'dim_a',
      'dim_b',
      'day_start',
      'value_a',
      'value_b',
      'metric',
      'value_key',
    ])
    .execute();
  await db.schema
    .createTable('rollup_day_changes')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('changes', 'bigint', (c) => c.notNull())
    .addColumn('built', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_day_changes_pk', ['project_id', 'day_start'])
    .execute();
  // The daily marginal totals name every day that has rollups, in far fewer rows than the rollups.
  await sql`INSERT INTO rollup_day_changes (project_id, day_start, changes, built)
    SELECT DISTINCT project_id, day_start - (day_start % ${sql.lit(DAY_MS)}), 1, 0
    FROM rollup_marginals WHERE dimension = ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_day_changes').execute();
  await db.schema.dropTable('rollup_day_pairs').execute();
}
