/**
 * The server's background job puts new negative feedback into the latest themes, pass after pass (the
 * later passes reuse the first one's fit: tests/themes/themes-run.test.ts).
 */
import { runThemes } from '@feedloop/services';
import { describe, expect, it } from 'vitest';
import { DAY, ingestAll } from '../helpers/analysis-data.js';
import { startFeedloop } from '../helpers/server.js';
import { plantedFeedback } from './planted-themes.js';

describe('the theme assignment job', () => {
  it('assigns new feedback to the latest run in the background, on every pass', async () => {
    const fl = await startFeedloop({ listen: false, config: { themeAssignEveryMs: 100 } });
    try {
      const now = Date.now();
      await ingestAll(fl.store, fl.projectId, plantedFeedback(400, 11, now - 14 * DAY, 7));
      const run = await runThemes(fl.store, { projectId: fl.projectId, from: now - 14 * DAY, to: now - 7 * DAY, now });
      expect(run.runId).not.toBeNull();
      const membersOf = async (ids: string[]) =>
        (
          await fl.store.db
            .selectFrom('theme_members')
            .select('interaction_id')
            .where('project_id', '=', fl.projectId)
            .where('run_id', '=', run.runId ?? '')
            .where('interaction_id', 'in', ids)
            .execute()
        ).length;
      const waitFor = async (ids: string[]) => {
        const deadline = Date.now() + 30_000;
        while ((await membersOf(ids)) < ids.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return membersOf(ids);
      };
      let assigned = 0;
      for (const seed of [12, 13]) {
        const fresh = plantedFeedback(60, seed, Date.now() - DAY, 1);
        await ingestAll(fl.store, fl.projectId, fresh);
        const ids = fresh.interactions.map((i) => i.id);
        expect(await waitFor(ids)).toBe(ids.length);
        assigned += ids.length;
      }
      const overview = await fl.app.inject({
        method: 'GET',
        url: `/v1/themes?from=${new Date(Date.now() - 2 * DAY).toISOString()}&to=${new Date(Date.now() + 1000).toISOString()}`,
        headers: { authorization: `Bearer ${fl.secretKey}` },
      });
      expect(overview.statusCode).toBe(200);
      expect(assigned).toBeGreaterThan(100);
      expect(overview.json().poolSize).toBe(assigned);
    } finally {
      await fl.close();
    }
  });
});
