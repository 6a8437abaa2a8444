/**
 * Which spans matter: model calls become interactions, retrievals lend their documents to the model calls
 * of the same trace, everything else (HTTP, database, embeddings, tool and agent spans) is left alone.
 */
import { readString } from './attribute-readers.js';
import type { OtlpSpan } from './otlp-spans.js';

export type SpanRole = 'model-call' | 'retrieval' | 'other';

/** `gen_ai.operation.name` values that are one call to a model producing an answer. */
const MODEL_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content', 'completion']);
/** OpenLLMetry's `llm.request.type`, for spans that predate `gen_ai.operation.name`. */
const LEGACY_MODEL_REQUESTS = new Set(['chat', 'completion']);

export function spanRole(span: OtlpSpan): SpanRole {
  const attributes = span.attributes;
  const operation = readString(attributes, 'gen_ai.operation.name');
  if (operation !== undefined) {
    if (MODEL_OPERATIONS.has(operation)) return 'model-call';
    return operation === 'retrieval' ? 'retrieval' : 'other';
  }
  if (attributes.has('gen_ai.retrieval.documents')) return 'retrieval';
  const legacyRequest = readString(attributes, 'llm.request.type');
  if (legacyRequest !== undefined) return LEGACY_MODEL_REQUESTS.has(legacyRequest) ? 'model-call' : 'other';
  // Early instrumentations set only the system and model; that is still a model call.
  const named = readString(attributes, 'gen_ai.provider.name', 'gen_ai.system', 'gen_ai.request.model');
  return named !== undefined ? 'model-call' : 'other';
}
