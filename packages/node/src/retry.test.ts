import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay, retryDelay } from './retry.js';

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base · 2^attempt)) for any attempt and random draw', () => {
    const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), draw, (attempt, r) => {
        const ms = backoffDelay(attempt, () => r);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      }),
    );
  });

  it('doubles its ceiling each attempt until the cap', () => {
    const top = () => 0.999_999;
    expect(backoffDelay(0, top)).toBe(BACKOFF_BASE_MS - 1);
    expect(backoffDelay(3, top)).toBe(BACKOFF_BASE_MS * 8 - 1);
    expect(backoffDelay(50, top)).toBe(BACKOFF_CAP_MS - 1);
  });
});

describe('retryDelay', () => {
  it("prefers the server's Retry-After over backoff", () => {
    expect(retryDelay(0, 5000, () => 0.5)).toBe(5000);
    expect(retryDelay(2, undefined, () => 0.5)).toBe(400);
  });
});
