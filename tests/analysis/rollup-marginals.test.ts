/**
 * The daily and hourly marginal rollups answer exactly what the hourly rollups answer: for random ranges
 * (whole and partial days and hours), groupings (hour series included) and single-dimension filters, the cells read through the planner equal the
 * cells summed from the hourly table — after ingestion, late signals, screening and on both backends.
 */
import { screenProject } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellGrouping, readCells, readHourlyCells } from '../../packages/services/src/analysis/rollup-cells.js';
import type { AnalysisDimension, AnalysisFilter } from '../../packages/services/src/analysis/types.js';
import { type Arm, DAY, generateArms, ingestAll, WEEK_START } from '../helpers/analysis-data.js';
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
    const data = generateArms(arms, 21, WEEK_START, 10);
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
