/**
 * A model-call span as a wire interaction. Which id it gets is the public contract a browser relies on to
 * send feedback (docs/integrations/opentelemetry.md): `feedloop.interaction.id` when the app sets one,
 * else `gen_ai.response.id` (the provider's id, e.g. `chatcmpl-…`, which the app also holds), else
 * `<traceId>:<spanId>`. Ids that are not 1–200 visible ASCII characters are passed over.
 */
import { type ContextDocument, ID_PATTERN } from '@feedloop/core';
import type { Attributes } from './any-value.js';
import { readCount, readString, readStringList } from './attribute-readers.js';
import type { OtlpSpan } from './otlp-spans.js';
import { spanContent } from './span-content.js';

const VALID_ID = new RegExp(ID_PATTERN);

export function interactionIdOf(span: OtlpSpan): string {
  for (const key of ['feedloop.interaction.id', 'gen_ai.response.id']) {
    const id = readString(span.attributes, key);
    if (id !== undefined && VALID_ID.test(id)) return id;
  }
  return `${span.traceId}:${span.spanId}`;
}

/** A span attribute, else the same key on its resource (where apps put process-wide values). */
function spanOrResource(span: OtlpSpan, ...keys: string[]): string | undefined {
  return readString(span.attributes, ...keys) ?? readString(span.resource, ...keys);
}

/** Drops undefined values, so absent fields stay absent rather than null. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function models(attributes: Attributes): { model?: string; modelVersion?: string } {
  const requested = readString(attributes, 'gen_ai.request.model');
  const answered = readString(attributes, 'gen_ai.response.model');
  // The response usually names the exact snapshot (gpt-4o-2024-08-06) of the model asked for (gpt-4o).
  if (requested === undefined) return { model: answered };
  return { model: requested, modelVersion: answered !== requested ? answered : undefined };
}

const isoTime = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

export function spanInteraction(span: OtlpSpan, context: ContextDocument[]): Record<string, unknown> {
  const attributes = span.attributes;
  const { input, output } = spanContent(span);
  const finishReasons =
    output && output.finishReasons.length > 0
      ? output.finishReasons
      : readStringList(attributes, 'gen_ai.response.finish_reasons');
  const latency = span.startMs !== null && span.endMs !== null ? span.endMs - span.startMs : undefined;
  return defined({
    id: interactionIdOf(span),
    createdAt: isoTime(span.endMs ?? span.startMs),
    sessionId: spanOrResource(span, 'gen_ai.conversation.id', 'session.id'),
    userId: spanOrResource(span, 'user.id', 'enduser.id', 'enduser.pseudo.id'),
    tenant: spanOrResource(span, 'feedloop.tenant'),
    feature: spanOrResource(span, 'feedloop.feature', 'gen_ai.agent.name'),
    language: spanOrResource(span, 'feedloop.language'),
    ...models(attributes),
    promptTemplate: readString(attributes, 'gen_ai.prompt.name'),
    promptVersion: readString(attributes, 'gen_ai.prompt.version'),
    input,
    context: context.length > 0 ? context : undefined,
    output: output?.text ?? undefined,
    latencyMs: latency !== undefined && latency >= 0 ? latency : undefined,
    tokensIn: readCount(attributes, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'),
    tokensOut: readCount(attributes, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    metadata: defined({
      source: 'otlp',
      traceId: span.traceId,
      spanId: span.spanId,
      spanName: span.name || undefined,
      service: readString(span.resource, 'service.name'),
      operation: readString(attributes, 'gen_ai.operation.name', 'llm.request.type'),
      provider: readString(attributes, 'gen_ai.provider.name', 'gen_ai.system'),
      responseId: readString(attributes, 'gen_ai.response.id'),
      finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
      toolCalls: output && output.toolCalls.length > 0 ? output.toolCalls : undefined,
      choices: output && output.choices > 1 ? output.choices : undefined,
      failed: span.failed ? true : undefined,
    }),
  });
}
