/**
 * Spans of one export request → wire items, span by span. Model calls become interactions; retrieval
 * spans of the same trace that started before a model call ended become its context documents; evaluation
 * events become signals. Spans that are none of these give nothing.
 *
 * Only spans in the same request can be joined: OpenTelemetry's batch span processor sends a trace's
 * spans together, the simple (one-by-one) processor does not.
 */
import type { ContextDocument } from '@feedloop/core';
import { EVALUATION_EVENT, evaluationSignal, type ModelCallLookup } from './evaluation-signals.js';
import type { OtlpSpan } from './otlp-spans.js';
import { retrievalDocuments } from './retrieval-documents.js';
import { interactionIdOf, spanInteraction } from './span-interaction.js';
import { type SpanRole, spanRole } from './span-kind.js';

/** What one span contributed, so a rejected item can be reported against its span. */
export interface SpanItems {
  span: OtlpSpan;
  interaction: Record<string, unknown> | undefined;
  signals: Array<Record<string, unknown>>;
  /** Parts of the span that could not be turned into items, in words. */
  problems: string[];
}

const spanKey = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

interface Retrieval {
  span: OtlpSpan;
  documents: ContextDocument[];
}

/** Enough for any RAG prompt; the bound keeps a hostile export from making every answer carry every document. */
export const MAX_CONTEXT_DOCUMENTS = 100;

/** The documents of the trace's retrievals that started before the model call ended, in start order. */
function contextFor(span: OtlpSpan, retrievals: readonly Retrieval[]): ContextDocument[] {
  const documents = retrievalDocuments(span);
  for (const retrieval of retrievals) {
    if (documents.length >= MAX_CONTEXT_DOCUMENTS) break;
    const started = retrieval.span.startMs;
    if (started !== null && span.endMs !== null && started > span.endMs) break;
    documents.push(...retrieval.documents);
  }
  return documents.slice(0, MAX_CONTEXT_DOCUMENTS);
}

export interface TraceItems {
  items: SpanItems[];
  /** Things worth telling the sender that are not rejections (e.g. documents with no model call to go to). */
  warnings: string[];
}

export function traceItems(spans: OtlpSpan[]): TraceItems {
  const roles = new Map<OtlpSpan, SpanRole>(spans.map((span) => [span, spanRole(span)]));
  const modelCalls = new Map<string, string>();
  const retrievalsByTrace = new Map<string, Retrieval[]>();
  for (const span of spans) {
    const role = roles.get(span);
    if (role === 'model-call') modelCalls.set(spanKey(span.traceId, span.spanId), interactionIdOf(span));
    if (role !== 'retrieval') continue;
    const documents = retrievalDocuments(span);
    if (documents.length === 0) continue;
    const ofTrace = retrievalsByTrace.get(span.traceId) ?? [];
    ofTrace.push({ span, documents });
    retrievalsByTrace.set(span.traceId, ofTrace);
  }
  // Unknown start times sort first, so they are never cut off by the "started after" rule.
  for (const ofTrace of retrievalsByTrace.values()) {
    ofTrace.sort((a, b) => (a.span.startMs ?? 0) - (b.span.startMs ?? 0));
  }
  const lookup: ModelCallLookup = (traceId, spanId) =>
    spanId === null ? undefined : modelCalls.get(spanKey(traceId, spanId));

  const out: SpanItems[] = [];
  for (const span of spans) {
    const items: SpanItems = { span, interaction: undefined, signals: [], problems: [] };
    if (roles.get(span) === 'model-call') {
      items.interaction = spanInteraction(span, contextFor(span, retrievalsByTrace.get(span.traceId) ?? []));
    }
    span.events.forEach((event, index) => {
      if (event.name !== EVALUATION_EVENT) return;
      const result = evaluationSignal(span, event, index, lookup);
      if (result.ok) items.signals.push(result.signal);
      else items.problems.push(result.reason);
    });
    if (items.interaction || items.signals.length > 0 || items.problems.length > 0) out.push(items);
  }
  const tracesWithModelCalls = new Set(out.filter((i) => i.interaction).map((i) => i.span.traceId));
  const warnings = [...retrievalsByTrace.values()]
    .flat()
    .filter((r) => !tracesWithModelCalls.has(r.span.traceId))
    .map(
      (r) =>
        `retrieval span ${r.span.traceId}:${r.span.spanId} came without a model call of its trace, so its documents were not attached (export with the batch span processor)`,
    );
  return { items: out, warnings };
}
