/**
 * Bias and abuse controls: the latest vote of a user on an interaction wins (whatever order the votes
 * arrive in); one abusive user voting down 500 times does not move a cohort once filtered, and every view
 * says what was set aside and why, and can show the unfiltered numbers.
 */
import { cohorts, screenProject, timeSeries } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Arm,
  DAY,
  generateArms,
  ingestAll,
  interactionAt,
  signalAt,
  vote,
  WEEK_START,
} from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';

const WEEK = { from: WEEK_START, to: WEEK_START + 7 * DAY };

describe.each(backends())('bias and abuse controls on $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => store.close());

  it('counts only the latest vote per user and interaction, even when an older one arrives last', async () => {
    const projectId = (await createProject(store.db, { name: 'latest-vote' })).id;
    const t = WEEK_START + DAY;
    const i1 = interactionAt(t, { userId: 'ann', sessionId: 's-ann' });
    const i2 = interactionAt(t, { userId: 'bob', sessionId: 's-bob' });
    const i3 = interactionAt(t, { userId: 'cy', sessionId: 's-cy' });
    await store.ingest(projectId, { interactions: [i1, i2, i3], signals: [] }, Date.now());
    // ann: up, then down, then up again → one up.
    await store.ingest(
      projectId,
      { interactions: [], signals: [vote(i1.id, t + 1000, true, 'ann', 's-ann')] },
      Date.now(),
    );
    await screenProject(store, projectId);
    await store.ingest(
      projectId,
      { interactions: [], signals: [vote(i1.id, t + 2000, false, 'ann', 's-ann')] },
      Date.now(),
    );
    await store.ingest(
      projectId,
      { interactions: [], signals: [vote(i1.id, t + 3000, true, 'ann', 's-ann')] },
      Date.now(),
    );
    // bob: the newer down vote arrives before the older up vote (an offline queue) → one down.
    await store.ingest(
      projectId,
      { interactions: [], signals: [vote(i2.id, t + 5000, false, 'bob', 's-bob')] },
      Date.now(),
    );
    await screenProject(store, projectId);
    await store.ingest(
      projectId,
      { interactions: [], signals: [vote(i2.id, t + 4000, true, 'bob', 's-bob')] },
      Date.now(),
    );
    // cy: up, then takes it back (thumbs 0) → no vote at all.
    await store.ingest(
      projectId,
      {
        interactions: [],
        signals: [
          vote(i3.id, t + 1000, true, 'cy', 's-cy'),
          signalAt(i3.id, t + 2000, { type: 'thumbs', value: 0, valueNum: 0, userId: 'cy', sessionId: 's-cy' }),
        ],
      },
      Date.now(),
    );
    await screenProject(store, projectId);

    const series = await timeSeries(store.db, { projectId, ...WEEK }, 'week');
    expect(series.total.positiveRate.successes).toBe(1);
    expect(series.total.positiveRate.trials).toBe(2);
    expect(series.filtered.superseded).toBe(4);
    expect(series.filtered.total).toBe(0);
    // Screening again changes nothing.
    await screenProject(store, projectId);
    const again = await timeSeries(store.db, { projectId, ...WEEK }, 'week');
    expect(again.total).toEqual(series.total);
  });

  it('does not let one abusive user voting down 500 times move a cohort, and says what was filtered', async () => {
    const projectId = (await createProject(store.db, { name: 'abuse' })).id;
    const arms: Arm[] = [
      { dimensions: { tenant: 'acme' }, pUp: 0.7, interactions: 1000 },
      { dimensions: { tenant: 'globex' }, pUp: 0.7, interactions: 1000 },
    ];
    const honest = generateArms(arms, 7);
    await ingestAll(store, projectId, honest);
    await screenProject(store, projectId);
    const before = await cohorts(store.db, { projectId, ...WEEK }, 'tenant');
    const acmeBefore = before.cohorts.find((c) => c.value === 'acme')?.measures.positiveRate;

    // The abuser votes down 500 acme answers that were not theirs, ten a minute across three days, from a
    // user agent of a real browser (nothing marks them but their behaviour).
    const acmeInteractions = honest.interactions.filter((i) => i.tenant === 'acme').slice(0, 500);
    const abuse = acmeInteractions.map((i, k) =>
      signalAt(i.id, WEEK_START + 2 * DAY + k * 6_000 + Math.floor(k / 200) * DAY, {
        type: 'thumbs',
        value: -1,
        valueNum: -1,
        userId: 'troll',
        sessionId: 's-troll',
        metadata: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' },
      }),
    );
    await ingestAll(store, projectId, { interactions: [], signals: abuse });
    await screenProject(store, projectId);

    const after = await cohorts(store.db, { projectId, ...WEEK }, 'tenant');
    const acmeAfter = after.cohorts.find((c) => c.value === 'acme')?.measures.positiveRate;
    expect(acmeAfter?.trials).toBeLessThanOrEqual((acmeBefore?.trials ?? 0) + 10);
    expect(Math.abs((acmeAfter?.estimate ?? 0) - (acmeBefore?.estimate ?? 0))).toBeLessThan(0.01);
    expect(acmeAfter?.estimate).toBeGreaterThan(acmeBefore?.low ?? 1);
    expect(after.filtered.applied).toBe(true);
    expect(after.filtered.total).toBeGreaterThanOrEqual(490);
    expect(Object.keys(after.filtered.byReason).sort()).toEqual(expect.arrayContaining(['no-views']));

    // Unfiltered, the abuse shows: acme drops by about 500 down votes.
    const raw = await cohorts(store.db, { projectId, ...WEEK, unfiltered: true }, 'tenant');
    const acmeRaw = raw.cohorts.find((c) => c.value === 'acme')?.measures.positiveRate;
    expect(acmeRaw?.trials).toBe((acmeBefore?.trials ?? 0) + 500);
    expect(raw.filtered.applied).toBe(false);
    expect(acmeRaw?.estimate ?? 1).toBeLessThan((acmeBefore?.estimate ?? 0) - 0.1);
  });

  it('sets aside bursts, flip-flops and bot user agents with their reason', async () => {
    const projectId = (await createProject(store.db, { name: 'rules' })).id;
    const t = WEEK_START + 3 * DAY;
    const own = Array.from({ length: 30 }, (_, k) => interactionAt(t + k, { userId: 'fast', sessionId: 's-fast' }));
    const flip = interactionAt(t, { userId: 'flipper', sessionId: 's-flip' });
    const crawled = interactionAt(t, { userId: 'visitor', sessionId: 's-v' });
    await store.ingest(projectId, { interactions: [...own, flip, crawled], signals: [] }, Date.now());
    const burst = own.map((i, k) => vote(i.id, t + 10_000 + k * 100, true, 'fast', 's-fast'));
    const flips = Array.from({ length: 8 }, (_, k) =>
      vote(flip.id, t + 20_000 + k * 60_000, k % 2 === 0, 'flipper', 's-flip'),
    );
    const bot = signalAt(crawled.id, t + 1000, {
      type: 'thumbs',
      value: 1,
      valueNum: 1,
      userId: 'visitor',
      sessionId: 's-v',
      metadata: { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    });
    await store.ingest(projectId, { interactions: [], signals: [...burst, ...flips, bot] }, Date.now());
    const report = await screenProject(store, projectId);
    expect(report.flagged.burst).toBe(10);
    expect(report.flagged.bot).toBe(1);
    const series = await timeSeries(store.db, { projectId, ...WEEK }, 'week');
    expect(series.filtered.byReason).toMatchObject({ burst: 10, bot: 1, 'flip-flop': 1 });
    // 20 of the burst count; the flip-flopper's last vote is set aside; the bot's is too.
    expect(series.total.positiveRate.trials).toBe(20);
    const flags = await store.db
      .selectFrom('signal_flags')
      .select(['reason'])
      .where('project_id', '=', projectId)
      .execute();
    expect(flags.filter((f) => f.reason === 'superseded')).toHaveLength(7);
  });
});
