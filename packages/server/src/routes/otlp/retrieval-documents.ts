/**
 * The documents a retrieval span found (`gen_ai.retrieval.documents`: `[{ id, score, ... }]`, structured or
 * JSON text) as the wire shape's context documents. The text comes from `content` or `text` when the
 * instrumentation records it; the source is the span's `gen_ai.data_source.id`.
 */
import type { ContextDocument } from '@feedloop/core';
import { asRecord, readString, readStructured } from './attribute-readers.js';
import type { OtlpSpan } from './otlp-spans.js';

function documentOf(raw: unknown, index: number, span: OtlpSpan, source: string | undefined): ContextDocument | [] {
  const doc = asRecord(raw);
  if (!doc) return [];
  const rawId = doc.id;
  // A document without an id still grounded the answer; it is named by where it was found.
  const id =
    typeof rawId === 'string' && rawId.trim() !== ''
      ? rawId
      : typeof rawId === 'number'
        ? String(rawId)
        : `${span.spanId}:${index}`;
  const out: ContextDocument = { id };
  const text = doc.content ?? doc.text;
  if (typeof text === 'string') out.text = text;
  if (source !== undefined) out.source = source;
  if (typeof doc.score === 'number' && Number.isFinite(doc.score)) out.score = doc.score;
  return out;
}

export function retrievalDocuments(span: OtlpSpan): ContextDocument[] {
  const raw = readStructured(span.attributes, 'gen_ai.retrieval.documents');
  if (!Array.isArray(raw)) return [];
  const source = readString(span.attributes, 'gen_ai.data_source.id');
  return raw.flatMap((doc, index) => documentOf(doc, index, span, source));
}
