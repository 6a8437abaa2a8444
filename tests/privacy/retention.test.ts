/**
 * Retention, on every backend: text older than the project's period is purged — inputs, outputs, the text
 * of retrieved documents, comment and edit text, metadata — while newer text, every row, every id and every
 * aggregate stay, and the audit log records the purge and the setting.
 */
import { applyRetention, changeProjectSettings, screenProject, timeSeries } from '@feedloop/services';
import { createProject, getProjectSettings, listAuditEntries, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, interactionAt, signalAt, vote } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import { allRows, comparable, type Row, storedAdjustments, storedRollups } from './privacy-checks.js';
import { BROWSER } from './privacy-history.js';

const NOW = Date.now();

function history(createdAt: number, userId: string) {
  const i = interactionAt(createdAt, {
    userId,
    sessionId: `s-${userId}`,
    input: [{ role: 'user', content: `Hi, I am ${userId}, my card ends 4242` }],
    output: `Hello ${userId}`,
    context: [{ id: `doc-${userId}`, text: `Account notes of ${userId}`, source: 'crm', score: 0.5 }],
    metadata: { email: `${userId}@example.com` },
  });
  const by = { userId, sessionId: `s-${userId}`, metadata: { userAgent: BROWSER } };
  const signals = [
    { ...vote(i.id, createdAt + 1_000, false, userId, `s-${userId}`), metadata: { userAgent: BROWSER } },
    { ...vote(i.id, createdAt + 2_000, true, userId, `s-${userId}`), metadata: { userAgent: BROWSER } },
    signalAt(i.id, createdAt + 3_000, {
      ...by,
      kind: 'explicit',
      type: 'comment',
      value: `${userId} says no`,
      valueNum: null,
    }),
    signalAt(i.id, createdAt + 4_000, {
      ...by,
      kind: 'correction',
      type: 'edit',
      value: `Dear ${userId}`,
      valueNum: null,
    }),
    signalAt(i.id, createdAt + 5_000, { ...by, kind: 'explicit', type: 'rating', value: 4, valueNum: 4 }),
    signalAt(i.id, createdAt + 6_000, { ...by, kind: 'implicit', type: 'dwell', value: 1500, valueNum: 1500 }),
    signalAt(i.id, createdAt + 7_000, {
      ...by,
      kind: 'explicit',
      type: 'preference',
      value: { over: 'int_other', why: `${userId} liked it` },
      valueNum: null,
    }),
    signalAt(null, createdAt + 8_000, {
      ...by,
      kind: 'outcome',
      type: 'outcome',
      value: { name: 'ticket_resolved', success: true, note: `${userId} was happy` },
      valueNum: 1,
    }),
    signalAt(i.id, createdAt + 9_000, {
      ...by,
      kind: 'explicit',
      type: 'acme:note',
      value: `${userId} note`,
      valueNum: null,
    }),
  ];
  return { interaction: i, signals };
}

const byId = (rows: Row[]) => new Map(rows.map((r) => [String(r.id), r]));
const parsed = (text: unknown) => JSON.parse(String(text)) as unknown;

