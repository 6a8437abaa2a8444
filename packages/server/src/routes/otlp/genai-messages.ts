/**
 * GenAI semantic-convention messages (`gen_ai.input.messages`, `gen_ai.output.messages`,
 * `gen_ai.system_instructions`: role + typed parts) turned into the wire shape's chat messages, which
 * follow the OpenAI layout that training exports read: text as `content`, tool calls as `tool_calls`,
 * tool results as `tool` messages with `tool_call_id`. Part types with no such home (images, files,
 * reasoning) are kept as they came, inside a content array.
 */
import type { ChatMessage } from '@feedloop/core';
import { asRecord } from './attribute-readers.js';

export interface ToolCall {
  id: string | null;
  type: 'function';
  function: { name: string; arguments: string };
}

/** What a model call produced: the first choice's text, its tool calls, and why it stopped. */
export interface ModelOutput {
  text: string | null;
  toolCalls: ToolCall[];
  finishReasons: string[];
  /** How many choices the model returned; only the first is the interaction's output. */
  choices: number;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

function textOfPart(part: Record<string, unknown>): string | undefined {
  if (part.type !== 'text') return undefined;
  if (typeof part.content === 'string') return part.content;
  return typeof part.text === 'string' ? part.text : undefined;
}

function toolCallOf(part: Record<string, unknown>): ToolCall {
  return {
    id: typeof part.id === 'string' ? part.id : null,
    type: 'function',
    function: { name: typeof part.name === 'string' ? part.name : '', arguments: asText(part.arguments ?? {}) },
  };
}

function toolResultOf(part: Record<string, unknown>): ChatMessage {
  // The schema names it `response`; its own example (and some instrumentations) say `result`.
  const result = part.response !== undefined ? part.response : part.result;
  return { role: 'tool', tool_call_id: typeof part.id === 'string' ? part.id.trim() : null, content: asText(result) };
}

interface SortedParts {
  texts: string[];
  toolCalls: ToolCall[];
  toolResults: ChatMessage[];
  others: unknown[];
}

function sortParts(parts: unknown[]): SortedParts {
  const sorted: SortedParts = { texts: [], toolCalls: [], toolResults: [], others: [] };
  for (const raw of parts) {
    const part = asRecord(raw);
    if (!part) {
      if (typeof raw === 'string') sorted.texts.push(raw);
      continue;
    }
    const text = textOfPart(part);
    if (text !== undefined) sorted.texts.push(text);
    else if (part.type === 'tool_call') sorted.toolCalls.push(toolCallOf(part));
    else if (part.type === 'tool_call_response') sorted.toolResults.push(toolResultOf(part));
    else sorted.others.push(part);
  }
  return sorted;
}

function contentOf({ texts, others }: SortedParts): string | unknown[] | null {
  if (others.length > 0) return [...texts.map((text) => ({ type: 'text', text })), ...others];
  return texts.length > 0 ? texts.join('') : null;
}

/** One convention message; a message of tool results becomes one `tool` message per result. */
function fromParts(role: string, parts: unknown[], name: unknown): ChatMessage[] {
  const sorted = sortParts(parts);
  const messages: ChatMessage[] = [];
  const hasMain = sorted.texts.length + sorted.toolCalls.length + sorted.others.length > 0;
  if (hasMain || sorted.toolResults.length === 0) {
    const message: ChatMessage = { role, content: contentOf(sorted) };
    if (typeof name === 'string' && name !== '') message.name = name;
    if (sorted.toolCalls.length > 0) message.tool_calls = sorted.toolCalls;
    messages.push(message);
  }
  messages.push(...sorted.toolResults);
  return messages;
}

/** The older `{ role, content }` layout, which some instrumentations still put in the same attributes. */
function fromContent(message: Record<string, unknown>, role: string): ChatMessage {
  const { content } = message;
  const out: ChatMessage = {
    role,
    content: typeof content === 'string' || Array.isArray(content) || content === null ? content : asText(content),
  };
  for (const key of ['name', 'tool_calls', 'tool_call_id'] as const) {
    if (message[key] !== undefined && message[key] !== null) out[key] = message[key];
  }
  return out;
}

/** Chat messages from a convention message list; undefined when the value is not one. */
export function toChatMessages(raw: unknown): ChatMessage[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of raw) {
    const message = asRecord(item);
    if (!message) continue;
    const role = typeof message.role === 'string' && message.role !== '' ? message.role : 'user';
    if (Array.isArray(message.parts)) messages.push(...fromParts(role, message.parts, message.name));
    else if ('content' in message) messages.push(fromContent(message, role));
  }
  return messages.length > 0 ? messages : undefined;
}

/** `gen_ai.system_instructions`: a list of parts, or plain text. */
export function toSystemMessage(raw: unknown): ChatMessage | undefined {
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : { role: 'system', content: raw };
  if (!Array.isArray(raw)) return undefined;
  const [message] = fromParts('system', raw, undefined);
  return message && message.content !== null ? message : undefined;
}

function finishReasonOf(message: Record<string, unknown>): string | undefined {
  const reason = message.finish_reason ?? message.finishReason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}

/** `gen_ai.output.messages` (one message per choice): the first choice's text and tool calls. */
export function toModelOutput(raw: unknown): ModelOutput | undefined {
  if (!Array.isArray(raw)) return undefined;
  const choices = raw.flatMap((item) => {
    const message = asRecord(item);
    return message ? [message] : [];
  });
  const first = choices[0];
  if (!first) return undefined;
  const finishReasons = choices.flatMap((choice) => finishReasonOf(choice) ?? []);
  if (Array.isArray(first.parts)) {
    // Reasoning is how the model got there, not what the user was shown.
    const sorted = sortParts(first.parts.filter((part) => asRecord(part)?.type !== 'reasoning'));
    const text = sorted.texts.length > 0 ? sorted.texts.join('') : null;
    return { text, toolCalls: sorted.toolCalls, finishReasons, choices: choices.length };
  }
  const content = first.content;
  const text = typeof content === 'string' ? content : content == null ? null : asText(content);
  const toolCalls = Array.isArray(first.tool_calls) ? (first.tool_calls as ToolCall[]) : [];
  return { text, toolCalls, finishReasons, choices: choices.length };
}
