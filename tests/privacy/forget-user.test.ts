/**
 * Forgetting a user, on every backend: afterwards nothing in any table of the database names the user,
 * their interactions or their signals; the rollups and adjustments equal a recount of what remains; every
 * other row and analysis is as before except for what had to go; and the audit log says so — without
 * naming the user.
 */
import type { SignalRecord } from '@feedloop/core';
import { cohorts, forgetUser, timeSeries, userSubject } from '@feedloop/services';
import { createProject, listAuditEntries, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, interactionAt, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import {
  allRows,
  captureAndItsRecount,
  catalogTables,
  comparable,
  dayPairsAndTheirRecount,
  findMentions,
  marginalsAndTheirRecount,
  type Row,
  recountAdjustments,
  recountRollups,
  rowMentions,
  storedAdjustments,
  storedRollups,
  TYPED_TABLES,
} from './privacy-checks.js';
import { ingestPrivacyHistory, type PrivacyHistory } from './privacy-history.js';

const RANGE = { from: WEEK_START, to: WEEK_START + 7 * DAY };
/** The tables that hold events and what screening derived from them. */
const EVENT_TABLES = ['interactions', 'interaction_documents', 'signals', 'signal_flags', 'latest_votes'];

async function snapshot(store: Store, projectId: string): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of EVENT_TABLES) {
    out[table] = (await allRows(store, table)).filter((r) => r.project_id === projectId);
  }
  return out;
}

/** Rows as sorted JSON, without `interactions.capture`: derived, and checked against a recount instead. */
const sorted = (rows: Row[]) => rows.map(({ capture: _derived, ...r }) => JSON.stringify(r)).sort();

async function expectAggregatesMatchRecount(store: Store, projectId: string): Promise<void> {
  expect(comparable(await storedRollups(store.db, projectId))).toEqual(
    comparable(await recountRollups(store.db, projectId)),
  );
  expect(comparable(await storedAdjustments(store.db, projectId))).toEqual(
    comparable(await recountAdjustments(store.db, projectId)),
  );
  // The daily marginals the analyses read for whole days follow the hourly rollups.
  const marginals = await marginalsAndTheirRecount(store.db, projectId);
  expect(comparable(marginals.stored)).toEqual(comparable(marginals.recount));
  // And the daily pairs, once the background job has rebuilt the days the change touched.
  const pairs = await dayPairsAndTheirRecount(store, projectId);
  expect(pairs.stored.size).toBeGreaterThan(0);
  expect(comparable(pairs.stored)).toEqual(comparable(pairs.recount));
  // So do the capture facts of each interaction (the capture rate reads them).
  const capture = await captureAndItsRecount(store.db, projectId);
  expect(capture.stored).toEqual(capture.recount);
}

