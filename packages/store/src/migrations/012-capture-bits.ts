import { type Kysely, sql } from 'kysely';

/**
 * `interactions.capture`: bits saying whether the interaction has an implicit (or correction) signal (1),
 * one not set aside by the abuse filter (2), an explicit signal (4), one not set aside (8) — see
 * queries/capture-bits.ts. The capture rate then reads interactions alone. Backfilled from the screened
 * signals (the screening pass sets the bits of the rest as it screens them); the SQL is written out here
 * because a migration must not change after release. On a large store the backfill rewrites most
 * interaction rows once (measured in bench/README.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('interactions')
    .addColumn('capture', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const has = (kinds: string, keptOnly: boolean) => sql`EXISTS (
    SELECT 1 FROM signals s
    WHERE s.project_id = interactions.project_id AND s.interaction_id = interactions.id AND s.screened = 1
      AND s.kind IN (${sql.raw(kinds)})
      ${
        keptOnly
          ? sql`AND NOT EXISTS (SELECT 1 FROM signal_flags f
              WHERE f.project_id = s.project_id AND f.signal_id = s.id AND f.reason <> 'superseded')`
          : sql``
      })`;
  const bit = (kinds: string, keptOnly: boolean, value: number) =>
    sql`CASE WHEN ${has(kinds, keptOnly)} THEN ${sql.lit(value)} ELSE 0 END`;
  const implicit = `'implicit', 'correction'`;
  const explicit = `'explicit'`;
  await sql`UPDATE interactions SET capture = ${bit(implicit, false, 1)} + ${bit(implicit, true, 2)}
    + ${bit(explicit, false, 4)} + ${bit(explicit, true, 8)}
    WHERE EXISTS (SELECT 1 FROM signals s
      WHERE s.project_id = interactions.project_id AND s.interaction_id = interactions.id AND s.screened = 1
        AND s.kind IN (${sql.raw(`${implicit}, ${explicit}`)}))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('capture').execute();
}
