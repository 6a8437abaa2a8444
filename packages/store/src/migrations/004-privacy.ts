import type { Kysely } from 'kysely';

/**
 * Privacy operations (docs/privacy.md):
 * - `audit_log`: who forgot which user, purged what, changed which setting — written in the same
 *   transaction as the change it records.
 * - `text_purged_at` on interactions and signals: when retention removed the row's raw text (null while it
 *   still holds it), so a purge touches each row once and readers can tell "purged" from "never sent".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['project_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['project_id', 'subject']).execute();

  await db.schema.alterTable('interactions').addColumn('text_purged_at', 'bigint').execute();
  await db.schema.alterTable('signals').addColumn('text_purged_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signals').dropColumn('text_purged_at').execute();
  await db.schema.alterTable('interactions').dropColumn('text_purged_at').execute();
  await db.schema.dropTable('audit_log').execute();
}
