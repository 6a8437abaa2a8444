/**
 * Which interactions failed, strongest evidence first, one page at a time. One SQL statement, the same on
 * SQLite and PostgreSQL: the failure evidence as rows (current votes from `latest_votes`, edit and
 * regenerate signals not set aside, later attempts naming a parent), each part read from an index in
 * interaction order and only for the ids the requested window can hold, grouped per interaction, joined
 * to the interaction for the window and the dimension filters, scored, and cut at a keyset cursor — so
 * accepting or rejecting candidates between pages never makes a page skip one.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CandidateCursor } from './candidate-request.js';
import type { CandidateFilters } from './eval-set-types.js';

/**
 * How much each piece of evidence weighs. A correction is the strongest (it shows what was wrong and
 * what was right); an explicit down vote or a rating of 1–2 is clear; a regeneration is implicit, weaker
 * on its own. Each current up vote counts against. Whole numbers, so the keyset cursor compares exactly.
 */
export const EVIDENCE_WEIGHTS = {
  edit: 3,
  thumbsDown: 2,
  lowRating: 2,
  regeneration: 1,
  thumbsUp: -1,
} as const;

export interface EvidenceCounts {
  thumbsDown: number;
  thumbsUp: number;
  lowRatings: number;
  edits: number;
  regenerations: number;
}

/** The strength of some evidence; the SQL ranking computes the same sum. */
export function evidenceStrength(c: EvidenceCounts): number {
  const w = EVIDENCE_WEIGHTS;
  return (
    w.edit * c.edits +
    w.thumbsDown * c.thumbsDown +
    w.lowRating * c.lowRatings +
    w.regeneration * c.regenerations +
    w.thumbsUp * c.thumbsUp
  );
}

export interface RankedCandidate {
  interactionId: string;
  createdAt: number;
  strength: number;
}

/** A signal (as `s`) the abuse filter did not set aside; `superseded` is about votes, handled by latest_votes. */
const NOT_SET_ASIDE = sql`NOT EXISTS (
  SELECT 1 FROM signal_flags f
  WHERE f.project_id = s.project_id AND f.signal_id = s.id AND f.reason <> 'superseded')`;

/** The window on the interaction's creation time, on `alias.created_at`. */
function windowConditions(alias: string, filters: CandidateFilters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (filters.since !== undefined) out.push(sql`${sql.ref(`${alias}.created_at`)} >= ${filters.since}`);
  if (filters.until !== undefined) out.push(sql`${sql.ref(`${alias}.created_at`)} < ${filters.until}`);
  return out;
}

/**
 * The window restricts the evidence by interaction id: every interaction created in it has an id between
 * the least and the greatest id of those interactions (`bounds`, read from the `interactions_project_time`
 * index alone), so evidence outside that range cannot count, and each part below reads only its range.
 * The window itself stays on the interaction's creation time (evidence counts whenever it was given, so a
 * bound on the evidence's own time would change the answer); the join at the end applies it exactly.
 * Ids are chosen by clients: with time-ordered ids (UUIDv7, as the SDKs make) the range is about the
 * window's evidence; with unordered ids it may span the project, which is slower, never different.
 */
function boundsOf(projectId: string, filters: CandidateFilters): RawBuilder<unknown> | undefined {
  const window = windowConditions('w', filters);
  if (window.length === 0) return undefined;
  // COUNT(*) keeps PostgreSQL from turning MIN and MAX into walks of the primary key in id order that
  // filter on time (cheap only if the first id it meets is in the window): it reads the index range instead.
  return sql`SELECT MIN(w.id) AS lo, MAX(w.id) AS hi, COUNT(*) AS n FROM interactions w
    WHERE w.project_id = ${projectId} AND ${sql.join(window, sql` AND `)}`;
}

function inBounds(column: RawBuilder<unknown>, bounded: boolean): RawBuilder<unknown> {
  return bounded
    ? sql`${column} >= (SELECT b.lo FROM bounds b) AND ${column} <= (SELECT b.hi FROM bounds b)`
    : sql`${column} IS NOT NULL`;
}

/**
 * The failure evidence as rows, one per current vote, edit or regenerate signal and later attempt, in
 * interaction order: each part reads an index in that order (`latest_votes` by its key,
 * `signals_failure_evidence`, `interactions_parent`), so SQLite merges them and groups without sorting.
 * A row's `score` is what it adds to the strength, except edits (each editor once) and regenerations
 * (signals or later attempts, whichever are more), counted apart.
 */
