import { PII_TYPES, type PiiType } from './pii-types.js';

/**
 * How many values of each type were replaced (occurrences, not distinct values), e.g.
 * `{ EMAIL: 2, CARD: 1 }`. Types with no replacement are absent.
 */
export type RedactionReport = Readonly<Partial<Record<PiiType, number>>>;

/**
 * Adds reports together, e.g. every record's report into an export manifest. Keys come out in
 * `PII_TYPES` order so manifests are stable byte for byte.
 *
 * @example
 * mergeReports({ EMAIL: 2 }, { EMAIL: 1, CARD: 1 }); // { EMAIL: 3, CARD: 1 }
 */
export function mergeReports(...reports: readonly RedactionReport[]): RedactionReport {
  const merged: Partial<Record<PiiType, number>> = {};
  for (const type of PII_TYPES) {
    let sum = 0;
    for (const report of reports) sum += report[type] ?? 0;
    if (sum > 0) merged[type] = sum;
  }
  return merged;
}
