/**
 * Which interactions failed, strongest evidence first, one page at a time. One SQL statement, the same on
 * SQLite and PostgreSQL: the failure evidence of the project as rows (current votes from `latest_votes`,
 * edit and regenerate signals not set aside, later attempts naming a parent), grouped per interaction,
 * filtered by the interaction's dimensions, scored, and cut at a keyset cursor — so accepting or rejecting
 * candidates between pages never makes a page skip one.
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

function evidenceRows(projectId: string): RawBuilder<unknown> {
  return sql`
    SELECT v.interaction_id AS interaction_id,
      CASE WHEN v.type = 'thumbs' AND v.value_num < 0 THEN 1 ELSE 0 END AS down,
      CASE WHEN v.type = 'thumbs' AND v.value_num > 0 THEN 1 ELSE 0 END AS up,
      CASE WHEN v.type = 'rating' AND v.value_num <= 2 THEN 1 ELSE 0 END AS low,
      CAST(NULL AS TEXT) AS editor, 0 AS regen, 0 AS child
    FROM latest_votes v
    WHERE v.project_id = ${projectId} AND v.flag = '' AND v.type IN ('thumbs', 'rating')
    UNION ALL
    SELECT s.interaction_id, 0, 0, 0, COALESCE('u:' || s.user_id, 's:' || s.session_id, 'x:' || s.id), 0, 0
    FROM signals s
    WHERE s.project_id = ${projectId} AND s.type = 'edit' AND s.interaction_id IS NOT NULL AND ${NOT_SET_ASIDE}
    UNION ALL
    SELECT s.interaction_id, 0, 0, 0, NULL, 1, 0
    FROM signals s
    WHERE s.project_id = ${projectId} AND s.type = 'regenerate' AND s.interaction_id IS NOT NULL AND ${NOT_SET_ASIDE}
    UNION ALL
    SELECT c.parent_id, 0, 0, 0, NULL, 0, 1
    FROM interactions c
    WHERE c.project_id = ${projectId} AND c.parent_id IS NOT NULL`;
}

function interactionConditions(filters: CandidateFilters): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (filters.since !== undefined) out.push(sql`i.created_at >= ${filters.since}`);
  if (filters.until !== undefined) out.push(sql`i.created_at < ${filters.until}`);
  if (filters.tenant !== undefined) out.push(sql`i.tenant = ${filters.tenant}`);
  if (filters.model !== undefined) out.push(sql`i.model = ${filters.model}`);
  if (filters.promptTemplate !== undefined) out.push(sql`i.prompt_template = ${filters.promptTemplate}`);
  if (filters.promptVersion !== undefined) out.push(sql`i.prompt_version = ${filters.promptVersion}`);
  return out;
}

/**
 * One page of failing interactions in ranking order: strength descending, then newest first, then id.
 * An interaction is a candidate when it has any failure evidence (a current down vote, a rating of 1–2,
 * an edit, a regeneration), whatever its strength; up votes only lower its rank.
 */
export async function rankCandidates(
  db: Kysely<Database>,
  options: {
    projectId: string;
    filters: CandidateFilters;
    /** Leave out interactions this set already decided. */
    set?: string | undefined;
    cursor?: CandidateCursor | undefined;
    limit: number;
  },
): Promise<RankedCandidate[]> {
  const { projectId, filters, set, cursor, limit } = options;
  const where = [sql`i.project_id = ${projectId}`, ...interactionConditions(filters)];
  if (set !== undefined) {
    where.push(sql`NOT EXISTS (
      SELECT 1 FROM eval_cases ec
      WHERE ec.project_id = ${projectId} AND ec.set_name = ${set} AND ec.interaction_id = e.interaction_id)`);
  }
  const w = EVIDENCE_WEIGHTS;
  const strength = sql`(${sql.lit(w.edit)} * g.editors + ${sql.lit(w.thumbsDown)} * g.down
    + ${sql.lit(w.lowRating)} * g.low
    + ${sql.lit(w.regeneration)} * CASE WHEN g.regen > g.child THEN g.regen ELSE g.child END
    + ${sql.lit(w.thumbsUp)} * g.up)`;
  const after =
    cursor === undefined
      ? sql`1 = 1`
      : sql`(r.strength < ${cursor.strength}
          OR (r.strength = ${cursor.strength} AND r.created_at < ${cursor.createdAt})
          OR (r.strength = ${cursor.strength} AND r.created_at = ${cursor.createdAt} AND r.interaction_id > ${cursor.id}))`;
  const result = await sql<{ interaction_id: string; created_at: number | string; strength: number | string }>`
    SELECT r.interaction_id, r.created_at, r.strength
    FROM (
      SELECT g.interaction_id, g.created_at, ${strength} AS strength
      FROM (
        SELECT e.interaction_id AS interaction_id, i.created_at AS created_at,
          SUM(e.down) AS down, SUM(e.up) AS up, SUM(e.low) AS low, COUNT(DISTINCT e.editor) AS editors,
          SUM(e.regen) AS regen, SUM(e.child) AS child
        FROM (${evidenceRows(projectId)}) e
        JOIN interactions i ON i.project_id = ${projectId} AND i.id = e.interaction_id
        WHERE ${sql.join(where, sql` AND `)}
        GROUP BY e.interaction_id, i.created_at
        HAVING SUM(e.down) > 0 OR SUM(e.low) > 0 OR COUNT(DISTINCT e.editor) > 0 OR SUM(e.regen) > 0
          OR SUM(e.child) > 0
      ) g
    ) r
    WHERE ${after}
    ORDER BY r.strength DESC, r.created_at DESC, r.interaction_id ASC
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => ({
    interactionId: r.interaction_id,
    createdAt: Number(r.created_at),
    strength: Number(r.strength),
  }));
}
