import type { Preference } from './feedback-summary.js';
import { bySignalTime } from './signal-rows.js';

export type PairOutcome = { winner: 'anchor'; userId: string | null } | { winner: 'other' } | { winner: 'tie' };

/**
 * Who won a side-by-side between the anchor and another interaction. A voter may have sent both "anchor
 * over other" and, later, "other over anchor": their latest choice counts. The side more voters chose
 * wins; a tie is no pair. Both sides compute the same outcome, so only the winner's anchor emits the
 * pair and each pair is written exactly once.
 *
 * @param forward the anchor's preferences over `other` (latest per voter)
 * @param backward the other's preferences over the anchor (latest per voter)
 */
export function preferenceWinner(forward: readonly Preference[], backward: readonly Preference[]): PairOutcome {
  const latest = new Map<string, { side: 'anchor' | 'other'; p: Preference }>();
  const consider = (p: Preference, side: 'anchor' | 'other') => {
    const seen = latest.get(p.voter);
    if (seen === undefined || bySignalTime(seen.p.signal, p.signal) < 0) latest.set(p.voter, { side, p });
  };
  for (const p of forward) consider(p, 'anchor');
  for (const p of backward) consider(p, 'other');
  const won = [...latest.values()].filter((v) => v.side === 'anchor');
  const lost = latest.size - won.length;
  if (won.length > lost) {
    const last = won.map((v) => v.p.signal).sort(bySignalTime)[won.length - 1];
    return { winner: 'anchor', userId: last?.user_id ?? null };
  }
  return won.length === lost ? { winner: 'tie' } : { winner: 'other' };
}