describe.each(backends())('retention on $name', (backend) => {
  let store: Store;
  let projectId: string;
  const old = [history(NOW - 40 * DAY, 'olga'), history(NOW - 31 * DAY, 'oscar')];
  const recent = [history(NOW - 29 * DAY, 'nina')];
  const range = { from: NOW - 60 * DAY, to: NOW };
  let beforeInteractions: Map<string, Row>;
  let beforeSignals: Map<string, Row>;
  let beforeDocuments: Row[];
  let beforeVotes: Row[];
  let beforeSeries: Awaited<ReturnType<typeof timeSeries>>;
  let beforeRollups: ReturnType<typeof comparable>;
  let beforeAdjustments: ReturnType<typeof comparable>;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'retention' })).id;
    const all = [...old, ...recent];
    await store.ingest(
      projectId,
      { interactions: all.map((h) => h.interaction), signals: all.flatMap((h) => h.signals) },
      Date.now(),
    );
    await screenProject(store, projectId);
    const mine = (rows: Row[]) => rows.filter((r) => r.project_id === projectId);
    beforeInteractions = byId(mine(await allRows(store, 'interactions')));
    beforeSignals = byId(mine(await allRows(store, 'signals')));
    beforeDocuments = mine(await allRows(store, 'interaction_documents'));
    beforeVotes = mine(await allRows(store, 'latest_votes'));
    beforeSeries = await timeSeries(store.db, { projectId, ...range }, 'day');
    beforeRollups = comparable(await storedRollups(store.db, projectId));
    beforeAdjustments = comparable(await storedAdjustments(store.db, projectId));
  });
  afterAll(() => store.close());

  it('does nothing while the project keeps text forever', async () => {
    const report = await applyRetention(store, { projectId, now: NOW, actor: 'test' });
    expect(report).toMatchObject({ days: null, before: null, interactions: 0, signals: 0, auditIds: [] });
  });

  it('records the setting in the audit log', async () => {
    const settings = await changeProjectSettings(store, { projectId, patch: { retentionDays: 30 }, actor: 'cli' });
    expect(settings?.retentionDays).toBe(30);
    expect((await getProjectSettings(store.db, projectId))?.retentionDays).toBe(30);
    const [entry] = await listAuditEntries(store.db, { projectId, action: 'settings' });
    expect(entry).toMatchObject({ actor: 'cli', details: { changed: { retentionDays: { from: null, to: 30 } } } });
  });

  it('counts what is due in a dry run without changing anything', async () => {
    const report = await applyRetention(store, { projectId, now: NOW, actor: 'test', dryRun: true });
    expect(report).toMatchObject({ days: 30, before: NOW - 30 * DAY, interactions: 2, signals: 18, dryRun: true });
    expect(report.auditIds).toEqual([]);
    const rows = await allRows(store, 'interactions');
    expect(rows.filter((r) => r.project_id === projectId && r.text_purged_at !== null)).toEqual([]);
  });

  it('purges the text of rows older than the period and keeps everything else', async () => {
    const report = await applyRetention(store, { projectId, now: NOW, actor: 'test' });
    expect(report).toMatchObject({ days: 30, interactions: 2, signals: 18, dryRun: false });
    expect(report.auditIds).toHaveLength(1);

    const interactions = byId((await allRows(store, 'interactions')).filter((r) => r.project_id === projectId));
    expect([...interactions.keys()].sort()).toEqual([...beforeInteractions.keys()].sort());
    for (const { interaction } of old) {
      const row = interactions.get(interaction.id);
      const was = beforeInteractions.get(interaction.id);
      expect(row).toMatchObject({
        input: null,
        output: null,
        metadata: '{}',
        // What analyses and same-prompt pairing use stays.
        input_hash: was?.input_hash,
        user_id: was?.user_id,
        tenant: was?.tenant,
        created_at: was?.created_at,
      });
      expect(parsed(row?.context)).toEqual([{ id: `doc-${interaction.userId}`, source: 'crm', score: 0.5 }]);
      expect(Number(row?.text_purged_at)).toBeGreaterThan(0);
    }
    for (const { interaction } of recent) {
      expect(interactions.get(interaction.id)).toEqual(beforeInteractions.get(interaction.id));
    }

    const signals = byId((await allRows(store, 'signals')).filter((r) => r.project_id === projectId));
    const storedValue = (id: string) => (signals.get(id)?.value === null ? null : parsed(signals.get(id)?.value));
    for (const { signals: sent, interaction } of old) {
      const userId = String(interaction.userId);
      const [down, up, comment, edit, rating, dwell, preference, outcome, custom] = sent.map((s) => s.id);
      expect(storedValue(String(down))).toBe(-1);
      expect(storedValue(String(up))).toBe(1);
      expect(storedValue(String(comment))).toBeNull();
      expect(storedValue(String(edit))).toBeNull();
      expect(storedValue(String(rating))).toBe(4);
      expect(storedValue(String(dwell))).toBe(1500);
      expect(storedValue(String(preference))).toEqual({ over: 'int_other' });
      expect(storedValue(String(outcome))).toEqual({ name: 'ticket_resolved', success: true });
      expect(storedValue(String(custom))).toBeNull();
      for (const s of sent) {
        const row = signals.get(s.id);
        const was = beforeSignals.get(s.id);
        expect(row).toMatchObject({ metadata: '{}', value_num: was?.value_num, rolled_up: 1, screened: 1 });
        // No free text of the user's survives ("olga says no", "olga liked it", "olga was happy"…).
        expect(JSON.stringify(row)).not.toContain(`${userId} `);
      }
    }
    for (const { signals: sent } of recent) {
      for (const s of sent) expect(signals.get(s.id)).toEqual(beforeSignals.get(s.id));
    }

    // Document ids, current votes and every aggregate are untouched.
    const mine = (rows: Row[]) => rows.filter((r) => r.project_id === projectId);
    expect(mine(await allRows(store, 'interaction_documents'))).toEqual(beforeDocuments);
    expect(mine(await allRows(store, 'latest_votes'))).toEqual(beforeVotes);
    expect(comparable(await storedRollups(store.db, projectId))).toEqual(beforeRollups);
    expect(comparable(await storedAdjustments(store.db, projectId))).toEqual(beforeAdjustments);
    expect(await timeSeries(store.db, { projectId, ...range }, 'day')).toEqual(beforeSeries);
  });

  it('records the purge in the audit log, and purges nothing twice', async () => {
    const entries = await listAuditEntries(store.db, { projectId, action: 'retention' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'test',
      subject: '',
      details: { days: 30, before: new Date(NOW - 30 * DAY).toISOString(), interactions: 2, signals: 18 },
    });
    const again = await applyRetention(store, { projectId, now: NOW, actor: 'test' });
    expect(again).toMatchObject({ interactions: 0, signals: 0, auditIds: [] });
    expect(await listAuditEntries(store.db, { projectId, action: 'retention' })).toHaveLength(1);
  });

  it('purges newer text once it ages past the period, or when asked for a shorter one', async () => {
    const later = await applyRetention(store, { projectId, now: NOW + 2 * DAY, actor: 'test' });
    expect(later).toMatchObject({ interactions: 1, signals: 9 });
    const none = await applyRetention(store, { projectId, now: NOW + 2 * DAY, actor: 'test', days: 1 });
    expect(none).toMatchObject({ days: 1, interactions: 0, signals: 0 });
    expect(comparable(await storedRollups(store.db, projectId))).toEqual(beforeRollups);
  });

  it('works through a large project a page at a time, each transaction with its audit entry', async () => {
    const big = (await createProject(store.db, { name: 'retention-pages' })).id;
    await changeProjectSettings(store, { projectId: big, patch: { retentionDays: 7 }, actor: 'test' });
    const many = Array.from({ length: 6 }, (_, k) => history(NOW - (10 + k) * DAY, `user${k}`));
    await store.ingest(
      big,
      { interactions: many.map((h) => h.interaction), signals: many.flatMap((h) => h.signals) },
      Date.now(),
    );
    const options = { projectId: big, now: NOW, actor: 'test', pageSize: 4, rowsPerTransaction: 10 };
    expect(await applyRetention(store, { ...options, dryRun: true })).toMatchObject({ interactions: 6, signals: 54 });
    const report = await applyRetention(store, options);
    expect(report).toMatchObject({ interactions: 6, signals: 54 });
    const entries = await listAuditEntries(store.db, { projectId: big, action: 'retention' });
    expect(entries.map((e) => e.id).sort()).toEqual([...report.auditIds].sort());
    expect(entries.length).toBeGreaterThan(3);
    const total = (key: string) => entries.reduce((sum, e) => sum + Number(e.details[key]), 0);
    expect([total('interactions'), total('signals')]).toEqual([6, 54]);
    const left = (await allRows(store, 'signals')).filter((r) => r.project_id === big && r.text_purged_at === null);
    expect(left).toEqual([]);
  });
});
