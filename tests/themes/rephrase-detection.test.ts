/**
 * Server-side rephrase detection over generated sessions with planted restatements (see
 * rephrase-sessions.ts), on both backends: what it finds (precision and recall against the plan), that a
 * second pass — or a pass that lost its watermark — adds nothing, that pairs an SDK already reported are
 * left alone, and that the signals are counted in the rollups like any other.
 */
import { detectRephrases, REPHRASE_JOB, rephraseSignalId, timeSeries } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type PlantedSessions, pairKey, plantSessions } from './rephrase-sessions.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
/** Interactions per ingest call: each call shares one receive time, so batches meet whole milliseconds. */
const INGEST_CHUNK = 40;

/** A fixed shuffle, so later prompts often arrive before the ones they follow. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let state = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function serverPairs(store: Store, projectId: string): Promise<Map<string, { id: string; value: string }>> {
  const rows = await store.db
    .selectFrom('signals')
    .select(['id', 'interaction_id', 'value', 'metadata'])
    .where('project_id', '=', projectId)
    .where('type', '=', 'rephrase')
    .execute();
  const pairs = new Map<string, { id: string; value: string }>();
  for (const row of rows) {
    if (JSON.parse(row.metadata).detector !== 'server') continue;
    const { by } = JSON.parse(row.value ?? '{}') as { by: string };
    pairs.set(pairKey(row.interaction_id ?? '', by), { id: row.id, value: row.value ?? '' });
  }
  return pairs;
}

describe.each(backends())('rephrase detection on $name', (backend) => {
  let store: Store;
  let projectId: string;
  let plan: PlantedSessions;
  const later = () => Date.now() + 2 * 60_000;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'rephrase' })).id;
    plan = plantSessions(160, START);
    const order = shuffled(plan.interactions);
    for (let i = 0; i < order.length; i += INGEST_CHUNK) {
      await store.ingest(projectId, { interactions: order.slice(i, i + INGEST_CHUNK), signals: [] }, Date.now());
    }
    await store.ingest(projectId, { interactions: [], signals: plan.explicit }, Date.now());
  });
  afterAll(() => store.close());

  it('waits until new interactions have settled', async () => {
    const report = await detectRephrases(store, projectId);
    expect(report.examined).toBe(0);
  });

  it('finds the planted rephrasings and nothing else (precision and recall ≥ 0.9)', async () => {
    const report = await detectRephrases(store, projectId, { now: later, batchSize: 25 });
    expect(report.examined).toBe(plan.interactions.length);
    const found = await serverPairs(store, projectId);
    expect(report.created).toBe(found.size);
    const truePositives = [...found.keys()].filter((k) => plan.expected.has(k)).length;
    const precision = truePositives / found.size;
    const recall = truePositives / plan.expected.size;
    const falseAlarms = [...found.keys()].filter((k) => !plan.expected.has(k));
    console.log(
      `rephrase detection (${backend.name}): ${plan.interactions.length} interactions, planted ${JSON.stringify(plan.planted)}; ` +
        `found ${found.size}, expected ${plan.expected.size}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}` +
        (falseAlarms.length > 0 ? `; false alarms: ${falseAlarms.map((k) => k.replace('\n', '→')).join(', ')}` : ''),
    );
    expect(plan.expected.size).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    // Pairs the SDK reported itself are known, not written again.
    for (const key of plan.reported) expect(found.has(key)).toBe(false);
    expect(report.alreadyKnown).toBeGreaterThanOrEqual(plan.reported.size * 0.9);
  });

  it('records each on the earlier interaction, at the later one’s time, with a deterministic id', async () => {
    const found = await serverPairs(store, projectId);
    const [key, { id, value }] = [...found][0] ?? ['', { id: '', value: '' }];
    const [earlier = '', laterId = ''] = key.split('\n');
    expect(id).toBe(rephraseSignalId(earlier, laterId));
    const row = await store.db
      .selectFrom('signals')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const laterRow = await store.db
      .selectFrom('interactions')
      .select(['created_at', 'session_id', 'user_id'])
      .where('project_id', '=', projectId)
      .where('id', '=', laterId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      interaction_id: earlier,
      kind: 'implicit',
      type: 'rephrase',
      created_at: laterRow.created_at,
      session_id: laterRow.session_id,
      user_id: laterRow.user_id,
      rolled_up: 1,
    });
    expect(JSON.parse(value)).toEqual({ by: laterId, similarity: expect.any(Number) });
    expect(JSON.parse(row.metadata)).toEqual({ detector: 'server' });
  });

  it('adds nothing when run again, or when it lost its watermark', async () => {
    const before = (await serverPairs(store, projectId)).size;
    const again = await detectRephrases(store, projectId, { now: later });
    expect(again).toEqual({ examined: 0, detected: 0, created: 0, alreadyKnown: 0 });
    await store.db
      .deleteFrom('job_watermarks')
      .where('project_id', '=', projectId)
      .where('job', '=', REPHRASE_JOB)
      .execute();
    const replay = await detectRephrases(store, projectId, { now: later });
    expect(replay.examined).toBe(plan.interactions.length);
    expect(replay.created).toBe(0);
    expect(replay.alreadyKnown).toBe(replay.detected);
    expect((await serverPairs(store, projectId)).size).toBe(before);
  });

  it('counts the rephrase signals in the rollups', async () => {
    const stored = await store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('type', '=', 'rephrase')
      .executeTakeFirstOrThrow();
    const series = await timeSeries(store.db, { projectId, from: START - DAY, to: START + 2 * DAY }, 'day');
    expect(series.total.signals.rephrase).toBe(Number(stored.n));
    expect(series.total.signals.rephrase).toBe((await serverPairs(store, projectId)).size + plan.explicit.length);
  });
});
