/**
 * Anthropic HH-RLHF transcripts: `"\n\nHuman: …\n\nAssistant: …"`. Parsing and rebuilding are exact
 * inverses, so an export can reproduce the original strings byte for byte from what the import stored.
 */

/** A transcript split into the prompt's chat messages and the final assistant turn. */
export interface HhTranscript {
  /** Every turn before the last one: Human → `user`, Assistant → `assistant`. */
  messages: { role: 'user' | 'assistant'; content: string }[];
  /** The text of the final Assistant turn, without the one space that follows `Assistant:`. */
  completion: string;
}

/**
 * A turn starts at `\n\nHuman: ` or `\n\nAssistant: `, the space included: the space belongs to the
 * separator, so a turn's text keeps any further spaces, and a `\n\nHuman:` with no space after it (which
 * the source never writes as a separator) stays part of the text.
 */
const TURN = /\n\n(Human|Assistant): /g;

const ROLE_OF = { Human: 'user', Assistant: 'assistant' } as const;
const SPEAKER_OF = new Map([
  ['user', 'Human'],
  ['assistant', 'Assistant'],
]);

/**
 * Splits a transcript into chat messages and the final assistant text; undefined when it does not start
 * with a turn or its last turn is not the Assistant's.
 *
 * @example
 * parseHhTranscript('\n\nHuman: Hi\n\nAssistant: Hello!')
 * // → { messages: [{ role: 'user', content: 'Hi' }], completion: 'Hello!' }
 */
export function parseHhTranscript(text: string): HhTranscript | undefined {
  const turns: { role: 'user' | 'assistant'; start: number; end: number }[] = [];
  for (const match of text.matchAll(TURN)) {
    const speaker = match[1] === 'Human' ? 'Human' : 'Assistant';
    const previous = turns.at(-1);
    if (previous) previous.end = match.index;
    else if (match.index !== 0) return undefined;
    turns.push({ role: ROLE_OF[speaker], start: match.index + match[0].length, end: text.length });
  }
  const last = turns.pop();
  if (last?.role !== 'assistant') return undefined;
  return {
    messages: turns.map((t) => ({ role: t.role, content: text.slice(t.start, t.end) })),
    completion: text.slice(last.start, last.end),
  };
}

/**
 * Rebuilds the original transcript from the prompt's messages and the final assistant text: the inverse
 * of `parseHhTranscript`. Throws on a role other than user/assistant or content that is not text.
 *
 * @example
 * hhTranscript([{ role: 'user', content: 'Hi' }], 'Hello!') // → '\n\nHuman: Hi\n\nAssistant: Hello!'
 */
export function hhTranscript(messages: readonly { role: string; content: unknown }[], completion: string): string {
  let text = '';
  for (const [i, message] of messages.entries()) {
    const speaker = SPEAKER_OF.get(message.role);
    if (speaker === undefined) throw new TypeError(`messages[${i}].role: expected user or assistant`);
    if (typeof message.content !== 'string') throw new TypeError(`messages[${i}].content: expected text`);
    text += `\n\n${speaker}: ${message.content}`;
  }
  return `${text}\n\nAssistant: ${completion}`;
}
