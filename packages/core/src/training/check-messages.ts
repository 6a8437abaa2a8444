import { checkKeys, checkText } from './check-fields.js';
import { fail, type LineCheck, PASS } from './line-check.js';
import { TRAINING_ROLES } from './training-example.js';

export interface ConversationRules {
  /** Keys a message may carry besides `role` and `content`. */
  readonly extraMessageKeys: readonly string[];
  /** The role the conversation must end with: `user` for a prompt, `assistant` for a full SFT dialogue. */
  readonly endsWith: 'user' | 'assistant';
}

function checkMessage(value: unknown, field: string, extraKeys: readonly string[]): LineCheck {
  const keys = checkKeys(value, field, ['role', 'content'], extraKeys);
  if (!keys.ok) return keys;
  const message = value as Record<string, unknown>;
  if (typeof message.role !== 'string' || !(TRAINING_ROLES as readonly string[]).includes(message.role)) {
    return fail('invalid-role', `${field}.role`);
  }
  return checkText(message.content, `${field}.content`);
}

/**
 * A conversation as every target here reads it: an optional leading system message, then user and
 * assistant strictly alternating, starting with user, each with non-empty text. This is the rule chat
 * templates enforce (many raise on two user turns in a row) and what OpenAI's data-preparation checks
 * and TRL's conversational formats assume.
 *
 * @example
 * checkConversation([{ role: 'user', content: 'Hi' }, { role: 'user', content: 'Hi?' }], 'messages', rules);
 * // { ok: false, reason: 'bad-alternation', field: 'messages[1].role' }
 */
export function checkConversation(value: unknown, field: string, rules: ConversationRules): LineCheck {
  if (!Array.isArray(value)) return fail('wrong-type', field);
  if (value.length === 0) return fail('empty-content', field);
  let expected: 'user' | 'assistant' = 'user';
  for (let i = 0; i < value.length; i++) {
    const at = `${field}[${i}]`;
    const message = checkMessage(value[i], at, rules.extraMessageKeys);
    if (!message.ok) return message;
    const role = (value[i] as { role: string }).role;
    if (role === 'system' && i === 0) continue;
    if (role !== expected) return fail('bad-alternation', `${at}.role`);
    expected = expected === 'user' ? 'assistant' : 'user';
  }
  const last = value[value.length - 1] as { role: string };
  if (last.role !== rules.endsWith) return fail('wrong-final-role', `${field}[${value.length - 1}].role`);
  return PASS;
}

/** A completion in conversational form: exactly one assistant message with non-empty text. */
export function checkAssistantReply(value: unknown, field: string, extraKeys: readonly string[] = []): LineCheck {
  if (!Array.isArray(value)) return fail('wrong-type', field);
  if (value.length !== 1) return fail(value.length === 0 ? 'empty-content' : 'bad-alternation', field);
  const message = checkMessage(value[0], `${field}[0]`, extraKeys);
  if (!message.ok) return message;
  return (value[0] as { role: string }).role === 'assistant' ? PASS : fail('invalid-role', `${field}[0].role`);
}

/** The text of a reply that passed `checkAssistantReply`. */
export function replyText(reply: unknown): string {
  return ((reply as Array<{ content: string }>)[0]?.content ?? '').trim();
}
