import { describe, expect, it } from 'vitest';
import { normalizeRows } from './dense.js';
import { centroidsOf } from './kmeans.js';
import { separateNoise } from './noise.js';

/** Ten copies of one comment and two close variants: a theme whose MAD is 0. */
function nearCopies() {
  const rows = [...Array.from({ length: 10 }, () => [1, 0, 0]), [0.95, 0.31, 0], [0.95, 0, 0.31]];
  const vectors = normalizeRows({ rows: rows.length, cols: 3, data: Float64Array.from(rows.flat()) });
  const labels = new Int32Array(rows.length);
  return { vectors, labels, centroids: centroidsOf(vectors, labels, 1) };
}

describe('separateNoise', () => {
  it('puts the threshold at the median when the members are copies, so close variants are noise', () => {
    const { vectors, labels, centroids } = nearCopies();
    const split = separateNoise(vectors, labels, centroids);
    expect(Array.from(split.labels.slice(10))).toEqual([-1, -1]);
  });

  it('keeps close variants with a floor on the deviation, and still sets far texts apart', () => {
    const { vectors, labels, centroids } = nearCopies();
    const split = separateNoise(vectors, labels, centroids, { minDeviation: 0.05 });
    expect(Array.from(split.labels)).toEqual(new Array(12).fill(0));
    expect(split.thresholds[0]).toBeGreaterThan(0.8);
    expect(split.thresholds[0]).toBeLessThan(0.9);
  });
});
