/**
 * Planted effects: a generated history where model B is truly better by a known margin must be called
 * significant with the right sign; one with no difference must not be — and over many seeds the false
 * positive rate must stay near the nominal 5%.
 */
import { compare } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arm, DAY, generateArms, ingestAll, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';

const WEEK = { from: WEEK_START, to: WEEK_START + 7 * DAY };

describe.each(backends())('model comparison on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'planted' })).id;
    const arms: Arm[] = [
      // B is better by 10 points on thumbs, regenerates less, and rates higher.
      {
        dimensions: { model: 'model-a' },
        pUp: 0.6,
        interactions: 1500,
        pRegenerate: 0.2,
        ratingWeights: [2, 2, 3, 3, 2],
      },
      {
        dimensions: { model: 'model-b' },
        pUp: 0.7,
        interactions: 1500,
        pRegenerate: 0.1,
        ratingWeights: [1, 1, 3, 4, 4],
      },
      // Same quality under two prompt versions of another template.
      { dimensions: { model: 'model-c', promptVersion: 'v1' }, pUp: 0.65, interactions: 1200 },
      { dimensions: { model: 'model-c', promptVersion: 'v2' }, pUp: 0.65, interactions: 1200 },
    ];
    await ingestAll(store, projectId, generateArms(arms, 42));
  });
  afterAll(() => store.close());

  it('finds the planted difference, with the right sign, on every measure that has one', async () => {
    const result = await compare(store.db, { projectId, ...WEEK }, 'model', ['model-a', 'model-b']);
    const [b] = result.comparisons;
    expect(b?.value).toBe('model-b');
    expect(b?.positiveRate.significant).toBe(true);
    expect(b?.positiveRate.difference).toBeGreaterThan(0.05);
    expect(b?.positiveRate.difference).toBeLessThan(0.15);
    expect(b?.positiveRate.other.low).toBeGreaterThan(0.6);
    expect(b?.regenerateRate.significant).toBe(true);
    expect(b?.regenerateRate.difference).toBeLessThan(0);
    expect(b?.rating?.significant).toBe(true);
    expect(b?.rating?.probabilityOtherHigher).toBeGreaterThan(0.5);
    expect(b?.rating?.otherMean.low).toBeGreaterThan(b?.rating?.baselineMean.estimate ?? 99);
    expect(b?.verdict).toMatch(/^model-b \(.*\) is rated positive more often than model-a .*significant/);
    expect(result.arms.map((a) => a.measures.positiveRate.trials)).toEqual([1500, 1500]);
  });

  it('does not call a difference that is not there, and says how many votes would settle it', async () => {
    const result = await compare(store.db, { projectId, ...WEEK, where: { model: 'model-c' } }, 'prompt_version', [
      'v1',
      'v2',
    ]);
    const [v2] = result.comparisons;
    expect(v2?.positiveRate.significant).toBe(false);
    expect(v2?.verdict).toMatch(/^No significant difference between v1 .* and v2 /);
    if (v2?.positiveRate.samplesNeededPerArm !== null) {
      expect(v2?.verdict).toMatch(/more votes per arm/);
      expect(v2?.positiveRate.samplesNeededPerArm).toBeGreaterThan(1200);
    }
  });
});

describe('false positive rate over many seeds (SQLite)', () => {
  const SEEDS = 200;
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    store = await sqlite.open();
    projectId = (await createProject(store.db, { name: 'null-effect' })).id;
    // One pair of identical arms per seed, told apart by model name.
    for (let seed = 0; seed < SEEDS; seed++) {
      const arms: Arm[] = ['a', 'b'].map((arm) => ({
        dimensions: { model: `m${seed}-${arm}` },
        pUp: 0.6,
        interactions: 200,
      }));
      await ingestAll(store, projectId, generateArms(arms, 1000 + seed));
    }
  });
  afterAll(() => store.close());

  it('calls about 5% of null comparisons significant at alpha 0.05', async () => {
    let significant = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const result = await compare(store.db, { projectId, ...WEEK }, 'model', [`m${seed}-a`, `m${seed}-b`]);
      if (result.comparisons[0]?.positiveRate.significant) significant += 1;
    }
    // Binomial(200, 0.05): mean 10, sd ≈ 3.1; [2, 20] holds with probability > 0.99.
    expect(significant).toBeGreaterThanOrEqual(2);
    expect(significant).toBeLessThanOrEqual(20);
  });
});
