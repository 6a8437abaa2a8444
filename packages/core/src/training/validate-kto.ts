import { checkBoolean, checkKeys, checkText, firstFailure } from './check-fields.js';
import { checkAssistantReply, checkConversation } from './check-messages.js';
import type { ExportFormatOf } from './export-formats.js';
import type { LineCheck } from './line-check.js';

/**
 * Checks one KTO line (TRL's unpaired preference type): a prompt that ends with a user turn (or
 * non-empty text), one non-empty assistant completion (or text), and a boolean `label`.
 *
 * @example
 * validateKtoLine({ prompt: 'Hi', completion: 'Hello!', label: true }, 'trl-standard'); // { ok: true }
 */
export function validateKtoLine(line: unknown, format: ExportFormatOf<'kto'>): LineCheck {
  const l = line as Record<string, unknown>;
  switch (format) {
    case 'trl':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'completion', 'label'], 'open'),
        () => checkConversation(l.prompt, 'prompt', { extraMessageKeys: [], endsWith: 'user' }),
        () => checkAssistantReply(l.completion, 'completion'),
        () => checkBoolean(l.label, 'label'),
      );
    case 'trl-standard':
      return firstFailure(
        () => checkKeys(line, '', ['prompt', 'completion', 'label'], 'open'),
        () => checkText(l.prompt, 'prompt'),
        () => checkText(l.completion, 'completion'),
        () => checkBoolean(l.label, 'label'),
      );
  }
}
