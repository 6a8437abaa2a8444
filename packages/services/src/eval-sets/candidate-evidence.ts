/**
 * The evidence behind each of a few interactions, in detail: which signals, how many of each, the users'
 * comments, and the latest edit (what the user wanted instead). Read for one page of candidates, or for
 * one interaction being accepted, with the same rules as the ranking: current votes not set aside,
 * edits, regenerations and comments the abuse filter did not set aside.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { chunked } from '../export/interaction-rows.js';
import { evidenceStrength } from './candidate-ranking.js';
import type { CandidateEvidence } from './eval-set-types.js';

/** How many comments a candidate shows; the count of signal ids still covers all of them. */
export const MAX_SHOWN_COMMENTS = 10;
const MAX_SHOWN_REGENERATIONS = 10;

export interface DetailedEvidence extends CandidateEvidence {
  suggestedExpectedOutput: string | null;
}

interface EventRow {
  id: string;
  interaction_id: string | null;
  user_id: string | null;
  session_id: string | null;
  type: string;
  value: string | null;
  created_at: number | string;
  received_at: number | string;
}

const byTime = (a: EventRow, b: EventRow) =>
  Number(a.created_at) - Number(b.created_at) ||
  Number(a.received_at) - Number(b.received_at) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const voterOf = (s: EventRow) =>
  s.user_id !== null ? `u:${s.user_id}` : s.session_id !== null ? `s:${s.session_id}` : `x:${s.id}`;

function textOf(value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function emptyEvidence(): DetailedEvidence {
  return {
    strength: 0,
    thumbsDown: 0,
    thumbsUp: 0,
    lowRatings: 0,
    edits: 0,
    regenerations: 0,
    comments: [],
    signalIds: [],
    regeneratedBy: [],
    suggestedExpectedOutput: null,
  };
}

/** The evidence of each interaction named (every id gets an entry, empty when there is none). */
export async function evidenceOf(
  db: Kysely<Database>,
  projectId: string,
  interactionIds: readonly string[],
): Promise<Map<string, DetailedEvidence>> {
  const out = new Map<string, DetailedEvidence>();
  for (const id of interactionIds) out.set(id, emptyEvidence());
  const regenerationSignals = new Map<string, number>();
  for (const ids of chunked([...new Set(interactionIds)])) {
    const votes = await db
      .selectFrom('latest_votes')
      .select(['interaction_id', 'type', 'value_num', 'signal_id'])
      .where('project_id', '=', projectId)
      .where('interaction_id', 'in', ids)
      .where('flag', '=', '')
      .where('type', 'in', ['thumbs', 'rating'])
      .orderBy('created_at')
      .orderBy('signal_id')
      .execute();
    for (const v of votes) {
      const e = out.get(v.interaction_id);
      const value = v.value_num === null ? null : Number(v.value_num);
      if (!e || value === null) continue;
      if (v.type === 'thumbs' && value < 0) {
        e.thumbsDown++;
        e.signalIds.push(v.signal_id);
      } else if (v.type === 'thumbs' && value > 0) e.thumbsUp++;
      else if (v.type === 'rating' && value <= 2) {
        e.lowRatings++;
        e.signalIds.push(v.signal_id);
      }
    }

    const events: EventRow[] = await db
      .selectFrom('signals as s')
      .select([
        's.id',
        's.interaction_id',
        's.user_id',
        's.session_id',
        's.type',
        's.value',
        's.created_at',
        's.received_at',
      ])
      .where('s.project_id', '=', projectId)
      .where('s.interaction_id', 'in', ids)
      .where('s.type', 'in', ['edit', 'regenerate', 'comment'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('signal_flags as f')
              .select(sql.lit(1).as('one'))
              .whereRef('f.project_id', '=', 's.project_id')
              .whereRef('f.signal_id', '=', 's.id')
              .where('f.reason', '!=', 'superseded'),
          ),
        ),
      )
      .execute();
    events.sort(byTime);
    const latestEdit = new Map<string, EventRow>();
    for (const s of events) {
      const e = out.get(s.interaction_id ?? '');
      if (!e) continue;
      if (s.type === 'edit') {
        const key = `${s.interaction_id}\u0000${voterOf(s)}`;
        latestEdit.delete(key); // re-inserting keeps the map in order of each editor's latest edit
        latestEdit.set(key, s);
      } else if (s.type === 'regenerate') {
        e.signalIds.push(s.id);
        regenerationSignals.set(s.interaction_id ?? '', (regenerationSignals.get(s.interaction_id ?? '') ?? 0) + 1);
      } else if (s.type === 'comment') {
        const text = textOf(s.value);
        e.signalIds.push(s.id);
        if (text !== undefined && e.comments.length < MAX_SHOWN_COMMENTS) e.comments.push(text);
      }
    }
    for (const s of latestEdit.values()) {
      const e = out.get(s.interaction_id ?? '');
      if (!e) continue;
      e.edits++;
      e.signalIds.push(s.id);
      // In order of each editor's latest edit, so the last text seen is the newest (a purged one has none).
      e.suggestedExpectedOutput = textOf(s.value) ?? e.suggestedExpectedOutput;
    }

    // Ordered by parent first: each parent's attempts still come oldest first, and SQLite reads them from
    // `interactions_parent` (ordered by time alone, it would scan the project's interactions by time).
    const children = await db
      .selectFrom('interactions')
      .select(['id', 'parent_id'])
      .where('project_id', '=', projectId)
      .where('parent_id', 'in', ids)
      .orderBy('parent_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const c of children) {
      const e = out.get(c.parent_id ?? '');
      if (e && e.regeneratedBy.length < MAX_SHOWN_REGENERATIONS) e.regeneratedBy.push(c.id);
    }
    const childCount = new Map<string, number>();
    for (const c of children) childCount.set(c.parent_id ?? '', (childCount.get(c.parent_id ?? '') ?? 0) + 1);
    for (const id of ids) {
      const e = out.get(id);
      if (!e) continue;
      // A regenerate signal and the attempt that replaced the output are usually one event told twice.
      e.regenerations = Math.max(regenerationSignals.get(id) ?? 0, childCount.get(id) ?? 0);
      e.strength = evidenceStrength(e);
    }
  }
  return out;
}
