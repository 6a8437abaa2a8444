import { promptMessages, type TrainingMessage, validatePrompt } from '@feedloop/core';

export type EvalPrompt =
  | { ok: true; messages: TrainingMessage[] }
  | { ok: false; reason: 'no-prompt' | 'non-text-content' | 'invalid-prompt'; detail: string };

/**
 * An interaction's stored input (JSON text) as the prompt of an eval case: text-only chat messages, an
 * optional system message, then user and assistant turns alternating, ending with the user — what every
 * eval target (promptfoo, OpenAI evals) can replay.
 */
export function evalPrompt(input: string | null): EvalPrompt {
  if (input === null) return { ok: false, reason: 'no-prompt', detail: 'the interaction has no input' };
  const prompt = promptMessages(JSON.parse(input) as unknown);
  if (!prompt.ok) {
    return {
      ok: false,
      reason: prompt.reason,
      detail: prompt.reason === 'no-prompt' ? 'the input has no messages' : 'the input holds non-text content',
    };
  }
  const check = validatePrompt(prompt.messages);
  if (!check.ok) {
    return {
      ok: false,
      reason: 'invalid-prompt',
      detail: `the input is not a replayable conversation (${check.reason} at ${check.field})`,
    };
  }
  return { ok: true, messages: prompt.messages };
}
