/**
 * The daily and hourly marginal rollups, and the daily pairs, answer exactly what the hourly rollups
 * answer: for random ranges (whole and partial days and hours), groupings (hour series included) and one
 * or two dimension filters, the cells read through the planner equal the cells summed from the hourly
 * table — after ingestion, late signals, screening, with some days' pairs built, some changed since and
 * some never built, on both backends.
 */
import { screenProject } from '@feedloop/services';
import { buildDayPairs, createProject, type Store } from '@feedloop/store';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellGrouping, readCells, readHourlyCells } from '../../packages/services/src/analysis/rollup-cells.js';
import type { AnalysisDimension, AnalysisFilter } from '../../packages/services/src/analysis/types.js';
import {
  type Arm,
  DAY,
  type Generated,
  generateArms,
  ingestAll,
  signalAt,
  vote,
  WEEK_START,
} from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';

const canonical = (
  cells: Array<{ group: string; metric: string; valueKey: string; count: number; valueSum: number }>,
) =>
  cells
    .filter((c) => c.count !== 0 || c.valueSum !== 0)
    .map((c) => `${c.group}|${c.metric}|${c.valueKey}|${c.count}|${c.valueSum.toFixed(6)}`)
    .sort();

const DIMENSIONS: AnalysisDimension[] = ['tenant', 'model', 'prompt_version'];

