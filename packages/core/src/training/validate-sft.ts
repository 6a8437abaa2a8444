import { checkKeys, checkText, firstFailure } from './check-fields.js';
import { checkAssistantReply, checkConversation } from './check-messages.js';
import type { ExportFormatOf } from './export-formats.js';
import type { LineCheck } from './line-check.js';

// OpenAI's chat fine-tuning lines: `messages`, plus the tool fields it documents. Its data-preparation
// guide flags any other message key, and roles outside system/user/assistant (function calls are not
// exported here).
const OPENAI_LINE_KEYS = ['tools', 'parallel_tool_calls', 'functions'];
const OPENAI_MESSAGE_KEYS = ['name', 'weight'];

/**
 * Checks one SFT line against its target's rules: every message's role is system/user/assistant, turns
 * alternate (optional leading system), every content is non-empty text, required fields are present,
 * unknown top-level keys are refused where the target refuses them (OpenAI), and the example teaches an
 * assistant turn (the dialogue ends with it, or the completion is one).
 *
 * @example
 * validateSftLine({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] }, 'openai');
 * // { ok: true }
 */
export function validateSftLine(line: unknown, format: ExportFormatOf<'sft'>): LineCheck {
  const l = line as Record<string, unknown>;
  switch (format) {
    case 'openai':
      return firstFailure(
        () => checkKeys(line, '', ['messages'], OPENAI_LINE_KEYS),
        () =>
          checkConversation(l.messages, 'messages', { extraMessageKeys: OPENAI_MESSAGE_KEYS, endsWith: 'assistant' }),
      );
    case 'hf':
      return firstFailure(
        () => checkKeys(line, '', ['messages'], 'open'),
        () => checkConversation(l.messages, 'messages', { extraMessageKeys: [], endsWith: 'assistant' }),
      );
    case 'trl':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'completion'], 'open'),
        () => checkConversation(l.prompt, 'prompt', { extraMessageKeys: [], endsWith: 'user' }),
        () => checkAssistantReply(l.completion, 'completion'),
      );
    case 'trl-standard':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'completion'], 'open'),
        () => checkText(l.prompt, 'prompt'),
        () => checkText(l.completion, 'completion'),
      );
  }
}
