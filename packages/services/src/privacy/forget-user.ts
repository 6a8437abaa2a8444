/**
 * Forgetting a user (docs/privacy.md): their interactions (with documents, and every signal about them,
 * whoever sent it), every signal they sent anywhere, and what was derived from those rows — flags,
 * current votes, eval cases — are deleted, and the aggregates are corrected so they equal a recount of
 * what remains: each removed row that was counted is subtracted from `rollups` (signals still waiting for
 * their interaction were never counted), and each removed flagged signal from `rollup_adjustments` under
 * its reason. One transaction under the project's lock: screening, retention and (on SQLite) ingestion
 * wait, and an audit entry is written with the change.
 */
import type { Dimensions } from '@feedloop/core';
import {
  addRollupAdjustments,
  addRollups,
  type Database,
  DIMENSION_COLUMNS,
  dimensionsOfRow,
  projectLock,
  RollupAccumulator,
  type RollupSignal,
  recomputeCaptureBits,
  type SignalTable,
  type Store,
  writeAuditEntry,
} from '@feedloop/store';
import { sql, type Transaction } from 'kysely';
import { recountMemberDays } from '../themes/member-days.js';
import { chunked, rowCount } from './chunked.js';
import { forgetInEvalSets } from './forget-eval-cases.js';
import { userSubject } from './user-subject.js';

export interface ForgetUserOptions {
  projectId: string;
  userId: string;
  /** Who asked, for the audit log: `key:<key id>`, `cli`… */
  actor: string;
}

export interface ForgetUserReport {
  projectId: string;
  userId: string;
  /** Rows deleted, per table. */
  removed: {
    interactions: number;
    interactionDocuments: number;
    themeMembers: number;
    signals: number;
    signalFlags: number;
    latestVotes: number;
    evalCases: number;
    evalVersionCases: number;
  };
  /** What the aggregates no longer count: rows subtracted from `rollups`, flagged ones from the adjustments. */
  subtracted: { interactions: number; signals: number; flaggedSignals: number };
  /** Rows of others that only named a removed row, and now do not. */
  unlinked: { regenerations: number; evalCaseEvidence: number };
  /** The audit entry recording this. */
  auditId: string;
}

const SIGNAL_COLUMNS = ['id', 'interaction_id', 'type', 'value_num', 'created_at', 'rolled_up'] as const;
type RemovedSignal = Pick<SignalTable, (typeof SIGNAL_COLUMNS)[number]>;

const cellOf = (s: RemovedSignal): RollupSignal => ({ type: s.type, valueNum: s.value_num, createdAt: s.created_at });

function preferredOver(value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    const over = typeof parsed === 'object' && parsed !== null ? (parsed as { over?: unknown }).over : undefined;
    return typeof over === 'string' ? over : undefined;
  } catch {
    return undefined;
  }
}

/** The tables rows are deleted from, each by a column holding the user's id or the ids of removed rows. */
type ForgetTable = 'latest_votes' | 'signal_flags' | 'signals' | 'interaction_documents' | 'interactions';

/** Deletes the project's rows of `table` whose `column` is one of `ids`, in chunks; answers how many. */
async function deleteIn(
  trx: Transaction<Database>,
  projectId: string,
  table: ForgetTable,
  column: string,
  ids: readonly string[],
): Promise<number> {
  let removed = 0;
  for (const part of chunked(ids)) {
    removed += rowCount(
      await trx
        // Every table here has project_id; the column is one of the table's own, named by the caller.
        .deleteFrom(table as 'signals')
        .where('project_id', '=', projectId)
        .where(sql.ref(column), 'in', part)
        .executeTakeFirst(),
    );
  }
  return removed;
}

/** Forgets the user in one transaction; an unknown user gives a report of zeros (and an audit entry). */
export function forgetUser(store: Store, options: ForgetUserOptions): Promise<ForgetUserReport> {
  return store.exclusive(projectLock(options.projectId), (trx) => forgetInTransaction(trx, options));
}

