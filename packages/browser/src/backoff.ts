/** The longest wait between two delivery attempts. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * The wait before retry `attempt` (from 0): exponential from 1 s, with "equal jitter" — half fixed so a
 * page never hammers the server, half random so many pages that failed together spread out.
 */
export const backoff = (attempt: number, random: () => number): number =>
  (Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (1 + random())) / 2;