describe.each(backends())('marginal rollups on $name', (backend) => {
  let store: Store;
  let projectId: string;
  let data: Generated;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'marginals' })).id;
    const arms: Arm[] = ['acme', 'globex', 'initech'].flatMap((tenant, t) =>
      ['m1', 'm2'].map((model, m) => ({
        dimensions: { tenant, model, promptVersion: String(1 + ((t + m) % 3)) },
        pUp: 0.5 + 0.1 * m,
        interactions: 150,
        pRegenerate: 0.2,
        ratingWeights: [1, 1, 2, 3, 3],
      })),
    );
    data = generateArms(arms, 21, WEEK_START, 10);
    // Signals first, interactions later: late signals are rolled up when their interaction arrives.
    await ingestAll(store, projectId, { interactions: [], signals: data.signals.slice(0, 300) });
    await ingestAll(store, projectId, { interactions: data.interactions, signals: data.signals.slice(300) });
    await screenProject(store, projectId);
  });
  afterAll(() => store.close());

  it('answers every planned read with the hourly totals', async () => {
    const grouping = fc.oneof(
      fc.constant<CellGrouping>({ by: 'none' }),
      fc.constantFrom<CellGrouping>(
        { by: 'bucket', granularity: 'hour' },
        { by: 'bucket', granularity: 'day' },
        { by: 'bucket', granularity: 'week' },
      ),
      fc.constantFrom(...DIMENSIONS).map<CellGrouping>((dimension) => ({ by: 'dimension', dimension })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -DAY, max: 11 * DAY }),
        fc.integer({ min: 1, max: 12 * DAY }),
        grouping,
        fc.option(fc.tuple(fc.constantFrom(...DIMENSIONS), fc.constantFrom('acme', 'm2', '2', 'nobody')), {
          nil: undefined,
        }),
        async (offset, length, g, where) => {
          const filter: AnalysisFilter = {
            projectId,
            from: WEEK_START + offset,
            to: WEEK_START + offset + length,
            where: where ? { [where[0]]: where[1] } : {},
          };
          const planned = await readCells(store.db, filter, g);
          const hourly = await readHourlyCells(store.db, filter, g);
          expect(canonical(planned)).toEqual(canonical(hourly));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe.each(backends())('daily pair rollups on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'pairs' })).id;
    const arms: Arm[] = ['acme', 'globex'].flatMap((tenant, t) =>
      ['m1', 'm2'].flatMap((model, m) =>
        ['de', 'en'].map((language, l) => ({
          dimensions: { tenant, model, language, promptVersion: String(1 + ((t + m + l) % 3)) },
          pUp: 0.4 + 0.1 * m + 0.05 * l,
          interactions: 60,
          pRegenerate: 0.2,
          ratingWeights: [1, 1, 2, 3, 3],
        })),
      ),
    );
    const data = generateArms(arms, 5, WEEK_START, 10);
    await ingestAll(store, projectId, data);
    await screenProject(store, projectId);
    // Days 0–6 built; day 7 onwards never (they had not ended by "now").
    const progress = await buildDayPairs(store, projectId, { maxDays: 100, now: WEEK_START + 7 * DAY });
    expect(progress).toEqual({ built: 7, remaining: 0 });
    // Then days 2 and 3 change: their pairs are stale until rebuilt.
    const [first, second] = data.interactions;
    if (!first || !second) throw new Error('no interactions generated');
    await ingestAll(store, projectId, {
      interactions: [],
      signals: [
        vote(first.id, WEEK_START + 2 * DAY + 3_600_000, false, 'late-voter', 'late-session'),
        signalAt(second.id, WEEK_START + 3 * DAY + 60_000, { kind: 'implicit', type: 'copy', userId: 'late-reader' }),
      ],
    });
  });
  afterAll(() => store.close());

  it('counts a change for the days a write touches, and builds only finished days', async () => {
    const days = await store.db
      .selectFrom('rollup_day_changes')
      .select(['day_start', 'changes', 'built'])
      .where('project_id', '=', projectId)
      .orderBy('day_start')
      .execute();
    const stale = days
      .filter((d) => Number(d.built) !== Number(d.changes))
      .map((d) => (Number(d.day_start) - WEEK_START) / DAY);
    expect(stale).toEqual([2, 3, 7, 8, 9]);
  });

  it('answers two-dimension reads with the hourly totals', async () => {
    const dimensions = ['tenant', 'model', 'language', 'prompt_version'] as const;
    const values = ['acme', 'globex', 'm1', 'm2', 'de', 'en', '1', '2', 'nobody'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -DAY, max: 10 * DAY }),
        fc.integer({ min: 1, max: 12 * DAY }),
        fc.uniqueArray(fc.constantFrom(...dimensions), { minLength: 1, maxLength: 2 }),
        fc.array(fc.constantFrom(...values), { minLength: 2, maxLength: 2 }),
        fc.constantFrom('none', 'day', 'week', 'dimension'),
        fc.constantFrom(...dimensions),
        async (offset, length, filtered, [v1, v2], by, groupDimension) => {
          const where = Object.fromEntries(filtered.map((d, i) => [d, i === 0 ? v1 : v2]));
          const g: CellGrouping =
            by === 'dimension'
              ? { by, dimension: groupDimension }
              : by === 'none'
                ? { by }
                : { by: 'bucket', granularity: by };
          const filter: AnalysisFilter = {
            projectId,
            from: WEEK_START + offset,
            to: WEEK_START + offset + length,
            where,
          };
          const planned = await readCells(store.db, filter, g);
          const hourly = await readHourlyCells(store.db, filter, g);
          expect(canonical(planned)).toEqual(canonical(hourly));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads built days from the pairs: a pair row changed by hand shows in the result', async () => {
    // Proves the planner really reads the pairs (the property above holds for the hourly path alone too).
    const filter: AnalysisFilter = {
      projectId,
      from: WEEK_START,
      to: WEEK_START + 2 * DAY,
      where: { tenant: 'acme', model: 'm1' },
    };
    const before = await readCells(store.db, filter, { by: 'none' });
    const interactions = before.find((c) => c.metric === '$interaction');
    expect(interactions?.count).toBeGreaterThan(0);
    await store.db
      .updateTable('rollup_day_pairs')
      .set({ count: sql<number>`count + 1000` })
      .where('project_id', '=', projectId)
      .where('dim_a', '=', 'tenant')
      .where('dim_b', '=', 'model')
      .where('value_a', '=', 'acme')
      .where('value_b', '=', 'm1')
      .where('day_start', '=', WEEK_START)
      .where('metric', '=', '$interaction')
      .execute();
    const after = await readCells(store.db, filter, { by: 'none' });
    expect(after.find((c) => c.metric === '$interaction')?.count).toBe((interactions?.count ?? 0) + 1000);
    // A stale day is not read from its pairs: day 2 changed after they were built.
    await store.db
      .updateTable('rollup_day_pairs')
      .set({ count: sql<number>`count + 1000` })
      .where('project_id', '=', projectId)
      .where('day_start', '=', WEEK_START + 2 * DAY)
      .execute();
    const dayTwo = { ...filter, from: WEEK_START + 2 * DAY, to: WEEK_START + 3 * DAY };
    expect(canonical(await readCells(store.db, dayTwo, { by: 'none' }))).toEqual(
      canonical(await readHourlyCells(store.db, dayTwo, { by: 'none' })),
    );
  });
});
