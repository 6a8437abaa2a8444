/**
 * Two or more models (or prompt versions, or any dimension's values) side by side on the same filters,
 * each against the first (the baseline): thumbs by a two-proportion test with Wilson intervals, ratings
 * by Mann–Whitney with a bootstrap interval of the mean, regenerate and correction rates like thumbs.
 * The verdict says plainly whether the data can tell, and how many more votes would settle it.
 */
import {
  bootstrapMeanFromCounts,
  mannWhitneyFromCounts,
  trialsPerGroupNeeded,
  twoProportionTest,
} from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { readAdjustments, readCells } from './rollup-cells.js';
import { emptyTally, measuresOf, summariseFiltered, tallyByGroup } from './tally.js';
import type {
  AnalysisDimension,
  AnalysisFilter,
  ArmComparison,
  Comparison,
  MeanInterval,
  Measures,
  Rate,
  RateComparison,
  RatingComparison,
} from './types.js';

export const DEFAULT_ALPHA = 0.05;

export class ComparisonArmsError extends Error {
  constructor(readonly arms: readonly string[]) {
    super(`a comparison needs at least two distinct values; got ${arms.length === 0 ? 'none' : arms.join(', ')}`);
    this.name = 'ComparisonArmsError';
  }
}

function compareRates(baseline: Rate, other: Rate, alpha: number): RateComparison {
  if (baseline.trials === 0 || other.trials === 0) {
    return { baseline, other, difference: 0, pValue: 1, significant: false, samplesNeededPerArm: null };
  }
  const test = twoProportionTest(
    { successes: baseline.successes, trials: baseline.trials },
    { successes: other.successes, trials: other.trials },
  );
  const significant = test.pValue < alpha;
  const needed = trialsPerGroupNeeded(baseline.successes / baseline.trials, other.successes / other.trials, alpha);
  return {
    baseline,
    other,
    difference: test.difference,
    pValue: test.pValue,
    significant,
    samplesNeededPerArm: Number.isFinite(needed) ? needed : null,
  };
}

const toCounts = (distribution: Record<string, number>) =>
  new Map(Object.entries(distribution).map(([value, count]) => [Number(value), count] as const));

function meanInterval(m: Measures): MeanInterval {
  if (m.ratingCount === 0) return { estimate: null, low: null, high: null, count: 0 };
  const interval = bootstrapMeanFromCounts(toCounts(m.ratingDistribution));
  return { estimate: interval.estimate, low: interval.low, high: interval.high, count: m.ratingCount };
}

function compareRatings(baseline: Measures, other: Measures, alpha: number): RatingComparison | null {
  if (baseline.ratingCount === 0 && other.ratingCount === 0) return null;
  const test = mannWhitneyFromCounts(toCounts(baseline.ratingDistribution), toCounts(other.ratingDistribution));
  return {
    baselineMean: meanInterval(baseline),
    otherMean: meanInterval(other),
    pValue: test.pValue,
    probabilityOtherHigher: test.probabilityBHigher,
    significant: baseline.ratingCount > 0 && other.ratingCount > 0 && test.pValue < alpha,
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${Math.abs(100 * x).toFixed(1)} points`;

/** One sentence on the thumbs comparison, the measure every team reads first. */
export function verdictOf(
  baselineName: string,
  otherName: string,
  thumbs: RateComparison,
  rating: RatingComparison | null,
): string {
  if (thumbs.baseline.trials === 0 || thumbs.other.trials === 0) {
    const ratingPart =
      rating?.significant === true ? ` Ratings differ significantly (p = ${rating.pValue.toPrecision(2)}).` : '';
    return `No thumbs votes for ${thumbs.baseline.trials === 0 ? baselineName : otherName} in this range, so thumbs cannot be compared.${ratingPart}`;
  }
  const a = `${baselineName} (${percent(thumbs.baseline.successes / thumbs.baseline.trials)}, n = ${thumbs.baseline.trials})`;
  const b = `${otherName} (${percent(thumbs.other.successes / thumbs.other.trials)}, n = ${thumbs.other.trials})`;
  if (thumbs.significant) {
    const [better, worse] = thumbs.difference > 0 ? [b, a] : [a, b];
    return `${better} is rated positive more often than ${worse}: ${points(thumbs.difference)}, significant (p = ${thumbs.pValue.toPrecision(2)}).`;
  }
  const need = thumbs.samplesNeededPerArm;
  const more =
    need === null
      ? 'the observed rates are identical, so no sample size would separate them'
      : `about ${Math.max(0, need - Math.min(thumbs.baseline.trials, thumbs.other.trials)).toLocaleString('en-US')} more votes per arm (${need.toLocaleString('en-US')} each) would make a difference this size significant`;
  return `No significant difference between ${a} and ${b} (p = ${thumbs.pValue.toPrecision(2)}); ${more}.`;
}

export async function compare(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  dimension: AnalysisDimension,
  values: readonly string[],
  alpha = DEFAULT_ALPHA,
): Promise<Comparison> {
  const arms = [...new Set(values)];
  const [baselineName] = arms;
  if (arms.length < 2 || baselineName === undefined) throw new ComparisonArmsError(arms);
  const grouping = { by: 'dimension', dimension, only: arms } as const;
  const [cells, adjustments] = await Promise.all([
    readCells(db, filter, grouping),
    readAdjustments(db, filter, grouping),
  ]);
  const inArms = <T extends { group: string }>(rows: T[]) => rows.filter((r) => arms.includes(r.group));
  const unfiltered = filter.unfiltered === true;
  const tallies = tallyByGroup(inArms(cells), inArms(adjustments), unfiltered);
  const measured = arms.map((value) => ({ value, measures: measuresOf(tallies.get(value) ?? emptyTally()) }));
  const [baseline, ...others] = measured;
  const comparisons: ArmComparison[] = others.map(({ value, measures }) => {
    const base = baseline?.measures ?? measuresOf(emptyTally());
    const positiveRate = compareRates(base.positiveRate, measures.positiveRate, alpha);
    const rating = compareRatings(base, measures, alpha);
    return {
      value,
      positiveRate,
      rating,
      regenerateRate: compareRates(base.regenerateRate, measures.regenerateRate, alpha),
      correctionRate: compareRates(base.correctionRate, measures.correctionRate, alpha),
      verdict: verdictOf(baselineName, value, positiveRate, rating),
    };
  });
  return {
    dimension,
    baseline: baselineName,
    alpha,
    filter,
    arms: measured,
    comparisons,
    filtered: summariseFiltered(inArms(adjustments), unfiltered),
  };
}
