import { type Kysely, PostgresAdapter, sql } from 'kysely';

const DAY_MS = 86_400_000;

/** As of this migration; written out because a migration must not change after release. */
const DIMENSIONS = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/**
 * Per theme run, UTC day and theme: how many members carry each evidence set and each dimension value, and
 * the first of them (smallest interaction id, byte order). The themes overview and trends read whole days
 * from here and only a period's partial first and last day from `theme_members`: at 1M interactions a
 * 30-day overview counted 143,775 members into 40,161 theme × cohort groups on every page load
 * (bench/README.md "Dashboard"). Written with the members, in the same transaction
 * (services/src/themes/member-days.ts), so it is never stale.
 *
 * `facet` is `evidence` or a dimension column; `value` is the evidence JSON or the dimension's value
 * ('' when absent).
 *
 * Indexes: `theme_members_run_cohort` (015) served the count this table replaces, and goes.
 * `theme_members_run_time` (011) becomes `theme_members_run_time_facets`, the same prefix with the evidence
 * and dimensions added, so a partial day is counted from the index alone: 220 → 140 ms for a 7-day overview
 * whose ends fall mid-day, at 1M interactions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('theme_member_days')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('members', 'bigint', (c) => c.notNull())
    .addColumn('first_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_member_days_pk', [
      'project_id',
      'run_id',
      'facet',
      'theme_id',
      'value',
      'day_start',
    ])
    .execute();
  // PostgreSQL compares text by the database's collation; the first id is by byte order, as on SQLite.
  const firstId =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`min(interaction_id collate "C")`
      : sql`min(interaction_id)`;
  const day = sql`interaction_created_at - (interaction_created_at % ${sql.lit(DAY_MS)})`;
  const facets = [
    { facet: 'evidence', value: sql`evidence` },
    ...DIMENSIONS.map((c) => ({ facet: c, value: sql`coalesce(${sql.ref(c)}, '')` })),
  ];
  for (const { facet, value } of facets) {
    await sql`INSERT INTO theme_member_days (project_id, run_id, facet, theme_id, value, day_start, members, first_id)
      SELECT project_id, run_id, ${sql.lit(facet)}, theme_id, ${value}, ${day}, count(*), ${firstId}
      FROM theme_members GROUP BY project_id, run_id, theme_id, ${value}, ${day}`.execute(db);
  }
  await db.schema.dropIndex('theme_members_run_cohort').execute();
  await db.schema.dropIndex('theme_members_run_time').execute();
  await db.schema
    .createIndex('theme_members_run_time_facets')
    .on('theme_members')
    .columns([
      'project_id',
      'run_id',
      'interaction_created_at',
      'theme_id',
      'evidence',
      ...DIMENSIONS,
      'interaction_id',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('theme_members_run_time_facets').execute();
  await db.schema
    .createIndex('theme_members_run_time')
    .on('theme_members')
    .columns(['project_id', 'run_id', 'interaction_created_at', 'theme_id', 'interaction_id'])
    .execute();
  await db.schema
    .createIndex('theme_members_run_cohort')
    .on('theme_members')
    .columns(['project_id', 'run_id', 'theme_id', ...DIMENSIONS, 'interaction_created_at', 'interaction_id'])
    .execute();
  await db.schema.dropTable('theme_member_days').execute();
}
