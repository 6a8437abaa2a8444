/**
 * Interactions page by page, newest first, with filters and a plain-text search — the list the dashboard
 * browses. One Kysely query for both backends: keyset pagination on (created_at, id) rides the
 * `interactions_project_time` index; the search is a case-insensitive LIKE over the stored input and
 * output text (the cost follows the interactions in the filtered range, as nothing indexes words).
 */
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../schema.js';
import { type InteractionView, interactionView } from './interactions.js';

/** The interaction columns a list can be filtered by, as the wire format names them. */
export const INTERACTION_LIST_DIMENSIONS = {
  tenant: 'tenant',
  feature: 'feature',
  language: 'language',
  model: 'model',
  modelVersion: 'model_version',
  promptTemplate: 'prompt_template',
  promptVersion: 'prompt_version',
  sessionId: 'session_id',
  userId: 'user_id',
} as const;
export type InteractionListDimension = keyof typeof INTERACTION_LIST_DIMENSIONS;

export interface InteractionListFilter {
  /** Created at or after (epoch ms). */
  from?: number;
  /** Created before (epoch ms). */
  to?: number;
  /** Only interactions with this value; '' means "not set". */
  where?: Partial<Record<InteractionListDimension, string>>;
  /** Only interactions with at least one signal of this type. */
  signalType?: string;
  /** Only interactions with at least one thumbs vote this way. */
  thumbs?: 'up' | 'down';
  /** Only interactions with at least one rating of one of these stars. */
  ratings?: number[];
  /** Case-insensitive text that the input or the output contains. */
  q?: string;
}

/** Where the previous page ended: its last row's creation time and id. */
export interface InteractionCursor {
  createdAt: number;
  id: string;
}

/** A listed interaction: the stored interaction (without its retrieved documents) and its signals counted. */
export interface InteractionSummary extends Omit<InteractionView, 'context'> {
  /** How many documents were retrieved for it. */
  contextCount: number;
  /** Signals about it, per type. */
  signalCounts: Record<string, number>;
  thumbsUp: number;
  thumbsDown: number;
}

export interface InteractionListPage {
  interactions: InteractionSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: InteractionCursor | null;
}

/** `%` and `_` match literally; `\` is the escape character of every pattern built here. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listInteractions(
  db: Kysely<Database>,
  projectId: string,
  filter: InteractionListFilter,
  page: { limit: number; cursor?: InteractionCursor },
): Promise<InteractionListPage> {
  let query = db.selectFrom('interactions as i').selectAll('i').where('i.project_id', '=', projectId);
  if (filter.from !== undefined) query = query.where('i.created_at', '>=', filter.from);
  // A page after the first is bounded above by its cursor's time instead of by `to`: given two upper bounds
  // on one column, SQLite ranges the index on the first, and each page would walk every newer row again.
  const cursor = page.cursor;
  if (cursor && (filter.to === undefined || cursor.createdAt < filter.to)) {
    query = query.where('i.created_at', '<=', cursor.createdAt);
  } else if (filter.to !== undefined) {
    query = query.where('i.created_at', '<', filter.to);
  }
  for (const [name, value] of Object.entries(filter.where ?? {})) {
    const column = `i.${INTERACTION_LIST_DIMENSIONS[name as InteractionListDimension]}` as const;
    query = value === '' ? query.where(column, 'is', null) : query.where(column, '=', value);
  }
  const hasSignal = (condition: RawBuilder<SqlBool>) =>
    sql<SqlBool>`exists (select 1 from signals s where s.project_id = i.project_id and s.interaction_id = i.id and ${condition})`;
  if (filter.signalType !== undefined) {
    query = query.where(hasSignal(sql`s.type = ${filter.signalType}`));
  }
  if (filter.thumbs !== undefined) {
    query = query.where(hasSignal(sql`s.type = 'thumbs' and s.value_num = ${filter.thumbs === 'up' ? 1 : -1}`));
  }
  if (filter.ratings !== undefined && filter.ratings.length > 0) {
    const stars = sql.join(filter.ratings.map((star) => sql`${star}`));
    query = query.where(hasSignal(sql`s.type = 'rating' and s.value_num in (${stars})`));
  }
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = likePattern(filter.q);
    query = query.where(
      sql<SqlBool>`(lower(coalesce(i.output, '')) like ${pattern} escape '\\' or lower(coalesce(i.input, '')) like ${pattern} escape '\\')`,
    );
  }
  if (cursor) {
    const { createdAt, id } = cursor;
    query = query.where((eb) =>
      eb.or([eb('i.created_at', '<', createdAt), eb.and([eb('i.created_at', '=', createdAt), eb('i.id', '<', id)])]),
    );
  }
  const rows = await query
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const pageRows = rows.slice(0, page.limit);
  const counts = await signalCountsOf(
    db,
    projectId,
    pageRows.map((r) => r.id),
  );
  const interactions = pageRows.map((row): InteractionSummary => {
    const { context, ...view } = interactionView(row);
    const count = counts.get(row.id);
    return {
      ...view,
      contextCount: context.length,
      signalCounts: count?.byType ?? {},
      thumbsUp: count?.up ?? 0,
      thumbsDown: count?.down ?? 0,
    };
  });
  const last = pageRows[pageRows.length - 1];
  return {
    interactions,
    nextCursor: rows.length > page.limit && last ? { createdAt: Number(last.created_at), id: last.id } : null,
  };
}

async function signalCountsOf(
  db: Kysely<Database>,
  projectId: string,
  ids: string[],
): Promise<Map<string, { byType: Record<string, number>; up: number; down: number }>> {
  const out = new Map<string, { byType: Record<string, number>; up: number; down: number }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('signals')
    .select(['interaction_id', 'type', 'value_num', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('project_id', '=', projectId)
    .where('interaction_id', 'in', ids)
    .groupBy(['interaction_id', 'type', 'value_num'])
    .execute();
  for (const row of rows) {
    if (row.interaction_id === null) continue;
    let entry = out.get(row.interaction_id);
    if (!entry) {
      entry = { byType: {}, up: 0, down: 0 };
      out.set(row.interaction_id, entry);
    }
    const n = Number(row.n);
    entry.byType[row.type] = (entry.byType[row.type] ?? 0) + n;
    if (row.type === 'thumbs' && row.value_num !== null) {
      if (Number(row.value_num) > 0) entry.up += n;
      else if (Number(row.value_num) < 0) entry.down += n;
    }
  }
  return out;
}
