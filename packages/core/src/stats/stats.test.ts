/** Reference values computed independently from the textbook formulas (Python's math.erf). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapMeanFromCounts, bootstrapMeanInterval } from './bootstrap.js';
import { normalQuantile } from './normal.js';
import { trialsPerGroupNeeded, twoProportionTest, wilsonInterval } from './proportions.js';
import { seededRandom } from './random.js';
import { mannWhitneyFromCounts, mannWhitneyU } from './rank-test.js';

describe('wilsonInterval', () => {
  it('matches the reference for 8 of 10', () => {
    const i = wilsonInterval({ successes: 8, trials: 10 });
    expect(i.low).toBeCloseTo(0.490162, 5);
    expect(i.high).toBeCloseTo(0.943318, 5);
  });

  it('stays inside [0, 1] and contains the estimate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const successes = Math.round(share * n);
        const i = wilsonInterval({ successes, trials: n });
        expect(i.low).toBeGreaterThanOrEqual(0);
        expect(i.high).toBeLessThanOrEqual(1);
        expect(i.low).toBeLessThanOrEqual(i.estimate + 1e-12);
        expect(i.high).toBeGreaterThanOrEqual(i.estimate - 1e-12);
      }),
    );
  });
});

describe('twoProportionTest', () => {
  it('matches the reference for 50/100 against 65/100', () => {
    const t = twoProportionTest({ successes: 50, trials: 100 }, { successes: 65, trials: 100 });
    expect(t.difference).toBeCloseTo(0.15, 10);
    expect(t.z).toBeCloseTo(2.145596, 5);
    expect(t.pValue).toBeCloseTo(0.031905, 5);
  });

  it('rejects a true null about 5% of the time at alpha 0.05', () => {
    const random = seededRandom(7);
    let rejections = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const draw = () => {
        let s = 0;
        for (let i = 0; i < 300; i++) if (random() < 0.3) s++;
        return { successes: s, trials: 300 };
      };
      if (twoProportionTest(draw(), draw()).pValue < 0.05) rejections++;
    }
    expect(rejections / runs).toBeGreaterThan(0.03);
    expect(rejections / runs).toBeLessThan(0.07);
  });

  it('says how many trials per group detect 50% against 60%', () => {
    expect(trialsPerGroupNeeded(0.5, 0.6)).toBe(388);
    expect(trialsPerGroupNeeded(0.5, 0.5)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('mannWhitneyU', () => {
  it('matches the reference for fully separated samples', () => {
    const t = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(t.u).toBe(0);
    expect(t.pValue).toBeCloseTo(0.012186, 5);
    expect(t.probabilityBHigher).toBe(1);
  });

  it('corrects for ties', () => {
    const t = mannWhitneyU([1, 2, 2, 3, 4], [2, 3, 5, 5, 6]);
    expect(t.u).toBe(4.5);
    expect(t.pValue).toBeCloseTo(0.110492, 5);
  });

  it('is symmetric in its samples (property)', () => {
    const sample = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        expect(mannWhitneyU(a, b).pValue).toBeCloseTo(mannWhitneyU(b, a).pValue, 10);
        expect(mannWhitneyU(a, b).probabilityBHigher).toBeCloseTo(1 - mannWhitneyU(b, a).probabilityBHigher, 10);
      }),
    );
  });
});

describe('bootstrapMeanInterval', () => {
  it('is reproducible for a seed and brackets the mean', () => {
    const values = [5, 4, 4, 3, 5, 1, 2, 5, 4, 4];
    const a = bootstrapMeanInterval(values, { seed: 3 });
    expect(bootstrapMeanInterval(values, { seed: 3 })).toEqual(a);
    expect(a.estimate).toBeCloseTo(3.7, 10);
    expect(a.low).toBeLessThan(3.7);
    expect(a.high).toBeGreaterThan(3.7);
    expect(a.low).toBeGreaterThan(2.5);
    expect(a.high).toBeLessThan(4.6);
  });
});

describe('normalQuantile', () => {
  it('gives the usual critical values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
  });
});

describe('statistics from count tables', () => {
  it('Mann–Whitney from counts equals the test on the expanded values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 60 }),
        (a, b) => {
          const count = (xs: number[]) => {
            const m = new Map<number, number>();
            for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
            return m;
          };
          const fromValues = mannWhitneyU(a, b);
          const fromCounts = mannWhitneyFromCounts(count(a), count(b));
          expect(fromCounts.u).toBeCloseTo(fromValues.u, 9);
          expect(fromCounts.pValue).toBeCloseTo(fromValues.pValue, 9);
        },
      ),
    );
  });

  it('the bootstrap interval from counts brackets the mean and matches the resampled one', () => {
    const counts = new Map([
      [1, 40],
      [2, 60],
      [3, 100],
      [4, 180],
      [5, 120],
    ]);
    const values = [...counts].flatMap(([v, c]) => Array<number>(c).fill(v));
    const fromCounts = bootstrapMeanFromCounts(counts);
    const resampled = bootstrapMeanInterval(values);
    expect(fromCounts.estimate).toBeCloseTo(resampled.estimate, 12);
    expect(fromCounts.low).toBeLessThan(fromCounts.estimate);
    expect(fromCounts.high).toBeGreaterThan(fromCounts.estimate);
    expect(Math.abs(fromCounts.low - resampled.low)).toBeLessThan(0.03);
    expect(Math.abs(fromCounts.high - resampled.high)).toBeLessThan(0.03);
    // Large samples use the normal approximation and stay centred with a narrow interval.
    const big = new Map([...counts].map(([v, c]) => [v, c * 2000] as const));
    const wide = bootstrapMeanFromCounts(big);
    expect(wide.high - wide.low).toBeLessThan(0.01);
    expect(wide.low).toBeLessThan(wide.estimate);
  });
});
