import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hhTranscript, parseHhTranscript } from './hh-transcript.js';

/** Text that often contains the pieces a transcript is made of, so separators inside text get tested. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', '\n\n', ' ', '  ', 'Human:', 'Assistant:', '\n\nHuman:', '\n\nAssistant:', 'Human: '),
      fc.constantFrom('\n\nHuman: ', '\n\nAssistant: ', '\n\nFrank: ', '\r\n', '\t', '→', '😀'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const speaker = fc.constantFrom('Human', 'Assistant');
/** A separator inside the final answer would start a new (human) turn: that is no longer an answer. */
const clean = tricky.filter((t) => !/\n\n(Human|Assistant): /.test(t));

describe('parseHhTranscript', () => {
  it('splits turns into chat messages and the final assistant text', () => {
    const text = '\n\nHuman: Hi there\n\nAssistant:  Hello! \n\nHuman: Bye\n\nAssistant: See you ';
    expect(parseHhTranscript(text)).toEqual({
      messages: [
        { role: 'user', content: 'Hi there' },
        { role: 'assistant', content: ' Hello! ' },
        { role: 'user', content: 'Bye' },
      ],
      completion: 'See you ',
    });
  });

  it('keeps "Human:" inside a turn as text when it is not a separator', () => {
    const text = '\n\nHuman: a  Human: b\n\nHuman:c\n\nAssistant: '; // the source has all three
    expect(parseHhTranscript(text)).toEqual({
      messages: [{ role: 'user', content: 'a  Human: b\n\nHuman:c' }],
      completion: '',
    });
  });

  it('rejects text that is not a transcript ending with the assistant', () => {
    expect(parseHhTranscript('')).toBeUndefined();
    expect(parseHhTranscript('Hello\n\nHuman: hi\n\nAssistant: yo')).toBeUndefined();
    expect(parseHhTranscript('\n\nHuman: hi')).toBeUndefined();
    expect(parseHhTranscript('\n\nHuman: hi\n\nAssistant:')).toBeUndefined();
  });

  it('rebuild(parse(x)) === x for any transcript, separators inside earlier turns included (property)', () => {
    const transcript = fc
      .tuple(fc.array(fc.tuple(speaker, tricky), { maxLength: 6 }), clean)
      .map(([turns, last]) => `${turns.map(([s, t]) => `\n\n${s}: ${t}`).join('')}\n\nAssistant: ${last}`);
    fc.assert(
      fc.property(transcript, (text) => {
        const parsed = parseHhTranscript(text);
        expect(parsed).toBeDefined();
        if (parsed) expect(hhTranscript(parsed.messages, parsed.completion)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('parse(rebuild(m, c)) gives back the messages when no text holds a separator (property)', () => {
    const message = fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: clean });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), clean, (messages, completion) => {
        expect(parseHhTranscript(hhTranscript(messages, completion))).toEqual({ messages, completion });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hhTranscript', () => {
  it('writes the source format, with the space after each speaker', () => {
    expect(hhTranscript([{ role: 'user', content: 'Hi' }], 'Hello!')).toBe('\n\nHuman: Hi\n\nAssistant: Hello!');
  });

  it('refuses what the format cannot hold', () => {
    expect(() => hhTranscript([{ role: 'system', content: 'x' }], '')).toThrow('messages[0].role');
    expect(() => hhTranscript([{ role: 'toString', content: 'x' }], '')).toThrow('messages[0].role');
    expect(() => hhTranscript([{ role: 'user', content: [] }], '')).toThrow('messages[0].content');
  });
});
