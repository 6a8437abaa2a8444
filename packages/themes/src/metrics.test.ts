import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostAssignment } from './hungarian.js';
import { adjustedRandIndex, clusteringAccuracy, normalizedMutualInfo } from './metrics.js';

describe('clustering metrics', () => {
  it('match hand-computed values on small cases', () => {
    const truth = [0, 0, 0, 1, 1, 1];
    const predicted = [0, 0, 1, 1, 2, 2];
    // scikit-learn: normalized_mutual_info_score → 0.5158037429793889, adjusted_rand_score → 0.24242424242424246
    expect(normalizedMutualInfo(truth, predicted)).toBeCloseTo(0.5158037429793889, 12);
    expect(adjustedRandIndex(truth, predicted)).toBeCloseTo(0.24242424242424246, 12);
    expect(clusteringAccuracy(truth, predicted)).toBeCloseTo(4 / 6, 12);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  const labelling = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 40 });

  it('score a labelling against itself as 1, and do not care how labels are named', () => {
    fc.assert(
      fc.property(labelling, fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6 }), (labels, perm) => {
        const renamed = labels.map((l) => perm[l]! + 10);
        for (const metric of [normalizedMutualInfo, adjustedRandIndex, clusteringAccuracy]) {
          expect(metric(labels, labels)).toBeCloseTo(1, 9);
          expect(metric(labels, renamed)).toBeCloseTo(1, 9);
        }
      }),
    );
  });

  it('are symmetric where they should be and bounded', () => {
    fc.assert(
      fc.property(labelling, labelling, (a, b) => {
        const n = Math.min(a.length, b.length);
        const [x, y] = [a.slice(0, n), b.slice(0, n)];
        expect(normalizedMutualInfo(x, y)).toBeCloseTo(normalizedMutualInfo(y, x), 9);
        expect(adjustedRandIndex(x, y)).toBeCloseTo(adjustedRandIndex(y, x), 9);
        expect(normalizedMutualInfo(x, y)).toBeGreaterThanOrEqual(0);
        expect(normalizedMutualInfo(x, y)).toBeLessThanOrEqual(1);
        expect(adjustedRandIndex(x, y)).toBeLessThanOrEqual(1 + 1e-12);
        expect(clusteringAccuracy(x, y)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('Hungarian assignment finds the cheapest matching (checked against brute force)', () => {
    const permutations = (n: number): number[][] =>
      n === 0
        ? [[]]
        : permutations(n - 1).flatMap((p) =>
            Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
          );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((n) =>
            fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n * n, maxLength: n * n }).map((c) => ({ n, c })),
          ),
        ({ n, c }) => {
          const assignment = minCostAssignment(c, n, n);
          const cost = (p: ArrayLike<number>) =>
            Array.from({ length: n }, (_, i) => c[i * n + p[i]!]!).reduce((s, x) => s + x, 0);
          const best = Math.min(...permutations(n).map(cost));
          expect(new Set(assignment).size).toBe(n);
          expect(cost(assignment)).toBe(best);
        },
      ),
    );
  });
});
