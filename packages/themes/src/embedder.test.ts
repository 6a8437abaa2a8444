import { describe, expect, it } from 'vitest';
import { consensusClustering } from './consensus.js';
import { timesTransposed } from './dense.js';
import { embedTexts, fitEmbedder } from './embedder.js';
import { sphericalKMeans } from './kmeans.js';
import { adjustedRandIndex } from './metrics.js';
import { assignToNearest } from './nearest.js';
import { nearestNeighbors } from './neighbors.js';
import { seededRandom } from './random.js';
import type { DenseMatrix } from './sparse.js';
import { randomizedSvd } from './svd.js';
import { fitTfidf } from './tfidf.js';

const TEXTS = [
  'my card has not arrived yet',
  'when will my new card arrive',
  'card still not delivered after a week',
  'how do I reset my password',
  'forgot my password, how to reset it',
  'password reset link does not work',
  'why was I charged a fee',
  'there is an extra fee on my statement',
  'I was charged twice for one purchase',
  'the exchange rate was wrong',
  'what exchange rate do you use',
  'wrong exchange rate applied to my transfer',
];

/** Unit vectors around `centres` well-separated directions, `per` each, with a little noise. */
function blobs(centres: number, per: number, dims: number, seed: number): { vectors: DenseMatrix; truth: number[] } {
  const random = seededRandom(seed);
  const data = new Float64Array(centres * per * dims);
  const truth: number[] = [];
  for (let c = 0; c < centres; c++) {
    for (let p = 0; p < per; p++) {
      const row = (c * per + p) * dims;
      let s = 0;
      for (let t = 0; t < dims; t++) {
        data[row + t] = (t % centres === c ? 1 : 0) + 0.15 * (random() - 0.5);
        s += data[row + t]! ** 2;
      }
      for (let t = 0; t < dims; t++) data[row + t]! /= Math.sqrt(s);
      truth.push(c);
    }
  }
  return { vectors: { rows: centres * per, cols: dims, data }, truth };
}

describe('text embedding', () => {
  it('embeds a fitted text the same way whether from fit or from transform', () => {
    const { embedder, vectors } = fitEmbedder(TEXTS, { svd: { dims: 8, seed: 4 } });
    const again = embedTexts(embedder, TEXTS);
    expect(again.cols).toBe(vectors.cols);
    for (let i = 0; i < vectors.data.length; i++) expect(again.data[i]).toBeCloseTo(vectors.data[i]!, 10);
  });

  it('places a new text next to the texts that say the same thing', () => {
    const { embedder, vectors } = fitEmbedder(TEXTS, { svd: { dims: 8, seed: 4 } });
    const query = embedTexts(embedder, ['my password reset does not work']);
    const sims = timesTransposed(query, vectors).data;
    const best = [...sims.keys()].sort((a, b) => sims[b]! - sims[a]!)[0]!;
    expect(TEXTS[best]).toMatch(/password/);
  });

  it('is deterministic for a seed and gives unknown texts a zero vector', () => {
    const a = fitEmbedder(TEXTS, { svd: { dims: 8, seed: 4 } }).vectors;
    const b = fitEmbedder(TEXTS, { svd: { dims: 8, seed: 4 } }).vectors;
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const { embedder } = fitEmbedder(TEXTS, { svd: { dims: 8, seed: 4 } });
    expect(Array.from(embedTexts(embedder, ['zzqx']).data).every((v) => v === 0)).toBe(true);
  });

  it('randomized SVD returns orthonormal components and descending singular values', () => {
    const { matrix } = fitTfidf(TEXTS);
    const { components, singularValues } = randomizedSvd(matrix, { dims: 6, seed: 2 });
    const cols = components.cols;
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let s = 0;
        for (let f = 0; f < components.rows; f++) s += components.data[f * cols + a]! * components.data[f * cols + b]!;
        expect(s).toBeCloseTo(a === b ? 1 : 0, 8);
      }
    }
    for (let j = 1; j < singularValues.length; j++)
      expect(singularValues[j]!).toBeLessThanOrEqual(singularValues[j - 1]!);
  });
});

describe('clustering primitives', () => {
  const { vectors, truth } = blobs(4, 25, 16, 5);

  it('spherical k-means recovers well-separated groups', () => {
    const { labels, objective } = sphericalKMeans(vectors, { k: 4, seed: 1 });
    expect(adjustedRandIndex(truth, labels)).toBeCloseTo(1, 9);
    expect(objective).toBeGreaterThan(0.9 * vectors.rows);
  });

  it('consensus of noisy clusterings recovers the shared partition', () => {
    const random = seededRandom(3);
    const runs = Array.from({ length: 9 }, () => truth.map((t) => (random() < 0.15 ? Math.floor(random() * 4) : t)));
    expect(adjustedRandIndex(truth, consensusClustering(runs, 4, { seed: 1 }))).toBeCloseTo(1, 9);
  });

  it('exact and approximate neighbour search agree on clear neighbours', () => {
    const exact = nearestNeighbors(vectors, 5);
    const approx = nearestNeighbors(vectors, 5, { exactLimit: 10, probes: 3 });
    let same = 0;
    for (let i = 0; i < vectors.rows; i++) if (truth[approx.indices[i * 5]!] === truth[i]) same++;
    expect(same / vectors.rows).toBeGreaterThan(0.95);
    for (let i = 0; i < vectors.rows; i++) expect(truth[exact.indices[i * 5]!]).toBe(truth[i]);
  });

  it('assigns to the nearest centroid, or to noise below the threshold', () => {
    const { centroids } = sphericalKMeans(vectors, { k: 4, seed: 1 });
    const labels = assignToNearest(vectors, centroids, 0.5);
    expect(adjustedRandIndex(truth, labels)).toBeCloseTo(1, 9);
    const zero = { rows: 1, cols: vectors.cols, data: new Float64Array(vectors.cols) };
    expect(Array.from(assignToNearest(zero, centroids, -1))).toEqual([-1]);
    expect(Array.from(assignToNearest(vectors, centroids, 1.01)).every((l) => l === -1)).toBe(true);
  });
});
