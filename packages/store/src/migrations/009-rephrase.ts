import type { Kysely } from 'kysely';

/**
 * Server-side rephrase detection: a watermark per project and background job (how far by receive time
 * the job has examined), and an index to read interactions in the order they were received. The
 * watermark keeps only a time, never an interaction id, so it holds nothing a user could ask to forget.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_watermarks')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_watermarks_pk', ['project_id', 'job'])
    .execute();
  await db.schema
    .createIndex('interactions_project_received')
    .on('interactions')
    .columns(['project_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interactions_project_received').execute();
  await db.schema.dropTable('job_watermarks').execute();
}
