/**
 * Per-project settings, kept as JSON text in `projects.settings` so a new setting needs no migration.
 * Unknown keys are kept as they are, so an older server never drops a newer one's settings.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface ProjectSettings {
  /** Public-key signals must carry a valid feedback token for their interaction. */
  requireTokens: boolean;
}

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = { requireTokens: false };

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

const settingsOf = (stored: Record<string, unknown>): ProjectSettings => ({
  requireTokens: stored.requireTokens === true,
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
  patch: Partial<ProjectSettings>,
): Promise<ProjectSettings | undefined> {
  const row = await db.selectFrom('projects').select('settings').where('id', '=', projectId).executeTakeFirst();
  if (!row) return undefined;
  const stored = { ...parseStored(row.settings), ...patch };
  await db
    .updateTable('projects')
    .set({ settings: JSON.stringify(stored) })
    .where('id', '=', projectId)
    .execute();
  return settingsOf(stored);
}
