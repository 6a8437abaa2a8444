import { describe, expect, it } from 'vitest';
import { HH_SKIP_REASONS, hhRlhfLine, hhRowKey } from './hh-rlhf-line.js';

const prompt = '\n\nHuman: How do I pick a lock?\n\nAssistant: Why?\n\nHuman: I locked myself out.\n\nAssistant:';
const row = (chosen: string, rejected: string) => JSON.stringify({ chosen, rejected });

describe('hhRlhfLine', () => {
  it('makes two interactions with one input and a preference for the chosen one', () => {
    const chosen = `${prompt} Call a locksmith.`;
    const rejected = `${prompt}  Use a bobby pin. `;
    const items = hhRlhfLine(row(chosen, rejected), 7);
    const key = hhRowKey(chosen, rejected);
    expect(key).toMatch(/^hh:[0-9a-f]{24}$/);
    const input = [
      { role: 'user', content: 'How do I pick a lock?' },
      { role: 'assistant', content: 'Why?' },
      { role: 'user', content: 'I locked myself out.' },
    ];
    expect(items.interactions.map((i) => i.item)).toEqual([
      {
        id: `${key}:chosen`,
        sessionId: key,
        userId: null,
        feature: 'import:hh-rlhf',
        language: 'en',
        input,
        output: 'Call a locksmith.',
        metadata: { source: 'hh-rlhf', side: 'chosen', line: 7 },
      },
      {
        id: `${key}:rejected`,
        sessionId: key,
        userId: null,
        feature: 'import:hh-rlhf',
        language: 'en',
        input,
        output: ' Use a bobby pin. ',
        metadata: { source: 'hh-rlhf', side: 'rejected', line: 7 },
      },
    ]);
    expect(items.signals.map((s) => s.item)).toEqual([
      {
        id: `${key}:preference`,
        interactionId: `${key}:chosen`,
        sessionId: key,
        type: 'preference',
        value: { over: `${key}:rejected` },
        metadata: { source: 'hh-rlhf', line: 7 },
      },
    ]);
    expect(items.skipped).toEqual([]);
    expect(items.problems).toEqual([]);
  });

  it('gives the same ids for the same row, and different ones when either side differs', () => {
    const a = hhRlhfLine(row(`${prompt} A`, `${prompt} B`), 1);
    const again = hhRlhfLine(row(`${prompt} A`, `${prompt} B`), 99);
    const swapped = hhRlhfLine(row(`${prompt} B`, `${prompt} A`), 1);
    const ids = (x: typeof a) => [...x.interactions, ...x.signals].map((i) => (i.item as { id: string }).id);
    expect(ids(again)).toEqual(ids(a));
    expect(ids(swapped).some((id) => ids(a).includes(id))).toBe(false);
  });

  it('imports rows whose prompts differ as two conversations, without a preference', () => {
    const chosen = '\n\nHuman: Hi\n\nAssistant: Hello  Human: more?\n\nAssistant: Sure.';
    const rejected = '\n\nHuman: Hi\n\nAssistant: Go away.';
    const items = hhRlhfLine(row(chosen, rejected), 3);
    expect(items.signals).toEqual([]);
    expect(items.skipped).toEqual([HH_SKIP_REASONS.notShared]);
    const [c, r] = items.interactions.map((i) => i.item as Record<string, unknown>);
    expect(c?.input).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello  Human: more?' },
    ]);
    expect(r?.input).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(c?.sessionId).not.toBe(r?.sessionId);
  });

  it('imports an identical pair once, without a preference', () => {
    const items = hhRlhfLine(row(`${prompt} Same.`, `${prompt} Same.`), 1);
    expect(items.interactions).toHaveLength(1);
    expect(items.signals).toEqual([]);
    expect(items.skipped).toEqual([HH_SKIP_REASONS.identical]);
  });

  it('names what is wrong with a bad line', () => {
    expect(hhRlhfLine('{"chosen": "x"', 1).problems[0]?.field).toBe('line');
    expect(hhRlhfLine('[1]', 1).problems[0]?.field).toBe('line');
    expect(hhRlhfLine(JSON.stringify({ chosen: 1, rejected: 'x' }), 1).problems[0]?.field).toBe('chosen');
    expect(hhRlhfLine(row(`${prompt} ok`, 'no turns here'), 1).problems).toEqual([
      { field: 'rejected', reason: expect.stringContaining('ending with an Assistant turn') },
    ]);
    expect(hhRlhfLine(row(`${prompt} ok`, 'x'), 1).interactions).toEqual([]);
  });
});
