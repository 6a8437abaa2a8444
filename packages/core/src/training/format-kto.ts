import type { ExportFormatOf } from './export-formats.js';
import { assistant } from './format-sft.js';
import { renderPrompt } from './render-transcript.js';
import type { TrainingMessage, UnpairedExample } from './training-example.js';

/**
 * `trl`: TRL's conversational unpaired preference type —
 * `{"prompt":[{"role":"user","content":"…"}], "completion":[{"role":"assistant","content":"…"}], "label":true}`.
 */
export interface ConversationalUnpairedLine {
  prompt: TrainingMessage[];
  completion: [TrainingMessage];
  label: boolean;
}

/** `trl-standard`: TRL's standard unpaired preference type — `{"prompt":"…","completion":"…","label":false}`. */
export interface StandardUnpairedLine {
  prompt: string;
  completion: string;
  label: boolean;
}

export type KtoLine = ConversationalUnpairedLine | StandardUnpairedLine;

/**
 * One unpaired example in the given format.
 *
 * @example
 * formatKto({ prompt: [{ role: 'user', content: 'Hi' }], completion: 'Go away.', label: false }, 'trl-standard');
 * // { prompt: 'Hi', completion: 'Go away.', label: false }
 */
export function formatKto(example: UnpairedExample, format: ExportFormatOf<'kto'>): KtoLine {
  switch (format) {
    case 'trl':
      return { prompt: example.prompt, completion: [assistant(example.completion)], label: example.label };
    case 'trl-standard':
      return { prompt: renderPrompt(example.prompt), completion: example.completion, label: example.label };
  }
}
