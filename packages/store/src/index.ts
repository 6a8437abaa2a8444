export type { MigrationReport } from './migrations/index.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { projectLock } from './project-lock.js';
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
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  listAuditEntries,
  MAX_AUDIT_PAGE,
  type NewAuditEntry,
  writeAuditEntry,
} from './queries/audit-log.js';
export {
  addCaptureBits,
  CAPTURE,
  captureBitsExpression,
  captureBitsOf,
  IMPLICIT_CAPTURE_KINDS,
  recomputeCaptureBits,
} from './queries/capture-bits.js';
export { buildDayPairs, type DayPairsProgress, rollupWriteCount } from './queries/day-pairs.js';
export {
  INTERACTION_LIST_DIMENSIONS,
  type InteractionCursor,
  type InteractionListDimension,
  type InteractionListFilter,
  type InteractionListPage,
  type InteractionSummary,
  likePattern,
  listInteractions,
} from './queries/interaction-list.js';
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
  MAX_RETENTION_DAYS,
  type ModelEndpointSettings,
  type ModelSettings,
  modelSettingsProblems,
  type ProjectSettings,
  retentionDaysOf,
  type TaxonomySetting,
  taxonomyOf,
  updateProjectSettings,
} from './queries/project-settings.js';
export { createProject, findProject, listProjects, type Project } from './queries/projects.js';
export {
  decideReleaseNote,
  findReleaseNote,
  insertDraftNote,
  listReleaseNotes,
  type ReleaseNote,
} from './queries/release-notes.js';
export { addRollupAdjustments, addRollups } from './queries/rollups.js';
export { findKeysByPrefix, type SigningKey } from './queries/signing-keys.js';
export {
  DAY_MS,
  dayPairRowsOf,
  HOUR_MARGINAL_KEY_COLUMNS,
  HOUR_MS,
  hourMarginalRowsOf,
  INTERACTION_METRIC,
  MARGINAL_DIMENSIONS,
  marginalRowsOf,
  ROLLUP_KEY_COLUMNS,
  RollupAccumulator,
  type RollupRow,
  type RollupSignal,
  rollupValueKey,
} from './rollup.js';
export { DIMENSION_COLUMNS, dimensionColumnsOf, dimensionsOfRow, inputHash } from './row-mapping.js';
export type {
  AuditLogTable,
  Database,
  InteractionTable,
  LatestVoteTable,
  SignalTable,
  ThemeMemberDayTable,
  ThemeMemberTable,
  ThemeRunTable,
  ThemeTable,
} from './schema.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export type { IngestBatch, IngestOutcome, Store, StoreCapabilities, WriteStatus } from './store.js';