async function forgetInTransaction(
  trx: Transaction<Database>,
  { projectId, userId, actor }: ForgetUserOptions,
): Promise<ForgetUserReport> {
  const own = await trx
    .selectFrom('interactions')
    .select(['id', 'created_at', ...DIMENSION_COLUMNS])
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .execute();
  const ownIds = own.map((i) => i.id);
  const ownSet = new Set(ownIds);

  const signals = new Map<string, RemovedSignal>();
  const sent = await trx
    .selectFrom('signals')
    .select(SIGNAL_COLUMNS)
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .execute();
  for (const s of sent) signals.set(s.id, s);
  for (const part of chunked(ownIds)) {
    const about = await trx
      .selectFrom('signals')
      .select(SIGNAL_COLUMNS)
      .where('project_id', '=', projectId)
      .where('interaction_id', 'in', part)
      .execute();
    for (const s of about) signals.set(s.id, s);
  }
  if (ownSet.size > 0) {
    // A preference names the interaction it beat in its value: one about the user's answer goes too.
    const preferences = await trx
      .selectFrom('signals')
      .select([...SIGNAL_COLUMNS, 'value'])
      .where('project_id', '=', projectId)
      .where('type', '=', 'preference')
      .execute();
    for (const { value, ...s } of preferences) {
      const over = preferredOver(value);
      if (over !== undefined && ownSet.has(over)) signals.set(s.id, s);
    }
  }
  const signalIds = [...signals.keys()];

  // The dimensions each removed row was counted under: its interaction's (none for a session's signal).
  const dimensions = new Map<string, Dimensions>(own.map((i) => [i.id, dimensionsOfRow(i)]));
  const othersVotedOn = [
    ...new Set(
      [...signals.values()].flatMap((s) =>
        s.interaction_id === null || dimensions.has(s.interaction_id) ? [] : [s.interaction_id],
      ),
    ),
  ];
  for (const part of chunked(othersVotedOn)) {
    const rows = await trx
      .selectFrom('interactions')
      .select(['id', ...DIMENSION_COLUMNS])
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) dimensions.set(row.id, dimensionsOfRow(row));
  }
  /** undefined when a counted signal's interaction is gone, so its cell cannot be known. */
  const countedUnder = (s: RemovedSignal): Dimensions | null | undefined =>
    s.interaction_id === null ? null : dimensions.get(s.interaction_id);

  const rollups = new RollupAccumulator(projectId);
  const subtracted = { interactions: 0, signals: 0, flaggedSignals: 0 };
  for (const i of own) {
    rollups.addInteraction(i.created_at, dimensionsOfRow(i), -1);
    subtracted.interactions += 1;
  }
  for (const s of signals.values()) {
    const dims = countedUnder(s);
    // Only rolled-up signals were counted; one still waiting for its interaction never was.
    if (s.rolled_up !== 1 || dims === undefined) continue;
    rollups.addSignal(cellOf(s), dims, -1);
    subtracted.signals += 1;
  }
  const adjustments = new Map<string, RollupAccumulator>();
  for (const part of chunked(signalIds)) {
    const flags = await trx
      .selectFrom('signal_flags')
      .select(['signal_id', 'reason'])
      .where('project_id', '=', projectId)
      .where('signal_id', 'in', part)
      .execute();
    for (const flag of flags) {
      const s = signals.get(flag.signal_id);
      const dims = s === undefined ? undefined : countedUnder(s);
      if (s === undefined || dims === undefined) continue;
      const cells = adjustments.get(flag.reason) ?? new RollupAccumulator(projectId);
      adjustments.set(flag.reason, cells);
      cells.addSignal(cellOf(s), dims, -1);
      subtracted.flaggedSignals += 1;
    }
  }

  const removed = {
    interactions: 0,
    interactionDocuments: 0,
    themeMembers: 0,
    signals: 0,
    signalFlags: 0,
    latestVotes: 0,
    evalCases: 0,
    evalVersionCases: 0,
  };
  const unlinked = { regenerations: 0, evalCaseEvidence: 0 };
  const remove = (table: ForgetTable, column: string, ids: readonly string[]) =>
    deleteIn(trx, projectId, table, column, ids);
  removed.latestVotes += await remove('latest_votes', 'voter', [userId]);
  removed.signalFlags += await remove('signal_flags', 'signal_id', signalIds);
  removed.latestVotes += await remove('latest_votes', 'signal_id', signalIds);
  removed.signals += await remove('signals', 'id', signalIds);
  removed.latestVotes += await remove('latest_votes', 'interaction_id', ownIds);
  removed.themeMembers += await removeThemeMembers(trx, projectId, ownIds);
  removed.interactionDocuments += await remove('interaction_documents', 'interaction_id', ownIds);
  removed.interactions += await remove('interactions', 'id', ownIds);
  for (const part of chunked(ownIds)) {
    unlinked.regenerations += rowCount(
      await trx
        .updateTable('interactions')
        .set({ parent_id: null })
        .where('project_id', '=', projectId)
        .where('parent_id', 'in', part)
        .executeTakeFirst(),
    );
  }
  // Others' answers that lost the user's signals: their capture facts are recounted from what remains.
  await recomputeCaptureBits(trx, projectId, othersVotedOn);
  const evalCounts = await forgetInEvalSets(trx, projectId, userId, ownIds, new Set(signalIds));
  removed.evalCases = evalCounts.evalCases;
  removed.evalVersionCases = evalCounts.evalVersionCases;
  unlinked.evalCaseEvidence = evalCounts.evalCaseEvidenceEdited;

  await addRollups(trx, rollups.rows());
  for (const [reason, cells] of adjustments) await addRollupAdjustments(trx, reason, cells.rows());
  // A cell with nothing left in it says nothing; drop it rather than keep a row counting zero.
  if (rollups.size > 0) {
    await trx.deleteFrom('rollups').where('project_id', '=', projectId).where('count', '=', 0).execute();
  }
  if (adjustments.size > 0) {
    await trx.deleteFrom('rollup_adjustments').where('project_id', '=', projectId).where('count', '=', 0).execute();
  }

  const audit = await writeAuditEntry(trx, {
    projectId,
    actor,
    action: 'forget-user',
    subject: userSubject(projectId, userId),
    details: { removed, subtracted, unlinked },
  });
  return { projectId, userId, removed, subtracted, unlinked, auditId: audit.id };
}

/**
 * Deletes the theme memberships of these interactions, in every run, and recounts the runs' day counts
 * (`theme_member_days`) for the days the deleted members fell on. Answers how many were deleted.
 */
async function removeThemeMembers(
  trx: Transaction<Database>,
  projectId: string,
  interactionIds: readonly string[],
): Promise<number> {
  const timesByRun = new Map<string, number[]>();
  let removed = 0;
  for (const part of chunked(interactionIds)) {
    const rows = await trx
      .deleteFrom('theme_members')
      .where('project_id', '=', projectId)
      .where('interaction_id', 'in', part)
      .returning(['run_id', 'interaction_created_at'])
      .execute();
    removed += rows.length;
    for (const r of rows) {
      const times = timesByRun.get(r.run_id) ?? [];
      times.push(Number(r.interaction_created_at));
      timesByRun.set(r.run_id, times);
    }
  }
  for (const [runId, times] of timesByRun) await recountMemberDays(trx, projectId, runId, times);
  return removed;
}
