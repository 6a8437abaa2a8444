/**
 * Number, percent and date formatting shared by the Markdown and the HTML report, so both say the same
 * thing the same way. Nothing here ever prints "NaN": an empty sample is "—" with its "n = 0".
 */
import type { Rate } from '../analysis/types.js';

/** What stands in for a number that does not exist (an empty sample, a missing mean). */
export const NONE = '—';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** 1234 → "1,234". */
export const formatCount = (n: number | null): string => (finite(n) ? Math.round(n).toLocaleString('en-US') : NONE);

/** 0.7134 → "71.3%". */
export const formatPercent = (x: number | null): string => (finite(x) ? `${(x * 100).toFixed(1)}%` : NONE);

/** The low–high of an interval in percent: "65.0–77.0%". */
export const formatPercentRange = (low: number | null, high: number | null): string =>
  finite(low) && finite(high) ? `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%` : NONE;

/** "n = 120". */
export const formatSample = (n: number | null): string => `n = ${formatCount(finite(n) ? n : 0)}`;

/** A rate with its 95% interval: "71.3% (65.0–77.0%)", or "—" when nothing was observed. */
export const formatRateInterval = (rate: Rate): string =>
  rate.trials > 0 && finite(rate.estimate)
    ? `${formatPercent(rate.estimate)} (${formatPercentRange(rate.low, rate.high)})`
    : NONE;

/** A rate with its interval and sample: "71.3% (65.0–77.0%, n = 120)", or "— (n = 0)". */
export function formatRateFull(rate: Rate): string {
  if (!(rate.trials > 0 && finite(rate.estimate))) return `${NONE} (${formatSample(0)})`;
  return `${formatPercent(rate.estimate)} (${formatPercentRange(rate.low, rate.high)}, ${formatSample(rate.trials)})`;
}

/** A rate and its sample without the interval: "71.3% (n = 120)". */
export const formatRateShort = (rate: Rate): string =>
  `${rate.trials > 0 ? formatPercent(rate.estimate) : NONE} (${formatSample(rate.trials)})`;

/** A difference of two rates in percentage points: "+5.3 pp", "-2.0 pp". */
export function formatPoints(difference: number | null): string {
  if (!finite(difference)) return NONE;
  const points = (difference * 100).toFixed(1);
  return `${difference > 0 && points !== '0.0' ? '+' : ''}${points === '-0.0' ? '0.0' : points} pp`;
}

/** A relative change of a count: 3980 → 4210 is "+5.8%". */
export function formatChange(before: number | null, after: number | null): string {
  if (!(finite(before) && finite(after)) || before === 0) return NONE;
  const change = ((after - before) / before) * 100;
  const text = change.toFixed(1);
  return `${change > 0 && text !== '0.0' ? '+' : ''}${text === '-0.0' ? '0.0' : text}%`;
}

/** A mean rating: "4.12"; "—" when there were no ratings. */
export const formatMean = (mean: number | null): string => (finite(mean) ? mean.toFixed(2) : NONE);

/** A signed difference of means: "+0.20". */
export const formatMeanDifference = (difference: number | null): string =>
  finite(difference) ? `${difference > 0 ? '+' : ''}${difference.toFixed(2)}` : NONE;

/** A p-value: "0.021", "< 0.001". */
export function formatPValue(p: number | null): string {
  if (!finite(p)) return NONE;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

const validTime = (ms: number): boolean => finite(ms) && !Number.isNaN(new Date(ms).getTime());

/** An ISO date in UTC: "2026-11-16". */
export const formatDate = (ms: number): string => (validTime(ms) ? new Date(ms).toISOString().slice(0, 10) : NONE);

/** An ISO date and minute in UTC: "2026-11-23 08:00 UTC". */
export const formatDateTime = (ms: number): string =>
  validTime(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : NONE;

/** A day with its weekday, in UTC: "Tue 2026-11-17". */
export const formatDay = (ms: number): string =>
  validTime(ms) ? `${WEEKDAYS[new Date(ms).getUTCDay()]} ${formatDate(ms)}` : NONE;

/** A short axis label for a day, in UTC: "Tue 17". */
export const formatDayShort = (ms: number): string =>
  validTime(ms) ? `${WEEKDAYS[new Date(ms).getUTCDay()]} ${new Date(ms).getUTCDate()}` : NONE;

/** A short axis label for a week, in UTC: "Nov 16". */
export const formatWeekShort = (ms: number): string =>
  validTime(ms) ? `${MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCDate()}` : NONE;

/** The last day of a half-open range [from, to) of whole days. */
export const lastDayOf = (toExclusive: number): number => toExclusive - DAY_MS;

/** A dimension as words: "prompt_version" → "prompt version". */
export const formatDimension = (dimension: string): string => dimension.replaceAll('_', ' ');

/** A cohort value; '' means the interactions did not set the dimension. */
export const formatValue = (value: string): string => (value === '' ? '(not set)' : value);
