/**
 * Implicit capture rate (seed 001): the share of sessions that produce at least one usable implicit
 * signal, with its maturity tier, and the explicit engagement rate beside it. An interaction sent
 * without a session counts as a session of its own.
 */
import { CAPTURE, type Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { interactionInScope } from './raw-scope.js';
import { rate } from './tally.js';
import type { AnalysisFilter, CaptureRate, CaptureTier } from './types.js';

export function captureTier(rateOfSessions: number): CaptureTier {
  if (rateOfSessions > 0.5) return 'Mature';
  if (rateOfSessions >= 0.25) return 'Healthy';
  if (rateOfSessions >= 0.1) return 'Building';
  return 'Capture-only';
}

const sessionKey = sql<string>`COALESCE(i.session_id, 'interaction:' || i.id)`;

/**
 * One range scan of the interactions in scope: the screening pass keeps on each interaction whether it
 * has an implicit (or correction) and an explicit signal, and whether one survived the abuse filter
 * (`interactions.capture`), so no signal is read here. Callers screen first (`runAnalysis` does).
 */
export async function captureRate(db: Kysely<Database>, filter: AnalysisFilter): Promise<CaptureRate> {
  const implicitBit = filter.unfiltered ? CAPTURE.implicit : CAPTURE.implicitKept;
  const explicitBit = filter.unfiltered ? CAPTURE.explicit : CAPTURE.explicitKept;
  const sessionsWith = (bit: number) =>
    sql<number>`COUNT(DISTINCT CASE WHEN (i.capture & ${sql.lit(bit)}) <> 0 THEN ${sessionKey} END)`;
  const row = await db
    .selectFrom('interactions as i')
    .where(interactionInScope(filter))
    .select([
      sql<number>`COUNT(DISTINCT ${sessionKey})`.as('sessions'),
      sessionsWith(implicitBit).as('implicit'),
      sessionsWith(explicitBit).as('explicit'),
    ])
    .executeTakeFirstOrThrow();
  const sessions = Number(row.sessions);
  const sessionsWithImplicit = Number(row.implicit);
  const sessionsWithExplicit = Number(row.explicit);
  const implicitRate = rate(sessionsWithImplicit, sessions);
  return {
    sessions,
    sessionsWithImplicit,
    sessionsWithExplicit,
    implicitRate,
    explicitRate: rate(sessionsWithExplicit, sessions),
    tier: captureTier(implicitRate.estimate ?? 0),
  };
}
