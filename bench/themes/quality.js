/**
 * Seeds of the Banking77 quality comparison, run in a worker process (two run side by side on the two
 * cores). Prints nothing; sends its figures to the parent.
 */
import {
  adjustedRandIndex,
  chooseK,
  clusteringAccuracy,
  clusterSmoothed,
  fitEmbedder,
  normalizedMutualInfo,
  separateNoise,
  smoothFor,
  sphericalKMeans,
} from '../../packages/themes/dist/index.js';
import { loadBanking77 } from './data.js';

const K = 77;
const { texts, labels } = loadBanking77('test.csv');

function scores(predicted) {
  return {
    nmi: 100 * normalizedMutualInfo(labels, predicted),
    ari: 100 * adjustedRandIndex(labels, predicted),
    acc: 100 * clusteringAccuracy(labels, predicted),
  };
}

function timed(fn) {
  const start = performance.now();
  const value = fn();
  return [value, (performance.now() - start) / 1000];
}

/** The plain recipe: TF-IDF (no stop-word removal, no stemming) → SVD 200 (U·Σ) → k-means, 10 starts. */
function plain(seed) {
  const [found, seconds] = timed(() => {
    const { vectors } = fitEmbedder(texts, {
      tfidf: { words: { stopWords: false, stem: false } },
      spectrumPower: 1,
      svd: { dims: 200, seed },
    });
    return sphericalKMeans(vectors, { k: K, seed, restarts: 10 }).labels;
  });
  return { ...scores(found), seconds };
}

/** The refined pipeline, K = 77 and automatic K, sharing one embedding and smoothing. */
function refined(seed) {
  const [{ vectors, smoothed }, prepSeconds] = timed(() => {
    const { vectors } = fitEmbedder(texts, { svd: { seed } });
    return { vectors, smoothed: smoothFor(vectors, { seed }) };
  });
  const [fixed, fixedSeconds] = timed(() => clusterSmoothed(vectors, smoothed, { k: K, seed }).labels);
  const [auto, autoSeconds] = timed(() => {
    const choice = chooseK(vectors, smoothed, { seed });
    const clustering = clusterSmoothed(vectors, smoothed, { k: choice.k, seed });
    const split = separateNoise(vectors, clustering.labels, clustering.centroids);
    return { choice, clustering, split };
  });
  const themes = new Set(auto.split.labels.filter((l) => l >= 0)).size;
  const noise = auto.split.labels.filter((l) => l < 0).length;
  return {
    k77: { ...scores(fixed), seconds: prepSeconds + fixedSeconds },
    auto: {
      ...scores(auto.split.labels),
      kChosen: auto.choice.k,
      themes,
      noiseShare: noise / texts.length,
      noNoise: scores(auto.clustering.labels),
      seconds: prepSeconds + autoSeconds,
    },
  };
}

process.on('message', ({ seeds }) => {
  const results = seeds.map((seed) => ({ seed, plain: plain(seed), ...refined(seed) }));
  process.send(results, () => process.exit(0));
});
