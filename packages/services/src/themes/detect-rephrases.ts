/**
 * Server-side rephrase detection: within a session, a prompt that restates the previous one a few minutes
 * later says the earlier answer did not serve. The SDKs' `followUp` reports this explicitly; this pass
 * finds it in what was logged, and records an implicit `rephrase` signal on the EARLIER interaction:
 * value `{ by: <later id>, similarity }`, at the later interaction's time, from the later prompt's user.
 *
 * Each pass reads the interactions received since the project's watermark (`job_watermarks`), in batches
 * under the project lock, and pairs each with the one before it in its session (and with the one after
 * it, in case that arrived first). The signals are then written through `store.ingest` — outside the lock,
 * because on SQLite the lock holds the ingest writer — and only then the watermark moves on. A crash in
 * between repeats the batch, which is harmless: a signal's id is derived from its pair, so a second write
 * is a `duplicate`, and a pair that already has a rephrase signal is skipped.
 */
import { createHash } from 'node:crypto';
import { type SignalRecord, validateSignal } from '@feedloop/core';
import { type Database, projectLock, type Store } from '@feedloop/store';
import type { Kysely, Transaction } from 'kysely';
import { chunked } from '../privacy/chunked.js';
import { promptText } from './failure-pool.js';
import { compareForRephrase, REPHRASE_THRESHOLD } from './rephrase-similarity.js';

/** How soon after the earlier prompt a restatement counts: later, it is a new visit, not a rephrase. */
export const REPHRASE_WINDOW_MS = 5 * 60_000;
/** The job's name in `job_watermarks`. */
export const REPHRASE_JOB = 'rephrase';
const DEFAULT_BATCH = 2000;
/**
 * Interactions younger than this (by receive time) wait for the next pass. A write that was given its
 * receive time but is still queued (SQLite waits for the lock) or uncommitted (PostgreSQL) would otherwise
 * land behind the watermark and never be examined.
 */
const DEFAULT_SETTLE_MS = 60_000;

