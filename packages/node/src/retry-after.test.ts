import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after.js';

const NOW = Date.parse('1994-11-06T08:49:30Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 1 ', 1000],
    ['0', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 7000],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 7000],
    ['Sun Nov  6 08:49:37 1994', 7000],
    ['Sun, 06 Nov 1994 08:49:00 GMT', 0],
  ])('reads %j as %i ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it.each([null, undefined, '', 'soon', '-5', '1.5', '1e3', 'Sun, 31 Feb 1994 08:49:37 GMT', '2026-11-20T10:00:00Z'])(
    'ignores %j, so ordinary backoff applies',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );

  it('reads any delay in seconds, capped', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), NOW)).toBe(Math.min(seconds * 1000, MAX_RETRY_AFTER_MS));
      }),
    );
  });

  it('reads any IMF-fixdate as the time left until it, capped and never negative', () => {
    const second = fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => s * 1000);
    fc.assert(
      fc.property(second, fc.integer({ min: -86_400, max: 86_400 }), (now, offsetSeconds) => {
        const header = new Date(now + offsetSeconds * 1000).toUTCString();
        const expected = Math.min(Math.max(offsetSeconds * 1000, 0), MAX_RETRY_AFTER_MS);
        expect(parseRetryAfter(header, now)).toBe(expected);
      }),
    );
  });

  it('never answers a negative or non-finite wait, whatever the header', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const ms = parseRetryAfter(header, NOW);
        if (ms !== undefined) expect(ms >= 0 && ms <= MAX_RETRY_AFTER_MS).toBe(true);
      }),
    );
  });
});
