/**
 * Do implicit and explicit signals agree? On interactions with both a thumbs vote and implicit
 * behaviour that leans one way, how often the two point the same way. Thumbs down on answers people
 * copied and accepted is the negativity bias of explicit ratings made visible.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { interactionInScope, signalNotSetAside } from './raw-scope.js';
import { rate } from './tally.js';
import type { AnalysisFilter, SignalAgreement } from './types.js';

/** Implicit signals that say "this was useful", and those that say "it was not". */
export const IMPLICIT_POSITIVE = ['copy', 'share', 'accept'];
export const IMPLICIT_NEGATIVE = ['regenerate', 'reject', 'abandon', 'rephrase'];

export async function signalAgreement(db: Kysely<Database>, filter: AnalysisFilter): Promise<SignalAgreement> {
  const votes = await db
    .selectFrom('latest_votes as v')
    .innerJoin('interactions as i', (join) =>
      join.onRef('i.project_id', '=', 'v.project_id').onRef('i.id', '=', 'v.interaction_id'),
    )
    .where(interactionInScope(filter))
    .where('v.type', '=', 'thumbs')
    .where('v.value_num', 'in', [1, -1])
    .$if(filter.unfiltered !== true, (q) => q.where('v.flag', '=', ''))
    .groupBy('v.interaction_id')
    .select(['v.interaction_id', sql<number>`SUM(v.value_num)`.as('lean')])
    .execute();
  const positive = sql.join(IMPLICIT_POSITIVE);
  const negative = sql.join(IMPLICIT_NEGATIVE);
  const implicit = await db
    .selectFrom('signals as s')
    .innerJoin('interactions as i', (join) =>
      join.onRef('i.project_id', '=', 's.project_id').onRef('i.id', '=', 's.interaction_id'),
    )
    .where(interactionInScope(filter))
    .where('s.kind', '=', 'implicit')
    .where('s.type', 'in', [...IMPLICIT_POSITIVE, ...IMPLICIT_NEGATIVE])
    .where(signalNotSetAside(filter.unfiltered))
    .groupBy('s.interaction_id')
    .select([
      's.interaction_id',
      sql<number>`SUM(CASE WHEN s.type IN (${positive}) THEN 1 WHEN s.type IN (${negative}) THEN -1 ELSE 0 END)`.as(
        'lean',
      ),
    ])
    .execute();
  const implicitLean = new Map(implicit.map((r) => [r.interaction_id, Math.sign(Number(r.lean))]));
  let interactions = 0;
  let agree = 0;
  let explicitNegativeImplicitPositive = 0;
  let explicitPositiveImplicitNegative = 0;
  for (const vote of votes) {
    const explicit = Math.sign(Number(vote.lean));
    const behaviour = implicitLean.get(vote.interaction_id) ?? 0;
    if (explicit === 0 || behaviour === 0) continue;
    interactions += 1;
    if (explicit === behaviour) agree += 1;
    else if (explicit < 0) explicitNegativeImplicitPositive += 1;
    else explicitPositiveImplicitNegative += 1;
  }
  return {
    interactions,
    agree,
    agreementRate: rate(agree, interactions),
    explicitNegativeImplicitPositive,
    explicitPositiveImplicitNegative,
  };
}
