import { checkConversation } from './check-messages.js';
import { type ExportFormat, type ExportKind, isFormatOf } from './export-formats.js';
import { fail, type LineCheck } from './line-check.js';
import type { TrainingMessage } from './training-example.js';
import { validateDpoLine } from './validate-dpo.js';
import { validateKtoLine } from './validate-kto.js';
import { validateSftLine } from './validate-sft.js';

/**
 * Checks one exported line (parsed JSON) against the rules of `kind` in `format`. The exporter runs every
 * line through this before writing it, and the test suite runs every written line through it again.
 *
 * @example
 * validateLine('kto', 'trl', { prompt: [{ role: 'user', content: 'Hi' }], completion: [{ role: 'assistant', content: 'Yo' }], label: 1 });
 * // { ok: false, reason: 'wrong-type', field: 'label' }
 */
export function validateLine(kind: ExportKind, format: ExportFormat, line: unknown): LineCheck {
  if (kind === 'sft' && isFormatOf('sft', format)) return validateSftLine(line, format);
  if (kind === 'dpo' && isFormatOf('dpo', format)) return validateDpoLine(line, format);
  if (kind === 'kto' && isFormatOf('kto', format)) return validateKtoLine(line, format);
  return fail('wrong-type', 'format');
}

/**
 * Checks a prompt before it is rendered: the standard (string) formats flatten roles into a transcript,
 * after which a `tool` turn or two user turns in a row could no longer be seen. Same rules as the
 * conversational formats: optional system, then user/assistant alternating, ending with user.
 */
export function validatePrompt(prompt: readonly TrainingMessage[]): LineCheck {
  return checkConversation(prompt, 'prompt', { extraMessageKeys: [], endsWith: 'user' });
}
