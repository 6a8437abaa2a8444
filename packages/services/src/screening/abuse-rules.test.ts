import { DEFAULT_ABUSE_SETTINGS } from '@feedloop/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBotUserAgent, rateRuleBroken, type VoteEvent } from './abuse-rules.js';

const settings = { ...DEFAULT_ABUSE_SETTINGS, burstPerMinute: 5, votesPerUserPerDay: 8, unviewedVotesPerWeek: 3 };
const T = Date.parse('2026-11-18T12:00:00Z');

const vote = (k: number, at: number, viewed = true, interaction = `i${k}`): VoteEvent => ({
  id: `v${String(k).padStart(4, '0')}`,
  interactionId: interaction,
  createdAt: at,
  viewed,
});

describe('abuse rules', () => {
  it('lets the first votes of a minute through and calls the rest a burst', () => {
    const votes = Array.from({ length: 8 }, (_, k) => vote(k, T + k * 1000));
    expect(votes.map((v) => rateRuleBroken(v, votes, settings))).toEqual([
      null,
      null,
      null,
      null,
      null,
      'burst',
      'burst',
      'burst',
    ]);
  });

  it('caps unseen votes over any 7 days, however they are spread', () => {
    const votes = Array.from({ length: 6 }, (_, k) => vote(k, T + k * 86_400_000, false));
    expect(votes.map((v) => rateRuleBroken(v, votes, settings))).toEqual([
      null,
      null,
      null,
      'no-views',
      'no-views',
      'no-views',
    ]);
  });

  it('caps a day of votes on new interactions, but never a changed vote on one already counted', () => {
    const votes = Array.from({ length: 10 }, (_, k) => vote(k, T + k * 120_000));
    const changed = vote(99, T + 30 * 120_000, true, 'i0');
    const all = [...votes, changed];
    expect(all.map((v) => rateRuleBroken(v, all, settings))).toEqual([
      ...Array(8).fill(null),
      'weight-cap',
      'weight-cap',
      null,
    ]);
  });

  it('judges a vote the same whatever order its history arrived in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ offset: fc.integer({ min: 0, max: 3 * 86_400_000 }), viewed: fc.boolean(), on: fc.nat(12) }),
          {
            maxLength: 40,
          },
        ),
        fc.nat(),
        (raw, seed) => {
          const votes = raw.map((r, k) => vote(k, T + r.offset, r.viewed, `i${r.on}`));
          const shuffled = [...votes].sort(
            (a, b) => ((a.id.charCodeAt(3) * 31 + seed) % 7) - ((b.id.charCodeAt(3) * 31 + seed) % 7),
          );
          for (const v of votes) expect(rateRuleBroken(v, shuffled, settings)).toBe(rateRuleBroken(v, votes, settings));
        },
      ),
    );
  });

  it('recognises crawlers, headless browsers and HTTP libraries, not real browsers', () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'python-requests/2.32.3',
      'curl/8.5.0',
    ]) {
      expect(isBotUserAgent(agent), agent).toBe(true);
    }
    for (const agent of [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
    ]) {
      expect(isBotUserAgent(agent), agent).toBe(false);
    }
    expect(isBotUserAgent(undefined)).toBe(false);
  });
});
