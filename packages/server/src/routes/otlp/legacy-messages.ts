/**
 * Message content in the shapes older instrumentations still emit, read only when a span carries no
 * `gen_ai.input.messages` / `gen_ai.output.messages`:
 * - per-message span events (`gen_ai.system.message`, `gen_ai.user.message`, `gen_ai.assistant.message`,
 *   `gen_ai.tool.message`, `gen_ai.choice`), their body in `gen_ai.event.content` or in plain attributes;
 * - `gen_ai.prompt` / `gen_ai.completion` as JSON text, on the span or on `gen_ai.content.prompt` /
 *   `gen_ai.content.completion` events;
 * - OpenLLMetry's flattened `gen_ai.prompt.<i>.role` / `.content` and `gen_ai.completion.<i>.*`.
 */
import type { ChatMessage } from '@feedloop/core';
import type { Attributes } from './any-value.js';
import { asRecord, parseJson, readIndexed, readStructured } from './attribute-readers.js';
import { type ModelOutput, toChatMessages, toModelOutput } from './genai-messages.js';
import type { OtlpEvent } from './otlp-spans.js';

const MESSAGE_EVENTS: Readonly<Record<string, string>> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** An event's body: `gen_ai.event.content` (JSON text or structure), else its plain attributes. */
function eventBody(event: OtlpEvent): Record<string, unknown> {
  const body = asRecord(readStructured(event.attributes, 'gen_ai.event.content'));
  return body ?? Object.fromEntries(event.attributes);
}

/** Content that is itself JSON text of parts stays text unless it parses to a list. */
function contentOf(raw: unknown): string | unknown[] | null {
  if (typeof raw === 'string') {
    const parsed = parseJson(raw);
    return Array.isArray(parsed) ? parsed : raw;
  }
  if (Array.isArray(raw) || raw === null || raw === undefined) return raw ?? null;
  return JSON.stringify(raw);
}

function eventMessage(event: OtlpEvent, role: string): ChatMessage {
  const body = eventBody(event);
  const message: ChatMessage = {
    role: typeof body.role === 'string' && body.role !== '' ? body.role : role,
    content: contentOf(body.content),
  };
  if (Array.isArray(body.tool_calls)) message.tool_calls = body.tool_calls;
  if (role === 'tool' && typeof body.id === 'string') message.tool_call_id = body.id;
  return message;
}

function choiceOutput(events: OtlpEvent[]): ModelOutput | undefined {
  const choices = events.filter((event) => event.name === 'gen_ai.choice').map(eventBody);
  if (choices.length === 0) return undefined;
  const messages = choices.map((choice) => ({
    ...(asRecord(choice.message) ?? { content: choice.content ?? null }),
    finish_reason: choice.finish_reason,
  }));
  return toModelOutput(messages);
}

function jsonOrText(raw: unknown): unknown {
  return typeof raw === 'string' ? (parseJson(raw) ?? raw) : raw;
}

function eventAttribute(events: OtlpEvent[], name: string, key: string): unknown {
  const event = events.find((e) => e.name === name);
  return event ? jsonOrText(event.attributes.get(key)) : undefined;
}

function flattened(attributes: Attributes, prefix: string): Array<Record<string, unknown>> {
  return readIndexed(attributes, prefix).map((fields) => ({
    role: fields.get('role'),
    content: contentOf(fields.get('content')),
    finish_reason: fields.get('finish_reason'),
    ...(typeof fields.get('tool_call_id') === 'string' ? { tool_call_id: fields.get('tool_call_id') } : {}),
  }));
}

/** The prompt in any older shape: a list of messages, plain text, or undefined. */
export function legacyInput(attributes: Attributes, events: OtlpEvent[]): ChatMessage[] | string | undefined {
  const fromEvents = events.flatMap((event) => {
    const role = MESSAGE_EVENTS[event.name];
    return role ? [eventMessage(event, role)] : [];
  });
  if (fromEvents.length > 0) return fromEvents;
  const prompt =
    jsonOrText(attributes.get('gen_ai.prompt')) ?? eventAttribute(events, 'gen_ai.content.prompt', 'gen_ai.prompt');
  if (typeof prompt === 'string' && prompt.trim() !== '') return prompt;
  return toChatMessages(prompt) ?? toChatMessages(flattened(attributes, 'gen_ai.prompt'));
}

/** The completion in any older shape. */
export function legacyOutput(attributes: Attributes, events: OtlpEvent[]): ModelOutput | undefined {
  const fromChoices = choiceOutput(events);
  if (fromChoices) return fromChoices;
  const completion =
    jsonOrText(attributes.get('gen_ai.completion')) ??
    eventAttribute(events, 'gen_ai.content.completion', 'gen_ai.completion');
  if (typeof completion === 'string') {
    return { text: completion, toolCalls: [], finishReasons: [], choices: 1 };
  }
  return toModelOutput(completion) ?? toModelOutput(flattened(attributes, 'gen_ai.completion'));
}
