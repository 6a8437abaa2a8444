/** What the OpenAI wrapper takes: where to log, and the dimensions to log each call with. */
import type { ContextDocument, Interaction, Metadata } from '../types.js';

/**
 * Anything that logs interactions: a `Feedloop` client, or a stand-in in tests.
 * @example const logger: InteractionLogger = new Feedloop({ endpoint, secretKey });
 */
export interface InteractionLogger {
  logInteraction(interaction: Interaction): string;
}

/**
 * Dimensions logged with each call. Set them once when wrapping, or per call by wrapping again (cheap):
 * `observeOpenAI(openai, feedloop, { tenant: 'acme' }).chat.completions.create(...)`.
 * @example const options: OpenAICallOptions = { feature: 'support-chat', promptTemplate: 'support', promptVersion: '12' };
 */
export interface OpenAICallOptions {
  /** The interaction id. Default: the response id (`chatcmpl-…`, `resp_…`), which the app already holds. Per call only. */
  interactionId?: string;
  sessionId?: string | null;
  /** Default: the request's `user` (or `safety_identifier`) field. */
  userId?: string | null;
  tenant?: string | null;
  feature?: string | null;
  language?: string | null;
  promptTemplate?: string | null;
  promptVersion?: string | null;
  /** The interaction this call regenerates (replaces). */
  parentId?: string | null;
  /** Documents the prompt was grounded on (RAG). */
  context?: ContextDocument[];
  metadata?: Metadata;
}

/** Later options win; metadata is merged key by key. */
export function mergeOptions(base: OpenAICallOptions, over: OpenAICallOptions): OpenAICallOptions {
  const merged: OpenAICallOptions = { ...base, ...over };
  if (base.metadata || over.metadata) merged.metadata = { ...base.metadata, ...over.metadata };
  return merged;
}
