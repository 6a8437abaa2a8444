/**
 * The same analysis returns the same numbers on SQLite and PostgreSQL: one generated history (several
 * cohorts, implicit and explicit signals, retrieved documents, changed votes and an abuser) is written
 * to both, and every analysis — the weekly report covers them all — is compared value for value.
 */
import { buildWeeklyReport, type WeeklyReport } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arm, DAY, generateArms, ingestAll, signalAt, vote, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';

function history() {
  const arms: Arm[] = [
    {
      dimensions: { model: 'model-a', tenant: 'acme', feature: 'search' },
      pUp: 0.55,
      interactions: 400,
      pRegenerate: 0.3,
      pEdit: 0.1,
      ratingWeights: [3, 2, 2, 2, 1],
    },
    {
      dimensions: { model: 'model-b', tenant: 'acme', feature: 'chat' },
      pUp: 0.75,
      interactions: 400,
      pRegenerate: 0.1,
      pEdit: 0.05,
      ratingWeights: [1, 1, 2, 3, 3],
    },
    {
      dimensions: { model: 'model-b', tenant: 'globex', feature: 'chat', promptVersion: '13' },
      pUp: 0.7,
      interactions: 300,
    },
  ];
  const thisWeek = generateArms(arms, 5, WEEK_START + 7 * DAY);
  const lastWeek = generateArms(
    arms.map((a) => ({ ...a, pUp: a.pUp - 0.1 })),
    6,
    WEEK_START,
  );
  const data = {
    interactions: [...lastWeek.interactions, ...thisWeek.interactions],
    signals: [...lastWeek.signals, ...thisWeek.signals],
  };
  // Documents: doc_bad was retrieved for half the answers voted down and a fifth of those voted up.
  const down = new Set(
    data.signals.filter((s) => s.type === 'thumbs' && s.valueNum === -1).map((s) => s.interactionId),
  );
  for (const [k, i] of data.interactions.entries()) {
    const bad = down.has(i.id) ? k % 2 === 0 : k % 5 === 0;
    i.context = [{ id: bad ? 'doc_bad' : 'doc_ok', text: 'x', source: 'kb' }];
  }
  // Copies on a third of the interactions, changed votes on a few, and an abuser.
  for (const [k, i] of thisWeek.interactions.entries()) {
    if (k % 3 === 0)
      data.signals.push(
        signalAt(i.id, i.createdAt + 9_000, {
          kind: 'implicit',
          type: 'copy',
          value: null,
          valueNum: null,
          userId: i.userId,
          sessionId: i.sessionId,
        }),
      );
    if (k % 17 === 0) data.signals.push(vote(i.id, i.createdAt + 60_000, true, i.userId ?? '', i.sessionId ?? ''));
    if (k < 200) data.signals.push(vote(i.id, WEEK_START + 9 * DAY + k * 1_000, false, 'troll', 's-troll'));
  }
  return data;
}

describe('SQLite and PostgreSQL agree', () => {
  const reports: Record<string, WeeklyReport> = {};
  const stores: Store[] = [];

  beforeAll(async () => {
    const data = history();
    for (const backend of backends()) {
      const store = await backend.open();
      stores.push(store);
      const projectId = (await createProject(store.db, { name: 'parity' })).id;
      await ingestAll(store, projectId, data, 700);
      const report = await buildWeeklyReport(store, { projectId, week: WEEK_START + 7 * DAY, now: 0, minSupport: 20 });
      // Project ids differ between the two databases; everything else must not.
      reports[backend.name] = JSON.parse(JSON.stringify(report).replaceAll(projectId, 'project'));
    }
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('on every number of the weekly report', () => {
    const { sqlite, postgres } = reports;
    expect(sqlite).toBeDefined();
    // The history is rich enough that each section has something to compare.
    expect(sqlite?.daily.total.positiveRate.trials).toBeGreaterThan(1000);
    expect(sqlite?.comparisons.length).toBeGreaterThan(0);
    expect(sqlite?.failures.worstDocuments[0]?.docId).toBe('doc_bad');
    expect(sqlite?.capture.sessionsWithImplicit).toBeGreaterThan(0);
    expect(sqlite?.agreement.interactions).toBeGreaterThan(0);
    expect(sqlite?.filtered.total).toBeGreaterThan(0);
    expect(sqlite?.filtered.superseded).toBeGreaterThan(0);
    expect(sqlite?.movedCohorts.length).toBeGreaterThan(0);
    if (postgres) expect(postgres).toEqual(sqlite);
  });
});
