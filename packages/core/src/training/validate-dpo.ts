import { checkKeys, checkText, firstFailure } from './check-fields.js';
import { checkAssistantReply, checkConversation, replyText } from './check-messages.js';
import type { ExportFormatOf } from './export-formats.js';
import { fail, type LineCheck, PASS } from './line-check.js';

const PROMPT_RULES = { extraMessageKeys: [], endsWith: 'user' } as const;

const differ = (chosen: string, rejected: string, field: string): LineCheck =>
  chosen.trim() === rejected.trim() ? fail('identical-pair', field) : PASS;

/**
 * Checks one DPO line: the prompt is a conversation that ends with a user turn (or non-empty text in the
 * standard form), chosen and rejected are each one non-empty assistant reply (or text), and they differ —
 * a pair of equal answers teaches nothing. OpenAI's form refuses unknown keys at the top and in `input`.
 *
 * @example
 * validateDpoLine({ prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Lyon.' }, 'trl-standard'); // { ok: true }
 */
export function validateDpoLine(line: unknown, format: ExportFormatOf<'dpo'>): LineCheck {
  const l = line as Record<string, unknown>;
  switch (format) {
    case 'trl':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'chosen', 'rejected'], 'open'),
        () => checkConversation(l.prompt, 'prompt', PROMPT_RULES),
        () => checkAssistantReply(l.chosen, 'chosen'),
        () => checkAssistantReply(l.rejected, 'rejected'),
        () => differ(replyText(l.chosen), replyText(l.rejected), 'rejected'),
      );
    case 'trl-standard':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'chosen', 'rejected'], 'open'),
        () => checkText(l.prompt, 'prompt'),
        () => checkText(l.chosen, 'chosen'),
        () => checkText(l.rejected, 'rejected'),
        () => differ(l.chosen as string, l.rejected as string, 'rejected'),
      );
    case 'openai': {
      const input = l.input as Record<string, unknown> | undefined;
      return firstFailure(
        () => checkKeys(line, '', ['input', 'preferred_output', 'non_preferred_output'], []),
        () => checkKeys(input, 'input', ['messages'], ['tools', 'parallel_tool_calls']),
        () => checkConversation(input?.messages, 'input.messages', { extraMessageKeys: ['name'], endsWith: 'user' }),
        () => checkAssistantReply(l.preferred_output, 'preferred_output'),
        () => checkAssistantReply(l.non_preferred_output, 'non_preferred_output'),
        () => differ(replyText(l.preferred_output), replyText(l.non_preferred_output), 'non_preferred_output'),
      );
    }
  }
}
