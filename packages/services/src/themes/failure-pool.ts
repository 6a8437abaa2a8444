/**
 * The pool themes are found in: interactions with negative evidence in a time window — a thumbs down or
 * a low rating (the voter's latest, not set aside), a regeneration, a rephrased follow-up, an abandon, a
 * rejection, an edit — and every interaction with a free-text comment. Each becomes one item whose text is
 * what the user wrote about it (the comments) or, without a comment, what they asked.
 */
import type { Dimensions } from '@feedloop/core';
import { type Database, DIMENSION_COLUMNS, dimensionsOfRow } from '@feedloop/store';
import type { Kysely } from 'kysely';

/** Implicit and correction signals that say an answer did not serve. */
export const NEGATIVE_SIGNAL_TYPES = ['regenerate', 'rephrase', 'abandon', 'reject', 'edit'] as const;
const LOW_RATING = 2;
const IN_CHUNK = 500;

export interface PoolWindow {
  projectId: string;
  from: number;
  to: number;
  tenant?: string;
}

export interface PoolItem {
  interactionId: string;
  createdAt: number;
  /** The comments joined, or the user's prompt when there is no comment. */
  text: string;
  textSource: 'comment' | 'prompt';
  /** The evidence that put it in the pool: thumbs-down, low-rating, comment, and negative signal types. */
  evidence: string[];
  dimensions: Dimensions;
  prompt: string;
  output: string;
}

function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

/** The last user message of a stored input (JSON text of a string or a message list). */
export function promptText(input: string | null): string {
  if (input === null) return '';
  try {
    const parsed: unknown = JSON.parse(input);
    if (typeof parsed === 'string') return parsed;
    if (Array.isArray(parsed)) {
      for (let i = parsed.length - 1; i >= 0; i--) {
        const m = parsed[i] as { role?: unknown; content?: unknown };
        if (m?.role === 'user' && typeof m.content === 'string') return m.content;
      }
    }
  } catch {
    // Not JSON: stored text is used as is.
  }
  return input;
}

function commentText(value: string | null): string {
  if (value === null) return '';
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : '';
  } catch {
    return '';
  }
}

/**
 * The failure pool of a window, oldest first. `except` names interactions the caller already has (a run's
 * members): they are left out before their text and comments are read — 1.4 of the 3.5 s a pool of
 * 143,775 items takes at 1M interactions.
 */
export async function loadFailurePool(
  db: Kysely<Database>,
  window: PoolWindow,
  except: ReadonlySet<string> = new Set(),
): Promise<PoolItem[]> {
  const evidence = new Map<string, Set<string>>();
  const note = (id: string | null, kind: string) => {
    if (id === null) return;
    const set = evidence.get(id) ?? new Set<string>();
    set.add(kind);
    evidence.set(id, set);
  };

  const votes = await db
    .selectFrom('latest_votes as v')
    .innerJoin('interactions as i', (j) =>
      j.onRef('i.project_id', '=', 'v.project_id').onRef('i.id', '=', 'v.interaction_id'),
    )
    .select(['v.interaction_id', 'v.type', 'v.value_num'])
    .where('v.project_id', '=', window.projectId)
    .where('v.flag', '=', '')
    .where('i.created_at', '>=', window.from)
    .where('i.created_at', '<', window.to)
    .$if(window.tenant !== undefined, (q) => q.where('i.tenant', '=', window.tenant ?? ''))
    .where((eb) =>
      eb.or([
        eb.and([eb('v.type', '=', 'thumbs'), eb('v.value_num', '=', -1)]),
        eb.and([eb('v.type', '=', 'rating'), eb('v.value_num', '<=', LOW_RATING)]),
      ]),
    )
    .execute();
  for (const v of votes) note(v.interaction_id, v.type === 'thumbs' ? 'thumbs-down' : 'low-rating');

  const signals = await db
    .selectFrom('signals as s')
    .innerJoin('interactions as i', (j) =>
      j.onRef('i.project_id', '=', 's.project_id').onRef('i.id', '=', 's.interaction_id'),
    )
    .select(['s.interaction_id', 's.type'])
    .where('s.project_id', '=', window.projectId)
    .where('s.type', 'in', [...NEGATIVE_SIGNAL_TYPES, 'comment'])
    .where('i.created_at', '>=', window.from)
    .where('i.created_at', '<', window.to)
    .$if(window.tenant !== undefined, (q) => q.where('i.tenant', '=', window.tenant ?? ''))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('signal_flags as f')
            .select('f.signal_id')
            .whereRef('f.project_id', '=', 's.project_id')
            .whereRef('f.signal_id', '=', 's.id')
            .where('f.reason', '!=', 'superseded'),
        ),
      ),
    )
    .execute();
  for (const s of signals) note(s.interaction_id, s.type);

  const ids = [...evidence.keys()].filter((id) => !except.has(id)).sort();
  const items: PoolItem[] = [];
  for (const part of chunked(ids)) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'created_at', 'input', 'output', ...DIMENSION_COLUMNS])
      .where('project_id', '=', window.projectId)
      .where('id', 'in', part)
      .execute();
    const comments = await db
      .selectFrom('signals')
      .select(['interaction_id', 'value', 'created_at'])
      .where('project_id', '=', window.projectId)
      .where('type', '=', 'comment')
      .where('interaction_id', 'in', part)
      .orderBy('created_at')
      .execute();
    const commentsOf = new Map<string, string[]>();
    for (const c of comments) {
      const text = commentText(c.value).trim();
      if (text === '' || c.interaction_id === null) continue;
      commentsOf.set(c.interaction_id, [...(commentsOf.get(c.interaction_id) ?? []), text]);
    }
    for (const row of rows) {
      const written = commentsOf.get(row.id);
      const prompt = promptText(row.input);
      const text = written ? written.join('\n') : prompt;
      if (text.trim() === '') continue;
      items.push({
        interactionId: row.id,
        createdAt: row.created_at,
        text,
        textSource: written ? 'comment' : 'prompt',
        evidence: [...(evidence.get(row.id) ?? [])].sort(),
        dimensions: dimensionsOfRow(row),
        prompt,
        output: row.output ?? '',
      });
    }
  }
  return items.sort((a, b) => a.createdAt - b.createdAt || (a.interactionId < b.interactionId ? -1 : 1));
}
