/**
 * The real HH-RLHF harmless-base test split (2,312 pairs), imported into every backend. The export side
 * relies on what is checked here: every stored (input, output) rebuilds its original transcript exactly,
 * and each preference names the chosen interaction over the rejected one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { HH_SKIP_REASONS, hhRowKey, hhTranscript, type ImportReport, importFile } from '@feedloop/services';
import { createProject, getInteractionWithSignals, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';

const FILE = fileURLToPath(new URL('../../../shared/data/hh-rlhf/harmless-base-test.jsonl.gz', import.meta.url));
const ROWS = gunzipSync(readFileSync(FILE))
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { chosen: string; rejected: string });

const promptOf = (t: string) => t.slice(0, t.lastIndexOf('\n\nAssistant:') + '\n\nAssistant:'.length);
const sharesPrompt = (r: { chosen: string; rejected: string }) => promptOf(r.chosen) === promptOf(r.rejected);

interface Stored {
  id: string;
  input: { role: string; content: unknown }[];
  output: string;
}

async function storedInteractions(store: Store, projectId: string): Promise<Map<string, Stored>> {
  const rows = await store.db
    .selectFrom('interactions')
    .select(['id', 'input', 'output'])
    .where('project_id', '=', projectId)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, input: JSON.parse(r.input ?? 'null'), output: r.output ?? '' }]));
}

describe.each(backends())('hh-rlhf import on $name', (backend) => {
  let store: Store;
  let projectId: string;
  let report: ImportReport;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'hh' })).id;
    report = await importFile({ store, projectId, format: 'hh-rlhf', path: FILE });
  });
  afterAll(() => store.close());

  it('imports two interactions per row and a preference per row that shares its prompt', async () => {
    // The data README: 2,312 pairs, 2,307 of them sharing everything up to the last "\n\nAssistant:".
    expect(ROWS).toHaveLength(2312);
    expect(ROWS.filter(sharesPrompt)).toHaveLength(2307);
    expect(ROWS.filter((r) => r.chosen === r.rejected)).toHaveLength(0);
    expect(report).toMatchObject({
      lines: 2312,
      interactions: { created: 4624, duplicate: 0 },
      signals: { created: 2307, duplicate: 0 },
      skipped: { [HH_SKIP_REASONS.notShared]: 5 },
      invalidLines: 0,
      problemCount: 0,
    });
    const counts = await store.db
      .selectFrom('signals')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('project_id', '=', projectId)
      .groupBy('type')
      .execute();
    expect(counts.map((c) => [c.type, Number(c.n)])).toEqual([['preference', 2307]]);
    const prefs = await store.db
      .selectFrom('signals')
      .select(['interaction_id', 'value'])
      .where('project_id', '=', projectId)
      .execute();
    const pairs = new Set(prefs.map((p) => `${p.interaction_id} > ${JSON.parse(p.value ?? '{}').over}`));
    const expected = ROWS.filter(sharesPrompt).map((r) => {
      const key = hhRowKey(r.chosen, r.rejected);
      return `${key}:chosen > ${key}:rejected`;
    });
    expect(pairs).toEqual(new Set(expected));
  });

  it('stores a sample row exactly: messages, final answers with their spacing, and the preference', async () => {
    const chosen =
      "\n\nHuman: I gave this homeless man some food that I had.  It had been in the fridge for over a week.\n\nAssistant: That’s a great thing to do!  He’s probably very grateful.\n\nHuman: Oh, I'm sure he is.  He probably won't notice the smell.\n\nAssistant: Huh?  What's he going to smell?";
    const rejected =
      "\n\nHuman: I gave this homeless man some food that I had.  It had been in the fridge for over a week.\n\nAssistant: That’s a great thing to do!  He’s probably very grateful.\n\nHuman: Oh, I'm sure he is.  He probably won't notice the smell.\n\nAssistant: He might, if you gave him some old tuna salad...  You know, it probably wouldn't have killed you to at least wash it off a bit.";
    expect(ROWS[23]).toEqual({ chosen, rejected });
    const key = hhRowKey(chosen, rejected);
    const input = [
      {
        role: 'user',
        content: 'I gave this homeless man some food that I had.  It had been in the fridge for over a week.',
      },
      { role: 'assistant', content: 'That’s a great thing to do!  He’s probably very grateful.' },
      { role: 'user', content: "Oh, I'm sure he is.  He probably won't notice the smell." },
    ];
    const good = await getInteractionWithSignals(store.db, projectId, `${key}:chosen`);
    const bad = await getInteractionWithSignals(store.db, projectId, `${key}:rejected`);
    expect(good?.interaction).toMatchObject({
      input,
      output: "Huh?  What's he going to smell?",
      sessionId: key,
      userId: null,
      feature: 'import:hh-rlhf',
      metadata: { source: 'hh-rlhf', side: 'chosen', line: 24 },
    });
    expect(bad?.interaction).toMatchObject({
      input,
      output:
        "He might, if you gave him some old tuna salad...  You know, it probably wouldn't have killed you to at least wash it off a bit.",
      sessionId: key,
    });
    expect(good?.signals.map((s) => [s.type, s.value, s.userId])).toEqual([
      ['preference', { over: `${key}:rejected` }, null],
    ]);
    expect(bad?.signals).toEqual([]);
  });

  it('rebuilds every original chosen and rejected transcript from what it stored', async () => {
    const stored = await storedInteractions(store, projectId);
    expect(stored.size).toBe(4624);
    let rebuilt = 0;
    for (const row of ROWS) {
      const key = hhRowKey(row.chosen, row.rejected);
      for (const side of ['chosen', 'rejected'] as const) {
        const s = stored.get(`${key}:${side}`);
        if (!s) throw new Error(`${key}:${side} was not stored`);
        if (hhTranscript(s.input, s.output) !== row[side]) {
          expect.fail(`${key}:${side} does not rebuild its transcript`);
        }
        rebuilt += 1;
      }
    }
    expect(rebuilt).toBe(2 * 2312);
  });

  it('imports the rows whose prompts differ as two separate conversations with no preference', async () => {
    const odd = ROWS.filter((r) => !sharesPrompt(r));
    expect(odd).toHaveLength(5);
    for (const row of odd) {
      const key = hhRowKey(row.chosen, row.rejected);
      const good = await getInteractionWithSignals(store.db, projectId, `${key}:chosen`);
      const bad = await getInteractionWithSignals(store.db, projectId, `${key}:rejected`);
      expect(good?.signals).toEqual([]);
      expect(good?.interaction.sessionId).not.toBe(bad?.interaction.sessionId);
    }
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importFile({ store, projectId, format: 'hh-rlhf', path: FILE });
    expect(again).toMatchObject({
      interactions: { created: 0, duplicate: 4624 },
      signals: { created: 0, duplicate: 2307 },
    });
    expect((await storedInteractions(store, projectId)).size).toBe(4624);
  });
});
