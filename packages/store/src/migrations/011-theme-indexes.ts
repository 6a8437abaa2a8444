import type { Kysely } from 'kysely';

/**
 * Indexes for reading a theme run's members in aggregate (services/src/themes/theme-overview.ts,
 * theme-trends.ts): the overview and the trends count members per theme, evidence, week and cohort in SQL,
 * and read text only for the few examples. Both indexes cover what those reads need, so they never read the
 * table's rows (which carry each member's text). Before these, reading a run's members meant the primary key
 * and a table row per member, or `theme_members_theme`, which is not per run and so spans every run of the
 * project.
 *
 * - `theme_members_run_theme`: a run's members in theme order, with evidence, similarity, time and id. The
 *   tallies per theme and evidence stream through it without a sort, and each theme's most similar members
 *   come from its entries alone.
 * - `theme_members_run_time`: a run's members by time, with theme and id: a period is a range of it, and
 *   read in time order — about the order of interaction ids — the join to `interactions` for cohorts reads
 *   that table in order. The weekly trend counts are a range of it too.
 *
 * Index names and columns are written out here because a migration must not change after release.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('theme_members_run_theme')
    .on('theme_members')
    .columns(['project_id', 'run_id', 'theme_id', 'evidence', 'similarity', 'interaction_created_at', 'interaction_id'])
    .execute();
  await db.schema
    .createIndex('theme_members_run_time')
    .on('theme_members')
    .columns(['project_id', 'run_id', 'interaction_created_at', 'theme_id', 'interaction_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('theme_members_run_time').execute();
  await db.schema.dropIndex('theme_members_run_theme').execute();
}
