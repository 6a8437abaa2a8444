/**
 * The Responses API (`client.responses.create`): `instructions` and `input` (text or items) as chat
 * messages, and the answer from the response or, for `stream: true`, from its events.
 */
import type OpenAI from 'openai';
import type { ChatMessage } from '../types.js';
import type { CallOutcome, CallRequest, ToolCall } from './call-outcome.js';
import { asText, contentOf, isRecord, stringOr } from './message-content.js';

type Response = OpenAI.Responses.Response;
type ResponseStreamEvent = OpenAI.Responses.ResponseStreamEvent;

/** Input items with a role are messages; function calls and their outputs become tool calls and tool messages. */
function messageOf(item: unknown): ChatMessage[] {
  if (!isRecord(item)) return [];
  if (typeof item.role === 'string') return [{ role: item.role, content: contentOf(item.content) }];
  if (item.type === 'function_call') {
    const call: ToolCall = {
      id: stringOr(item.call_id) ?? null,
      type: 'function',
      function: { name: asText(item.name ?? ''), arguments: asText(item.arguments ?? '') },
    };
    return [{ role: 'assistant', content: null, tool_calls: [call] }];
  }
  if (item.type === 'function_call_output') {
    return [{ role: 'tool', tool_call_id: stringOr(item.call_id) ?? null, content: asText(item.output) }];
  }
  // Reasoning items and references to stored items carry nothing a reader of the exchange needs.
  return [];
}

function inputOf(params: Record<string, unknown>): string | ChatMessage[] | undefined {
  const instructions = stringOr(params.instructions);
  const system: ChatMessage[] = instructions ? [{ role: 'system', content: instructions }] : [];
  const { input } = params;
  if (typeof input === 'string') return system.length > 0 ? [...system, { role: 'user', content: input }] : input;
  const messages = [...system, ...(Array.isArray(input) ? input.flatMap(messageOf) : [])];
  return messages.length > 0 ? messages : undefined;
}

export function responsesRequest(body: unknown): CallRequest {
  const params = isRecord(body) ? body : {};
  const previous = stringOr(params.previous_response_id);
  return {
    api: 'responses',
    model: stringOr(params.model),
    input: inputOf(params),
    user: stringOr(params.user) ?? stringOr(params.safety_identifier),
    metadata: {
      api: 'responses',
      ...(params.stream === true ? { stream: true } : {}),
      ...(previous ? { previousResponseId: previous } : {}),
    },
  };
}

export function responseOutcome(response: Response): CallOutcome {
  const texts: string[] = [];
  const refusals: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of response.output ?? []) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) {
        if (part.type === 'output_text') texts.push(part.text);
        else if (part.type === 'refusal') refusals.push(part.refusal);
      }
    } else if (item.type === 'function_call') {
      toolCalls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } });
    }
  }
  const status = stringOr(response.status);
  return {
    id: stringOr(response.id),
    model: stringOr(response.model),
    output: texts.length > 0 ? texts.join('') : refusals.length > 0 ? refusals.join('') : null,
    toolCalls,
    finishReason: status === 'incomplete' ? (response.incomplete_details?.reason ?? status) : status,
    tokensIn: response.usage?.input_tokens,
    tokensOut: response.usage?.output_tokens,
  };
}

/** Follows a response stream: the final response from its closing event, else the text deltas seen so far. */
export class ResponseEvents {
  #final: Response | undefined;
  #started: Response | undefined;
  #text = '';

  /** True once the closing event arrived: the answer is whole. */
  get finished(): boolean {
    return this.#final !== undefined;
  }

  add(item: unknown): void {
    if (!isRecord(item)) return;
    const event = item as unknown as ResponseStreamEvent;
    switch (event.type) {
      case 'response.created':
        this.#started = event.response;
        break;
      case 'response.output_text.delta':
        this.#text += event.delta;
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        this.#final = event.response;
        break;
      default:
        break;
    }
  }

  outcome(): CallOutcome {
    if (this.#final) return responseOutcome(this.#final);
    return {
      id: stringOr(this.#started?.id),
      model: stringOr(this.#started?.model),
      output: this.#text !== '' ? this.#text : null,
      toolCalls: [],
      finishReason: undefined,
      tokensIn: undefined,
      tokensOut: undefined,
    };
  }
}
