import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { chunked } from './interaction-rows.js';
import type { ExportScope } from './interaction-scope.js';

/** The columns an export reads from a signal. */
export interface SignalRow {
  id: string;
  interaction_id: string;
  user_id: string | null;
  session_id: string | null;
  type: string;
  value: string | null;
  value_num: number | null;
  created_at: number;
  received_at: number;
}

/** The signal types each step of an export looks at; nothing else is fetched. */
export const RATING_TYPES = ['thumbs', 'rating'] as const;
export const SFT_TYPES = [...RATING_TYPES, 'edit'] as const;
export const DPO_TYPES = [...RATING_TYPES, 'edit', 'accept', 'reject', 'preference'] as const;

/**
 * The signals of many interactions in one query per thousand ids, grouped by interaction and sorted
 * oldest first by (client time, receive time, id) — the order in which "latest" is decided.
 */
export async function signalsOf(
  db: Kysely<Database>,
  scope: ExportScope,
  interactionIds: readonly string[],
  types: readonly string[],
): Promise<Map<string, SignalRow[]>> {
  const grouped = new Map<string, SignalRow[]>();
  for (const chunk of chunked([...new Set(interactionIds)])) {
    const rows = await db
      .selectFrom('signals')
      .select([
        'id',
        'interaction_id',
        'user_id',
        'session_id',
        'type',
        'value',
        'value_num',
        'created_at',
        'received_at',
      ])
      .where('project_id', '=', scope.projectId)
      .where('interaction_id', 'in', chunk)
      .where('type', 'in', [...types])
      .where('received_at', '<=', scope.asOf)
      .execute();
    for (const r of rows) {
      const row: SignalRow = {
        ...r,
        interaction_id: r.interaction_id ?? '',
        value_num: r.value_num === null ? null : Number(r.value_num),
        created_at: Number(r.created_at),
        received_at: Number(r.received_at),
      };
      const list = grouped.get(row.interaction_id);
      if (list) list.push(row);
      else grouped.set(row.interaction_id, [row]);
    }
  }
  for (const list of grouped.values()) list.sort(bySignalTime);
  return grouped;
}

export function bySignalTime(a: SignalRow, b: SignalRow): number {
  return a.created_at - b.created_at || a.received_at - b.received_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Who gave a signal, for "latest per user": the user id; without one, the session (one browser); without
 * that, the signal itself (an anonymous signal never overrides another).
 */
export function voterKey(s: SignalRow): string {
  if (s.user_id !== null) return `u:${s.user_id}`;
  if (s.session_id !== null) return `s:${s.session_id}`;
  return `x:${s.id}`;
}
