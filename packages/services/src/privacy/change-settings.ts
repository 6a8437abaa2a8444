/**
 * Changing a project's settings with an audit entry in the same transaction, so every change of a
 * setting that governs data (retention, the abuse filter, feedback tokens) says who made it, from what to what.
 */
import {
  type AbuseSettings,
  getProjectSettings,
  type ModelSettings,
  type ProjectSettings,
  projectLock,
  type Store,
  type TaxonomySetting,
  updateProjectSettings,
  writeAuditEntry,
} from '@feedloop/store';

export interface SettingsPatch {
  requireTokens?: boolean;
  abuse?: Partial<AbuseSettings>;
  retentionDays?: number | null;
  models?: ModelSettings;
  taxonomy?: TaxonomySetting | null;
}

export interface ChangeSettingsOptions {
  projectId: string;
  patch: SettingsPatch;
  /** Who changed them, for the audit log: `key:<key id>`, `cli`. */
  actor: string;
}

/** The settings after the change; undefined when there is no such project. */
export function changeProjectSettings(
  store: Store,
  { projectId, patch, actor }: ChangeSettingsOptions,
): Promise<ProjectSettings | undefined> {
  return store.exclusive(projectLock(projectId), async (trx) => {
    const before = await getProjectSettings(trx, projectId);
    if (!before) return undefined;
    const after = await updateProjectSettings(trx, projectId, patch);
    if (!after) return undefined;
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(patch) as Array<keyof SettingsPatch>) {
      if (patch[key] === undefined) continue;
      changed[key] = { from: before[key], to: after[key] };
    }
    await writeAuditEntry(trx, { projectId, actor, action: 'settings', details: { changed } });
    return after;
  });
}
