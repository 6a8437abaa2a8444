/** Ids per `IN (…)` list: far below SQLite's and PostgreSQL's parameter limits. */
export const IN_CHUNK = 500;

export function chunked<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows a delete or update reported, as a number (Kysely answers a bigint). */
export const rowCount = (result: { numDeletedRows: bigint } | { numUpdatedRows: bigint } | undefined): number =>
  result === undefined ? 0 : Number('numDeletedRows' in result ? result.numDeletedRows : result.numUpdatedRows);
