/**
 * How long to wait before re-sending a batch: the server's `Retry-After` when it gives one, otherwise
 * exponential backoff with full jitter, which spreads out clients that failed at the same moment.
 */

export const BACKOFF_BASE_MS = 200;
export const BACKOFF_CAP_MS = 30_000;

/** A uniformly random delay in [0, min(cap, base · 2^attempt)); `attempt` counts from 0. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `attempt + 1`. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, random?: () => number): number {
  return retryAfterMs ?? backoffDelay(attempt, random);
}
