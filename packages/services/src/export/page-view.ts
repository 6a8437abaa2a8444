import { type PromptResult, promptMessages } from '@feedloop/core';
import { type FeedbackSummary, NO_FEEDBACK, summarizeFeedback } from './feedback-summary.js';
import type { InteractionRow } from './interaction-rows.js';
import type { SignalRow } from './signal-rows.js';

/** One page of anchors with their signals, summarised and parsed on first use only. */
export class PageView {
  readonly rows: readonly InteractionRow[];
  readonly #signals: ReadonlyMap<string, SignalRow[]>;
  readonly #feedback = new Map<string, FeedbackSummary>();
  readonly #prompts = new Map<string, PromptResult>();

  constructor(rows: readonly InteractionRow[], signals: ReadonlyMap<string, SignalRow[]>) {
    this.rows = rows;
    this.#signals = signals;
  }

  feedback(id: string): FeedbackSummary {
    let summary = this.#feedback.get(id);
    if (summary === undefined) {
      const rows = this.#signals.get(id);
      summary = rows === undefined ? NO_FEEDBACK : summarizeFeedback(rows);
      this.#feedback.set(id, summary);
    }
    return summary;
  }

  prompt(row: InteractionRow): PromptResult {
    let prompt = this.#prompts.get(row.id);
    if (prompt === undefined) {
      prompt = promptOf(row);
      this.#prompts.set(row.id, prompt);
    }
    return prompt;
  }
}

/** The prompt of an interaction, from its stored input (JSON text: a string or chat messages). */
export function promptOf(row: InteractionRow): PromptResult {
  if (row.input === null) return { ok: false, reason: 'no-prompt' };
  return promptMessages(JSON.parse(row.input) as unknown);
}
