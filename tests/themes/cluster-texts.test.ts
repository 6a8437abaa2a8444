/**
 * clusterTexts on a pool larger than its fitting sample: themes are found on the sample and the rest joins
 * them, offline and with vectors given (as from an embeddings endpoint), with the planted shares kept.
 */
import { categoryOfTheme, clusterTexts, DEFAULT_TAXONOMY } from '@feedloop/services';
import { fitEmbedder } from '@feedloop/themes';
import { describe, expect, it } from 'vitest';
import { WEEK_START } from '../helpers/analysis-data.js';
import { PLANTED, plantedFeedback } from './planted-themes.js';

const texts = plantedFeedback(1200, 21, WEEK_START).signals.flatMap((s) =>
  s.type === 'comment' ? [String(s.value)] : [],
);

function checkPool(pool: ReturnType<typeof clusterTexts>): void {
  expect(pool.labels).toHaveLength(texts.length);
  expect(pool.similarities).toHaveLength(texts.length);
  pool.clusters.forEach((cluster, c) => {
    expect(cluster.members.length).toBeGreaterThan(0);
    for (const i of cluster.members) expect(pool.labels[i]).toBe(c);
  });
  const members = pool.clusters.reduce((s, c) => s + c.members.length, 0);
  const noise = pool.labels.filter((l) => l < 0).length;
  expect(members + noise).toBe(texts.length);
  expect(noise / texts.length).toBeLessThan(0.1);
  expect(pool.similarities.every((s) => Number.isFinite(s) && s <= 1 + 1e-9)).toBe(true);
  const shares = new Map<string, number>();
  for (const cluster of pool.clusters) {
    const category = categoryOfTheme(
      cluster.members.map((i) => texts[i] ?? ''),
      DEFAULT_TAXONOMY,
    );
    shares.set(category, (shares.get(category) ?? 0) + cluster.members.length / texts.length);
  }
  for (const plant of PLANTED) {
    expect(Math.abs((shares.get(plant.category) ?? 0) - plant.share), plant.category).toBeLessThan(0.04);
  }
  expect(pool.clusters.flatMap((c) => c.keywords).some((k) => /\b0\b/.test(k))).toBe(false);
}

describe('clusterTexts beyond its fitting sample', () => {
  it('finds the themes on the sample and sorts the rest into them, offline', () => {
    const pool = clusterTexts(texts, { seed: 1, fitSample: 800 });
    checkPool(pool);
    expect(Array.from(clusterTexts(texts, { seed: 1, fitSample: 800 }).labels)).toEqual(Array.from(pool.labels));
  });

  it('does the same with vectors computed elsewhere', () => {
    const { vectors } = fitEmbedder(texts, { svd: { seed: 7 } });
    checkPool(clusterTexts(texts, { seed: 1, fitSample: 800, vectors }));
  });
});
