/**
 * The prompt and the answer of a model-call span: the current `gen_ai.*` message attributes (on the span,
 * or on a `gen_ai.client.inference.operation.details` span event), else the older shapes.
 */
import type { ChatMessage } from '@feedloop/core';
import type { Attributes } from './any-value.js';
import { readString, readStructured } from './attribute-readers.js';
import { type ModelOutput, toChatMessages, toModelOutput, toSystemMessage } from './genai-messages.js';
import { legacyInput, legacyOutput } from './legacy-messages.js';
import type { OtlpSpan } from './otlp-spans.js';

export interface SpanContent {
  input: ChatMessage[] | string | undefined;
  output: ModelOutput | undefined;
}

const DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

/** Where the current attributes may sit: the span itself, then its operation-details event. */
function sources(span: OtlpSpan): Attributes[] {
  const details = span.events.filter((event) => event.name === DETAILS_EVENT).map((event) => event.attributes);
  return [span.attributes, ...details];
}

function firstOf<T>(all: Attributes[], read: (attributes: Attributes) => T | undefined): T | undefined {
  for (const attributes of all) {
    const value = read(attributes);
    if (value !== undefined) return value;
  }
  return undefined;
}

function withSystem(
  input: ChatMessage[] | string | undefined,
  system: ChatMessage | undefined,
): ChatMessage[] | string | undefined {
  if (!system) return input;
  if (input === undefined) return [system];
  if (typeof input === 'string') return [system, { role: 'user', content: input }];
  return input[0]?.role === 'system' ? input : [system, ...input];
}

export function spanContent(span: OtlpSpan): SpanContent {
  const all = sources(span);
  const messages = firstOf(all, (a) => toChatMessages(readStructured(a, 'gen_ai.input.messages')));
  const system = firstOf(all, (a) =>
    toSystemMessage(readStructured(a, 'gen_ai.system_instructions') ?? readString(a, 'gen_ai.system_instructions')),
  );
  const input = withSystem(messages ?? legacyInput(span.attributes, span.events), system);
  const output =
    firstOf(all, (a) => toModelOutput(readStructured(a, 'gen_ai.output.messages'))) ??
    legacyOutput(span.attributes, span.events);
  return { input, output };
}
