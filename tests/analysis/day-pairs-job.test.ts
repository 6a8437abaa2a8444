/**
 * The server's background job builds the daily pair rollups of finished days that changed, and leaves the
 * current day to the hourly rollups.
 */
import { describe, expect, it } from 'vitest';
import { type Arm, DAY, generateArms, ingestAll } from '../helpers/analysis-data.js';
import { startFeedloop } from '../helpers/server.js';

describe('the daily pairs job', () => {
  it('builds the pairs of every finished day that changed, in the background', async () => {
    const fl = await startFeedloop({ listen: false, config: { dayPairsEveryMs: 100 } });
    try {
      const today = Math.floor(Date.now() / DAY) * DAY;
      const arms: Arm[] = ['acme', 'globex'].map((tenant, t) => ({
        dimensions: { tenant, model: `m${t}` },
        pUp: 0.5,
        interactions: 40,
        pRegenerate: 0.1,
        ratingWeights: [1, 1, 1, 1, 1],
      }));
      // Four finished days, and (from the signals' delays) possibly a little of today.
      await ingestAll(fl.store, fl.projectId, generateArms(arms, 3, today - 4 * DAY, 4));
      const staleFinishedDays = async () =>
        (
          await fl.store.db
            .selectFrom('rollup_day_changes')
            .select(['day_start', 'built', 'changes'])
            .where('project_id', '=', fl.projectId)
            .execute()
        ).filter((d) => Number(d.day_start) < today && Number(d.built) !== Number(d.changes));
      expect((await staleFinishedDays()).length).toBeGreaterThan(0);
      const deadline = Date.now() + 20_000;
      while ((await staleFinishedDays()).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await staleFinishedDays()).toEqual([]);
      const built = await fl.store.db
        .selectFrom('rollup_day_pairs')
        .select(['day_start'])
        .distinct()
        .where('project_id', '=', fl.projectId)
        .orderBy('day_start')
        .execute();
      expect(built.map((d) => (Number(d.day_start) - today) / DAY)).toEqual([-4, -3, -2, -1]);
    } finally {
      await fl.close();
    }
  });
});
