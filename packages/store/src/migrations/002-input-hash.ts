import type { Kysely } from 'kysely';

/**
 * A hash of each interaction's input, so "the same prompt" can be found with an index: preference
 * pairs from one prompt rated up and down, duplicate detection, rephrasings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('input_hash', 'text').execute();
  await db.schema
    .createIndex('interactions_input_hash')
    .on('interactions')
    .columns(['project_id', 'input_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interactions_input_hash').execute();
  await db.schema.alterTable('interactions').dropColumn('input_hash').execute();
}
