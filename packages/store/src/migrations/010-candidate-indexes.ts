import type { Kysely } from 'kysely';

/**
 * Indexes for ranking eval-set candidates (services/src/eval-sets/candidate-ranking.ts), which reads the
 * failure evidence of the interactions created in a time window: current votes, edit and regenerate
 * signals, and later attempts naming a parent. Before these, finding the edits and regenerations scanned
 * every signal of the project (10,000,000 in bench/dashboard: 20 s), and the later attempts every
 * interaction.
 *
 * - `signals_failure_evidence`: the edit and regenerate signals by interaction, with every column the
 *   ranking reads, so it never reads the table. Partial, because signals are the hottest insert path:
 *   only edits and regenerations (about 1.6% of signals in bench/query's workload) pay for the entry;
 *   every other signal type skips it. Keyed by interaction, so the ranking reads it in the same order as
 *   `latest_votes` and merges the two without sorting. Queries must spell the predicate the same way
 *   (`type IN ('edit', 'regenerate')`, as literals) for SQLite to use it.
 * - `interactions_parent`: later attempts by the attempt they replaced. Partial: only regenerated answers
 *   have a parent.
 * - `interactions_project_time` gains `id`: the ranking bounds the window's interaction ids
 *   (`MIN(id)`, `MAX(id)` of the interactions created in it) from the index alone, instead of reading
 *   each interaction's row. Same number of indexes; it still appends in time order, and it also gives
 *   the interaction list its `(created_at, id)` order.
 *
 * Index names and columns are written out here because a migration must not change after release.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('signals_failure_evidence')
    .on('signals')
    .columns(['project_id', 'interaction_id', 'type', 'id', 'user_id', 'session_id'])
    .where('type', 'in', ['edit', 'regenerate'])
    .execute();
  await db.schema
    .createIndex('interactions_parent')
    .on('interactions')
    .columns(['project_id', 'parent_id'])
    .where('parent_id', 'is not', null)
    .execute();
  await db.schema.dropIndex('interactions_project_time').execute();
  await db.schema
    .createIndex('interactions_project_time')
    .on('interactions')
    .columns(['project_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('interactions_project_time').execute();
  await db.schema
    .createIndex('interactions_project_time')
    .on('interactions')
    .columns(['project_id', 'created_at'])
    .execute();
  await db.schema.dropIndex('interactions_parent').execute();
  await db.schema.dropIndex('signals_failure_evidence').execute();
}
