import { describe, expect, it } from 'vitest';
import { jsonlLine } from './jsonl-line.js';

const interaction = { id: 'int_1', input: 'Hi', output: 'Hello' };
const signal = { id: 'sig_1', interactionId: 'int_1', type: 'thumbs', value: 1 };

describe('jsonlLine', () => {
  it('reads one interaction, one signal, or a whole batch', () => {
    expect(jsonlLine(JSON.stringify({ interaction })).interactions).toEqual([
      { at: 'interaction', item: { ...interaction, metadata: { source: 'jsonl' } } },
    ]);
    expect(jsonlLine(JSON.stringify({ signal })).signals).toEqual([
      { at: 'signal', item: { ...signal, metadata: { source: 'jsonl' } } },
    ]);
    const batch = jsonlLine(JSON.stringify({ interactions: [interaction, interaction], signals: [signal] }));
    expect(batch.interactions.map((i) => i.at)).toEqual(['interactions[0]', 'interactions[1]']);
    expect(batch.signals.map((i) => i.at)).toEqual(['signals[0]']);
    expect(batch.problems).toEqual([]);
  });

  it("keeps an item's own source and other metadata", () => {
    const own = { ...interaction, metadata: { source: 'crm', team: 'a' } };
    expect(jsonlLine(JSON.stringify({ interaction: own })).interactions[0]?.item).toEqual(own);
    const other = { ...interaction, metadata: { team: 'a' } };
    expect(jsonlLine(JSON.stringify({ interaction: other })).interactions[0]?.item).toEqual({
      ...interaction,
      metadata: { team: 'a', source: 'jsonl' },
    });
  });

  it('leaves malformed items to validation, which names their fields', () => {
    const items = jsonlLine(JSON.stringify({ interactions: [42, { ...interaction, metadata: 'x' }] }));
    expect(items.interactions.map((i) => i.item)).toEqual([42, { ...interaction, metadata: 'x' }]);
  });

  it('names what is wrong with a line it cannot read', () => {
    expect(jsonlLine('not json').problems).toEqual([
      { field: 'line', reason: expect.stringMatching(/^not valid JSON/) },
    ]);
    expect(jsonlLine('[]').problems[0]?.field).toBe('line');
    expect(jsonlLine('{}').problems[0]?.field).toBe('line');
    expect(jsonlLine(JSON.stringify({ interation: interaction })).problems).toEqual([
      { field: 'interation', reason: expect.stringContaining('unknown field') },
    ]);
    expect(jsonlLine(JSON.stringify({ signals: signal })).problems).toEqual([
      { field: 'signals', reason: 'expected a list of signals' },
    ]);
  });
});
