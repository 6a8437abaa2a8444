export type { MigrationReport } from './migrations/index.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export {
  type ApiKey,
  createApiKey,
  findActiveKey,
  generateKey,
  hashKey,
  type KeyKind,
  listApiKeys,
  revokeApiKey,
} from './queries/api-keys.js';
export {
  getInteractionWithSignals,
  getSignalsOfInteraction,
  type InteractionView,
  type SignalView,
} from './queries/interactions.js';
export {
  type AbuseSettings,
  DEFAULT_ABUSE_SETTINGS,
  DEFAULT_PROJECT_SETTINGS,
  getProjectSettings,
  type ProjectSettings,
  updateProjectSettings,
} from './queries/project-settings.js';
export { createProject, findProject, listProjects, type Project } from './queries/projects.js';
export { addRollupAdjustments, addRollups } from './queries/rollups.js';
export { findKeysByPrefix, type SigningKey } from './queries/signing-keys.js';
export {
  HOUR_MS,
  INTERACTION_METRIC,
  ROLLUP_KEY_COLUMNS,
  RollupAccumulator,
  type RollupRow,
  type RollupSignal,
  rollupValueKey,
} from './rollup.js';
export { DIMENSION_COLUMNS, dimensionsOfRow, inputHash } from './row-mapping.js';
export type { Database, LatestVoteTable, SignalTable } from './schema.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export type { IngestBatch, IngestOutcome, Store, StoreCapabilities, WriteStatus } from './store.js';
