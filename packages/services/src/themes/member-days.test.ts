import { DAY_MS } from '@feedloop/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByDays } from './member-days.js';

const instant = fc.integer({ min: 0, max: 400 * DAY_MS });

describe('splitByDays', () => {
  it('covers the period exactly: whole UTC days in the middle, partial days at the ends', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const period = { from: Math.min(a, b), to: Math.max(a, b) };
        const { days, edges } = splitByDays(period);
        const parts = [...edges, ...(days ? [days] : [])].sort((x, y) => x.from - y.from);
        // Contiguous, non-empty pieces from `from` to `to`.
        let at = period.from;
        for (const part of parts) {
          expect(part.from).toBe(at);
          expect(part.to).toBeGreaterThan(part.from);
          at = part.to;
        }
        expect(at).toBe(period.to);
        if (days) {
          expect(days.from % DAY_MS).toBe(0);
          expect(days.to % DAY_MS).toBe(0);
        }
        // An edge never holds a whole day, and stays within one day unless there are no whole days at all.
        for (const edge of edges) {
          expect(edge.to - edge.from).toBeLessThanOrEqual(days ? DAY_MS - 1 : 2 * DAY_MS - 2);
          if (days) expect(Math.floor(edge.from / DAY_MS)).toBe(Math.floor((edge.to - 1) / DAY_MS));
        }
      }),
    );
  });

  it('reads a period of whole days only from the day counts', () => {
    expect(splitByDays({ from: 3 * DAY_MS, to: 10 * DAY_MS })).toEqual({
      days: { from: 3 * DAY_MS, to: 10 * DAY_MS },
      edges: [],
    });
    expect(splitByDays({ from: 5, to: 5 })).toEqual({ days: undefined, edges: [] });
  });
});
