/**
 * Table types, as Kysely sees them. Timestamps are epoch milliseconds (bigint) and JSON is stored as text,
 * so both backends hold exactly the same values. Rollup dimensions use '' for "not set" because unique
 * keys treat NULLs as distinct.
 */
import type { EvalCaseTable, EvalSetTable, EvalVersionCaseTable, EvalVersionTable } from './eval-set-tables.js';

/** Epoch milliseconds or a count in a bigint column (the PostgreSQL store parses int8 as a number). */
type Millis = number;

export interface ProjectTable {
  id: string;
  name: string;
  created_at: Millis;
  settings: string;
}

export interface ApiKeyTable {
  id: string;
  project_id: string;
  kind: 'secret' | 'public';
  name: string;
  key_hash: string;
  key_prefix: string;
  allowed_origins: string;
  created_at: Millis;
  revoked_at: Millis | null;
}

/** The seven dimensions as columns: on interactions, and copied onto theme members. */
export interface DimensionColumns {
  tenant: string | null;
  feature: string | null;
  language: string | null;
  model: string | null;
  model_version: string | null;
  prompt_template: string | null;
  prompt_version: string | null;
}

export interface InteractionTable extends DimensionColumns {
  project_id: string;
  id: string;
  session_id: string | null;
  user_id: string | null;
  input: string | null;
  /** See `inputHash()`: equal for equal prompts. */
  input_hash: string | null;
  context: string;
  output: string | null;
  parent_id: string | null;
  latency_ms: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  metadata: string;
  created_at: Millis;
  received_at: Millis;
  /** When retention removed input, output, context text and metadata; null while the row holds them. */
  text_purged_at?: Millis | null;
  /** Capture facts (`CAPTURE` bits in queries/capture-bits.ts), set by screening; 0 on insert. */
  capture?: number;
}

export interface InteractionDocumentTable {
  project_id: string;
  interaction_id: string;
  position: number;
  doc_id: string;
  source: string | null;
  score: number | null;
}

export interface SignalTable {
  project_id: string;
  id: string;
  interaction_id: string | null;
  session_id: string | null;
  user_id: string | null;
  kind: string;
  type: string;
  value: string | null;
  value_num: number | null;
  created_at: Millis;
  received_at: Millis;
  metadata: string;
  /** 0 while the signal waits for its interaction to arrive; 1 once it is counted in the rollups. */
  rolled_up: number;
  /** 0 until the screening pass (latest-vote-wins, abuse filter) has seen it. */
  screened: number;
  /** When retention removed the free text of `value` and the metadata; null while the row holds them. */
  text_purged_at?: Millis | null;
}

export interface SignalFlagTable {
  project_id: string;
  signal_id: string;
  /** `superseded`, or an abuse-filter reason: `bot`, `burst`, `flip-flop`, `no-views`, `weight-cap`. */
  reason: string;
  detail: string;
  user_id: string | null;
  flagged_at: Millis;
}

/** The rollup cells of flagged signals, per reason: a filtered view is rollups minus these. */
export interface RollupAdjustmentTable extends RollupTable {
  reason: string;
}

/** Each voter's current vote per interaction and vote type. */
export interface LatestVoteTable {
  project_id: string;
  interaction_id: string;
  /** The user id, else `session:<id>`. */
  voter: string;
  type: string;
  signal_id: string;
  value_num: number | null;
  created_at: Millis;
  /** How many times this voter changed this vote. */
  changes: number;
  /** The abuse-filter reason the current vote is set aside for; '' when it counts. */
  flag: string;
}

export interface RollupTable {
  project_id: string;
  bucket_start: Millis;
  tenant: string;
  feature: string;
  language: string;
  model: string;
  model_version: string;
  prompt_template: string;
  prompt_version: string;
  metric: string;
  value_key: string;
  count: Millis;
  value_sum: number;
}

/** A drafted or decided "we improved on X" note. */
export interface ReleaseNoteTable {
  project_id: string;
  id: string;
  /** What improved, from which version to which: one note per improvement. */
  subject_key: string;
  status: 'draft' | 'approved' | 'dismissed';
  title: string;
  body: string;
  /** JSON: the measure, versions, rates with intervals, p-value. */
  evidence: string;
  created_at: Millis;
  decided_at: Millis | null;
  decided_by: string | null;
}

/** Who did what to a project's data (docs/privacy.md); written in the same transaction as the change. */
export interface AuditLogTable {
  project_id: string;
  /** A UUIDv7: entries sort by id in the order they were written. */
  id: string;
  /** `key:<api key id>`, `cli`, or `schedule` (the server's own jobs). */
  actor: string;
  /** `forget-user`, `retention` or `settings`. */
  action: string;
  /** What it was done to: `user:<sha256>` for a forgotten user (never the id itself), else ''. */
  subject: string;
  /** JSON: what changed (rows removed per table, the settings changed). */
  details: string;
  at: Millis;
}

