import type { TrainingMessage } from './training-example.js';

export type PromptResult =
  | { ok: true; messages: TrainingMessage[] }
  | { ok: false; reason: 'no-prompt' | 'non-text-content' };

/** OpenAI-style content parts: only text parts can go into a text-only training file. */
function textOfParts(parts: readonly unknown[]): string | undefined {
  const texts: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') texts.push(part);
    else if (
      typeof part === 'object' &&
      part !== null &&
      (part as { type?: unknown }).type === 'text' &&
      typeof (part as { text?: unknown }).text === 'string'
    )
      texts.push((part as { text: string }).text);
    else return undefined;
  }
  return texts.join('');
}

/**
 * An interaction's logged input as training messages: a string becomes one user message; chat messages
 * keep their role and text (text content parts are joined; images, audio or files make the prompt
 * unusable, since every target here is text-only). Extra message fields (`name`, `tool_calls`) are
 * dropped. Roles and empty contents are left for the validator to judge.
 *
 * @example
 * promptMessages('Hi');                                  // { ok: true, messages: [{ role: 'user', content: 'Hi' }] }
 * promptMessages([{ role: 'user', content: [{ type: 'image_url' }] }]); // { ok: false, reason: 'non-text-content' }
 */
export function promptMessages(input: unknown): PromptResult {
  if (typeof input === 'string') return { ok: true, messages: [{ role: 'user', content: input }] };
  if (!Array.isArray(input) || input.length === 0) return { ok: false, reason: 'no-prompt' };
  const messages: TrainingMessage[] = [];
  for (const m of input as unknown[]) {
    if (typeof m !== 'object' || m === null) return { ok: false, reason: 'no-prompt' };
    const { role, content } = m as { role?: unknown; content?: unknown };
    const text =
      typeof content === 'string'
        ? content
        : content == null
          ? ''
          : Array.isArray(content)
            ? textOfParts(content)
            : undefined;
    if (text === undefined) return { ok: false, reason: 'non-text-content' };
    messages.push({ role: typeof role === 'string' ? role : '', content: text });
  }
  return { ok: true, messages };
}