export interface RephraseDetectionOptions {
  /** Interactions examined per locked section (default 2,000). */
  batchSize?: number;
  /** Only interactions received at least this long ago are examined (default 60 s). */
  settleMs?: number;
  /** The `isRephrase` threshold (default `REPHRASE_THRESHOLD`). */
  threshold?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export interface RephraseDetectionReport {
  /** Interactions examined by this pass. */
  examined: number;
  /** Consecutive prompt pairs judged rephrases. */
  detected: number;
  /** Rephrase signals this pass stored. */
  created: number;
  /** Rephrases that already had a signal (sent by an SDK's `followUp`, or stored by an earlier pass). */
  alreadyKnown: number;
}

/**
 * The id of the server's rephrase signal for a pair: derived from the two ids, so every pass, process and
 * retry writes the same one. Hashed rather than joined: joined ids can exceed the 200-character id limit,
 * and `a_b` + `c` would collide with `a` + `b_c`.
 * @example rephraseSignalId('int_1', 'int_2') // 'rephrase_…' (40 hex digits)
 */
export function rephraseSignalId(earlierId: string, laterId: string): string {
  return `rephrase_${createHash('sha256').update(`${earlierId}\n${laterId}`).digest('hex').slice(0, 40)}`;
}

interface FreshRow {
  id: string;
  session_id: string | null;
  created_at: number;
  received_at: number;
}

interface SessionRow {
  id: string;
  session_id: string | null;
  user_id: string | null;
  parent_id: string | null;
  input: string | null;
  created_at: number;
}

interface Batch {
  fresh: FreshRow[];
  /** The receive time every interaction up to which is now examined; null when nothing was. */
  through: number | null;
  more: boolean;
  sessions: Map<string, SessionRow[]>;
}

interface Rephrase {
  earlier: SessionRow;
  later: SessionRow;
  similarity: number;
}

/**
 * Finds rephrased follow-ups among the project's interactions received since the last pass, and records
 * each as an implicit `rephrase` signal on the earlier interaction. Idempotent; safe to run from several
 * processes at once.
 * @example const report = await detectRephrases(store, 'proj_1'); // { examined, detected, created, alreadyKnown }
 */
export async function detectRephrases(
  store: Store,
  projectId: string,
  options: RephraseDetectionOptions = {},
): Promise<RephraseDetectionReport> {
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const threshold = options.threshold ?? REPHRASE_THRESHOLD;
  const cutoff = now() - (options.settleMs ?? DEFAULT_SETTLE_MS);
  const report: RephraseDetectionReport = { examined: 0, detected: 0, created: 0, alreadyKnown: 0 };
  for (;;) {
    const batch = await store.exclusive(projectLock(projectId), (trx) => readBatch(trx, projectId, cutoff, batchSize));
    const through = batch.through;
    if (through === null) return report;
    // Compared outside the lock: on SQLite the lock holds ingestion, and a batch's prompts may be long.
    const found = findRephrases(batch, threshold);
    const known = await knownPairs(
      store.db,
      projectId,
      found.map((f) => f.earlier.id),
    );
    const fresh = found.filter((f) => !known(f.earlier.id, f.later.id));
    const signals = fresh.map((f) => rephraseSignal(f, now()));
    if (signals.length > 0) {
      const outcome = await store.ingest(projectId, { interactions: [], signals }, now());
      report.created += outcome.signals.filter((s) => s === 'created').length;
    }
    await store.exclusive(projectLock(projectId), async (trx) => {
      await dropOrphans(
        trx,
        projectId,
        signals.map((s) => s.id),
      );
      await advanceWatermark(trx, projectId, through, now());
    });
    report.examined += batch.fresh.length;
    report.detected += found.length;
    report.alreadyKnown += found.length - fresh.length;
    if (!batch.more) return report;
    // Let queued ingestion commit between batches (on SQLite it waits while a batch holds the lock).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function readWatermark(trx: Transaction<Database>, projectId: string): Promise<number> {
  const row = await trx
    .selectFrom('job_watermarks')
    .select('received_at')
    .where('project_id', '=', projectId)
    .where('job', '=', REPHRASE_JOB)
    .executeTakeFirst();
  return row === undefined ? -1 : Number(row.received_at);
}

/**
 * The next interactions by receive time. The watermark is a time, so a batch always ends on a whole
 * millisecond: rows sharing the last one are left for the next batch, or, when the batch is nothing but
 * that millisecond (one large ingest), read whole.
 */
async function nextFresh(
  trx: Transaction<Database>,
  projectId: string,
  after: number,
  cutoff: number,
  batchSize: number,
): Promise<{ rows: FreshRow[]; more: boolean }> {
  const select = () =>
    trx
      .selectFrom('interactions')
      .select(['id', 'session_id', 'created_at', 'received_at'])
      .where('project_id', '=', projectId)
      .where('received_at', '<=', cutoff);
  const rows = await select().where('received_at', '>', after).orderBy('received_at').limit(batchSize).execute();
  const last = rows.at(-1);
  if (rows.length < batchSize || last === undefined) return { rows, more: false };
  const whole = rows.filter((r) => r.received_at < last.received_at);
  if (whole.length > 0) return { rows: whole, more: true };
  return { rows: await select().where('received_at', '=', last.received_at).execute(), more: true };
}

/** The sessions' interactions around the fresh ones: far enough back and ahead to find each neighbour. */
async function loadSessions(
  trx: Transaction<Database>,
  projectId: string,
  fresh: readonly FreshRow[],
): Promise<Map<string, SessionRow[]>> {
  const span = new Map<string, { from: number; to: number }>();
  for (const row of fresh) {
    if (row.session_id === null) continue;
    const s = span.get(row.session_id);
    span.set(row.session_id, {
      from: Math.min(s?.from ?? row.created_at, row.created_at - REPHRASE_WINDOW_MS),
      to: Math.max(s?.to ?? row.created_at, row.created_at + REPHRASE_WINDOW_MS),
    });
  }
  const sessions = new Map<string, SessionRow[]>();
  for (const part of chunked([...span.keys()])) {
    const from = Math.min(...part.map((id) => span.get(id)?.from ?? 0));
    const to = Math.max(...part.map((id) => span.get(id)?.to ?? 0));
    const rows = await trx
      .selectFrom('interactions')
      .select(['id', 'session_id', 'user_id', 'parent_id', 'input', 'created_at'])
      .where('project_id', '=', projectId)
      .where('session_id', 'in', part)
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .execute();
    for (const row of rows) {
      if (row.session_id === null) continue;
      const list = sessions.get(row.session_id) ?? [];
      list.push(row);
      sessions.set(row.session_id, list);
    }
  }
  for (const list of sessions.values()) {
    list.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return sessions;
}

/** The pairs (previous, next) each fresh interaction takes part in, once each. */
function pairsOf(fresh: readonly FreshRow[], sessions: Map<string, SessionRow[]>): Array<[SessionRow, SessionRow]> {
  const pairs = new Map<string, [SessionRow, SessionRow]>();
  const previous = (list: SessionRow[], k: number): SessionRow | undefined => {
    const at = list[k]?.created_at ?? 0;
    // Created in the same millisecond: which came first cannot be told, so neither is "the previous one".
    for (let j = k - 1; j >= 0; j--) if ((list[j]?.created_at ?? at) < at) return list[j];
    return undefined;
  };
  for (const row of fresh) {
    if (row.session_id === null) continue;
    const list = sessions.get(row.session_id) ?? [];
    const k = list.findIndex((r) => r.id === row.id);
    if (k < 0) continue;
    const next = list.findIndex((r, j) => j > k && r.created_at > row.created_at);
    for (const j of next < 0 ? [k] : [k, next]) {
      const later = list[j];
      const earlier = previous(list, j);
      if (later && earlier) pairs.set(`${earlier.id}\n${later.id}`, [earlier, later]);
    }
  }
  return [...pairs.values()];
}

/** The interaction a stored rephrase signal names as the restatement, if it names one. */
function followUpOf(value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { followUpId, by } = parsed as { followUpId?: unknown; by?: unknown };
    if (typeof followUpId === 'string') return followUpId;
    return typeof by === 'string' ? by : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which pairs already have a rephrase signal: the server's own (same id), one naming the later interaction
 * (the SDK's `followUp` sends `{ followUpId }`), or one naming none — an explicit report about the earlier
 * interaction that cannot be told apart from this follow-up, so it is not counted twice.
 */
async function knownPairs(
  db: Kysely<Database>,
  projectId: string,
  earlierIds: readonly string[],
): Promise<(earlierId: string, laterId: string) => boolean> {
  const named = new Set<string>();
  const unnamed = new Set<string>();
  for (const part of chunked([...new Set(earlierIds)])) {
    const rows = await db
      .selectFrom('signals')
      .select(['id', 'interaction_id', 'value'])
      .where('project_id', '=', projectId)
      .where('type', '=', 'rephrase')
      .where('interaction_id', 'in', part)
      .execute();
    for (const row of rows) {
      if (row.interaction_id === null) continue;
      const followUp = followUpOf(row.value);
      if (followUp === undefined) unnamed.add(row.interaction_id);
      else named.add(`${row.interaction_id}\n${followUp}`);
    }
  }
  return (earlierId, laterId) => unnamed.has(earlierId) || named.has(`${earlierId}\n${laterId}`);
}

function rephraseSignal({ earlier, later, similarity }: Rephrase, now: number): SignalRecord {
  const checked = validateSignal(
    {
      id: rephraseSignalId(earlier.id, later.id),
      interactionId: earlier.id,
      kind: 'implicit',
      type: 'rephrase',
      value: { by: later.id, similarity: Math.round(similarity * 1000) / 1000 },
      ...(later.user_id === null ? {} : { userId: later.user_id }),
      ...(later.session_id === null ? {} : { sessionId: later.session_id }),
      createdAt: new Date(later.created_at).toISOString(),
      metadata: { detector: 'server' },
    },
    'signals[0]',
    now,
  );
  if (!checked.ok) throw new Error(`rephrase signal for ${earlier.id} is invalid: ${JSON.stringify(checked.errors)}`);
  return checked.record;
}

async function readBatch(
  trx: Transaction<Database>,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<Batch> {
  const after = await readWatermark(trx, projectId);
  const { rows: fresh, more } = await nextFresh(trx, projectId, after, cutoff, batchSize);
  if (fresh.length === 0) return { fresh, through: null, more: false, sessions: new Map() };
  const through = fresh.reduce((max, r) => Math.max(max, r.received_at), after);
  return { fresh, through, more, sessions: await loadSessions(trx, projectId, fresh) };
}

/** The pairs of the batch whose later prompt restates the earlier one. */
function findRephrases(batch: Batch, threshold: number): Rephrase[] {
  const found: Rephrase[] = [];
  for (const [earlier, later] of pairsOf(batch.fresh, batch.sessions)) {
    if (later.created_at - earlier.created_at > REPHRASE_WINDOW_MS) continue;
    // A regeneration repeats its parent's prompt by design; the app records it as `regenerate`.
    if (later.parent_id === earlier.id) continue;
    const { similarity, rephrase } = compareForRephrase(promptText(earlier.input), promptText(later.input), threshold);
    if (rephrase) found.push({ earlier, later, similarity });
  }
  return found;
}

/**
 * A user forgotten between finding a rephrase and writing it leaves a signal whose interaction is gone
 * (stored waiting for it, never counted): remove it, so forgetting stays complete.
 */
async function dropOrphans(trx: Transaction<Database>, projectId: string, ids: readonly string[]): Promise<void> {
  for (const part of chunked(ids)) {
    await trx
      .deleteFrom('signals')
      .where('project_id', '=', projectId)
      .where('id', 'in', part)
      .where('rolled_up', '=', 0)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('interactions as i')
              .select('i.id')
              .whereRef('i.project_id', '=', 'signals.project_id')
              .whereRef('i.id', '=', 'signals.interaction_id'),
          ),
        ),
      )
      .execute();
  }
}

/** Moves the watermark forward, never back (two processes may finish the same batch). */
async function advanceWatermark(
  trx: Transaction<Database>,
  projectId: string,
  through: number,
  now: number,
): Promise<void> {
  await trx
    .insertInto('job_watermarks')
    .values({ project_id: projectId, job: REPHRASE_JOB, received_at: through, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'job'])
        .doUpdateSet((eb) => ({
          received_at: eb.ref('excluded.received_at'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('job_watermarks.received_at', '<', through),
    )
    .execute();
}
