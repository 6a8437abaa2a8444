/**
 * The real Open Assistant sample (100 trees), imported into every backend, with the counts reconciled
 * against the data README: 687 assistant messages, 455 with thumbs (334 net up, 96 net down), 754 ranked
 * preference pairs. The README counts every message; the import skips the 17 synthetic (model-written)
 * assistant messages, as the README asks. None of those carries a vote, so the thumbs figures are the
 * README's exactly; they sit in ranked sibling groups, so 22 of the 754 pairs involve one and are not made.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ImportReport, importFile, OASST_SKIP_REASONS } from '@feedloop/services';
import { createProject, getInteractionWithSignals, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';

const FILE = fileURLToPath(new URL('../../../shared/data/oasst/en_100_tree.jsonl', import.meta.url));

interface RawMessage {
  role: string;
  synthetic: boolean;
  rank?: number | null;
  emojis?: Record<string, number>;
  replies: RawMessage[];
}

/** The README's figures, counted straight from the file, and how many of each involve a synthetic message. */
function countFile() {
  const c = { assistant: 0, synthetic: 0, withThumbs: 0, netUp: 0, netDown: 0, syntheticVoted: 0, pairs: 0 };
  let syntheticPairs = 0;
  const walk = (m: RawMessage) => {
    if (m.role === 'assistant') {
      const up = m.emojis?.['+1'] ?? 0;
      const down = m.emojis?.['-1'] ?? 0;
      c.assistant += 1;
      if (m.synthetic) c.synthetic += 1;
      if (up + down > 0) c.withThumbs += 1;
      if (up > down) c.netUp += 1;
      if (down > up) c.netDown += 1;
      if (m.synthetic && up + down > 0) c.syntheticVoted += 1;
    }
    const ranked = m.replies.filter((r) => r.role === 'assistant' && typeof r.rank === 'number');
    for (const a of ranked)
      for (const b of ranked)
        if ((a.rank ?? 0) < (b.rank ?? 0)) {
          c.pairs += 1;
          if (a.synthetic || b.synthetic) syntheticPairs += 1;
        }
    m.replies.forEach(walk);
  };
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (line !== '') walk((JSON.parse(line) as { prompt: RawMessage }).prompt);
  }
  return { ...c, syntheticPairs };
}

describe.each(backends())('oasst import on $name', (backend) => {
  let store: Store;
  let projectId: string;
  let report: ImportReport;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'oasst' })).id;
    report = await importFile({ store, projectId, format: 'oasst', path: FILE });
  });
  afterAll(() => store.close());

  it('reconciles with the data README', () => {
    expect(countFile()).toEqual({
      assistant: 687,
      synthetic: 17,
      withThumbs: 455,
      netUp: 334,
      netDown: 96,
      syntheticVoted: 0,
      pairs: 754,
      syntheticPairs: 22,
    });
  });

  it('imports each real assistant message, its votes as thumbs and its rankings as preferences', async () => {
    expect(report).toMatchObject({
      lines: 100,
      interactions: { created: 687 - 17, duplicate: 0 },
      signals: { created: 854 + 372 + 732, duplicate: 0 },
      skipped: { [OASST_SKIP_REASONS.synthetic]: 17, [OASST_SKIP_REASONS.pair]: 754 - 732 },
      invalidLines: 0,
    });
    const signals = await store.db
      .selectFrom('signals')
      .select(['interaction_id', 'type', 'value_num', 'user_id'])
      .where('project_id', '=', projectId)
      .execute();
    const thumbs = signals.filter((s) => s.type === 'thumbs');
    expect(thumbs.filter((s) => s.value_num === 1)).toHaveLength(854);
    expect(thumbs.filter((s) => s.value_num === -1)).toHaveLength(372);
    // One voter per vote, so "the latest thumb per user and interaction" keeps every vote.
    expect(new Set(thumbs.map((s) => `${s.interaction_id} ${s.user_id}`)).size).toBe(thumbs.length);
    const net = new Map<string, number>();
    for (const s of thumbs)
      net.set(s.interaction_id ?? '', (net.get(s.interaction_id ?? '') ?? 0) + (s.value_num ?? 0));
    expect(net.size).toBe(455);
    expect([...net.values()].filter((v) => v > 0)).toHaveLength(334);
    expect([...net.values()].filter((v) => v < 0)).toHaveLength(96);
    expect(signals.filter((s) => s.type === 'preference')).toHaveLength(732);
    const interactions = await store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(interactions.n)).toBe(670);
  });

  it('stores a sample message exactly: the conversation as input, its text, votes and rankings', async () => {
    const stored = await getInteractionWithSignals(store.db, projectId, 'oasst:12aa44ef-06e7-404f-846c-7762bae94bab');
    expect(stored?.interaction).toMatchObject({
      sessionId: 'oasst:4d1e7e40-c695-4fe3-b7b3-72b434eacf80',
      userId: null,
      language: 'en',
      feature: 'import:oasst',
      input: [
        { role: 'user', content: 'How many days until christmas?' },
        {
          role: 'assistant',
          content:
            "I'm afraid it is outside of my capabilities to know the date, as I cannot update my responses without being retrained. So I cannot tell you how many days therer are until christmas. Though I hope you have a very merry christmas, no matter how far away it is.",
        },
        { role: 'user', content: "that's disappointing" },
      ],
      output:
        "If you tell me today's date, maybe I can do the calculation. ( No promises on accuracy though, as me my sibling at OpenAI are notoriously bad at arithmetic. )",
      metadata: { source: 'oasst', rank: 0, messageId: '12aa44ef-06e7-404f-846c-7762bae94bab' },
    });
    const signals = stored?.signals ?? [];
    const votes = signals.filter((s) => s.type === 'thumbs').map((s) => s.value as number);
    expect(votes.sort()).toEqual([-1, -1, 1]);
    // Rank 0 of six ranked siblings: preferred over each of the other five.
    expect(
      signals
        .filter((s) => s.type === 'preference')
        .map((s) => (s.value as { over: string }).over)
        .sort(),
    ).toEqual(
      [
        '18f3b541-fe5d-493a-a938-e292f80595aa',
        '922bb442-81a3-4941-ab9a-92bfd9b3f4b9',
        'c8a1533b-e3e0-4f81-8ed1-b0130890b05e',
        '263efa53-b75e-493e-b32c-922a9210b859',
        '1e35741f-aa1d-47de-a692-ec434d472bcb',
      ]
        .map((id) => `oasst:${id}`)
        .sort(),
    );
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await importFile({ store, projectId, format: 'oasst', path: FILE });
    expect(again).toMatchObject({
      interactions: { created: 0, duplicate: 670 },
      signals: { created: 0, duplicate: 1958 },
    });
  });
});
