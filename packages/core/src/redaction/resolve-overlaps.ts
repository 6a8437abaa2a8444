import type { Detection } from './pii-types.js';

/** A span that no detection may touch (an existing placeholder). */
export interface ReservedSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Picks non-overlapping detections, deterministically: the longest span wins, then the recognizer
 * that comes first in `priority`, then the earlier start. Detections that touch a reserved span are
 * dropped, so an existing placeholder is never redacted into. Returns the winners in text order.
 */
export function resolveOverlaps(
  candidates: readonly Detection[],
  priority: (detection: Detection) => number,
  reserved: readonly ReservedSpan[] = [],
): Detection[] {
  const ranked = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || priority(a) - priority(b) || a.start - b.start,
  );
  // Kept sorted by start, so each overlap check looks only at the two neighbours.
  const taken: ReservedSpan[] = [...reserved];
  const winners = new Set<ReservedSpan>();
  for (const d of ranked) {
    const i = firstStartingAtOrAfter(taken, d.start);
    const before = taken[i - 1];
    const after = taken[i];
    if (before !== undefined && before.end > d.start) continue;
    if (after !== undefined && after.start < d.end) continue;
    taken.splice(i, 0, d);
    winners.add(d);
  }
  return taken.filter((span): span is Detection => winners.has(span));
}

function firstStartingAtOrAfter(spans: readonly ReservedSpan[], start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
