/** What the report reads off `Measures` and time series, in the same words in every section. */
import type { Measures, Rate, TimeSeries } from '../analysis/types.js';
import { formatCount, formatMean, formatPercent, formatRateInterval, formatSample, NONE } from './format.js';

const HOUR_MS = 3_600_000;
const STEP_MS = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS } as const;
/** More buckets than this is not a report's series: show the points as they are. */
const MAX_SLOTS = 1_000;

const emptyRate = (): Rate => ({ estimate: null, low: 0, high: 1, successes: 0, trials: 0 });

/** The measures of a bucket nothing happened in. */
export function emptyMeasures(): Measures {
  return {
    interactions: 0,
    signals: {},
    positiveRate: emptyRate(),
    ratingCount: 0,
    ratingMean: null,
    ratingDistribution: {},
    correctionRate: emptyRate(),
    regenerateRate: emptyRate(),
    outcomeSuccessRate: emptyRate(),
  };
}

export interface Slot {
  bucketStart: number;
  measures: Measures;
}

/**
 * Every bucket of the series' range, in order: a series may leave out empty buckets, and a report must
 * still show that day (as n = 0) rather than skip it.
 */
export function seriesSlots(series: TimeSeries): Slot[] {
  const byStart = new Map(series.points.map((p) => [p.bucketStart, p.measures]));
  const step = STEP_MS[series.granularity];
  const { from, to } = series.filter;
  const starts = new Set(series.points.map((p) => p.bucketStart));
  if (Number.isFinite(from) && Number.isFinite(to) && to > from && (to - from) / step <= MAX_SLOTS) {
    for (let t = from; t < to; t += step) starts.add(t);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((bucketStart) => ({ bucketStart, measures: byStart.get(bucketStart) ?? emptyMeasures() }));
}

export const thumbsUp = (m: Measures): number => m.positiveRate.successes;
export const thumbsDown = (m: Measures): number => m.positiveRate.trials - m.positiveRate.successes;
export const votes = (m: Measures): number => m.positiveRate.trials;
export const signalTotal = (m: Measures): number => Object.values(m.signals).reduce((sum, n) => sum + n, 0);
export const hasVotes = (rate: Rate): boolean => rate.trials > 0 && Number.isFinite(rate.estimate ?? Number.NaN);

/** The estimate, or null when the sample is empty (whether the analysis said null or NaN). */
export const estimateOf = (rate: Rate): number | null => (hasVotes(rate) ? rate.estimate : null);

/** A rate cell: "71.3% (65.0–77.0%)", or "— (n = 0)" when nothing was observed. */
export const rateCell = (rate: Rate): string =>
  hasVotes(rate) ? formatRateInterval(rate) : `${NONE} (${formatSample(0)})`;

/** A per-interaction rate cell without its interval: "3.1%", or "—". */
export const perInteractionCell = (rate: Rate): string => (hasVotes(rate) ? formatPercent(rate.estimate) : NONE);

/** A rating cell: "4.12 (n = 34)", or "— (n = 0)". */
export const ratingCell = (m: Measures): string =>
  `${m.ratingCount > 0 ? formatMean(m.ratingMean) : NONE} (${formatSample(m.ratingCount)})`;

export const countCell = (n: number): string => formatCount(n);
