import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeFeedback } from './feedback-summary.js';
import { bySignalTime, type SignalRow } from './signal-rows.js';

let n = 0;
function signal(
  type: string,
  user: string | null,
  at: number,
  value: unknown,
  valueNum: number | null = null,
): SignalRow {
  n++;
  return {
    id: `s${String(n).padStart(6, '0')}`,
    interaction_id: 'i',
    user_id: user,
    session_id: null,
    type,
    value: value === undefined ? null : JSON.stringify(value),
    value_num: valueNum,
    created_at: at,
    received_at: 0,
  };
}
const thumbs = (user: string, at: number, v: number) => signal('thumbs', user, at, v, v);
const rating = (user: string, at: number, v: number) => signal('rating', user, at, v, v);

describe('summarizeFeedback', () => {
  it('judges by each user’s latest thumb: net > 0 is up, < 0 down, a 0 takes a thumb back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ user: fc.constantFrom('a', 'b', 'c'), v: fc.constantFrom(1, -1, 0), at: fc.nat(100) }), {
          maxLength: 15,
        }),
        (events) => {
          const rows = events.map((e) => thumbs(e.user, e.at, e.v)).sort(bySignalTime);
          const last = new Map<string, number>();
          for (const r of rows) last.set(r.user_id ?? '', r.value_num ?? 0);
          const net = [...last.values()].reduce((a, b) => a + b, 0);
          expect(summarizeFeedback(rows).verdict).toBe(net > 0 ? 'up' : net < 0 ? 'down' : 'none');
        },
      ),
    );
  });

  it('uses the mean of latest ratings (>= 4 up, <= 2 down), and calls a disagreement with thumbs mixed', () => {
    expect(summarizeFeedback([rating('a', 1, 5), rating('b', 2, 3)]).verdict).toBe('up');
    expect(summarizeFeedback([rating('a', 1, 5), rating('a', 2, 2)]).verdict).toBe('down');
    expect(summarizeFeedback([rating('a', 1, 3)]).verdict).toBe('none');
    expect(summarizeFeedback([thumbs('a', 1, 1), rating('b', 2, 1)]).verdict).toBe('mixed');
    expect(summarizeFeedback([thumbs('a', 1, 1), rating('b', 2, 5)])).toMatchObject({
      verdict: 'up',
      verdictUserId: 'b',
    });
  });

  it('keeps each user’s latest edit and accepts on the latest accept/reject per user', () => {
    const summary = summarizeFeedback(
      [
        signal('edit', 'a', 1, 'first'),
        signal('edit', 'b', 2, 'other'),
        signal('edit', 'a', 3, 'final'),
        signal('accept', 'a', 1, undefined),
        signal('reject', 'a', 2, undefined),
        signal('accept', 'b', 3, undefined),
      ].sort(bySignalTime),
    );
    expect(summary.edits).toEqual([
      { text: 'other', userId: 'b' },
      { text: 'final', userId: 'a' },
    ]);
    expect(summary.accepted).toBe(false); // a rejected in the end, b accepted: one each
  });

  it('treats anonymous signals without a session as separate voters', () => {
    expect(summarizeFeedback([signal('thumbs', null, 1, 1, 1), signal('thumbs', null, 2, 1, 1)]).verdict).toBe('up');
    expect(summarizeFeedback([signal('thumbs', null, 1, 1, 1), signal('thumbs', null, 2, -1, -1)]).verdict).toBe(
      'none',
    );
  });
});
