/**
 * A pooled two-proportion z-test, for "what changed this week" (the analyses do their own tests on the
 * server; this one compares two totals the dashboard already has).
 */
function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, |error| < 1.5e-7: plenty for a p-value shown to three decimals.
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

/** Two-sided p-value that two proportions differ; 1 when either sample is empty. */
export function twoProportionP(s1: number, n1: number, s2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = Math.abs(s1 / n1 - s2 / n2) / se;
  return 1 - erf(z / Math.SQRT2);
}
