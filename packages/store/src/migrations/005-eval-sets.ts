import type { Kysely } from 'kysely';

/**
 * Eval sets: `eval_sets` (one row per set name), `eval_cases` (the draft: each curator decision),
 * `eval_versions` and `eval_version_cases` (published snapshots; content copied, never updated).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eval_sets')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('eval_sets_pk', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('eval_cases')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('set_name', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expected_output', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('signal_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text')
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('eval_cases_pk', ['project_id', 'set_name', 'interaction_id'])
    .execute();
  await db.schema.createIndex('eval_cases_user').on('eval_cases').columns(['project_id', 'user_id']).execute();
  // Candidate lists leave out what a set already decided: probed by interaction.
  await db.schema
    .createIndex('eval_cases_interaction')
    .on('eval_cases')
    .columns(['project_id', 'interaction_id'])
    .execute();

  await db.schema
    .createTable('eval_versions')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('set_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('case_count', 'integer', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('redaction', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('eval_versions_pk', ['project_id', 'set_name', 'version'])
    .execute();

  await db.schema
    .createTable('eval_version_cases')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('set_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('output', 'text')
    .addColumn('expected_output', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('signal_ids', 'text', (c) => c.notNull())
    .addColumn('tenant', 'text')
    .addColumn('feature', 'text')
    .addColumn('model', 'text')
    .addColumn('model_version', 'text')
    .addColumn('prompt_template', 'text')
    .addColumn('prompt_version', 'text')
    .addColumn('interaction_created_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('eval_version_cases_pk', ['project_id', 'set_name', 'version', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['eval_version_cases', 'eval_versions', 'eval_cases', 'eval_sets']) {
    await db.schema.dropTable(table).execute();
  }
}