describe.each(backends())('forgetting a user on $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => store.close());

  it('has a privacy rule for every table the database really has', async () => {
    expect(await catalogTables(store)).toEqual(TYPED_TABLES);
  });

  describe('an ordinary user whose answers others voted on, regenerated and compared', () => {
    let history: PrivacyHistory;
    let forbidden: Set<string>;
    let before: Record<string, Row[]>;
    let beforeCohorts: Awaited<ReturnType<typeof cohorts>>;
    let beforeSeries: Awaited<ReturnType<typeof timeSeries>>;
    let report: Awaited<ReturnType<typeof forgetUser>>;
    let otherProjectId: string;

    beforeAll(async () => {
      history = await ingestPrivacyHistory(store, 'forget-ana');
      // Another project's user of the same id is someone else.
      otherProjectId = (await createProject(store.db, { name: 'other' })).id;
      await store.ingest(
        otherProjectId,
        { interactions: [interactionAt(WEEK_START, { userId: 'ana', sessionId: 's-ana' })], signals: [] },
        Date.now(),
      );
      forbidden = new Set([
        'ana',
        ...history.ana.interactions.map((i) => i.id),
        ...history.ana.signals.map((s) => s.id),
        ...history.aboutAna.map((s) => s.id),
      ]);
      before = await snapshot(store, history.projectId);
      beforeCohorts = await cohorts(store.db, { projectId: history.projectId, ...RANGE }, 'tenant');
      beforeSeries = await timeSeries(store.db, { projectId: history.projectId, ...RANGE }, 'week');
      // The checks below could not fail if the history did not hold what they look for.
      const found = await findMentions(store, history.projectId, forbidden);
      expect(Object.keys(found).sort()).toEqual(EVENT_TABLES.slice().sort());
      expect(found.signal_flags?.length).toBe(5);
      await expectAggregatesMatchRecount(store, history.projectId);

      report = await forgetUser(store, { projectId: history.projectId, userId: 'ana', actor: 'test' });
    });

    it('reports what it removed, table by table', () => {
      expect(report).toMatchObject({
        projectId: history.projectId,
        userId: 'ana',
        removed: {
          interactions: 3,
          interactionDocuments: 3,
          // 14 of hers, 4 of others about her answers, carol's preference over one of them.
          signals: 19,
          // superseded: hers on a1 and on bob's b1, bob's on a1; no-views: troll's on a1; bot: carol's comment.
          signalFlags: 5,
          // hers on a1, a2, a3, b1; bob's and troll's on a1.
          latestVotes: 6,
          evalCases: 0,
          evalVersionCases: 0,
        },
        // Her vote waiting for an interaction that never came, and her copy not linked yet, were never counted.
        subtracted: { interactions: 3, signals: 17, flaggedSignals: 5 },
        unlinked: { regenerations: 1, evalCaseEvidence: 0 },
      });
    });

    it('leaves nothing in any table that names the user, their interactions or their signals', async () => {
      expect(await findMentions(store, history.projectId, forbidden)).toEqual({});
    });

    it('keeps the rollups and adjustments equal to a recount of what remains', async () => {
      await expectAggregatesMatchRecount(store, history.projectId);
    });

    it("changes no one else's rows except to drop what named the user's", async () => {
      const after = await snapshot(store, history.projectId);
      for (const table of EVENT_TABLES) {
        const expected = (before[table] ?? []).flatMap((row) => {
          if (table === 'interactions' && forbidden.has(String(row.parent_id)) && !forbidden.has(String(row.id))) {
            // Bob's regeneration of ana's answer stays, no longer pointing at it.
            return [{ ...row, parent_id: null }];
          }
          return rowMentions(row, forbidden) ? [] : [row];
        });
        expect(sorted(after[table] ?? []), table).toEqual(sorted(expected));
      }
      const bob = after.interactions?.find((r) => r.id === history.bobRegeneration.id);
      expect(bob).toMatchObject({ user_id: 'bob', parent_id: null });
      expect(after.signals?.some((r) => r.id === history.preferenceOverAna.id)).toBe(false);
    });

    it("leaves the other tenant's analysis as it was, and takes ana's answers out of hers", async () => {
      const afterCohorts = await cohorts(store.db, { projectId: history.projectId, ...RANGE }, 'tenant');
      const of = (c: typeof afterCohorts, tenant: string) => c.cohorts.find((x) => x.value === tenant)?.measures;
      expect(of(afterCohorts, 'globex')).toEqual(of(beforeCohorts, 'globex'));
      expect(of(afterCohorts, 'acme')?.interactions).toBe((of(beforeCohorts, 'acme')?.interactions ?? 0) - 3);
      const afterSeries = await timeSeries(store.db, { projectId: history.projectId, ...RANGE }, 'week');
      expect(afterSeries.total.interactions).toBe(beforeSeries.total.interactions - 3);
      // Her flagged votes and the troll's vote on her answer no longer show as set aside.
      expect(afterSeries.filtered.superseded).toBe(beforeSeries.filtered.superseded - 3);
      expect(afterSeries.filtered.total).toBe(beforeSeries.filtered.total - 2);
    });

    it('records the deletion in the audit log by a hash of the user, never the id', async () => {
      const entries = await listAuditEntries(store.db, { projectId: history.projectId, action: 'forget-user' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        id: report.auditId,
        actor: 'test',
        subject: userSubject(history.projectId, 'ana'),
        details: { removed: report.removed, subtracted: report.subtracted },
      });
      expect(JSON.stringify(entries)).not.toContain('ana');
    });

    it("leaves another project's user of the same id alone", async () => {
      const rows = await store.db
        .selectFrom('interactions')
        .select('id')
        .where('project_id', '=', otherProjectId)
        .where('user_id', '=', 'ana')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it('answers zeros when asked again, and for a user it never saw', async () => {
      for (const userId of ['ana', 'nobody']) {
        const again = await forgetUser(store, { projectId: history.projectId, userId, actor: 'test' });
        expect(Object.values(again.removed).every((n) => n === 0)).toBe(true);
        expect(Object.values(again.subtracted).every((n) => n === 0)).toBe(true);
      }
      await expectAggregatesMatchRecount(store, history.projectId);
    });
  });

  describe('eval sets grown from the user’s answers', () => {
    it('removes draft and published cases of the user’s interactions, and the user’s signals as evidence', async () => {
      const history = await ingestPrivacyHistory(store, 'forget-eval');
      const { projectId } = history;
      const [a1] = history.ana.interactions;
      const anaVote = history.ana.signals[0];
      const bobVote = history.aboutAna[0];
      const other = await store.db
        .selectFrom('interactions')
        .select('id')
        .where('project_id', '=', projectId)
        .where('user_id', '=', 'bob')
        .executeTakeFirstOrThrow();
      const now = Date.now();
      const draft = (interactionId: string, userId: string, signalIds: string[]) => ({
        project_id: projectId,
        set_name: 'support',
        interaction_id: interactionId,
        status: 'accepted' as const,
        expected_output: 'Fixed answer',
        tags: '[]',
        signal_ids: JSON.stringify(signalIds),
        reason: '',
        user_id: userId,
        decided_at: now,
        updated_at: now,
      });
      await store.db
        .insertInto('eval_sets')
        .values({ project_id: projectId, name: 'support', created_at: now, updated_at: now, latest_version: 1 })
        .execute();
      await store.db
        .insertInto('eval_cases')
        .values([
          draft(String(a1?.id), 'ana', [String(anaVote?.id), String(bobVote?.id)]),
          draft(other.id, 'bob', ['sig_kept', String(anaVote?.id)]),
        ])
        .execute();
      await store.db
        .insertInto('eval_versions')
        .values({
          project_id: projectId,
          set_name: 'support',
          version: 1,
          published_at: now,
          case_count: 2,
          content_sha256: 'abc',
          redaction: '{}',
        })
        .execute();
      const published = (position: number, interactionId: string, signalIds: string[]) => ({
        project_id: projectId,
        set_name: 'support',
        version: 1,
        position,
        interaction_id: interactionId,
        input: '[]',
        context: '[]',
        output: 'x',
        expected_output: 'Fixed answer',
        tags: '[]',
        signal_ids: JSON.stringify(signalIds),
        tenant: 'acme',
        feature: null,
        model: null,
        model_version: null,
        prompt_template: null,
        prompt_version: null,
        interaction_created_at: now,
        accepted_at: now,
      });
      await store.db
        .insertInto('eval_version_cases')
        .values([
          published(0, String(a1?.id), [String(anaVote?.id)]),
          published(1, other.id, ['sig_kept', String(bobVote?.id)]),
        ])
        .execute();

      const report = await forgetUser(store, { projectId, userId: 'ana', actor: 'test' });
      expect(report.removed).toMatchObject({ evalCases: 1, evalVersionCases: 1 });
      expect(report.unlinked.evalCaseEvidence).toBe(2);
      const forbidden = new Set([
        'ana',
        ...history.ana.interactions.map((i) => i.id),
        ...history.ana.signals.map((s) => s.id),
        ...history.aboutAna.map((s) => s.id),
      ]);
      expect(await findMentions(store, projectId, forbidden)).toEqual({});
      const cases = await store.db.selectFrom('eval_cases').selectAll().where('project_id', '=', projectId).execute();
      expect(cases.map((c) => [c.interaction_id, JSON.parse(c.signal_ids)])).toEqual([[other.id, ['sig_kept']]]);
      const version = await store.db
        .selectFrom('eval_versions')
        .select(['case_count', 'content_sha256'])
        .where('project_id', '=', projectId)
        .executeTakeFirstOrThrow();
      expect(version).toEqual({ case_count: 1, content_sha256: 'abc' });
    });
  });

  describe('the abusive user whose votes were set aside', () => {
    it('removes the votes and the adjustments that set them aside, and nothing else', async () => {
      const history = await ingestPrivacyHistory(store, 'forget-troll');
      const { projectId } = history;
      const trollIds = new Set(['troll', ...history.troll.map((s: SignalRecord) => s.id)]);
      const flagsBefore = (await allRows(store, 'signal_flags')).filter(
        (r) => r.project_id === projectId && r.user_id === 'troll',
      );
      // Ten unseen votes are allowed, the other 30 are set aside.
      expect(flagsBefore).toHaveLength(30);
      const unfilteredBefore = await timeSeries(store.db, { projectId, ...RANGE, unfiltered: true }, 'week');
      const filteredBefore = await timeSeries(store.db, { projectId, ...RANGE }, 'week');

      const report = await forgetUser(store, { projectId, userId: 'troll', actor: 'test' });
      expect(report.removed).toMatchObject({ interactions: 0, signals: 40, signalFlags: 30, latestVotes: 40 });
      expect(report.subtracted).toEqual({ interactions: 0, signals: 40, flaggedSignals: 30 });

      expect(await findMentions(store, projectId, trollIds)).toEqual({});
      await expectAggregatesMatchRecount(store, projectId);
      const unfilteredAfter = await timeSeries(store.db, { projectId, ...RANGE, unfiltered: true }, 'week');
      const filteredAfter = await timeSeries(store.db, { projectId, ...RANGE }, 'week');
      expect(unfilteredAfter.total.positiveRate.trials).toBe(unfilteredBefore.total.positiveRate.trials - 40);
      // The filtered view never counted the 30 set-aside votes: only the 10 that counted leave it.
      expect(filteredAfter.total.positiveRate.trials).toBe(filteredBefore.total.positiveRate.trials - 10);
      // Only carol's comment from a bot user agent is still set aside.
      expect(filteredBefore.filtered.byReason).toEqual({ 'no-views': 30, bot: 1 });
      expect(filteredAfter.filtered.byReason).toEqual({ bot: 1 });
    });
  });
});
