/**
 * Implicit capture rate (seed 001): the share of sessions that produce at least one usable implicit
 * signal, with its maturity tier, and the explicit engagement rate beside it. An interaction sent
 * without a session counts as a session of its own.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { interactionInScope, signalNotSetAside } from './raw-scope.js';
import { rate } from './tally.js';
import type { AnalysisFilter, CaptureRate, CaptureTier } from './types.js';

/** Behaviour that says something about the answer without being asked: implicit signals and edits. */
const IMPLICIT_KINDS = ['implicit', 'correction'];

export function captureTier(rateOfSessions: number): CaptureTier {
  if (rateOfSessions > 0.5) return 'Mature';
  if (rateOfSessions >= 0.25) return 'Healthy';
  if (rateOfSessions >= 0.1) return 'Building';
  return 'Capture-only';
}

const sessionKey = sql<string>`COALESCE(i.session_id, 'interaction:' || i.id)`;

export async function captureRate(db: Kysely<Database>, filter: AnalysisFilter): Promise<CaptureRate> {
  const all = await db
    .selectFrom('interactions as i')
    .where(interactionInScope(filter))
    .select(sql<number>`COUNT(DISTINCT ${sessionKey})`.as('sessions'))
    .executeTakeFirstOrThrow();
  const withKinds = async (kinds: string[]) => {
    const row = await db
      .selectFrom('interactions as i')
      .innerJoin('signals as s', (join) =>
        join.onRef('s.project_id', '=', 'i.project_id').onRef('s.interaction_id', '=', 'i.id'),
      )
      .where(interactionInScope(filter))
      .where('s.kind', 'in', kinds)
      .where(signalNotSetAside(filter.unfiltered))
      .select(sql<number>`COUNT(DISTINCT ${sessionKey})`.as('sessions'))
      .executeTakeFirstOrThrow();
    return Number(row.sessions);
  };
  const sessions = Number(all.sessions);
  const sessionsWithImplicit = await withKinds(IMPLICIT_KINDS);
  const sessionsWithExplicit = await withKinds(['explicit']);
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
