/**
 * What one model call produced, in a shape shared by both APIs and by streamed and plain answers, and
 * the interaction built from it with the request and the caller's options.
 */
import type { ChatMessage, Interaction, Metadata } from '../types.js';
import type { OpenAICallOptions } from './call-options.js';

export interface ToolCall {
  id: string | null;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface CallOutcome {
  /** The response id, e.g. `chatcmpl-…` or `resp_…`. */
  id: string | undefined;
  /** The model that answered, e.g. the snapshot `gpt-4o-2024-08-06`. */
  model: string | undefined;
  output: string | null;
  toolCalls: ToolCall[];
  finishReason: string | undefined;
  tokensIn: number | undefined;
  tokensOut: number | undefined;
}

export interface CallRequest {
  api: 'chat.completions' | 'responses';
  model: string | undefined;
  input: string | ChatMessage[] | undefined;
  /** The end user named in the request (`user` / `safety_identifier`). */
  user: string | undefined;
  metadata: Metadata;
}

export interface CallTiming {
  latencyMs: number;
  /** For streams: when the first piece of the answer arrived. */
  firstChunkMs?: number;
  /** For streams the reader stopped early: the output is what had arrived. */
  incomplete?: boolean;
}

const count = (n: unknown): number | undefined =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;

/** Keeps only the fields that are set, so the SDK fills in its own defaults for the rest. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export function callInteraction(
  request: CallRequest,
  outcome: CallOutcome,
  options: OpenAICallOptions,
  timing: CallTiming,
): Interaction {
  const { metadata: extra, interactionId, context, userId, ...dimensions } = options;
  return defined<Interaction>({
    ...dimensions,
    id: interactionId ?? outcome.id,
    userId: userId !== undefined ? userId : request.user,
    model: request.model ?? outcome.model,
    // The request names the model (gpt-4o); the answer names the exact snapshot that served it.
    modelVersion: request.model !== undefined && outcome.model !== request.model ? outcome.model : undefined,
    input: request.input,
    context,
    output: outcome.output,
    latencyMs: Math.max(0, Math.round(timing.latencyMs)),
    tokensIn: count(outcome.tokensIn),
    tokensOut: count(outcome.tokensOut),
    metadata: defined<Metadata>({
      source: 'openai',
      ...request.metadata,
      responseId: outcome.id,
      finishReason: outcome.finishReason,
      toolCalls: outcome.toolCalls.length > 0 ? outcome.toolCalls : undefined,
      firstChunkMs: timing.firstChunkMs !== undefined ? Math.round(timing.firstChunkMs) : undefined,
      incomplete: timing.incomplete ? true : undefined,
      ...extra,
    }),
  });
}
