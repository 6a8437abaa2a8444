import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportKind } from './export-formats.js';
import { redactExample } from './redact-example.js';
import { renderPrompt } from './render-transcript.js';
import { type ExampleOf, TRAINING_CODECS } from './training-codecs.js';
import type { TrainingMessage } from './training-example.js';
import { validateLine, validatePrompt } from './validate-line.js';

/** Text with at least one visible character. */
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);

/** A valid prompt: optional system, then user/assistant turns alternating, ending with user. */
const prompt: fc.Arbitrary<TrainingMessage[]> = fc
  .tuple(fc.option(text, { nil: undefined }), fc.array(fc.tuple(text, text), { maxLength: 3 }), text)
  .map(([sys, turns, last]) => [
    ...(sys === undefined ? [] : [{ role: 'system', content: sys }]),
    ...turns.flatMap(([u, a]) => [
      { role: 'user', content: u },
      { role: 'assistant', content: a },
    ]),
    { role: 'user', content: last },
  ]);

const examples: { [K in ExportKind]: fc.Arbitrary<ExampleOf[K]> } = {
  sft: fc.record({ prompt, completion: text }),
  dpo: fc.record({ prompt, chosen: text, rejected: text }).filter((e) => e.chosen.trim() !== e.rejected.trim()),
  kto: fc.record({ prompt, completion: text, label: fc.boolean() }),
};

const targets = EXPORT_KINDS.flatMap((kind) => EXPORT_FORMATS[kind].map((format) => [kind, format] as const));

describe('formats and validators agree', () => {
  it.each(targets)('every valid %s example formatted as %s passes its validator, through JSON', (kind, format) => {
    fc.assert(
      fc.property(examples[kind] as fc.Arbitrary<ExampleOf[typeof kind]>, (example) => {
        const line = (TRAINING_CODECS[kind] as (typeof TRAINING_CODECS)['sft']).format(
          example as ExampleOf['sft'],
          format as 'openai',
        );
        expect(validatePrompt(example.prompt)).toEqual({ ok: true });
        expect(validateLine(kind, format, JSON.parse(JSON.stringify(line)))).toEqual({ ok: true });
      }),
    );
  });

  it.each(targets)('a %s example whose completion is blank fails as %s with empty-content', (kind, format) => {
    fc.assert(
      fc.property(examples[kind], fc.constantFrom('', ' ', '\n\t'), (example, blank) => {
        const broken = kind === 'dpo' ? { ...example, chosen: blank } : { ...example, completion: blank };
        const codec = TRAINING_CODECS[kind] as (typeof TRAINING_CODECS)['sft'];
        const result = validateLine(kind, format, codec.format(broken as ExampleOf['sft'], format as 'openai'));
        expect(result).toMatchObject({ ok: false, reason: 'empty-content' });
      }),
    );
  });

  it('a DPO pair whose answers differ only in surrounding whitespace is refused as identical', () => {
    fc.assert(
      fc.property(examples.dpo, fc.constantFrom('trl', 'trl-standard', 'openai' as const), (e, format) => {
        const line = TRAINING_CODECS.dpo.format({ ...e, rejected: ` ${e.chosen}\n` }, format);
        expect(validateLine('dpo', format, line)).toMatchObject({ ok: false, reason: 'identical-pair' });
      }),
    );
  });
});

describe('prompt rules (checked before a standard format flattens roles)', () => {
  it('refuses a role outside system/user/assistant, wherever it is', () => {
    fc.assert(
      fc.property(prompt, fc.nat(), fc.constantFrom('tool', 'function', 'developer', ''), (p, i, role) => {
        const at = i % p.length;
        const broken = p.map((m, n) => (n === at ? { ...m, role } : m));
        expect(validatePrompt(broken)).toMatchObject({
          ok: false,
          reason: 'invalid-role',
          field: `prompt[${at}].role`,
        });
      }),
    );
  });

  it('refuses two turns of the same role in a row, and a system message after the first turn', () => {
    expect(
      validatePrompt([
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ]),
    ).toMatchObject({
      reason: 'bad-alternation',
      field: 'prompt[1].role',
    });
    expect(
      validatePrompt([
        { role: 'user', content: 'a' },
        { role: 'system', content: 'b' },
      ]),
    ).toMatchObject({
      reason: 'bad-alternation',
    });
    expect(
      validatePrompt([
        { role: 'assistant', content: 'a' },
        { role: 'user', content: 'b' },
      ]),
    ).toMatchObject({
      reason: 'bad-alternation',
      field: 'prompt[0].role',
    });
    expect(
      validatePrompt([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
      ]),
    ).toMatchObject({
      reason: 'wrong-final-role',
    });
    expect(validatePrompt([])).toMatchObject({ reason: 'empty-content' });
  });
});

