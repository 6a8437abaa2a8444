/**
 * The speed test, in its own process so its peak memory is its own: N texts drawn with replacement
 * from Banking77 train + test and lightly perturbed, then `findThemes` end to end with k chosen
 * automatically. Sends wall time, peak RSS and what was found to the parent.
 */
import { findThemes, seededRandom } from '../../packages/themes/dist/index.js';
import { loadBanking77 } from './data.js';

const FILLERS = ['please', 'hi,', 'thanks', 'help', 'hello,', 'urgent:', 'quick question:', 'again'];

/**
 * A resampled text with 0–2 edits: drop a word, swap two neighbouring words, a typo (a letter
 * replaced, dropped or doubled), a filler word in front, or all lower case. Real users write the same
 * intent many ways; exact duplicates would make clustering look easier and faster than it is.
 */
export function perturb(text, random) {
  let words = text.split(/\s+/).filter(Boolean);
  const edits = Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const kind = Math.floor(random() * 5);
    const at = Math.floor(random() * words.length);
    if (kind === 0 && words.length > 3) words.splice(at, 1);
    else if (kind === 1 && at + 1 < words.length) [words[at], words[at + 1]] = [words[at + 1], words[at]];
    else if (kind === 2 && words[at] && words[at].length > 3) {
      const w = words[at];
      const p = 1 + Math.floor(random() * (w.length - 2));
      const letter = String.fromCharCode(97 + Math.floor(random() * 26));
      const op = Math.floor(random() * 3);
      if (op === 0) words[at] = w.slice(0, p) + letter + w.slice(p + 1);
      else if (op === 1) words[at] = w.slice(0, p) + w.slice(p + 1);
      else words[at] = w.slice(0, p) + w[p] + w.slice(p);
    } else if (kind === 3) words = [FILLERS[Math.floor(random() * FILLERS.length)], ...words];
    else words = words.map((w) => w.toLowerCase());
  }
  return words.join(' ');
}

/** The speed-test corpus: `count` perturbed resamples of every Banking77 text (train + test). */
export function speedCorpus(count, seed) {
  const pool = [...loadBanking77('train.csv').texts, ...loadBanking77('test.csv').texts];
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => perturb(pool[Math.floor(random() * pool.length)], random));
}

if (process.send) {
  process.on('message', ({ count, seed }) => {
    const texts = speedCorpus(count, seed);
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const result = findThemes(texts, { seed });
    const seconds = (performance.now() - start) / 1000;
    process.send(
      {
        texts: count,
        seconds,
        textsPerSecond: count / seconds,
        rssBeforeMb: rssBefore / 2 ** 20,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        kChosen: result.autoK?.k,
        themes: result.themes.length,
        noiseShare: result.noise / count,
        largest: result.themes.slice(0, 5).map((t) => ({ share: t.share, keywords: t.keywords.slice(0, 4) })),
      },
      () => process.exit(0),
    );
  });
}
