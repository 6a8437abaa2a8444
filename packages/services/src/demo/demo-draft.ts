/** What every feature's content generator produces: one question, what was retrieved, and its answers. */
import type { ChatMessage, ContextDocument } from '@feedloop/core';
import type { DemoRandom } from './demo-random.js';
import type { DemoLanguage, FailureTheme } from './demo-world.js';

export interface Draft {
  /** What the question is about, so a rephrased follow-up can ask about the same thing. */
  topic: string;
  input: string | ChatMessage[];
  context: ContextDocument[];
  /** An answer: a good one (null), or one that fails in the given way. Varies on every call. */
  answer(theme: FailureTheme | null): string;
}

export interface DraftRequest {
  language: DemoLanguage;
  /** Ask about this topic again in other words (a rephrase after a bad answer). */
  rephraseOf?: string;
  /** The conversation so far, for features that send chat messages. */
  history: ChatMessage[];
}

export type Drafter = (random: DemoRandom, request: DraftRequest) => Draft;
