/**
 * The measures broken down by one dimension. Cohorts with fewer thumbs votes than the minimum support
 * are listed but never ranked, so three lucky votes do not make a "best tenant".
 */
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { readAdjustments, readCells } from './rollup-cells.js';
import { measuresOf, summariseFiltered, tallyByGroup } from './tally.js';
import type { AnalysisDimension, AnalysisFilter, Cohort, CohortReport, CohortSort, Measures } from './types.js';

export const DEFAULT_MIN_SUPPORT = 30;

/**
 * Sort keys, best first. Rates rank by the bound of their interval nearest the worse side, so a cohort
 * is ranked high only when its sample is big enough to be sure (the lower Wilson bound for good rates,
 * the upper one for bad rates).
 */
const SORT_KEYS: Record<CohortSort, (m: Measures) => number> = {
  positiveRate: (m) => (m.positiveRate.trials === 0 ? -1 : m.positiveRate.low),
  negativeCount: (m) => m.positiveRate.trials - m.positiveRate.successes,
  ratingMean: (m) => m.ratingMean ?? -1,
  correctionRate: (m) => -m.correctionRate.high,
  regenerateRate: (m) => -m.regenerateRate.high,
  volume: (m) => m.interactions,
};

export interface CohortOptions {
  sort?: CohortSort;
  minSupport?: number;
  /** Lowest first instead of best first. */
  ascending?: boolean;
}

export async function cohorts(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  dimension: AnalysisDimension,
  options: CohortOptions = {},
): Promise<CohortReport> {
  const sort = options.sort ?? 'positiveRate';
  const minSupport = options.minSupport ?? DEFAULT_MIN_SUPPORT;
  const grouping = { by: 'dimension', dimension } as const;
  const [cells, adjustments] = await Promise.all([
    readCells(db, filter, grouping),
    readAdjustments(db, filter, grouping),
  ]);
  const unfiltered = filter.unfiltered === true;
  const all: Cohort[] = [...tallyByGroup(cells, adjustments, unfiltered)].map(([value, tally]) => {
    const measures = measuresOf(tally);
    const support = sort === 'ratingMean' ? measures.ratingCount : measures.positiveRate.trials;
    return { value, measures, ranked: support >= minSupport };
  });
  // Worst first ranks a rate by its upper bound: a cohort is called worst only when surely bad.
  const key = options.ascending && sort === 'positiveRate' ? (m: Measures) => m.positiveRate.high : SORT_KEYS[sort];
  const direction = options.ascending ? 1 : -1;
  const byValue = (a: Cohort, b: Cohort) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const ranked = all
    .filter((c) => c.ranked)
    .sort((a, b) => direction * (key(a.measures) - key(b.measures)) || byValue(a, b));
  const unranked = all
    .filter((c) => !c.ranked)
    .sort((a, b) => b.measures.interactions - a.measures.interactions || byValue(a, b));
  return {
    dimension,
    sort,
    minSupport,
    filter,
    cohorts: [...ranked, ...unranked],
    filtered: summariseFiltered(adjustments, unfiltered),
  };
}
