/**
 * `gen_ai.evaluation.result` span events (an evaluator's verdict on a response) as signals: custom type
 * `eval:<evaluation name>`, kind `outcome` — a judgement made by the app's own system, so it never counts
 * as end-user feedback — valued by `gen_ai.evaluation.score.value`, else by `gen_ai.evaluation.score.label`.
 */
import { ID_PATTERN } from '@feedloop/core';
import { readNumber, readString } from './attribute-readers.js';
import type { OtlpEvent, OtlpSpan } from './otlp-spans.js';

export const EVALUATION_EVENT = 'gen_ai.evaluation.result';

const VALID_ID = new RegExp(ID_PATTERN);

/** The interaction id of a model-call span in the same request, by `<traceId>:<spanId>`. */
export type ModelCallLookup = (traceId: string, spanId: string | null) => string | undefined;

export type EvaluationResult = { ok: true; signal: Record<string, unknown> } | { ok: false; reason: string };

/** `Relevance` → `relevance`, `Intent Resolution` → `intent-resolution`: what a custom type's name allows. */
export function evaluationSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/**
 * The evaluated interaction: the event's own span when it is a model call (the conventions parent the
 * event there), else `gen_ai.response.id` on the event, else the span's parent when that is a model call.
 */
function targetOf(span: OtlpSpan, event: OtlpEvent, lookup: ModelCallLookup): string | undefined {
  const own = lookup(span.traceId, span.spanId);
  if (own !== undefined) return own;
  const responseId = readString(event.attributes, 'gen_ai.response.id');
  if (responseId !== undefined && VALID_ID.test(responseId)) return responseId;
  return lookup(span.traceId, span.parentSpanId);
}

export function evaluationSignal(
  span: OtlpSpan,
  event: OtlpEvent,
  index: number,
  lookup: ModelCallLookup,
): EvaluationResult {
  const where = `${EVALUATION_EVENT} event ${index}`;
  const name = readString(event.attributes, 'gen_ai.evaluation.name');
  if (name === undefined) return { ok: false, reason: `${where} has no gen_ai.evaluation.name` };
  const slug = evaluationSlug(name);
  if (slug === '') return { ok: false, reason: `${where}: gen_ai.evaluation.name needs a letter or digit` };
  const interactionId = targetOf(span, event, lookup);
  if (interactionId === undefined) {
    return {
      ok: false,
      reason: `${where} names no interaction: record it on the model-call span or set gen_ai.response.id`,
    };
  }
  const score = readNumber(event.attributes, 'gen_ai.evaluation.score.value');
  const label = readString(event.attributes, 'gen_ai.evaluation.score.label');
  if (score === undefined && label === undefined) {
    return { ok: false, reason: `${where} has neither gen_ai.evaluation.score.value nor .score.label` };
  }
  const metadata: Record<string, unknown> = { source: 'otlp', evaluation: name, traceId: span.traceId };
  if (label !== undefined) metadata.label = label;
  const explanation = readString(event.attributes, 'gen_ai.evaluation.explanation');
  if (explanation !== undefined) metadata.explanation = explanation;
  const signal: Record<string, unknown> = {
    // Derived from where the event sits, so a re-sent export is answered duplicate.
    id: `${span.traceId}:${span.spanId}:eval:${index}`,
    interactionId,
    kind: 'outcome',
    type: `eval:${slug}`,
    value: score ?? label,
    metadata,
  };
  if (event.timeMs !== null) signal.createdAt = new Date(event.timeMs).toISOString();
  return { ok: true, signal };
}
