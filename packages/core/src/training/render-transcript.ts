import type { TrainingMessage } from './training-example.js';

const LABELS: Record<string, string> = { system: 'System', user: 'User', assistant: 'Assistant' };

/**
 * A prompt as one string, for TRL's standard (string) formats. A lone user message is its text, verbatim,
 * as in TRL's own examples; anything else (a system message, several turns) becomes a transcript of
 * `Role: text` paragraphs that ends with `Assistant:`, so the completion reads as the next turn.
 *
 * @example
 * renderPrompt([{ role: 'user', content: 'Hi' }]); // 'Hi'
 * renderPrompt([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
 * // 'System: Be brief.\n\nUser: Hi\n\nAssistant:'
 */
export function renderPrompt(messages: readonly TrainingMessage[]): string {
  const [only] = messages;
  if (messages.length === 1 && only?.role === 'user') return only.content;
  const turns = messages.map((m) => `${LABELS[m.role] ?? m.role}: ${m.content}`);
  turns.push('Assistant:');
  return turns.join('\n\n');
}
