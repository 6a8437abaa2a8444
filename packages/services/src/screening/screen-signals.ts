/**
 * The screening pass: every stored signal is seen once, after it is counted in the rollups. It applies
 * latest-vote-wins (an earlier vote of the same user on the same interaction is set aside as
 * `superseded`) and the abuse filter (set aside with the rule's name). Nothing is deleted: a flag row
 * records the reason, and the flagged signal's rollup cell is added to `rollup_adjustments`, so every view
 * is `rollups − adjustments` at the cost of a rollup query.
 *
 * Runs in `store.exclusive`, one project at a time, in batches; callers run it before reading analyses,
 * and the server also runs it in the background.
 */
import type { Dimensions } from '@feedloop/core';
import {
  type AbuseSettings,
  addCaptureBits,
  addRollupAdjustments,
  CAPTURE,
  captureBitsOf,
  type Database,
  DEFAULT_ABUSE_SETTINGS,
  DIMENSION_COLUMNS,
  dimensionsOfRow,
  getProjectSettings,
  type LatestVoteTable,
  projectLock,
  RollupAccumulator,
  type RollupSignal,
  type Store,
} from '@feedloop/store';
import type { Transaction } from 'kysely';
import {
  type FlagReason,
  isBotUserAgent,
  isVoteType,
  rateRuleBroken,
  UNVIEWED_WINDOW_MS,
  VOTE_TYPES,
  type VoteEvent,
} from './abuse-rules.js';

const DEFAULT_BATCH = 2000;
const IN_CHUNK = 500;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface ScreeningReport {
  screened: number;
  /** Signals set aside by this pass, per reason (a vote moved from one reason to another counts once). */
  flagged: Partial<Record<FlagReason, number>>;
}

export interface ScreeningOptions {
  batchSize?: number;
  onProgress?: (screenedSoFar: number) => void;
}

/** Screens every signal of the project not yet screened. */
export async function screenProject(
  store: Store,
  projectId: string,
  options: ScreeningOptions = {},
): Promise<ScreeningReport> {
  const settings = (await getProjectSettings(store.db, projectId))?.abuse ?? DEFAULT_ABUSE_SETTINGS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const report: ScreeningReport = { screened: 0, flagged: {} };
  for (;;) {
    const done = await store.exclusive(projectLock(projectId), (trx) =>
      screenBatch(trx, projectId, settings, batchSize, report),
    );
    report.screened += done;
    options.onProgress?.(report.screened);
    if (done < batchSize) return report;
    // Let queued ingestion commit between batches (on SQLite it waits while a batch holds the database).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface PendingSignal {
  id: string;
  interaction_id: string | null;
  session_id: string | null;
  user_id: string | null;
  type: string;
  kind: string;
  value_num: number | null;
  created_at: number;
  metadata: string;
}

interface InteractionFacts {
  userId: string | null;
  sessionId: string | null;
  dimensions: Dimensions;
}

function chunked<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function userAgentOf(metadata: string): unknown {
  try {
    const parsed: unknown = JSON.parse(metadata);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).userAgent : undefined;
  } catch {
    return undefined;
  }
}

const voterOf = (s: { user_id: string | null; session_id: string | null }): string | null =>
  s.user_id ?? (s.session_id === null ? null : `session:${s.session_id}`);

const latestKey = (interactionId: string, voter: string, type: string) => JSON.stringify([interactionId, voter, type]);

/** Whether (created_at, id) of a is later than that of b. */
const isLater = (a: { created_at: number; id: string }, b: { created_at: number; id: string }) =>
  a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id);

