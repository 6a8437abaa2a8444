/**
 * The capture rate reads per-interaction capture facts (`interactions.capture`) that screening keeps.
 * They must equal a recount from the signals and flags — with bots, votes without views and superseded
 * votes in the history — and an upgraded database must get the same facts from the migration's backfill.
 */
import { captureRate, screenProject } from '@feedloop/services';
import { CAPTURE, type Store } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownTo } from '../../packages/store/src/migrations/index.js';
import { DAY, interactionAt, signalAt, vote, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import {
  captureAndItsRecount,
  comparable,
  dayPairsAndTheirRecount,
  marginalsAndTheirRecount,
} from '../privacy/privacy-checks.js';
import { ingestPrivacyHistory, type PrivacyHistory } from '../privacy/privacy-history.js';

const RANGE = { from: WEEK_START - 7 * DAY, to: WEEK_START + 14 * DAY };

describe.each(backends())('capture facts on $name', (backend) => {
  let store: Store;
  let history: PrivacyHistory;
  let botOnly: string;

  beforeAll(async () => {
    store = await backend.open();
    history = await ingestPrivacyHistory(store, 'capture');
    // An answer whose only feedback — a thumbs up and a copy — came from a bot: counted only unfiltered.
    const answer = interactionAt(WEEK_START + DAY, { sessionId: 's-bot-only', userId: 'dora' });
    const bot = { metadata: { userAgent: 'python-requests/2.31' } };
    await store.ingest(
      history.projectId,
      {
        interactions: [answer],
        signals: [
          { ...vote(answer.id, WEEK_START + DAY + 60_000, true, 'robo', 's-robo'), ...bot },
          signalAt(answer.id, WEEK_START + DAY + 61_000, { kind: 'implicit', type: 'copy', userId: 'robo', ...bot }),
        ],
      },
      Date.now(),
    );
    await screenProject(store, history.projectId);
    botOnly = answer.id;
  });
  afterAll(() => store.close());

  it('are what a recount of the screened signals and their flags gives', async () => {
    const { stored, recount } = await captureAndItsRecount(store.db, history.projectId);
    expect(stored).toEqual(recount);
    // Not vacuous: some interactions have kept signals of both kinds; the bot's answer has none kept.
    expect(stored.filter((s) => s.endsWith(':15')).length).toBeGreaterThan(0);
    expect(stored).toContain(`${botOnly}:${CAPTURE.implicit | CAPTURE.explicit}`);
  });

  it('are rebuilt by the migration on an upgraded database, giving the same capture rate', async () => {
    const filter = { projectId: history.projectId, ...RANGE };
    const before = {
      filtered: await captureRate(store.db, filter),
      all: await captureRate(store.db, { ...filter, unfiltered: true }),
    };
    const { stored } = await captureAndItsRecount(store.db, history.projectId);
    // Back to the schema before migration 012 (each later one undone by its own `down`), then forward again.
    const undone = await migrateDownTo(store.db as unknown as Kysely<unknown>, '011-theme-indexes');
    expect(undone.error).toBeUndefined();
    const report = await store.migrate();
    expect(report).toEqual({
      applied: [
        '012-capture-bits',
        '013-hour-marginals',
        '014-day-pairs',
        '015-member-dimensions',
        '016-capture-index',
        '017-theme-member-days',
        '018-signal-type-index',
      ],
    });
    expect((await captureAndItsRecount(store.db, history.projectId)).stored).toEqual(stored);
    // 013's backfill rebuilt the hourly marginals from the hourly rollups.
    const marginals = await marginalsAndTheirRecount(store.db, history.projectId);
    expect(marginals.stored.size).toBeGreaterThan(0);
    expect(comparable(marginals.stored)).toEqual(comparable(marginals.recount));
    // 014 recorded every day with rollups as changed, so the background job builds their pairs.
    const days = await store.db
      .selectFrom('rollup_day_changes')
      .select(['day_start', 'built'])
      .where('project_id', '=', history.projectId)
      .execute();
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => Number(d.built) === 0)).toBe(true);
    const pairs = await dayPairsAndTheirRecount(store, history.projectId);
    expect(pairs.stored.size).toBeGreaterThan(0);
    expect(comparable(pairs.stored)).toEqual(comparable(pairs.recount));
    expect(await captureRate(store.db, filter)).toEqual(before.filtered);
    expect(await captureRate(store.db, { ...filter, unfiltered: true })).toEqual(before.all);
    // The bot-only session counts unfiltered and not filtered.
    expect(before.all.sessionsWithImplicit).toBe(before.filtered.sessionsWithImplicit + 1);
    expect(before.all.sessionsWithExplicit).toBe(before.filtered.sessionsWithExplicit + 1);
  });
});
