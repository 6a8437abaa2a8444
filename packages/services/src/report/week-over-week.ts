/** "Did the positive rate change since last week?", answered from the two weeks' vote counts. */
import { twoProportionTest } from '@feedloop/core';
import type { Rate, WeeklyReport } from '../analysis/types.js';
import { estimateOf } from './report-measures.js';

/** The headline's significance level (the comparisons carry their own `alpha`). */
export const HEADLINE_ALPHA = 0.05;

export interface WeekChange {
  previous: Rate;
  current: Rate;
  /** current − previous. */
  difference: number;
  /** Two-sided pooled two-proportion z-test. */
  pValue: number;
  significant: boolean;
}

/** The change in positive rate from the previous week; null when either week has no votes. */
export function positiveRateChange(report: WeeklyReport): WeekChange | null {
  const previous = report.previousWeek.positiveRate;
  const current = report.daily.total.positiveRate;
  const before = estimateOf(previous);
  const after = estimateOf(current);
  if (before === null || after === null) return null;
  const test = twoProportionTest(previous, current);
  return {
    previous,
    current,
    difference: after - before,
    pValue: test.pValue,
    significant: test.pValue < HEADLINE_ALPHA,
  };
}