async function loadInteractions(
  trx: Transaction<Database>,
  projectId: string,
  ids: readonly string[],
): Promise<Map<string, InteractionFacts>> {
  const facts = new Map<string, InteractionFacts>();
  for (const part of chunked([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('interactions')
      .select(['id', 'user_id', 'session_id', ...DIMENSION_COLUMNS])
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      facts.set(row.id, { userId: row.user_id, sessionId: row.session_id, dimensions: dimensionsOfRow(row) });
    }
  }
  return facts;
}

/** Each user's votes around the batch's votes, with whether the user saw each voted interaction. */
async function loadVoteHistories(
  trx: Transaction<Database>,
  projectId: string,
  votes: readonly PendingSignal[],
): Promise<Map<string, VoteEvent[]>> {
  const byUser = new Map<string, PendingSignal[]>();
  for (const vote of votes) {
    if (vote.user_id === null) continue;
    const list = byUser.get(vote.user_id) ?? [];
    list.push(vote);
    byUser.set(vote.user_id, list);
  }
  const histories = new Map<string, VoteEvent[]>();
  for (const [userId, own] of byUser) {
    const first = Math.min(...own.map((v) => v.created_at));
    const last = Math.max(...own.map((v) => v.created_at));
    const from = Math.min(Math.floor(first / DAY_MS) * DAY_MS, first - MINUTE_MS, first - UNVIEWED_WINDOW_MS);
    const rows = await trx
      .selectFrom('signals')
      .select(['id', 'interaction_id', 'session_id', 'created_at'])
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('created_at', '>=', from)
      .where('created_at', '<=', last)
      .where('type', 'in', [...VOTE_TYPES])
      .where('interaction_id', 'is not', null)
      .execute();
    const interactionIds = [...new Set(rows.map((r) => r.interaction_id ?? ''))];
    const owners = await loadInteractions(trx, projectId, interactionIds);
    const seen = new Set<string>();
    for (const part of chunked(interactionIds)) {
      const implicit = await trx
        .selectFrom('signals')
        .select('interaction_id')
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .where('kind', '=', 'implicit')
        .where('interaction_id', 'in', part)
        .execute();
      for (const row of implicit) if (row.interaction_id !== null) seen.add(row.interaction_id);
    }
    histories.set(
      userId,
      rows.map((r) => {
        const interactionId = r.interaction_id ?? '';
        const owner = owners.get(interactionId);
        const viewed =
          seen.has(interactionId) ||
          owner?.userId === userId ||
          (owner?.sessionId != null && owner.sessionId === r.session_id);
        return { id: r.id, interactionId, createdAt: r.created_at, viewed };
      }),
    );
  }
  return histories;
}

async function loadLatestVotes(
  trx: Transaction<Database>,
  projectId: string,
  interactionIds: readonly string[],
): Promise<Map<string, LatestVoteTable>> {
  const latest = new Map<string, LatestVoteTable>();
  for (const part of chunked([...new Set(interactionIds)])) {
    const rows = await trx
      .selectFrom('latest_votes')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('interaction_id', 'in', part)
      .execute();
    for (const row of rows) latest.set(latestKey(row.interaction_id, row.voter, row.type), row);
  }
  return latest;
}

/** Flags and the rollup adjustments they imply, collected for one batch and written at its end. */
class FlagBook {
  readonly flags = new Map<string, { reason: FlagReason; userId: string | null }>();
  readonly adjustments = new Map<FlagReason, RollupAccumulator>();

  constructor(private readonly projectId: string) {}

  setAside(id: string, userId: string | null, cell: RollupSignal, dims: Dimensions | null, reason: FlagReason): void {
    this.flags.set(id, { reason, userId });
    this.#cells(reason).addSignal(cell, dims, 1);
  }

  /** A signal already set aside for `from` is now set aside for `to` instead. */
  move(
    id: string,
    userId: string | null,
    cell: RollupSignal,
    dims: Dimensions | null,
    from: FlagReason,
    to: FlagReason,
  ) {
    this.flags.set(id, { reason: to, userId });
    this.#cells(from).addSignal(cell, dims, -1);
    this.#cells(to).addSignal(cell, dims, 1);
  }

  #cells(reason: FlagReason): RollupAccumulator {
    const cells = this.adjustments.get(reason) ?? new RollupAccumulator(this.projectId);
    this.adjustments.set(reason, cells);
    return cells;
  }
}

/** The capture bits the batch's signals set on their interactions, with the batch's final flags. */
function captureOfBatch(
  pending: readonly PendingSignal[],
  interactions: ReadonlyMap<string, InteractionFacts>,
  book: FlagBook,
  keptAgain: ReadonlySet<string>,
): Map<string, number> {
  const bits = new Map<string, number>();
  for (const s of pending) {
    if (s.interaction_id === null || !interactions.has(s.interaction_id)) continue;
    const reason = book.flags.get(s.id)?.reason;
    const kept = reason === undefined || reason === 'superseded';
    bits.set(s.interaction_id, (bits.get(s.interaction_id) ?? 0) | captureBitsOf(s.kind, kept));
  }
  for (const id of keptAgain) bits.set(id, (bits.get(id) ?? 0) | CAPTURE.explicit | CAPTURE.explicitKept);
  return bits;
}

