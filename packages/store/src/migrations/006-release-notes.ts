import type { Kysely } from 'kysely';

/**
 * "We improved on X" notes: drafted when a new version improves something significantly, approved (and
 * possibly edited) by the team, then served to the app's users. `subject_key` makes drafting idempotent:
 * one note per improvement of one measure from one version to the next.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('release_notes')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'text')
    .addPrimaryKeyConstraint('release_notes_pk', ['project_id', 'id'])
    .addUniqueConstraint('release_notes_subject', ['project_id', 'subject_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('release_notes').execute();
}
