/**
 * Cohorts that moved: for each checked dimension, the ranked cohorts whose thumbs positive rate in a
 * period differs significantly (two-proportion test) from the same-length period just before. Two
 * rollup cohort reads per dimension, so it is cheap enough for the dashboard's overview; the weekly
 * report uses the same function for its week.
 */
import { twoProportionTest } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { cohorts, DEFAULT_MIN_SUPPORT } from './cohorts.js';
import { DEFAULT_ALPHA } from './comparison.js';
import type { AnalysisDimension, AnalysisFilter, CohortMove, CohortMoves } from './types.js';

/** Dimensions whose cohorts are checked for moves. */
export const MOVE_DIMENSIONS: AnalysisDimension[] = ['tenant', 'feature', 'language', 'model', 'prompt_template'];

export async function cohortMoves(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  minSupport = DEFAULT_MIN_SUPPORT,
): Promise<CohortMoves> {
  const length = filter.to - filter.from;
  const previous: AnalysisFilter = { ...filter, from: filter.from - length, to: filter.from };
  const moves: CohortMove[] = [];
  for (const dimension of MOVE_DIMENSIONS) {
    const [before, after] = await Promise.all([
      cohorts(db, previous, dimension, { minSupport }),
      cohorts(db, filter, dimension, { minSupport }),
    ]);
    const earlier = new Map(before.cohorts.filter((c) => c.ranked).map((c) => [c.value, c.measures.positiveRate]));
    for (const cohort of after.cohorts.filter((c) => c.ranked)) {
      const was = earlier.get(cohort.value);
      if (!was) continue;
      const now = cohort.measures.positiveRate;
      const test = twoProportionTest(was, now);
      if (test.pValue < DEFAULT_ALPHA) moves.push({ dimension, value: cohort.value, before: was, after: now, ...test });
    }
  }
  moves.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
  return { from: filter.from, to: filter.to, previousFrom: previous.from, minSupport, moves };
}
