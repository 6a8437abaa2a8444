/**
 * Forgetting a user in eval sets: draft decisions and published cases made from the user's interactions
 * go (a published version then holds fewer cases; its `case_count` follows, its content hash stays the
 * record of what was published), and the ids of removed signals are dropped from the evidence of the
 * cases that remain. Erasure wins over a version's immutability.
 */
import type { Database } from '@feedloop/store';
import type { Transaction } from 'kysely';
import { chunked, rowCount } from './chunked.js';

export interface EvalForgetCounts {
  evalCases: number;
  evalVersionCases: number;
  /** Remaining cases whose evidence named a removed signal. */
  evalCaseEvidenceEdited: number;
}

function withoutRemoved(signalIds: string, removed: ReadonlySet<string>): string | undefined {
  let ids: unknown;
  try {
    ids = JSON.parse(signalIds);
  } catch {
    return undefined;
  }
  if (!Array.isArray(ids)) return undefined;
  const kept = ids.filter((id) => !(typeof id === 'string' && removed.has(id)));
  return kept.length === ids.length ? undefined : JSON.stringify(kept);
}

export async function forgetInEvalSets(
  trx: Transaction<Database>,
  projectId: string,
  userId: string,
  interactionIds: readonly string[],
  signalIds: ReadonlySet<string>,
): Promise<EvalForgetCounts> {
  const counts: EvalForgetCounts = { evalCases: 0, evalVersionCases: 0, evalCaseEvidenceEdited: 0 };
  counts.evalCases += rowCount(
    await trx
      .deleteFrom('eval_cases')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  );
  const lostPerVersion = new Map<string, { setName: string; version: number; lost: number }>();
  for (const part of chunked(interactionIds)) {
    counts.evalCases += rowCount(
      await trx
        .deleteFrom('eval_cases')
        .where('project_id', '=', projectId)
        .where('interaction_id', 'in', part)
        .executeTakeFirst(),
    );
    const published = await trx
      .selectFrom('eval_version_cases')
      .select(['set_name', 'version'])
      .where('project_id', '=', projectId)
      .where('interaction_id', 'in', part)
      .execute();
    for (const row of published) {
      const key = JSON.stringify([row.set_name, row.version]);
      const entry = lostPerVersion.get(key) ?? { setName: row.set_name, version: row.version, lost: 0 };
      entry.lost += 1;
      lostPerVersion.set(key, entry);
    }
    counts.evalVersionCases += rowCount(
      await trx
        .deleteFrom('eval_version_cases')
        .where('project_id', '=', projectId)
        .where('interaction_id', 'in', part)
        .executeTakeFirst(),
    );
  }
  for (const { setName, version, lost } of lostPerVersion.values()) {
    await trx
      .updateTable('eval_versions')
      .set((eb) => ({ case_count: eb('case_count', '-', lost) }))
      .where('project_id', '=', projectId)
      .where('set_name', '=', setName)
      .where('version', '=', version)
      .execute();
  }
  if (signalIds.size === 0) return counts;

  // Curated sets are small: read the evidence of every case and rewrite the few that name a removed signal.
  const drafts = await trx
    .selectFrom('eval_cases')
    .select(['set_name', 'interaction_id', 'signal_ids'])
    .where('project_id', '=', projectId)
    .where('signal_ids', '<>', '[]')
    .execute();
  for (const row of drafts) {
    const kept = withoutRemoved(row.signal_ids, signalIds);
    if (kept === undefined) continue;
    await trx
      .updateTable('eval_cases')
      .set({ signal_ids: kept })
      .where('project_id', '=', projectId)
      .where('set_name', '=', row.set_name)
      .where('interaction_id', '=', row.interaction_id)
      .execute();
    counts.evalCaseEvidenceEdited += 1;
  }
  const cases = await trx
    .selectFrom('eval_version_cases')
    .select(['set_name', 'version', 'position', 'signal_ids'])
    .where('project_id', '=', projectId)
    .where('signal_ids', '<>', '[]')
    .execute();
  for (const row of cases) {
    const kept = withoutRemoved(row.signal_ids, signalIds);
    if (kept === undefined) continue;
    await trx
      .updateTable('eval_version_cases')
      .set({ signal_ids: kept })
      .where('project_id', '=', projectId)
      .where('set_name', '=', row.set_name)
      .where('version', '=', row.version)
      .where('position', '=', row.position)
      .execute();
    counts.evalCaseEvidenceEdited += 1;
  }
  return counts;
}
