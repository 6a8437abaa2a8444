import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { type ExportScope, inBoundary, inScope } from './interaction-scope.js';

/** The columns an export reads from an interaction. */
export interface InteractionRow {
  id: string;
  user_id: string | null;
  input: string | null;
  input_hash: string | null;
  output: string | null;
  parent_id: string | null;
  created_at: number;
}

const COLUMNS = [
  'interactions.id',
  'interactions.user_id',
  'interactions.input',
  'interactions.input_hash',
  'interactions.output',
  'interactions.parent_id',
  'interactions.created_at',
] as const;

// Large enough that a page costs a handful of queries per thousand interactions, small enough that a
// page of long conversations stays a few megabytes.
export const DEFAULT_PAGE_SIZE = 1000;

/** Keeps IN lists well below both backends' parameter limits (SQLite 32,766; PostgreSQL 65,535). */
export const IN_CHUNK = 1000;

export function chunked<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Where the previous page ended: the last anchor's time and id. */
export interface PageCursor {
  createdAt: number;
  id: string;
}

/**
 * One page of anchors after `cursor` (the first page without one), oldest first (exported for a test).
 * The cursor's time replaces `since` as the lower bound rather than joining it: given two lower bounds on
 * one column, SQLite ranges the index on the first, so every page re-read the export from its start — a
 * 30-day pass of 550 pages took 18 s for its pages instead of 1.6 s (bench/README.md "Dashboard").
 */
export function pageQuery(db: Kysely<Database>, scope: ExportScope, cursor: PageCursor | undefined, pageSize: number) {
  const since = cursor === undefined ? scope.filters.since : Math.max(scope.filters.since ?? 0, cursor.createdAt);
  return db
    .selectFrom('interactions')
    .select(COLUMNS)
    .$call((q) => inScope(q, { ...scope, filters: { ...scope.filters, since } }))
    .$if(cursor !== undefined, (q) =>
      // Ties in time are broken by id.
      q.where((eb) =>
        eb.or([
          eb('interactions.created_at', '>', cursor?.createdAt ?? 0),
          eb('interactions.id', '>', cursor?.id ?? ''),
        ]),
      ),
    )
    .orderBy('interactions.created_at')
    .orderBy('interactions.id')
    .limit(pageSize);
}

/**
 * The anchor interactions, oldest first, one page at a time: keyset pagination on (created_at, id), so
 * each page is an index range scan from where the last one stopped and memory never holds more than
 * one page, however many interactions there are.
 */
export async function* interactionPages(
  db: Kysely<Database>,
  scope: ExportScope,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<InteractionRow[]> {
  let cursor: PageCursor | undefined;
  for (;;) {
    const rows = await pageQuery(db, scope, cursor, pageSize).execute();
    if (rows.length === 0) return;
    const page = rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
    yield page;
    const last = page[page.length - 1]!;
    if (page.length < pageSize) return;
    cursor = { createdAt: last.created_at, id: last.id };
  }
}

/** How many anchors the export will scan, for a progress bar's total. */
export async function countAnchors(db: Kysely<Database>, scope: ExportScope): Promise<number> {
  const row = await db
    .selectFrom('interactions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .$call((q) => inScope(q, scope))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Interactions by id inside the export's boundary (project, tenant, asOf); ids not found are absent. */
export async function interactionsById(
  db: Kysely<Database>,
  scope: ExportScope,
  ids: readonly string[],
): Promise<Map<string, InteractionRow>> {
  const found = new Map<string, InteractionRow>();
  for (const chunk of chunked([...new Set(ids)])) {
    const rows = await db
      .selectFrom('interactions')
      .select(COLUMNS)
      .$call((q) => inBoundary(q, scope))
      .where('interactions.id', 'in', chunk)
      .execute();
    for (const r of rows) found.set(r.id, { ...r, created_at: Number(r.created_at) });
  }
  return found;
}
