import { describe, expect, it } from 'vitest';
import { embedTexts, fitEmbedder } from './embedder.js';
import { normalizedMutualInfo } from './metrics.js';
import { nearestWithin } from './nearest.js';
import { seededRandom } from './random.js';
import { assignThemes, findThemes, findThemesInVectors } from './themes.js';

/** Picks one option of every {a|b|c} group, so each theme's comments vary in wording. */
function expand(template: string, random: () => number): string {
  return template.replace(/\{([^}]+)\}/g, (_, options: string) => {
    const parts = options.split('|');
    return parts[Math.floor(random() * parts.length)]!;
  });
}

/** Four themes of negative feedback, each one template with varied wording, at the given shares. */
const PLANTS = [
  {
    share: 0.4,
    template:
      '{the|this|that} {citation|source|reference} {link|url} {is broken|is dead|gives a 404|does not open|goes nowhere}{| in the answer| again}',
  },
  {
    share: 0.25,
    template: '{way too|really|so|painfully} slow, {took|takes} {forever|ages|minutes} to {answer|respond|load|reply}',
  },
  {
    share: 0.15,
    template:
      '{answered|replied|responded} in {spanish|french|german|italian} {but|although|when} I {asked|wrote} in english',
  },
  {
    share: 0.1,
    template:
      '{the|these|all the} {numbers|figures|statistics|percentages} {are made up|are invented|are not real|were made up}',
  },
] as const;

/** Shared by every theme, so no theme is a bag of words found nowhere else. */
const FILLERS = ['', '', '', 'honestly, ', 'ugh, ', 'please fix: ', 'again: '];

/** Noise: a few words from a vocabulary no theme uses, so no two noise comments say the same thing. */
const NOISE_WORDS = (
  'cat sofa weather grey football tonight purple elephant banana bread recipe trains coffee office jazz ' +
  'sunday bicycle mountain river garden piano window candle orange blanket tennis castle lemon cloud'
).split(' ');

/** n synthetic negative-feedback comments: the plants at their shares, the rest noise (-1). */
function plantedComments(n: number, seed: number): { texts: string[]; truth: number[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const texts: string[] = [];
  const truth: number[] = [];
  PLANTS.forEach((plant, p) => {
    for (let i = 0; i < Math.round(plant.share * n); i++) {
      texts.push(pick(FILLERS) + expand(plant.template, random));
      truth.push(p);
    }
  });
  while (texts.length < n) {
    texts.push(Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(NOISE_WORDS)).join(' '));
    truth.push(-1);
  }
  return { texts, truth };
}

/** The plant most members of each theme came from, and the share of its members that did. */
function plantsOf(labels: Int32Array, truth: readonly number[], themes: number): { plant: number; purity: number }[] {
  return Array.from({ length: themes }, (_, id) => {
    const counts = new Map<number, number>();
    let size = 0;
    labels.forEach((label, i) => {
      if (label !== id) return;
      size++;
      counts.set(truth[i]!, (counts.get(truth[i]!) ?? 0) + 1);
    });
    const [plant, members] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    return { plant, purity: members / size };
  });
}

describe('findThemes on planted feedback themes, k given', () => {
  const { texts, truth } = plantedComments(400, 7);
  const result = findThemes(texts, { k: 4, seed: 3 });

  it('finds the four plants, each at its share within a few points', () => {
    expect(result.themes).toHaveLength(4);
    const found = plantsOf(result.labels, truth, 4);
    expect(new Set(found.map((f) => f.plant))).toEqual(new Set([0, 1, 2, 3]));
    result.themes.forEach((theme, id) => {
      expect(found[id]!.purity).toBeGreaterThan(0.95);
      expect(Math.abs(theme.share - PLANTS[found[id]!.plant]!.share)).toBeLessThan(0.04);
    });
  });

  it('keeps most of the noise apart', () => {
    const noise = truth.filter((t) => t < 0).length;
    const caught = truth.filter((t, i) => t < 0 && result.labels[i] === -1).length;
    expect(caught / noise).toBeGreaterThan(0.8);
    expect(result.noise).toBeLessThan(noise * 1.5);
  });

  it('names each theme by its distinctive words', () => {
    const names = result.themes.map((t) => t.keywords.join(', '));
    expect(names.some((k) => /citation|link|source/.test(k))).toBe(true);
    expect(names.some((k) => /slow/.test(k))).toBe(true);
    expect(names.some((k) => /english/.test(k))).toBe(true);
    expect(names.some((k) => /made|numbers|figures|statistics/.test(k))).toBe(true);
  });

  it('sorts new comments into the same themes, and unrelated ones into noise', () => {
    const fresh = plantedComments(200, 99);
    const assigned = assignThemes(result.model, fresh.texts);
    const plantOf = plantsOf(result.labels, truth, 4).map((f) => f.plant);
    let right = 0;
    let planted = 0;
    fresh.truth.forEach((t, i) => {
      if (t < 0) return;
      planted++;
      if (plantOf[assigned[i]!] === t) right++;
    });
    expect(right / planted).toBeGreaterThan(0.95);
    expect(Array.from(assignThemes(result.model, ['piano garden candle window', 'lemon castle cloud']))).toEqual([
      -1, -1,
    ]);
  });

  it('gives the same themes for the same seed', () => {
    expect(Array.from(findThemes(texts, { k: 4, seed: 3 }).labels)).toEqual(Array.from(result.labels));
  });

  it("is findThemesInVectors on its own embedding, with each text's similarity to its centre", () => {
    const { vectors } = fitEmbedder(texts, { svd: { seed: 3 } });
    const direct = findThemesInVectors(texts, vectors, { k: 4, seed: 3 });
    expect(Array.from(direct.labels)).toEqual(Array.from(result.labels));
    expect(direct.themes.map((t) => t.keywords)).toEqual(result.themes.map((t) => t.keywords));
    expect(Array.from(direct.similarities)).toEqual(Array.from(result.similarities));
    result.labels.forEach((label, i) => {
      if (label >= 0) expect(result.similarities[i]).toBeGreaterThanOrEqual(result.model.thresholds[label]!);
    });
  });

  it("nearestWithin gives assignThemes' labels and the similarity behind each", () => {
    const fresh = plantedComments(100, 98).texts;
    const { labels, similarities } = nearestWithin(
      embedTexts(result.model.embedder, fresh),
      result.model.centroids,
      result.model.thresholds,
    );
    expect(Array.from(labels)).toEqual(Array.from(assignThemes(result.model, fresh)));
    labels.forEach((label, i) => {
      if (label >= 0) expect(similarities[i]).toBeGreaterThanOrEqual(result.model.thresholds[label]!);
    });
  });
});

describe('findThemes on planted feedback themes, k automatic', () => {
  const { texts, truth } = plantedComments(400, 7);
  const result = findThemes(texts, { seed: 3 });

  it('never mixes plants: every theme comes from one plant, and the plants keep their shares', () => {
    const found = plantsOf(result.labels, truth, result.themes.length);
    const shares = new Map<number, number>();
    result.themes.forEach((theme, id) => {
      expect(found[id]!.purity).toBeGreaterThan(0.9);
      shares.set(found[id]!.plant, (shares.get(found[id]!.plant) ?? 0) + theme.share);
    });
    PLANTS.forEach((plant, p) => {
      expect(Math.abs((shares.get(p) ?? 0) - plant.share)).toBeLessThan(0.05);
    });
    expect(normalizedMutualInfo(truth, result.labels)).toBeGreaterThan(0.5);
  });
});
