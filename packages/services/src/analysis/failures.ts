/**
 * Where it fails: prompt templates with the most negative votes, the features (query types) with the
 * lowest satisfaction, and retrieved documents whose interactions are voted down consistently.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { cohorts, DEFAULT_MIN_SUPPORT } from './cohorts.js';
import { interactionInScope } from './raw-scope.js';
import { rate } from './tally.js';
import type { AnalysisFilter, DocumentHealth, FailureReport } from './types.js';

const LIMIT = 10;

/**
 * Documents by the thumbs votes (latest per user, not set aside) on the interactions that retrieved them;
 * ranked by the lower Wilson bound of the negative rate, so a document is named only when surely bad.
 */
export async function worstDocuments(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  minSupport = DEFAULT_MIN_SUPPORT,
  limit = LIMIT,
): Promise<DocumentHealth[]> {
  const rows = await db
    .selectFrom('latest_votes as v')
    .innerJoin('interactions as i', (join) =>
      join.onRef('i.project_id', '=', 'v.project_id').onRef('i.id', '=', 'v.interaction_id'),
    )
    .innerJoin('interaction_documents as d', (join) =>
      join.onRef('d.project_id', '=', 'v.project_id').onRef('d.interaction_id', '=', 'v.interaction_id'),
    )
    .where(interactionInScope(filter))
    .where('v.type', '=', 'thumbs')
    .where('v.value_num', 'in', [1, -1])
    .$if(filter.unfiltered !== true, (q) => q.where('v.flag', '=', ''))
    .groupBy('d.doc_id')
    .having(sql`COUNT(*)`, '>=', minSupport)
    .select([
      'd.doc_id',
      sql<string | null>`MAX(d.source)`.as('source'),
      sql<number>`COUNT(DISTINCT d.interaction_id)`.as('interactions'),
      sql<number>`COUNT(*)`.as('votes'),
      sql<number>`SUM(CASE WHEN v.value_num = -1 THEN 1 ELSE 0 END)`.as('negative'),
    ])
    .execute();
  return rows
    .map((r) => {
      const votes = Number(r.votes);
      const negative = Number(r.negative);
      return {
        docId: r.doc_id,
        source: r.source,
        interactions: Number(r.interactions),
        votes,
        negative,
        negativeRate: rate(negative, votes),
      };
    })
    .filter((d) => d.negative > 0)
    .sort((a, b) => b.negativeRate.low - a.negativeRate.low || (a.docId < b.docId ? -1 : 1))
    .slice(0, limit);
}

export async function failures(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  minSupport = DEFAULT_MIN_SUPPORT,
): Promise<FailureReport> {
  const templates = await cohorts(db, filter, 'prompt_template', { sort: 'negativeCount', minSupport });
  const features = await cohorts(db, filter, 'feature', { sort: 'positiveRate', ascending: true, minSupport });
  return {
    filter,
    minSupport,
    worstTemplates: templates.cohorts
      .filter((c) => c.measures.positiveRate.trials - c.measures.positiveRate.successes > 0)
      .slice(0, LIMIT),
    worstFeatures: features.cohorts.filter((c) => c.ranked).slice(0, LIMIT),
    worstDocuments: await worstDocuments(db, filter, minSupport),
    filtered: templates.filtered,
  };
}
