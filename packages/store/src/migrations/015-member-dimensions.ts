import { type Kysely, sql } from 'kysely';

/** As of this migration; written out because a migration must not change after release. */
const DIMENSIONS = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/**
 * Each theme member keeps a copy of its interaction's dimensions, so the themes overview counts members
 * per theme and cohort from `theme_members` alone: joining a period's members to `interactions` was most
 * of the overview's time at 1M interactions (bench/README.md "Dashboard"). Dimensions of a stored
 * interaction never change, so the copy cannot drift.
 *
 * `theme_members_run_cohort` holds a run's members in theme and cohort order, with time and id, so the
 * count per theme and cohort streams through it without sorting (services/src/themes/theme-store.ts,
 * `memberCohorts`): 610 → 304 ms for the 143,775 members of 30 days, 150 → 83 ms for 7 days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of DIMENSIONS) {
    await db.schema.alterTable('theme_members').addColumn(column, 'text').execute();
  }
  const assignments = sql.join(DIMENSIONS.map((c) => sql`${sql.ref(c)} = i.${sql.ref(c)}`));
  await sql`UPDATE theme_members SET ${assignments} FROM interactions i
    WHERE i.project_id = theme_members.project_id AND i.id = theme_members.interaction_id`.execute(db);
  await db.schema
    .createIndex('theme_members_run_cohort')
    .on('theme_members')
    .columns(['project_id', 'run_id', 'theme_id', ...DIMENSIONS, 'interaction_created_at', 'interaction_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('theme_members_run_cohort').execute();
  for (const column of DIMENSIONS) await db.schema.alterTable('theme_members').dropColumn(column).execute();
}
