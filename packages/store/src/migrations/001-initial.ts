import { type Kysely, sql } from 'kysely';

/** Projects, keys, interactions (with their documents), signals and hourly rollups. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_keys_project').on('api_keys').columns(['project_id']).execute();

  await db.schema
    .createTable('interactions')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('tenant', 'text')
    .addColumn('feature', 'text')
    .addColumn('language', 'text')
    .addColumn('model', 'text')
    .addColumn('model_version', 'text')
    .addColumn('prompt_template', 'text')
    .addColumn('prompt_version', 'text')
    .addColumn('input', 'text')
    .addColumn('context', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('output', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('latency_ms', 'double precision')
    .addColumn('tokens_in', 'bigint')
    .addColumn('tokens_out', 'bigint')
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('interactions_pk', ['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('interactions_project_time')
    .on('interactions')
    .columns(['project_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('interactions_project_session')
    .on('interactions')
    .columns(['project_id', 'session_id'])
    .execute();

  await db.schema
    .createTable('interaction_documents')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('score', 'double precision')
    .addPrimaryKeyConstraint('interaction_documents_pk', ['project_id', 'interaction_id', 'position'])
    .execute();
  await db.schema
    .createIndex('interaction_documents_doc')
    .on('interaction_documents')
    .columns(['project_id', 'doc_id'])
    .execute();

  await db.schema
    .createTable('signals')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('value_num', 'double precision')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('rolled_up', 'smallint', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('signals_pk', ['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('signals_project_interaction')
    .on('signals')
    .columns(['project_id', 'interaction_id'])
    .execute();
  // Only signals still waiting for their interaction: tiny, and what the linking step probes.
  await db.schema
    .createIndex('signals_pending')
    .on('signals')
    .columns(['project_id', 'interaction_id'])
    .where(sql.ref('rolled_up'), '=', 0)
    .execute();

  await db.schema
    .createTable('rollups')
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
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('value_sum', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', [
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
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rollups', 'signals', 'interaction_documents', 'interactions', 'api_keys', 'projects']) {
    await db.schema.dropTable(table).execute();
  }
}