function evidenceRows(projectId: string, bounded: boolean): RawBuilder<unknown> {
  const w = EVIDENCE_WEIGHTS;
  const down = sql`v.type = 'thumbs' AND v.value_num < 0`;
  const low = sql`v.type = 'rating' AND v.value_num <= 2`;
  const up = sql`v.type = 'thumbs' AND v.value_num > 0`;
  // The type list must read exactly as in the partial index's predicate (migration 010).
  return sql`
    SELECT v.interaction_id AS interaction_id,
      CASE WHEN ${down} THEN ${sql.lit(w.thumbsDown)} WHEN ${low} THEN ${sql.lit(w.lowRating)}
        WHEN ${up} THEN ${sql.lit(w.thumbsUp)} ELSE 0 END AS score,
      CASE WHEN (${down}) OR (${low}) THEN 1 ELSE 0 END AS failed,
      CAST(NULL AS TEXT) AS editor, 0 AS regen, 0 AS child
    FROM latest_votes v
    WHERE v.project_id = ${projectId} AND ${inBounds(sql`v.interaction_id`, bounded)}
      AND v.flag = '' AND v.type IN ('thumbs', 'rating')
    UNION ALL
    SELECT s.interaction_id, 0, 0,
      CASE WHEN s.type = 'edit' THEN COALESCE('u:' || s.user_id, 's:' || s.session_id, 'x:' || s.id) END,
      CASE WHEN s.type = 'regenerate' THEN 1 ELSE 0 END, 0
    FROM signals s
    WHERE s.project_id = ${projectId} AND ${inBounds(sql`s.interaction_id`, bounded)}
      AND s.type IN ('edit', 'regenerate') AND ${NOT_SET_ASIDE}
    UNION ALL
    SELECT c.parent_id, 0, 0, NULL, 0, 1
    FROM interactions c
    WHERE c.project_id = ${projectId} AND c.parent_id IS NOT NULL AND ${inBounds(sql`c.parent_id`, bounded)}
    ORDER BY 1`;
}

function interactionConditions(filters: CandidateFilters): RawBuilder<unknown>[] {
  const out = windowConditions('i', filters);
  if (filters.tenant !== undefined) out.push(sql`i.tenant = ${filters.tenant}`);
  if (filters.model !== undefined) out.push(sql`i.model = ${filters.model}`);
  if (filters.promptTemplate !== undefined) out.push(sql`i.prompt_template = ${filters.promptTemplate}`);
  if (filters.promptVersion !== undefined) out.push(sql`i.prompt_version = ${filters.promptVersion}`);
  return out;
}

export interface RankingOptions {
  projectId: string;
  filters: CandidateFilters;
  /** Leave out interactions this set already decided. */
  set?: string | undefined;
  cursor?: CandidateCursor | undefined;
  limit: number;
}

/**
 * The ranking as one statement (exported so a test can read its query plan): the evidence grouped per
 * interaction (only interactions with failure evidence go on), then each group joined to its interaction,
 * which applies the window and the other filters exactly, then scored, cut at the cursor and ordered.
 */
export function rankingQuery(options: RankingOptions): RawBuilder<{
  interaction_id: string;
  created_at: number | string;
  strength: number | string;
}> {
  const { projectId, filters, set, cursor, limit } = options;
  const bounds = boundsOf(projectId, filters);
  const where = [sql`i.project_id = ${projectId}`, ...interactionConditions(filters)];
  if (set !== undefined) {
    where.push(sql`NOT EXISTS (
      SELECT 1 FROM eval_cases ec
      WHERE ec.project_id = ${projectId} AND ec.set_name = ${set} AND ec.interaction_id = g.interaction_id)`);
  }
  const strength = sql`(g.score + ${sql.lit(EVIDENCE_WEIGHTS.edit)} * g.editors
    + ${sql.lit(EVIDENCE_WEIGHTS.regeneration)} * CASE WHEN g.regen > g.child THEN g.regen ELSE g.child END)`;
  const after =
    cursor === undefined
      ? sql`1 = 1`
      : sql`(r.strength < ${cursor.strength}
          OR (r.strength = ${cursor.strength} AND r.created_at < ${cursor.createdAt})
          OR (r.strength = ${cursor.strength} AND r.created_at = ${cursor.createdAt} AND r.interaction_id > ${cursor.id}))`;
  return sql`
    ${bounds === undefined ? sql`` : sql`WITH bounds AS (${bounds})`}
    SELECT r.interaction_id, r.created_at, r.strength
    FROM (
      SELECT g.interaction_id AS interaction_id, i.created_at AS created_at, ${strength} AS strength
      FROM (
        SELECT e.interaction_id AS interaction_id, SUM(e.score) AS score, COUNT(DISTINCT e.editor) AS editors,
          SUM(e.regen) AS regen, SUM(e.child) AS child
        FROM (${evidenceRows(projectId, bounds !== undefined)}) e
        GROUP BY e.interaction_id
        HAVING SUM(e.failed) > 0 OR COUNT(e.editor) > 0 OR SUM(e.regen) > 0 OR SUM(e.child) > 0
      ) g
      CROSS JOIN interactions i -- in this order on SQLite too: each group looks up its interaction
      WHERE i.id = g.interaction_id AND ${sql.join(where, sql` AND `)}
    ) r
    WHERE ${after}
    ORDER BY r.strength DESC, r.created_at DESC, r.interaction_id ASC
    LIMIT ${limit}`;
}

/**
 * One page of failing interactions in ranking order: strength descending, then newest first, then id.
 * An interaction is a candidate when it has any failure evidence (a current down vote, a rating of 1–2,
 * an edit, a regeneration), whatever its strength; up votes only lower its rank.
 */
export async function rankCandidates(db: Kysely<Database>, options: RankingOptions): Promise<RankedCandidate[]> {
  const result = await rankingQuery(options).execute(db);
  return result.rows.map((r) => ({
    interactionId: r.interaction_id,
    createdAt: Number(r.created_at),
    strength: Number(r.strength),
  }));
}
