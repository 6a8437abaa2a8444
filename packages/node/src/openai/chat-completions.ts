/**
 * Chat Completions (`client.chat.completions.create`): the request's messages, and the answer from a
 * completion or, for `stream: true`, from its chunks as they pass.
 */
import type OpenAI from 'openai';
import type { ChatMessage } from '../types.js';
import type { CallOutcome, CallRequest, ToolCall } from './call-outcome.js';
import { asText, contentOf, isRecord, stringOr } from './message-content.js';

type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;
type ChatCompletionChunk = OpenAI.Chat.Completions.ChatCompletionChunk;
type ToolCallFragment = OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall;

function messageOf(raw: unknown): ChatMessage[] {
  if (!isRecord(raw) || typeof raw.role !== 'string') return [];
  return [{ ...raw, role: raw.role, content: contentOf(raw.content) }];
}

export function chatRequest(body: unknown): CallRequest {
  const params = isRecord(body) ? body : {};
  const messages = Array.isArray(params.messages) ? params.messages.flatMap(messageOf) : [];
  return {
    api: 'chat.completions',
    model: stringOr(params.model),
    input: messages.length > 0 ? messages : undefined,
    user: stringOr(params.user) ?? stringOr(params.safety_identifier),
    metadata: { api: 'chat.completions', ...(params.stream === true ? { stream: true } : {}) },
  };
}

function toolCallOf(raw: unknown): ToolCall[] {
  if (!isRecord(raw)) return [];
  const id = stringOr(raw.id) ?? null;
  const fn = isRecord(raw.function) ? raw.function : isRecord(raw.custom) ? raw.custom : undefined;
  if (!fn) return [];
  return [
    {
      id,
      type: 'function',
      function: { name: asText(fn.name ?? ''), arguments: asText(fn.arguments ?? fn.input ?? '') },
    },
  ];
}

export function chatOutcome(completion: ChatCompletion): CallOutcome {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  return {
    id: stringOr(completion.id),
    model: stringOr(completion.model),
    output: message?.content ?? message?.refusal ?? null,
    toolCalls: Array.isArray(message?.tool_calls) ? message.tool_calls.flatMap(toolCallOf) : [],
    finishReason: stringOr(choice?.finish_reason),
    tokensIn: completion.usage?.prompt_tokens,
    tokensOut: completion.usage?.completion_tokens,
  };
}

/** Rebuilds the first choice from stream chunks: text deltas appended, tool-call fragments joined by index. */
export class ChatChunks {
  #id: string | undefined;
  #model: string | undefined;
  #text = '';
  #refusal = '';
  #finishReason: string | undefined;
  #tokensIn: number | undefined;
  #tokensOut: number | undefined;
  readonly #toolCalls = new Map<number, ToolCall>();

  /** True once the model said why it stopped: the answer is whole. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  add(item: unknown): void {
    if (!isRecord(item)) return;
    const chunk = item as unknown as ChatCompletionChunk;
    this.#id ??= stringOr(chunk.id);
    this.#model ??= stringOr(chunk.model);
    if (chunk.usage) {
      this.#tokensIn = chunk.usage.prompt_tokens;
      this.#tokensOut = chunk.usage.completion_tokens;
    }
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) return;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string') this.#text += delta.content;
    if (typeof delta.refusal === 'string') this.#refusal += delta.refusal;
    for (const fragment of delta.tool_calls ?? []) this.#addToolCall(fragment);
    if (choice.finish_reason) this.#finishReason = choice.finish_reason;
  }

  #addToolCall(fragment: ToolCallFragment): void {
    const call = this.#toolCalls.get(fragment.index) ?? {
      id: null,
      type: 'function' as const,
      function: { name: '', arguments: '' },
    };
    if (fragment.id) call.id = fragment.id;
    if (fragment.function?.name) call.function.name += fragment.function.name;
    if (fragment.function?.arguments) call.function.arguments += fragment.function.arguments;
    this.#toolCalls.set(fragment.index, call);
  }

  outcome(): CallOutcome {
    return {
      id: this.#id,
      model: this.#model,
      output: this.#text !== '' ? this.#text : this.#refusal !== '' ? this.#refusal : null,
      toolCalls: [...this.#toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call),
      finishReason: this.#finishReason,
      tokensIn: this.#tokensIn,
      tokensOut: this.#tokensOut,
    };
  }
}
