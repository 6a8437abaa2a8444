/** Between normalised records (camelCase, parsed JSON) and table rows (snake_case, JSON text). */
import { createHash } from 'node:crypto';
import type { Dimensions, InteractionRecord, SignalRecord } from '@feedloop/core';
import type { DimensionColumns, InteractionDocumentTable, InteractionTable, SignalTable } from './schema.js';

/**
 * Equal prompts hash equally: a string input and the same text as a single user message are the same
 * prompt; only role and content of each message count.
 */
export function inputHash(input: InteractionRecord['input']): string | null {
  if (input === null) return null;
  const canonical =
    typeof input === 'string'
      ? JSON.stringify([['user', input]])
      : JSON.stringify(input.map((m) => [m.role, m.content]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export function toInteractionRow(projectId: string, r: InteractionRecord, receivedAt: number): InteractionTable {
  return {
    project_id: projectId,
    id: r.id,
    session_id: r.sessionId,
    user_id: r.userId,
    ...dimensionColumnsOf(r),
    input: r.input === null ? null : JSON.stringify(r.input),
    input_hash: inputHash(r.input),
    context: JSON.stringify(r.context),
    output: r.output,
    parent_id: r.parentId,
    latency_ms: r.latencyMs,
    tokens_in: r.tokensIn,
    tokens_out: r.tokensOut,
    metadata: JSON.stringify(r.metadata),
    created_at: r.createdAt,
    received_at: receivedAt,
  };
}

export function toDocumentRows(projectId: string, r: InteractionRecord): InteractionDocumentTable[] {
  return r.context.map((doc, position) => ({
    project_id: projectId,
    interaction_id: r.id,
    position,
    doc_id: doc.id,
    source: doc.source ?? null,
    score: typeof doc.score === 'number' ? doc.score : null,
  }));
}

export function toSignalRow(projectId: string, r: SignalRecord, receivedAt: number, rolledUp: boolean): SignalTable {
  return {
    project_id: projectId,
    id: r.id,
    interaction_id: r.interactionId,
    session_id: r.sessionId,
    user_id: r.userId,
    kind: r.kind,
    type: r.type,
    value: r.value === null ? null : JSON.stringify(r.value),
    value_num: r.valueNum,
    created_at: r.createdAt,
    received_at: receivedAt,
    metadata: JSON.stringify(r.metadata),
    rolled_up: rolledUp ? 1 : 0,
    screened: 0,
  };
}

export type { DimensionColumns };

export const DIMENSION_COLUMNS = [
  'tenant',
  'feature',
  'language',
  'model',
  'model_version',
  'prompt_template',
  'prompt_version',
] as const satisfies ReadonlyArray<keyof DimensionColumns>;

export function dimensionsOfRow(row: DimensionColumns): Dimensions {
  return {
    tenant: row.tenant,
    feature: row.feature,
    language: row.language,
    model: row.model,
    modelVersion: row.model_version,
    promptTemplate: row.prompt_template,
    promptVersion: row.prompt_version,
  };
}

/** The inverse of `dimensionsOfRow`: dimensions as the columns interactions (and theme members) store them. */
export function dimensionColumnsOf(d: Dimensions): DimensionColumns {
  return {
    tenant: d.tenant,
    feature: d.feature,
    language: d.language,
    model: d.model,
    model_version: d.modelVersion,
    prompt_template: d.promptTemplate,
    prompt_version: d.promptVersion,
  };
}
