/**
 * What forgetting a user and retention do to each table. Typed over every table of the store, so a new
 * table does not compile until someone decides (here, and in `forgetUser` / `applyRetention`) what
 * happens to the end-user data it may hold. docs/privacy.md says the same in prose.
 */
import type { Database } from '@feedloop/store';

export interface TablePrivacy {
  /** What `forgetUser` does to the table. */
  forget: string;
  /** What `applyRetention` does to it. */
  retention: string;
}

export const TABLE_PRIVACY: Record<keyof Database, TablePrivacy> = {
  projects: { forget: 'kept: no end-user data', retention: 'kept' },
  api_keys: { forget: 'kept: no end-user data', retention: 'kept' },
  interactions: {
    forget: "the user's rows deleted; other users' regenerations of them get parent_id null",
    retention: 'input, output, context text and metadata cleared; ids, dimensions, input_hash, numbers kept',
  },
  interaction_documents: {
    forget: "rows of the user's interactions deleted",
    retention: 'kept: document ids, sources and scores hold no text',
  },
  signals: {
    forget: "the user's signals, every signal about the user's interactions, preferences over them: deleted",
    retention: 'free-text values (comment, edit, custom) and metadata cleared; types, numbers and times kept',
  },
  rollups: {
    forget: 'each removed counted row subtracted (weight −1); cells left empty deleted',
    retention: 'unchanged',
  },
  rollup_marginals: {
    forget: 'kept in step with rollups: the same subtraction (addRollups), per day and dimension value',
    retention: 'unchanged',
  },
  rollup_hour_marginals: {
    forget: 'kept in step with rollups: the same subtraction (addRollups), per hour and dimension value',
    retention: 'unchanged',
  },
  rollup_day_pairs: {
    forget: "rebuilt from rollups by the background job: the subtraction marks the user's days as changed",
    retention: 'unchanged',
  },
  rollup_day_changes: {
    forget: 'a change counted for each day the subtraction touched',
    retention: 'kept: numbers only',
  },
  signal_flags: { forget: 'flags of removed signals deleted', retention: 'kept: reasons hold no text' },
  rollup_adjustments: {
    forget: 'the cells of removed flagged signals subtracted, per reason',
    retention: 'unchanged',
  },
  latest_votes: {
    forget: "the user's votes and every vote on the user's interactions deleted",
    retention: 'kept: numbers only',
  },
  audit_log: {
    forget: 'one entry added; names the user only by a salted SHA-256 (`user:<hex>`)',
    retention: 'kept: holds counts and hashes, no text',
  },
  eval_sets: { forget: 'kept: names and counts only', retention: 'kept' },
  eval_cases: {
    forget: "draft decisions about the user's interactions deleted; removed signal ids dropped from others",
    retention: 'kept: a curated copy, not raw capture',
  },
  eval_versions: { forget: "case_count lowered by the user's cases removed", retention: 'kept' },
  eval_version_cases: {
    forget: "published cases from the user's interactions deleted; removed signal ids dropped from others",
    retention: 'kept: a curated, redacted copy, not raw capture',
  },
  release_notes: { forget: 'kept: aggregate measures only', retention: 'kept' },
  theme_runs: { forget: 'kept: counts and parameters only', retention: 'kept' },
  themes: { forget: 'kept: labels and keywords describe many users, never one', retention: 'kept' },
  theme_members: {
    forget: "memberships of the user's interactions deleted (with the copied comment or prompt)",
    retention: 'the copied text cleared with its interaction; theme and similarity kept',
  },
  theme_member_days: {
    forget: "the days of the user's memberships recounted without them",
    retention: 'kept: counts per theme, day and cohort, and the first member id; no text',
  },
  job_watermarks: { forget: 'kept: a receive time per project and job, no ids or text', retention: 'kept' },
};
