import type { ExportFormatOf } from './export-formats.js';
import { assistant } from './format-sft.js';
import { renderPrompt } from './render-transcript.js';
import type { PreferenceExample, TrainingMessage } from './training-example.js';

/**
 * `trl`: TRL's conversational preference type —
 * `{"prompt":[{"role":"user","content":"…"}], "chosen":[{"role":"assistant","content":"…"}], "rejected":[{"role":"assistant","content":"…"}]}`.
 */
export interface ConversationalPreferenceLine {
  prompt: TrainingMessage[];
  chosen: [TrainingMessage];
  rejected: [TrainingMessage];
}

/** `trl-standard`: TRL's standard preference type — `{"prompt":"…","chosen":"…","rejected":"…"}` (see `renderPrompt`). */
export interface StandardPreferenceLine {
  prompt: string;
  chosen: string;
  rejected: string;
}

/**
 * `openai`: OpenAI's preference fine-tuning (DPO) form —
 * `{"input":{"messages":[…]}, "preferred_output":[{"role":"assistant","content":"…"}], "non_preferred_output":[{"role":"assistant","content":"…"}]}`.
 */
export interface OpenAiPreferenceLine {
  input: { messages: TrainingMessage[] };
  preferred_output: [TrainingMessage];
  non_preferred_output: [TrainingMessage];
}

export type DpoLine = ConversationalPreferenceLine | StandardPreferenceLine | OpenAiPreferenceLine;

/**
 * One preference pair in the given format.
 *
 * @example
 * formatDpo({ prompt: [{ role: 'user', content: 'Capital of France?' }], chosen: 'Paris.', rejected: 'Lyon.' }, 'trl-standard');
 * // { prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Lyon.' }
 */
export function formatDpo(example: PreferenceExample, format: ExportFormatOf<'dpo'>): DpoLine {
  switch (format) {
    case 'trl':
      return { prompt: example.prompt, chosen: [assistant(example.chosen)], rejected: [assistant(example.rejected)] };
    case 'trl-standard':
      return { prompt: renderPrompt(example.prompt), chosen: example.chosen, rejected: example.rejected };
    case 'openai':
      return {
        input: { messages: example.prompt },
        preferred_output: [assistant(example.chosen)],
        non_preferred_output: [assistant(example.rejected)],
      };
  }
}
