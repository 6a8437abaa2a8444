/**
 * Per-interaction capture facts, kept in `interactions.capture` (migration 012) so the capture rate is one
 * range scan of interactions instead of a join to every signal: whether the interaction has an implicit
 * (or correction) signal, an explicit one, and whether one of each survived the abuse filter. The
 * screening pass sets the bits as it sees each signal; forgetting a user recomputes them for the
 * interactions that lost signals. Superseded votes still count as kept, as in every other view: what
 * latest-vote-wins replaced was still said.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

export const CAPTURE = {
  /** An implicit or correction signal, set aside or not. */
  implicit: 1,
  /** An implicit or correction signal the abuse filter did not set aside. */
  implicitKept: 2,
  explicit: 4,
  explicitKept: 8,
} as const;

/** Signal kinds that count as implicit capture: behaviour, and edits to the answer. */
export const IMPLICIT_CAPTURE_KINDS = ['implicit', 'correction'] as const;

/** The bits one screened signal sets on its interaction. */
export function captureBitsOf(kind: string, kept: boolean): number {
  if ((IMPLICIT_CAPTURE_KINDS as readonly string[]).includes(kind)) {
    return CAPTURE.implicit | (kept ? CAPTURE.implicitKept : 0);
  }
  if (kind === 'explicit') return CAPTURE.explicit | (kept ? CAPTURE.explicitKept : 0);
  return 0;
}

/** Adds bits (OR) to interactions, per bits value, skipping rows that already have them. */
export async function addCaptureBits(
  db: Kysely<Database> | Transaction<Database>,
  projectId: string,
  bitsByInteraction: ReadonlyMap<string, number>,
  chunk = 500,
): Promise<void> {
  const byBits = new Map<number, string[]>();
  for (const [id, bits] of bitsByInteraction) {
    if (bits === 0) continue;
    const ids = byBits.get(bits) ?? [];
    ids.push(id);
    byBits.set(bits, ids);
  }
  for (const [bits, ids] of byBits) {
    for (let i = 0; i < ids.length; i += chunk) {
      await db
        .updateTable('interactions')
        .set({ capture: sql<number>`capture | ${sql.lit(bits)}` })
        .where('project_id', '=', projectId)
        .where('id', 'in', ids.slice(i, i + chunk))
        .where(sql<number>`capture & ${sql.lit(bits)}`, '<>', sql.lit(bits))
        .execute();
    }
  }
}

/** Recomputes the bits of these interactions from their screened signals and flags. */
export async function recomputeCaptureBits(
  db: Kysely<Database> | Transaction<Database>,
  projectId: string,
  interactionIds: readonly string[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < interactionIds.length; i += chunk) {
    await db
      .updateTable('interactions as i')
      .set({ capture: captureBitsExpression })
      .where('i.project_id', '=', projectId)
      .where('i.id', 'in', interactionIds.slice(i, i + chunk))
      .execute();
  }
}

const has = (kinds: readonly string[], keptOnly: boolean) => sql`EXISTS (
  SELECT 1 FROM signals s
  WHERE s.project_id = i.project_id AND s.interaction_id = i.id AND s.screened = 1
    AND s.kind IN (${sql.join(kinds.map((k) => sql.lit(k)))})
    ${
      keptOnly
        ? sql`AND NOT EXISTS (SELECT 1 FROM signal_flags f
            WHERE f.project_id = s.project_id AND f.signal_id = s.id AND f.reason <> 'superseded')`
        : sql``
    })`;

const bit = (kinds: readonly string[], keptOnly: boolean, value: number) =>
  sql`CASE WHEN ${has(kinds, keptOnly)} THEN ${sql.lit(value)} ELSE 0 END`;

/** The bits of interaction `i`, as SQL (both backends). */
export const captureBitsExpression = sql<number>`(${bit(IMPLICIT_CAPTURE_KINDS, false, CAPTURE.implicit)}
  + ${bit(IMPLICIT_CAPTURE_KINDS, true, CAPTURE.implicitKept)}
  + ${bit(['explicit'], false, CAPTURE.explicit)}
  + ${bit(['explicit'], true, CAPTURE.explicitKept)})`;
