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

/**
 * An OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, TEI, LM Studio…) the project's themes may use. The
 * API key is never stored here: settings are returned by the API, copied into the audit log and kept in
 * every backup, so the key comes from the server's environment (`FEEDLOOP_MODEL_API_KEY`, docs/themes.md).
 */
export interface ModelEndpointSettings {
  /** The API root, e.g. `http://127.0.0.1:11434/v1`: `/embeddings` and `/chat/completions` are added to it. */
  baseUrl: string;
  model: string;
}

/** Optional model endpoints; without them themes use the built-in offline embeddings and labels. */
export interface ModelSettings {
  embeddings?: ModelEndpointSettings;
  chat?: ModelEndpointSettings;
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
  models: ModelSettings;
  /** The failure taxonomy themes map onto (docs/themes.md); null uses the built-in one. */
  taxonomy: TaxonomySetting | null;
}

/** One failure category and the words that point at it. */
export interface TaxonomySetting extends Array<{ name: string; keywords: string[] }> {}

/** A stored taxonomy, or null when absent or malformed (names unique and non-empty, keywords non-empty). */
export function taxonomyOf(value: unknown): TaxonomySetting | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const names = new Set<string>();
  for (const entry of value) {
    const e = entry as { name?: unknown; keywords?: unknown };
    if (typeof e?.name !== 'string' || e.name.trim() === '' || names.has(e.name)) return null;
    if (!Array.isArray(e.keywords) || e.keywords.length === 0) return null;
    if (!e.keywords.every((k) => typeof k === 'string' && k.trim() !== '')) return null;
    names.add(e.name);
  }
  return value.map((e: { name: string; keywords: string[] }) => ({ name: e.name, keywords: [...e.keywords] }));
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
  models: {},
  taxonomy: null,
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

const MAX_MODEL_NAME = 200;

/** What is wrong with a model endpoint setting, one reason per field; empty when it is valid. */
function endpointProblems(value: unknown, field: string): Array<{ field: string; reason: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field, reason: 'expected an object like { "baseUrl": "https://…/v1", "model": "…" }' }];
  }
  const { baseUrl, model, ...rest } = value as Record<string, unknown>;
  const problems: Array<{ field: string; reason: string }> = [];
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push({ field: `${field}.baseUrl`, reason: 'expected an http:// or https:// URL' });
  } else if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    problems.push({
      field: `${field}.baseUrl`,
      reason: 'expected no credentials, query or fragment (the API key comes from FEEDLOOP_MODEL_API_KEY)',
    });
  }
  if (typeof model !== 'string' || model.trim() === '' || model.length > MAX_MODEL_NAME) {
    problems.push({ field: `${field}.model`, reason: `expected a model name of 1–${MAX_MODEL_NAME} characters` });
  }
  for (const key of Object.keys(rest)) {
    problems.push({ field: `${field}.${key}`, reason: 'unknown field (an API key is never stored in settings)' });
  }
  return problems;
}

/**
 * Checks a `models` setting: each endpoint present needs an http(s) `baseUrl` without credentials and a
 * `model`. Returns the problems by field; empty when valid.
 * @example modelSettingsProblems({ chat: { baseUrl: 'ftp://x', model: 'm' } }) // [{ field: 'models.chat.baseUrl', … }]
 */
export function modelSettingsProblems(value: unknown): Array<{ field: string; reason: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: 'models', reason: 'expected an object with optional `embeddings` and `chat` endpoints' }];
  }
  const problems: Array<{ field: string; reason: string }> = [];
  for (const [key, endpoint] of Object.entries(value)) {
    if (key !== 'embeddings' && key !== 'chat') {
      problems.push({ field: `models.${key}`, reason: 'unknown endpoint: expected `embeddings` or `chat`' });
    } else if (endpoint !== undefined) {
      problems.push(...endpointProblems(endpoint, `models.${key}`));
    }
  }
  return problems;
}

/** The stored model endpoints, each kept only when valid (an invalid one falls back to the built-in). */
function modelSettingsOf(stored: unknown): ModelSettings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out: ModelSettings = {};
  for (const key of ['embeddings', 'chat'] as const) {
    const endpoint = s[key];
    if (endpoint !== undefined && endpointProblems(endpoint, key).length === 0) {
      const { baseUrl, model } = endpoint as ModelEndpointSettings;
      out[key] = { baseUrl, model };
    }
  }
  return out;
}

const settingsOf = (stored: Record<string, unknown>): ProjectSettings => ({
  requireTokens: stored.requireTokens === true,
  abuse: abuseSettingsOf(stored.abuse),
  retentionDays: retentionDaysOf(stored.retentionDays),
  models: modelSettingsOf(stored.models),
  taxonomy: taxonomyOf(stored.taxonomy),
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
  patch: {
    requireTokens?: boolean;
    abuse?: Partial<AbuseSettings>;
    retentionDays?: number | null;
    /** Replaces the model endpoints as a whole; `{}` goes back to the built-in ones. */
    models?: ModelSettings;
    /** Replaces the taxonomy as a whole; null goes back to the built-in one. */
    taxonomy?: TaxonomySetting | null;
  },
): Promise<ProjectSettings | undefined> {
  if (patch.taxonomy !== undefined && patch.taxonomy !== null && taxonomyOf(patch.taxonomy) === null) {
    throw new TypeError('invalid taxonomy: expected categories with unique non-empty names and non-empty keywords');
  }
  const problems = patch.models === undefined ? [] : modelSettingsProblems(patch.models);
  if (problems.length > 0) {
    throw new TypeError(`invalid model settings: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
  }
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
