/**
 * The OTLP answer: `{}` when everything was taken, else `partialSuccess` with the number of rejected spans
 * and a message naming each span and what was wrong. OTLP also allows a message with nothing rejected,
 * used here as a warning (e.g. when no span was a GenAI span, which is the usual first-setup mistake).
 */
import type { ItemResult } from '@feedloop/core';
import type { SpanItems } from './trace-items.js';

export interface ExportResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

/** How many reasons the message spells out; the count still covers every rejected span. */
const MAX_REASONS = 10;

/** `interactions[3].input` → `interaction.input`: the position in our internal batch means nothing to the sender. */
function itemReasons(result: ItemResult | undefined, kind: 'interaction' | 'signal'): string[] {
  if (result?.status !== 'invalid') return [];
  return (result.errors ?? []).map(
    (error) => `${error.field.replace(/^(interactions|signals)\[\d+\]/, kind)} ${error.reason}`,
  );
}

export function exportResponse(
  items: SpanItems[],
  interactionResults: ItemResult[],
  signalResults: ItemResult[],
  warnings: string[],
  spanCount: number,
): ExportResponse {
  let nextInteraction = 0;
  let nextSignal = 0;
  const rejected: string[] = [];
  for (const item of items) {
    const reasons = [...item.problems];
    if (item.interaction) reasons.push(...itemReasons(interactionResults[nextInteraction++], 'interaction'));
    for (const _signal of item.signals) reasons.push(...itemReasons(signalResults[nextSignal++], 'signal'));
    if (reasons.length > 0) {
      const name = item.span.name ? ` (${item.span.name})` : '';
      rejected.push(`span ${item.span.traceId}:${item.span.spanId}${name}: ${reasons.join(', ')}`);
    }
  }
  const messages = [...rejected, ...warnings];
  if (items.length === 0 && spanCount > 0) {
    messages.push(
      `none of the ${spanCount} spans is a GenAI model call (gen_ai.operation.name chat, text_completion or generate_content) or carries an evaluation; nothing was stored`,
    );
  }
  if (messages.length === 0) return {};
  const shown = messages.slice(0, MAX_REASONS);
  const more = messages.length > shown.length ? `; and ${messages.length - shown.length} more` : '';
  return { partialSuccess: { rejectedSpans: rejected.length, errorMessage: shown.join('; ') + more } };
}
