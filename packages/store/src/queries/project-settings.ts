/**
 * Per-project settings, kept as JSON text in `projects.settings` so a new setting needs no migration.
 * Unknown keys are kept as they are, so an older server never drops a newer one's settings.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The abuse filter's limits. A vote beyond a limit is set aside with the rule's name as the reason
 * (never deleted); views exclude set-aside votes unless asked for the unfiltered numbers.
 */
export interface AbuseSettings {
  enabled: boolean;
  /** Votes one user may cast in any 60 seconds; more is a burst. */
  burstPerMinute: number;
  /** The per-user weight cap: distinct interactions one user's votes count on per UTC day. */
  votesPerUserPerDay: number;
  /**
   * Votes in any 7 days on interactions the user never saw (not theirs, not from their session, no
   * implicit signal of theirs on it): rating other people's answers unseen is how a persona skews a cohort.
   */
  unviewedVotesPerWeek: number;
  /** Changes of one vote (up, down, take back...) before the pair counts as flip-flop spam. */
  maxVoteChanges: number;
}

export interface ProjectSettings {
  /** Public-key signals must carry a valid feedback token for their interaction. */
  requireTokens: boolean;
  abuse: AbuseSettings;
  /**
   * Days the raw text of interactions and signals is kept (docs/privacy.md); older text is purged daily,
   * rows and aggregates stay. null keeps it forever.
   */
  retentionDays: number | null;
}

export const DEFAULT_ABUSE_SETTINGS: AbuseSettings = {
  enabled: true,
  burstPerMinute: 20,
  votesPerUserPerDay: 50,
  unviewedVotesPerWeek: 10,
  maxVoteChanges: 5,
};

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  requireTokens: false,
  abuse: DEFAULT_ABUSE_SETTINGS,
  retentionDays: null,
};

/** The longest retention period a project may set (100 years); longer is "forever" in all but name. */
export const MAX_RETENTION_DAYS = 36_500;

/** A stored retention period, or null (keep forever) when absent or not a whole number of days in range. */
export function retentionDaysOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RETENTION_DAYS
    ? value
    : null;
}

function parseStored(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const positiveInteger = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;

function abuseSettingsOf(stored: unknown): AbuseSettings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const d = DEFAULT_ABUSE_SETTINGS;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : d.enabled,
    burstPerMinute: positiveInteger(s.burstPerMinute, d.burstPerMinute),
    votesPerUserPerDay: positiveInteger(s.votesPerUserPerDay, d.votesPerUserPerDay),
    unviewedVotesPerWeek: positiveInteger(s.unviewedVotesPerWeek, d.unviewedVotesPerWeek),
    maxVoteChanges: positiveInteger(s.maxVoteChanges, d.maxVoteChanges),
  };
}

const settingsOf = (stored: Record<string, unknown>): ProjectSettings => ({
  requireTokens: stored.requireTokens === true,
  abuse: abuseSettingsOf(stored.abuse),
  retentionDays: retentionDaysOf(stored.retentionDays),
});

/** The project's settings, or undefined when there is no such project. */
export async function getProjectSettings(
  db: Kysely<Database>,
  projectId: string,
): Promise<ProjectSettings | undefined> {
  const row = await db.selectFrom('projects').select('settings').where('id', '=', projectId).executeTakeFirst();
  return row ? settingsOf(parseStored(row.settings)) : undefined;
}

/**
 * Applies the given fields and returns the settings after; undefined when there is no such project.
 * Read-then-write without a transaction: settings change rarely and by hand, and the SQLite store's
 * connection is shared with the synchronous ingest writer, which must not find a transaction open.
 */
export async function updateProjectSettings(
  db: Kysely<Database>,
  projectId: string,
  patch: { requireTokens?: boolean; abuse?: Partial<AbuseSettings>; retentionDays?: number | null },
): Promise<ProjectSettings | undefined> {
  const row = await db.selectFrom('projects').select('settings').where('id', '=', projectId).executeTakeFirst();
  if (!row) return undefined;
  const before = parseStored(row.settings);
  const { abuse, ...rest } = patch;
  const stored: Record<string, unknown> = { ...before, ...rest };
  if (abuse) stored.abuse = { ...abuseSettingsOf(before.abuse), ...abuse };
  await db
    .updateTable('projects')
    .set({ settings: JSON.stringify(stored) })
    .where('id', '=', projectId)
    .execute();
  return settingsOf(stored);
}
