/**
 * The neutral shape of an exported example, before it is written in a target's format. Selection builds
 * these from interactions and signals; `format-*.ts` turn them into lines; `validate-*.ts` judge lines.
 */

/** The roles every target accepts. Anything else in a prompt makes the example fail validation. */
export const TRAINING_ROLES = ['system', 'user', 'assistant'] as const;
export type TrainingRole = (typeof TRAINING_ROLES)[number];

/**
 * One chat turn. `role` is kept as the string the app logged (not narrowed to `TrainingRole`) so that a
 * `tool` or `developer` turn reaches the validator and is skipped with a reason, instead of vanishing.
 */
export interface TrainingMessage {
  role: string;
  content: string;
}

/** Supervised fine-tuning: the prompt and the output to learn. */
export interface SftExample {
  prompt: TrainingMessage[];
  completion: string;
}

/** A preference pair (DPO): for this prompt, `chosen` is better than `rejected`. */
export interface PreferenceExample {
  prompt: TrainingMessage[];
  chosen: string;
  rejected: string;
}

/** An unpaired preference (KTO): this completion was desirable (`true`) or not (`false`). */
export interface UnpairedExample {
  prompt: TrainingMessage[];
  completion: string;
  label: boolean;
}