/**
 * Daily marginal rollups: per day, the project total (dimension '' and value '') and each single
 * dimension's values. Kept in step with `rollups` by every write (see `marginalRowsOf`).
 */
export interface RollupMarginalTable {
  project_id: string;
  day_start: Millis;
  dimension: string;
  value: string;
  metric: string;
  value_key: string;
  count: Millis;
  value_sum: number;
}

/**
 * Hourly marginal rollups: the same as `rollup_marginals` per hour. They answer hour series and the partial
 * days at the edges of a range with at most one dimension filter, without walking the crossed hourly rows.
 */
export interface RollupHourMarginalTable {
  project_id: string;
  hour_start: Millis;
  dimension: string;
  value: string;
  metric: string;
  value_key: string;
  count: number;
  value_sum: number;
}

/**
 * Daily pair rollups: per day, the value combinations of each pair of dimensions (`dim_a` before `dim_b`
 * in `MARGINAL_DIMENSIONS` order). Rebuilt per day from the hourly rollups by a background job, not by
 * ingestion; valid for a day only while `rollup_day_changes.built` equals its `changes`.
 */
export interface RollupDayPairTable {
  project_id: string;
  dim_a: string;
  dim_b: string;
  day_start: Millis;
  value_a: string;
  value_b: string;
  metric: string;
  value_key: string;
  count: number;
  value_sum: number;
}

/** Per day with rollups: how many writes changed them (`changes`), and which of those the pairs hold (`built`). */
export interface RollupDayChangeTable {
  project_id: string;
  day_start: Millis;
  changes: number;
  built: number;
}

/** One clustering of a project's failure pool. */
export interface ThemeRunTable {
  project_id: string;
  id: string;
  created_at: Millis;
  window_from: Millis;
  window_to: Millis;
  tenant: string | null;
  /** `builtin` (offline TF-IDF + SVD) or `embeddings:<model>`. */
  representation: string;
  k: number;
  pool_size: number;
  noise: number;
  params: string;
}

export interface ThemeTable {
  project_id: string;
  id: string;
  run_id: string;
  label: string;
  /** JSON array of distinctive keywords (class-based TF-IDF). */
  keywords: string;
  /** The failure-taxonomy category the theme maps onto. */
  category: string;
  /** Order within the run, largest first. */
  position: number;
}

/**
 * A pool item's place in a run: a theme, or noise (theme_id ''). It carries a copy of its interaction's
 * dimensions, written with the member (migration 015), for cohort counts.
 */
export interface ThemeMemberTable extends DimensionColumns {
  project_id: string;
  run_id: string;
  interaction_id: string;
  theme_id: string;
  similarity: number;
  text: string;
  text_source: string;
  /** JSON array: the evidence that put the interaction in the pool. */
  evidence: string;
  interaction_created_at: Millis;
  /** `run` (clustered) or `incremental` (joined the nearest theme later). */
  assigned_by: string;
  assigned_at: Millis;
}

/**
 * Per theme run, UTC day and theme: the members per evidence set (`facet` = 'evidence', `value` = the evidence
 * JSON) and per value of each dimension (`facet` = the column, `value` '' when absent), with the smallest
 * interaction id among them (byte order). Written with the members (migration 017).
 */
export interface ThemeMemberDayTable {
  project_id: string;
  run_id: string;
  facet: string;
  theme_id: string;
  value: string;
  day_start: Millis;
  members: number;
  first_id: string;
}

/** How far a background job has examined a project's events, by receive time (inclusive). */
export interface JobWatermarkTable {
  project_id: string;
  /** The job's name, e.g. `rephrase`. */
  job: string;
  received_at: Millis;
  updated_at: Millis;
}

export interface Database {
  projects: ProjectTable;
  api_keys: ApiKeyTable;
  interactions: InteractionTable;
  interaction_documents: InteractionDocumentTable;
  signals: SignalTable;
  rollups: RollupTable;
  rollup_marginals: RollupMarginalTable;
  rollup_hour_marginals: RollupHourMarginalTable;
  rollup_day_pairs: RollupDayPairTable;
  rollup_day_changes: RollupDayChangeTable;
  signal_flags: SignalFlagTable;
  rollup_adjustments: RollupAdjustmentTable;
  latest_votes: LatestVoteTable;
  audit_log: AuditLogTable;
  eval_sets: EvalSetTable;
  eval_cases: EvalCaseTable;
  eval_versions: EvalVersionTable;
  eval_version_cases: EvalVersionCaseTable;
  release_notes: ReleaseNoteTable;
  theme_runs: ThemeRunTable;
  themes: ThemeTable;
  theme_members: ThemeMemberTable;
  theme_member_days: ThemeMemberDayTable;
  job_watermarks: JobWatermarkTable;
}
