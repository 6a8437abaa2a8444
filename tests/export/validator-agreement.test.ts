/**
 * The exporter's validators (packages/core/src/training) and the independent rules in format-rules.ts
 * must agree on every line, valid or not: random lines, most of them broken in some way (wrong roles,
 * blank or non-string content, broken alternation, wrong lengths, equal answers, non-boolean labels).
 */
import { EXPORT_FORMATS, EXPORT_KINDS, validateLine } from '@feedloop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblems } from './format-rules.js';

const content = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Paris.', 'Lyon.', 'Hi', 'Capital of France?') },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 42, null) },
);
const message = (roles: fc.Arbitrary<string>) => fc.record({ role: roles, content });
const anyRole = fc.constantFrom('system', 'user', 'assistant', 'user', 'assistant', 'tool');
const conversation = fc.array(message(anyRole), { maxLength: 5 });
const reply = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(message(fc.constantFrom('assistant', 'assistant', 'user'))).map((m) => [...m]) },
  { weight: 1, arbitrary: fc.array(message(fc.constant('assistant')), { maxLength: 2 }) },
);
const text = fc.constantFrom('Paris.', 'Lyon.', 'Paris. ', '', ' ', 'Capital of France?');
const label = fc.constantFrom<unknown>(true, false, 'true', 1);

const lines: Record<string, fc.Arbitrary<unknown>> = {
  'sft/openai': fc.record({ messages: conversation }),
  'sft/hf': fc.record({ messages: conversation }),
  'sft/trl': fc.record({ prompt: conversation, completion: reply }),
  'sft/trl-standard': fc.record({ prompt: text, completion: text }),
  'dpo/trl': fc.record({ prompt: conversation, chosen: reply, rejected: reply }),
  'dpo/trl-standard': fc.record({ prompt: text, chosen: text, rejected: text }),
  'dpo/openai': fc.record({
    input: fc.record({ messages: conversation }),
    preferred_output: reply,
    non_preferred_output: reply,
  }),
  'kto/trl': fc.record({ prompt: conversation, completion: reply, label }),
  'kto/trl-standard': fc.record({ prompt: text, completion: text, label }),
};

const targets = EXPORT_KINDS.flatMap((kind) => EXPORT_FORMATS[kind].map((format) => ({ kind, format })));

describe('the exporter’s validators agree with the documented format rules', () => {
  it.each(targets)('$kind as $format', ({ kind, format }) => {
    const arbitrary = lines[`${kind}/${format}`];
    if (arbitrary === undefined) throw new Error(`no generator for ${kind}/${format}`);
    let valid = 0;
    fc.assert(
      fc.property(arbitrary, (line) => {
        const ours = validateLine(kind, format, line).ok;
        const theirs = formatProblems(kind, format, line);
        if (ours) valid++;
        expect({ ours, theirs: theirs.length === 0 ? 'ok' : theirs }).toEqual({
          ours: theirs.length === 0,
          theirs: ours ? 'ok' : expect.anything(),
        });
      }),
      { numRuns: 2000 },
    );
    // Both sides must have been exercised: some lines valid, most not.
    expect(valid).toBeGreaterThan(10);
  });
});
