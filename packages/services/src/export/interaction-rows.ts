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
  let after: { createdAt: number; id: string } | undefined;
  for (;;) {
    const cursor = after;
    const rows = await db
      .selectFrom('interactions')
      .select(COLUMNS)
      .$call((q) => inScope(q, scope))
      .$if(cursor !== undefined, (q) =>
        // `>=` first so both backends range-scan the (project_id, created_at) index; the OR breaks ties.
        q
          .where('interactions.created_at', '>=', cursor?.createdAt ?? 0)
          .where((eb) =>
            eb.or([
              eb('interactions.created_at', '>', cursor?.createdAt ?? 0),
              eb('interactions.id', '>', cursor?.id ?? ''),
            ]),
          ),
      )
      .orderBy('interactions.created_at')
      .orderBy('interactions.id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    const page = rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
    yield page;
    const last = page[page.length - 1]!;
    if (page.length < pageSize) return;
    after = { createdAt: last.created_at, id: last.id };
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
