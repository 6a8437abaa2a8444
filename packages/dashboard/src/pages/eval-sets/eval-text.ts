/** Small text helpers of the eval-set page: names and tags as the API accepts them, counts in words. */

/** The server's rule for set names (they appear in URLs and file names); checked here to say so early. */
export const SET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const SET_NAME_HINT = 'Letters, digits and _ . - (up to 64), starting with a letter or digit.';

/** Tags as typed ("citations, regression links"), each once, in order. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** "1 case", "3 cases". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** How many values a redaction report replaced, all PII types together. */
export const redactedCount = (report: Readonly<Partial<Record<string, number>>>): number =>
  Object.values(report).reduce<number>((sum, n) => sum + (n ?? 0), 0);
