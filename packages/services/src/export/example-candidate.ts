import type { PromptResult, TrainingMessage } from '@feedloop/core';
import type { InteractionRow } from './interaction-rows.js';

/** Where an example came from; the manifest counts examples per source. */
export const EXAMPLE_SOURCES = ['edit', 'rated-up', 'rated-down', 'regeneration', 'preference', 'same-prompt'] as const;
export type ExampleSource = (typeof EXAMPLE_SOURCES)[number];

/** Why selection itself dropped an example, before any format rule was applied. */
export const SELECTION_SKIPS = ['no-prompt', 'non-text-content', 'missing-related', 'conflicting-preference'] as const;
export type SelectionSkip = (typeof SELECTION_SKIPS)[number];

/** One example selection wants to write, or the reason it cannot. */
export type Candidate<E> =
  | {
      source: ExampleSource;
      anchor: InteractionRow;
      /** The user the example is counted against for the per-user cap (null: anonymous). */
      contributor: string | null;
      example: E;
    }
  | { source: ExampleSource; anchor: InteractionRow; skip: SelectionSkip };

/**
 * A candidate built from the anchor's prompt, or a skip when the prompt cannot be used.
 * `build` receives the prompt messages.
 */
export function withPrompt<E>(
  prompt: PromptResult,
  source: ExampleSource,
  anchor: InteractionRow,
  contributor: string | null,
  build: (messages: TrainingMessage[]) => E,
): Candidate<E> {
  if (!prompt.ok) return { source, anchor, skip: prompt.reason };
  return { source, anchor, contributor, example: build(prompt.messages) };
}
