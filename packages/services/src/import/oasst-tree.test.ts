import { describe, expect, it } from 'vitest';
import { OASST_SKIP_REASONS, oasstTreeLine } from './oasst-tree.js';

interface Msg {
  message_id: string;
  role: 'prompter' | 'assistant';
  text: string;
  rank?: number | null;
  synthetic?: boolean;
  deleted?: boolean;
  emojis?: Record<string, number>;
  replies?: Msg[];
}

const msg = (message_id: string, role: Msg['role'], extra: Partial<Msg> = {}): Msg => ({
  message_id,
  role,
  text: `text of ${message_id}`,
  synthetic: false,
  deleted: false,
  replies: [],
  ...extra,
});

/**
 * p0 (synthetic prompt)
 * ├─ a1 rank 0, +1 ×2, -1 ×1 ── p2 ── a3 (unranked)
 * ├─ a4 rank 1, red_flag only
 * ├─ a5 rank 2, synthetic
 * ├─ a6 unranked
 * └─ a7 rank 3, deleted ── p8 ── a9
 */
const tree = {
  message_tree_id: 't1',
  prompt: msg('p0', 'prompter', {
    synthetic: true,
    replies: [
      msg('a1', 'assistant', {
        rank: 0,
        emojis: { '+1': 2, '-1': 1, _skip_reply: 4 },
        replies: [msg('p2', 'prompter', { replies: [msg('a3', 'assistant', { rank: null })] })],
      }),
      msg('a4', 'assistant', { rank: 1, emojis: { red_flag: 1 } }),
      msg('a5', 'assistant', { rank: 2, synthetic: true, emojis: { '+1': 1 } }),
      msg('a6', 'assistant'),
      msg('a7', 'assistant', {
        rank: 3,
        deleted: true,
        replies: [msg('p8', 'prompter', { replies: [msg('a9', 'assistant')] })],
      }),
    ],
  }),
};

const items = oasstTreeLine(JSON.stringify(tree), 5);
const record = (x: { item: unknown }) => x.item as Record<string, unknown>;

describe('oasstTreeLine', () => {
  it('makes an interaction of each real assistant message, its input the path from the root', () => {
    expect(items.problems).toEqual([]);
    expect(items.interactions.map((i) => record(i).id)).toEqual(['oasst:a1', 'oasst:a3', 'oasst:a4', 'oasst:a6']);
    const a3 = record(items.interactions[1] ?? { item: {} });
    expect(a3).toMatchObject({
      sessionId: 'oasst:t1',
      userId: null,
      feature: 'import:oasst',
      output: 'text of a3',
      input: [
        { role: 'user', content: 'text of p0' },
        { role: 'assistant', content: 'text of a1' },
        { role: 'user', content: 'text of p2' },
      ],
      metadata: { source: 'oasst', line: 5, messageTreeId: 't1', messageId: 'a3', parentMessageId: 'p2', rank: null },
    });
  });

  it('turns each vote into a thumb from its own voter', () => {
    const thumbs = items.signals.filter((s) => record(s).type === 'thumbs').map(record);
    expect(thumbs.map((s) => [s.interactionId, s.value, s.userId])).toEqual([
      ['oasst:a1', 1, 'oasst-voter-a1-1'],
      ['oasst:a1', 1, 'oasst-voter-a1-2'],
      ['oasst:a1', -1, 'oasst-voter-a1-3'],
    ]);
    expect(new Set(thumbs.map((s) => s.id)).size).toBe(3);
  });

  it('prefers each better-ranked imported reply over each worse one, and counts the pairs it cannot make', () => {
    const prefs = items.signals.filter((s) => record(s).type === 'preference').map(record);
    expect(prefs.map((s) => [s.interactionId, s.value])).toEqual([['oasst:a1', { over: 'oasst:a4' }]]);
    // a5 (synthetic) and a7 (deleted) are ranked but not imported: pairs a1>a5, a1>a7, a4>a5, a4>a7, a5>a7.
    expect(items.skipped.filter((r) => r === OASST_SKIP_REASONS.pair)).toHaveLength(5);
  });

  it('skips synthetic assistant messages, and deleted ones with all their replies', () => {
    expect(items.skipped.filter((r) => r === OASST_SKIP_REASONS.synthetic)).toHaveLength(1);
    expect(items.skipped.filter((r) => r === OASST_SKIP_REASONS.deleted)).toHaveLength(2); // a7 and a9
  });

  it('names the fields of a malformed tree and imports nothing from it', () => {
    const bad = {
      message_tree_id: 't2',
      prompt: msg('p0', 'prompter', {
        replies: [{ ...msg('a1', 'assistant'), text: 3, emojis: { '+1': -1 } } as unknown as Msg],
      }),
    };
    const out = oasstTreeLine(JSON.stringify(bad), 1);
    expect(out.problems).toEqual([
      { field: 'prompt.replies[0].text', reason: 'expected text' },
      { field: 'prompt.replies[0].emojis.+1', reason: 'expected a count, a whole number >= 0' },
    ]);
    expect(out.interactions).toEqual([]);
    expect(oasstTreeLine('{"prompt": null}', 1).problems[0]?.field).toBe('prompt');
    expect(oasstTreeLine('nope', 1).problems[0]?.field).toBe('line');
  });
});
