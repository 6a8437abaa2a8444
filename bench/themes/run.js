/**
 * `npm run bench:themes [-- --quick]`
 *
 * Quality and speed of the offline theme engine (`@feedloop/themes`, the BUILT package: run
 * `npm run build` first).
 *
 * Quality, on Banking77 test.csv (3,080 queries, 77 intents; read from ../shared/data beside the repo),
 * NMI / ARI / ACC in %, mean ± sd over seeds 1–10 (1–2 with --quick), in one run, side by side:
 *   - the plain recipe (TF-IDF words 1–2 + chars 3–5, SVD 200, spherical k-means ×10 starts), K = 77;
 *   - the refined pipeline with K = 77 (no noise, as the published baselines);
 *   - the refined pipeline with K chosen automatically (noise counted as one more cluster), and the K found;
 *   beside the published baselines quoted in ../shared/data/README.md.
 * Seeds run in two worker processes, one per core.
 *
 * Speed: 50,000 texts (5,000 with --quick) resampled from Banking77 train + test with light synthetic
 * perturbation (dropped / swapped words, typos, filler words, lower-casing), clustered end to end by
 * `findThemes` with automatic K, alone in its own process: wall time and peak RSS.
 *
 * Prints tables, then, as its very last line, one JSON object with every figure.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BANKING77 } from './data.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const quick = process.argv.includes('--quick');
const SEEDS = quick ? [1, 2] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SPEED_TEXTS = quick ? 5_000 : 50_000;

if (!existsSync(join(root, 'packages', 'themes', 'dist', 'index.js'))) {
  console.error('packages/themes/dist is missing: run `npm run build` first.');
  process.exit(1);
}
if (!existsSync(join(BANKING77, 'test.csv'))) {
  console.error(`Banking77 not found at ${BANKING77} (expected ../shared/data/banking77 beside the repo).`);
  process.exit(1);
}

/** Forks `file`, sends it one message, resolves with its one answer. */
function inChild(file, message) {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, file));
    child.once('message', resolve);
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`${file} exited with ${code}`)));
    child.send(message);
  });
}

const PUBLISHED = [
  ['k-means on mean GloVe vectors', 49.3, 13.04, 28.62],
  ['agglomerative on GloVe', 53.28, 14.65, 31.62],
  ['SAE-KM (autoencoder over TF-IDF, then k-means)', 59.8, 23.59, 37.07],
  ['DEC', 62.66, 25.32, 38.6],
  ['SCCL (BERT, contrastive)', 63.89, 26.98, 40.54],
  ['USNID (BERT, pre-trained and self-supervised)', 75.3, 43.33, 54.82],
];

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const summary = (xs) => ({ mean: mean(xs), sd: sd(xs) });
const pm = ({ mean: m, sd: s }) => `${m.toFixed(2)} ± ${s.toFixed(2)}`;

function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  const line = (r) =>
    `| ${r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}

const started = performance.now();
const halves = [SEEDS.filter((_, i) => i % 2 === 0), SEEDS.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
const perSeed = (await Promise.all(halves.map((seeds) => inChild('quality.js', { seeds })))).flat();
perSeed.sort((a, b) => a.seed - b.seed);
const qualitySeconds = (performance.now() - started) / 1000;

const of = (pick) => ({
  nmi: summary(perSeed.map((r) => pick(r).nmi)),
  ari: summary(perSeed.map((r) => pick(r).ari)),
  acc: summary(perSeed.map((r) => pick(r).acc)),
  seconds: summary(perSeed.map((r) => pick(r).seconds)),
});
const quality = {
  seeds: SEEDS.length,
  plainK77: of((r) => r.plain),
  refinedK77: of((r) => r.k77),
  refinedAuto: {
    ...of((r) => r.auto),
    noNoise: of((r) => r.auto.noNoise),
    kChosen: perSeed.map((r) => r.auto.kChosen),
    themes: perSeed.map((r) => r.auto.themes),
    noiseShare: summary(perSeed.map((r) => 100 * r.auto.noiseShare)),
  },
  perSeed,
};

console.log(
  `\nBanking77 test.csv (3,080 texts, 77 intents), NMI / ARI / ACC in %, mean ± sd over ${SEEDS.length} seeds\n`,
);
const ks = quality.refinedAuto.kChosen;
table(
  ['method', 'K', 'NMI', 'ARI', 'ACC', 's / seed'],
  [
    ...PUBLISHED.map(([name, nmi, ari, acc]) => [
      `${name} (published)`,
      77,
      nmi.toFixed(2),
      ari.toFixed(2),
      acc.toFixed(2),
      '',
    ]),
    [
      'plain recipe: TF-IDF + SVD + k-means (this run)',
      77,
      ...['nmi', 'ari', 'acc'].map((m) => pm(quality.plainK77[m])),
      quality.plainK77.seconds.mean.toFixed(1),
    ],
    [
      'refined (this run)',
      77,
      ...['nmi', 'ari', 'acc'].map((m) => pm(quality.refinedK77[m])),
      quality.refinedK77.seconds.mean.toFixed(1),
    ],
    [
      'refined, automatic K, noise as one cluster (this run)',
      `${Math.min(...ks)}–${Math.max(...ks)}`,
      ...['nmi', 'ari', 'acc'].map((m) => pm(quality.refinedAuto[m])),
      quality.refinedAuto.seconds.mean.toFixed(1),
    ],
    [
      'refined, automatic K, noise left in its cluster (this run)',
      '〃',
      ...['nmi', 'ari', 'acc'].map((m) => pm(quality.refinedAuto.noNoise[m])),
      '',
    ],
  ],
);
console.log(
  `\nAutomatic K per seed: ${ks.join(', ')} (themes kept after noise: ${quality.refinedAuto.themes.join(', ')}); noise ${pm(quality.refinedAuto.noiseShare)}% of texts.`,
);
console.log(`Quality runs took ${qualitySeconds.toFixed(0)} s wall (two worker processes).`);

const speed = await inChild('speed.js', { count: SPEED_TEXTS, seed: 1 });
console.log(
  `\nSpeed: ${SPEED_TEXTS.toLocaleString('en')} perturbed Banking77 texts, findThemes end to end, automatic K\n`,
);
table(
  ['texts', 'wall s', 'texts/s', 'peak RSS MB', 'RSS before MB', 'K chosen', 'themes', 'noise %'],
  [
    [
      speed.texts.toLocaleString('en'),
      speed.seconds.toFixed(1),
      Math.round(speed.textsPerSecond).toLocaleString('en'),
      Math.round(speed.peakRssMb),
      Math.round(speed.rssBeforeMb),
      speed.kChosen,
      speed.themes,
      (100 * speed.noiseShare).toFixed(1),
    ],
  ],
);
console.log('\nLargest themes found:');
for (const t of speed.largest) console.log(`  ${(100 * t.share).toFixed(1)}%  ${t.keywords.join(', ')}`);

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version };
console.log(
  `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s. Machine: ${machine.cpus} × ${machine.cpu}, Node ${machine.node}.`,
);
console.log(JSON.stringify({ bench: 'themes', quick, machine, quality, speed }));
