import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Preference } from './feedback-summary.js';
import { preferenceWinner } from './preference-winner.js';

/** A voter's choice between A and B at a time; the latest per voter counts. */
const choice = fc.record({ voter: fc.constantFrom('u1', 'u2', 'u3', 'u4'), forA: fc.boolean(), at: fc.nat(1000) });

function preferences(choices: Array<{ voter: string; forA: boolean; at: number }>, forA: boolean): Preference[] {
  // Latest per voter and direction, as summarizeFeedback hands them over.
  const latest = new Map<string, Preference>();
  choices.forEach((c, i) => {
    if (c.forA !== forA) return;
    const signal = {
      id: `s${i}`,
      interaction_id: forA ? 'A' : 'B',
      user_id: c.voter,
      session_id: null,
      type: 'preference',
      value: JSON.stringify({ over: forA ? 'B' : 'A' }),
      value_num: null,
      created_at: c.at,
      received_at: 0,
    };
    const seen = latest.get(c.voter);
    if (!seen || seen.signal.created_at < c.at || (seen.signal.created_at === c.at && seen.signal.id < signal.id)) {
      latest.set(c.voter, { over: forA ? 'B' : 'A', voter: c.voter, userId: c.voter, signal });
    }
  });
  return [...latest.values()];
}

describe('preferenceWinner', () => {
  it('gives the same result from both sides, so exactly one side (or none, on a tie) emits the pair', () => {
    fc.assert(
      fc.property(fc.array(choice, { minLength: 1, maxLength: 12 }), (choices) => {
        const a = preferences(choices, true);
        const b = preferences(choices, false);
        const fromA = preferenceWinner(a, b).winner;
        const fromB = preferenceWinner(b, a).winner;
        if (fromA === 'tie') expect(fromB).toBe('tie');
        else expect(new Set([fromA, fromB])).toEqual(new Set(['anchor', 'other']));
      }),
    );
  });

  it('counts each voter once, by their latest choice', () => {
    fc.assert(
      fc.property(fc.array(choice, { minLength: 1, maxLength: 12 }), (choices) => {
        const final = new Map<string, { forA: boolean; at: number; i: number }>();
        choices.forEach((c, i) => {
          const seen = final.get(c.voter);
          if (!seen || seen.at < c.at || (seen.at === c.at && `s${seen.i}` < `s${i}`)) final.set(c.voter, { ...c, i });
        });
        const votesA = [...final.values()].filter((v) => v.forA).length;
        const votesB = final.size - votesA;
        const outcome = preferenceWinner(preferences(choices, true), preferences(choices, false)).winner;
        expect(outcome).toBe(votesA > votesB ? 'anchor' : votesA < votesB ? 'other' : 'tie');
      }),
    );
  });
});