describe('line shapes', () => {
  const p = [{ role: 'user', content: 'Capital of France?' }];

  it('writes the documented shapes', () => {
    expect(TRAINING_CODECS.sft.format({ prompt: p, completion: 'Paris.' }, 'openai')).toEqual({
      messages: [...p, { role: 'assistant', content: 'Paris.' }],
    });
    expect(TRAINING_CODECS.sft.format({ prompt: p, completion: 'Paris.' }, 'trl')).toEqual({
      prompt: p,
      completion: [{ role: 'assistant', content: 'Paris.' }],
    });
    expect(TRAINING_CODECS.dpo.format({ prompt: p, chosen: 'Paris.', rejected: 'Lyon.' }, 'openai')).toEqual({
      input: { messages: p },
      preferred_output: [{ role: 'assistant', content: 'Paris.' }],
      non_preferred_output: [{ role: 'assistant', content: 'Lyon.' }],
    });
    expect(TRAINING_CODECS.dpo.format({ prompt: p, chosen: 'Paris.', rejected: 'Lyon.' }, 'trl-standard')).toEqual({
      prompt: 'Capital of France?',
      chosen: 'Paris.',
      rejected: 'Lyon.',
    });
    expect(TRAINING_CODECS.kto.format({ prompt: p, completion: 'Lyon.', label: false }, 'trl')).toEqual({
      prompt: p,
      completion: [{ role: 'assistant', content: 'Lyon.' }],
      label: false,
    });
  });

  it('refuses unknown keys where OpenAI does, and mixed standard/conversational columns', () => {
    expect(
      validateLine('sft', 'openai', { messages: [...p, { role: 'assistant', content: 'Paris.' }], id: 'x' }),
    ).toMatchObject({ reason: 'unknown-field', field: 'id' });
    expect(
      validateLine('sft', 'openai', { messages: [...p, { role: 'assistant', content: 'Paris.', confidence: 1 }] }),
    ).toMatchObject({ reason: 'unknown-field', field: 'messages[1].confidence' });
    expect(
      validateLine('dpo', 'trl', {
        prompt: 'Capital?',
        chosen: [{ role: 'assistant', content: 'P' }],
        rejected: [{ role: 'assistant', content: 'L' }],
      }),
    ).toMatchObject({ reason: 'wrong-type', field: 'prompt' });
    expect(validateLine('kto', 'trl-standard', { prompt: 'a', completion: 'b', label: 'true' })).toMatchObject({
      reason: 'wrong-type',
      field: 'label',
    });
    expect(validateLine('dpo', 'openai', { input: { messages: p }, preferred_output: [] })).toMatchObject({
      reason: 'missing-field',
      field: 'non_preferred_output',
    });
    expect(validateLine('sft', 'hf', 'not json object')).toMatchObject({ reason: 'not-an-object' });
    expect(validateLine('kto', 'openai', {})).toMatchObject({ ok: false });
  });
});

describe('renderPrompt', () => {
  it('keeps a lone user message verbatim and renders anything else as a transcript ending with Assistant:', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(renderPrompt([{ role: 'user', content: t }])).toBe(t);
      }),
    );
    expect(
      renderPrompt([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Bye' },
      ]),
    ).toBe('User: Hi\n\nAssistant: Hello\n\nUser: Bye\n\nAssistant:');
  });
});

describe('redactExample', () => {
  it('redacts every string of an example in one session and puts each back in its place', () => {
    fc.assert(
      fc.property(examples.dpo, (e) => {
        const calls: string[][] = [];
        const { example, report } = redactExample('dpo', e, {
          redactRecord: (texts) => {
            calls.push([...texts]);
            return { texts: texts.map((t) => `[${t}]`), report: { EMAIL: 1 } };
          },
        });
        expect(calls).toHaveLength(1);
        expect(example.prompt.map((m) => m.role)).toEqual(e.prompt.map((m) => m.role));
        expect(example.prompt.map((m) => m.content)).toEqual(e.prompt.map((m) => `[${m.content}]`));
        expect([example.chosen, example.rejected]).toEqual([`[${e.chosen}]`, `[${e.rejected}]`]);
        expect(report).toEqual({ EMAIL: 1 });
      }),
    );
  });
});
