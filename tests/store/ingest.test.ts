import {
  createApiKey,
  createProject,
  findActiveKey,
  getInteractionWithSignals,
  listApiKeys,
  revokeApiKey,
  type Store,
} from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { interactionRecord, signalRecord } from '../helpers/fixtures.js';

/** Rollup totals per metric and value key, read back from the table. */
async function rollupTotals(store: Store, projectId: string): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom('rollups')
    .select(['metric', 'value_key', 'tenant', 'count'])
    .where('project_id', '=', projectId)
    .execute();
  const totals: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.tenant}|${r.metric}|${r.value_key}`;
    totals[key] = (totals[key] ?? 0) + Number(r.count);
  }
  return totals;
}

describe.each(backends())('store on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'test' })).id;
  });
  afterAll(() => store.close());

  it('stores each item once and answers duplicate for a re-send', async () => {
    const i = interactionRecord();
    const s = signalRecord(i.id);
    const first = await store.ingest(projectId, { interactions: [i], signals: [s, s] }, Date.now());
    expect(first).toEqual({ interactions: ['created'], signals: ['created', 'duplicate'] });
    const again = await store.ingest(projectId, { interactions: [i], signals: [s] }, Date.now());
    expect(again).toEqual({ interactions: ['duplicate'], signals: ['duplicate'] });
    const stored = await getInteractionWithSignals(store.db, projectId, i.id);
    expect(stored?.interaction.output).toBe(i.output);
    expect(stored?.interaction.context).toEqual(i.context);
    expect(stored?.signals.map((x) => x.id)).toEqual([s.id]);
    expect(stored?.signals[0]?.value).toBe(-1);
  });

  it('stores concurrent copies of the same items exactly once', async () => {
    const i = interactionRecord();
    const signals = Array.from({ length: 50 }, (_, n) => signalRecord(i.id, { value: n % 2 ? 1 : -1 }));
    const sends = Array.from({ length: 8 }, () => store.ingest(projectId, { interactions: [i], signals }, Date.now()));
    const outcomes = await Promise.all(sends);
    expect(outcomes.filter((o) => o.interactions[0] === 'created')).toHaveLength(1);
    for (let n = 0; n < signals.length; n++) {
      expect(outcomes.filter((o) => o.signals[n] === 'created')).toHaveLength(1);
    }
    const stored = await getInteractionWithSignals(store.db, projectId, i.id);
    expect(stored?.signals).toHaveLength(50);
    const totals = await rollupTotals(store, projectId);
    expect(totals['acme|thumbs|1']).toBeGreaterThanOrEqual(25);
  });

  it('keeps a signal that arrives before its interaction and counts it once the interaction arrives', async () => {
    const p = (await createProject(store.db, { name: 'late' })).id;
    const i = interactionRecord({ tenant: 'globex' });
    const early = signalRecord(i.id, { type: 'rating', kind: 'explicit', value: 4 });
    await store.ingest(p, { interactions: [], signals: [early] }, Date.now());
    expect(await getInteractionWithSignals(store.db, p, i.id)).toBeUndefined();
    expect(await rollupTotals(store, p)).toEqual({});

    await store.ingest(p, { interactions: [i], signals: [] }, Date.now());
    const stored = await getInteractionWithSignals(store.db, p, i.id);
    expect(stored?.signals.map((s) => s.id)).toEqual([early.id]);
    expect(await rollupTotals(store, p)).toEqual({ 'globex|$interaction|': 1, 'globex|rating|4': 1 });
  });

  it('counts a signal about a whole session without an interaction', async () => {
    const p = (await createProject(store.db, { name: 'session' })).id;
    const outcome = signalRecord('x', {
      interactionId: null,
      sessionId: 's_9',
      kind: 'outcome',
      type: 'outcome',
      value: { name: 'ticket_resolved', success: true },
    });
    expect(await store.ingest(p, { interactions: [], signals: [outcome] }, Date.now())).toEqual({
      interactions: [],
      signals: ['created'],
    });
    expect(await rollupTotals(store, p)).toEqual({ '|outcome|success': 1 });
  });

  it('keeps projects apart: the same id in two projects is two items', async () => {
    const a = (await createProject(store.db, { name: 'a' })).id;
    const b = (await createProject(store.db, { name: 'b' })).id;
    const i = interactionRecord();
    expect((await store.ingest(a, { interactions: [i], signals: [] }, Date.now())).interactions).toEqual(['created']);
    expect((await store.ingest(b, { interactions: [i], signals: [] }, Date.now())).interactions).toEqual(['created']);
    await store.ingest(a, { interactions: [], signals: [signalRecord(i.id)] }, Date.now());
    expect((await getInteractionWithSignals(store.db, a, i.id))?.signals).toHaveLength(1);
    expect((await getInteractionWithSignals(store.db, b, i.id))?.signals).toHaveLength(0);
  });

  it('keeps rollups equal to a recount of the stored events', async () => {
    const p = (await createProject(store.db, { name: 'recount' })).id;
    const interactions = Array.from({ length: 30 }, (_, n) =>
      interactionRecord({ tenant: `t${n % 3}`, createdAt: `2026-11-${10 + (n % 5)}T0${n % 10}:00:00Z` }),
    );
    const signals = interactions.flatMap((i, n) => [
      signalRecord(i.id, { value: n % 2 ? 1 : -1 }),
      signalRecord(i.id, { type: 'rating', value: (n % 5) + 1 }),
      signalRecord(i.id, { type: 'copy', kind: 'implicit', value: undefined }),
    ]);
    // Signals first for half the interactions, so linking is exercised too; everything sent twice.
    await store.ingest(p, { interactions: [], signals: signals.slice(0, 45) }, Date.now());
    await store.ingest(p, { interactions: interactions.slice(0, 20), signals: signals.slice(30) }, Date.now());
    await store.ingest(p, { interactions, signals }, Date.now());

    const recount = await store.db
      .selectFrom('signals as s')
      .innerJoin('interactions as i', (j) =>
        j.onRef('i.project_id', '=', 's.project_id').onRef('i.id', '=', 's.interaction_id'),
      )
      .select(['i.tenant', 's.type', 's.value_num'])
      .where('s.project_id', '=', p)
      .execute();
    const expected: Record<string, number> = {};
    for (const r of recount) {
      const valueKey = r.type === 'copy' ? '' : String(r.value_num);
      const key = `${r.tenant}|${r.type}|${valueKey}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    for (const t of ['t0', 't1', 't2']) expected[`${t}|$interaction|`] = 10;
    expect(await rollupTotals(store, p)).toEqual(expected);
    expect(recount).toHaveLength(90);
  });

  it('creates, finds and revokes API keys, storing only a hash', async () => {
    const p = (await createProject(store.db, { name: 'keys' })).id;
    const { key, plaintext } = await createApiKey(store.db, {
      projectId: p,
      kind: 'public',
      allowedOrigins: ['https://app.example'],
    });
    expect(plaintext).toMatch(/^fl_pk_[0-9A-Za-z]{32}$/);
    expect((await findActiveKey(store.db, plaintext))?.id).toBe(key.id);
    const raw = await store.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain(plaintext);
    expect((await listApiKeys(store.db, p)).map((k) => k.allowedOrigins)).toEqual([['https://app.example']]);
    expect((await revokeApiKey(store.db, key.prefix))?.id).toBe(key.id);
    expect(await findActiveKey(store.db, plaintext)).toBeUndefined();
  });
});
