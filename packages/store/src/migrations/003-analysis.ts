import { type Kysely, sql } from 'kysely';

/**
 * What honest analysis needs beside the raw rollups:
 * - `signals.screened`: 0 until the screening pass (latest-vote-wins and the abuse filter) has seen the
 *   signal; a partial index keeps the backlog cheap to find.
 * - `signal_flags`: signals set aside, with the reason. Nothing is deleted; a flag only takes the signal
 *   out of the filtered views.
 * - `rollup_adjustments`: the rollup cells of flagged signals, per reason, so a view is
 *   `rollups − adjustments` and costs the same however many events there are.
 * - `latest_votes`: each user's current vote per interaction and vote type (thumbs, rating).
 * - `signals_user`: a user's recent signals, for the rate rules and for forgetting a user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('signals')
    .addColumn('screened', 'smallint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('signals_unscreened')
    .on('signals')
    .columns(['project_id', 'created_at'])
    .where(sql.ref('screened'), '=', 0)
    .execute();
  await db.schema.createIndex('signals_user').on('signals').columns(['project_id', 'user_id', 'created_at']).execute();
  await db.schema.createIndex('interactions_user').on('interactions').columns(['project_id', 'user_id']).execute();

  await db.schema
    .createTable('signal_flags')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('signal_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text')
    .addColumn('flagged_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('signal_flags_pk', ['project_id', 'signal_id'])
    .execute();
  await db.schema.createIndex('signal_flags_user').on('signal_flags').columns(['project_id', 'user_id']).execute();

  // Written out rather than derived from the rollup key list: a migration must not change after release.
  await db.schema
    .createTable('rollup_adjustments')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('prompt_template', 'text', (c) => c.notNull())
    .addColumn('prompt_version', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_adjustments_pk', [
      'project_id',
      'bucket_start',
      'tenant',
      'feature',
      'language',
      'model',
      'model_version',
      'prompt_template',
      'prompt_version',
      'metric',
      'value_key',
      'reason',
    ])
    .execute();

  await db.schema
    .createTable('latest_votes')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('voter', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('signal_id', 'text', (c) => c.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(0))
    // The abuse-filter reason the current vote is set aside for, '' when it counts.
    .addColumn('flag', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('latest_votes_pk', ['project_id', 'interaction_id', 'voter', 'type'])
    .execute();
  await db.schema.createIndex('latest_votes_voter').on('latest_votes').columns(['project_id', 'voter']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('latest_votes').execute();
  await db.schema.dropTable('rollup_adjustments').execute();
  await db.schema.dropTable('signal_flags').execute();
  await db.schema.dropIndex('interactions_user').execute();
  await db.schema.dropIndex('signals_user').execute();
  await db.schema.dropIndex('signals_unscreened').execute();
  await db.schema.alterTable('signals').dropColumn('screened').execute();
}
