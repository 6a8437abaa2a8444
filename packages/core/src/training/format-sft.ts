import type { ExportFormatOf } from './export-formats.js';
import { renderPrompt } from './render-transcript.js';
import type { SftExample, TrainingMessage } from './training-example.js';

/**
 * `openai` and `hf`: the whole dialogue, ending with the answer to learn —
 * `{"messages":[{"role":"system","content":"…"}?, {"role":"user","content":"…"}, …, {"role":"assistant","content":"…"}]}`.
 * OpenAI's chat fine-tuning JSONL and the Hugging Face / TRL conversational language-modeling column
 * have the same shape.
 */
export interface MessagesLine {
  messages: TrainingMessage[];
}

/** `trl`: TRL's conversational prompt-completion — `{"prompt":[…], "completion":[{"role":"assistant","content":"…"}]}`. */
export interface ConversationalCompletionLine {
  prompt: TrainingMessage[];
  completion: [TrainingMessage];
}

/** `trl-standard`: TRL's standard prompt-completion — `{"prompt":"…","completion":"…"}` (see `renderPrompt`). */
export interface StandardCompletionLine {
  prompt: string;
  completion: string;
}

export type SftLine = MessagesLine | ConversationalCompletionLine | StandardCompletionLine;

export const assistant = (content: string): TrainingMessage => ({ role: 'assistant', content });

/**
 * One SFT example in the given format.
 *
 * @example
 * formatSft({ prompt: [{ role: 'user', content: 'Hi' }], completion: 'Hello!' }, 'openai');
 * // { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] }
 */
export function formatSft(example: SftExample, format: ExportFormatOf<'sft'>): SftLine {
  switch (format) {
    case 'openai':
    case 'hf':
      return { messages: [...example.prompt, assistant(example.completion)] };
    case 'trl':
      return { prompt: example.prompt, completion: [assistant(example.completion)] };
    case 'trl-standard':
      return { prompt: renderPrompt(example.prompt), completion: example.completion };
  }
}