async function screenBatch(
  trx: Transaction<Database>,
  projectId: string,
  settings: AbuseSettings,
  batchSize: number,
  report: ScreeningReport,
): Promise<number> {
  const pending: PendingSignal[] = await trx
    .selectFrom('signals')
    .select(['id', 'interaction_id', 'session_id', 'user_id', 'type', 'kind', 'value_num', 'created_at', 'metadata'])
    .where('project_id', '=', projectId)
    .where('screened', '=', 0)
    .where('rolled_up', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .limit(batchSize)
    .execute();
  if (pending.length === 0) return 0;

  const interactions = await loadInteractions(
    trx,
    projectId,
    pending.flatMap((s) => (s.interaction_id === null ? [] : [s.interaction_id])),
  );
  const votes = pending.filter(
    (s) => isVoteType(s.type) && s.interaction_id !== null && voterOf(s) !== null && interactions.has(s.interaction_id),
  );
  const voteIds = new Set(votes.map((v) => v.id));
  const histories = settings.enabled ? await loadVoteHistories(trx, projectId, votes) : new Map();
  const latest = await loadLatestVotes(
    trx,
    projectId,
    votes.map((v) => v.interaction_id ?? ''),
  );
  const changedLatest = new Set<string>();
  const book = new FlagBook(projectId);
  // Interactions whose earlier vote moves from an abuse reason to `superseded`: it counts as kept again.
  const keptAgain = new Set<string>();
  // Flag reasons written by earlier batches, for votes this batch supersedes.
  const earlierFlags = new Map<string, FlagReason>();
  for (const row of latest.values()) if (row.flag !== '') earlierFlags.set(row.signal_id, row.flag as FlagReason);

  const cellOf = (s: { type: string; value_num: number | null; created_at: number }): RollupSignal => ({
    type: s.type,
    valueNum: s.value_num,
    createdAt: s.created_at,
  });

  for (const signal of pending) {
    const dims = signal.interaction_id === null ? null : (interactions.get(signal.interaction_id)?.dimensions ?? null);
    const bot = settings.enabled && isBotUserAgent(userAgentOf(signal.metadata));
    const voter = voterOf(signal);
    const isVote = voteIds.has(signal.id);
    if (!isVote || voter === null || signal.interaction_id === null) {
      if (bot) book.setAside(signal.id, signal.user_id, cellOf(signal), dims, 'bot');
      continue;
    }
    const key = latestKey(signal.interaction_id, voter, signal.type);
    const current = latest.get(key);
    if (current && isLater({ created_at: current.created_at, id: current.signal_id }, signal)) {
      // An older vote arriving late: the newer one already stands.
      book.setAside(signal.id, signal.user_id, cellOf(signal), dims, 'superseded');
      current.changes += 1;
      changedLatest.add(key);
      continue;
    }
    if (current) {
      const cell = cellOf({ type: current.type, value_num: current.value_num, created_at: current.created_at });
      const userId = signal.user_id;
      const earlier = book.flags.get(current.signal_id)?.reason ?? earlierFlags.get(current.signal_id);
      if (earlier === undefined) book.setAside(current.signal_id, userId, cell, dims, 'superseded');
      else {
        book.move(current.signal_id, userId, cell, dims, earlier, 'superseded');
        if (earlier !== 'superseded') keptAgain.add(signal.interaction_id);
      }
    }
    const changes = current ? current.changes + 1 : 0;
    let reason: FlagReason | null = bot ? 'bot' : null;
    if (settings.enabled && reason === null && signal.user_id !== null) {
      const history = histories.get(signal.user_id) ?? [];
      const self = history.find((h: VoteEvent) => h.id === signal.id);
      if (self) reason = rateRuleBroken(self, history, settings);
    }
    if (settings.enabled && reason === null && changes >= settings.maxVoteChanges) reason = 'flip-flop';
    if (reason !== null) book.setAside(signal.id, signal.user_id, cellOf(signal), dims, reason);
    latest.set(key, {
      project_id: projectId,
      interaction_id: signal.interaction_id,
      voter,
      type: signal.type,
      signal_id: signal.id,
      value_num: signal.value_num,
      created_at: signal.created_at,
      changes,
      flag: reason ?? '',
    });
    changedLatest.add(key);
  }

  const now = Date.now();
  const flagRows = [...book.flags].map(([signalId, { reason, userId }]) => ({
    project_id: projectId,
    signal_id: signalId,
    reason,
    detail: '',
    user_id: userId,
    flagged_at: now,
  }));
  for (const part of chunked(flagRows)) {
    await trx
      .insertInto('signal_flags')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['project_id', 'signal_id']).doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason') })),
      )
      .execute();
  }
  for (const [reason, cells] of book.adjustments) await addRollupAdjustments(trx, reason, cells.rows());
  const latestRows = [...changedLatest].map((key) => latest.get(key)).filter((r) => r !== undefined);
  for (const part of chunked(latestRows)) {
    await trx
      .insertInto('latest_votes')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['project_id', 'interaction_id', 'voter', 'type']).doUpdateSet((eb) => ({
          signal_id: eb.ref('excluded.signal_id'),
          value_num: eb.ref('excluded.value_num'),
          created_at: eb.ref('excluded.created_at'),
          changes: eb.ref('excluded.changes'),
          flag: eb.ref('excluded.flag'),
        })),
      )
      .execute();
  }
  await addCaptureBits(trx, projectId, captureOfBatch(pending, interactions, book, keptAgain));
  for (const part of chunked(pending.map((s) => s.id))) {
    await trx
      .updateTable('signals')
      .set({ screened: 1 })
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .execute();
  }
  for (const { reason } of book.flags.values()) report.flagged[reason] = (report.flagged[reason] ?? 0) + 1;
  return pending.length;
}
