import type { Kysely } from 'kysely';

/**
 * Themes: each clustering run of a project's failure pool, the themes it found, and every pool item's
 * membership (theme, or noise: theme_id ''), including items assigned later to the nearest theme.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('theme_runs')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_to', 'bigint', (c) => c.notNull())
    .addColumn('tenant', 'text')
    .addColumn('representation', 'text', (c) => c.notNull())
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('pool_size', 'integer', (c) => c.notNull())
    .addColumn('noise', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('theme_runs_pk', ['project_id', 'id'])
    .execute();
  await db.schema
    .createTable('themes')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('themes_pk', ['project_id', 'id'])
    .execute();
  await db.schema.createIndex('themes_run').on('themes').columns(['project_id', 'run_id']).execute();
  await db.schema
    .createTable('theme_members')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.notNull())
    .addColumn('similarity', 'double precision', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_source', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('interaction_created_at', 'bigint', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_members_pk', ['project_id', 'run_id', 'interaction_id'])
    .execute();
  await db.schema
    .createIndex('theme_members_theme')
    .on('theme_members')
    .columns(['project_id', 'theme_id', 'interaction_created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['theme_members', 'themes', 'theme_runs']) await db.schema.dropTable(table).execute();
}
