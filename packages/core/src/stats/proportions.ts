/**
 * Honest statistics for rates (thumbs-up rate, regenerate rate, success rate): Wilson intervals, which
 * behave at small n and near 0 or 1 where the textbook ± interval does not, and the pooled two-proportion
 * z-test.
 */
import { normalQuantile, twoSidedP } from './normal.js';

export interface Proportion {
  successes: number;
  trials: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** The Wilson score interval of a proportion; an empty sample gives the uninformative [0, 1]. */
export function wilsonInterval({ successes, trials }: Proportion, confidence = 0.95): Interval {
  if (trials === 0) return { estimate: Number.NaN, low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ProportionTest {
  /** b's rate minus a's. */
  difference: number;
  z: number;
  pValue: number;
}

/** Pooled two-proportion z-test of a against b (two-sided). */
export function twoProportionTest(a: Proportion, b: Proportion): ProportionTest {
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (!(se > 0)) return { difference: pb - pa, z: 0, pValue: 1 };
  const z = (pb - pa) / se;
  return { difference: pb - pa, z, pValue: twoSidedP(z) };
}

/**
 * How many trials per group a two-proportion test needs to detect rates `p1` vs `p2` with the given
 * significance level and power (the usual normal-approximation formula). Infinite when they are equal.
 */
export function trialsPerGroupNeeded(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  if (p1 === p2) return Number.POSITIVE_INFINITY;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p1 - p2) * (p1 - p2)));
}
