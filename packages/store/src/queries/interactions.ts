import type { ChatMessage, ContextDocument } from '@feedloop/core';
import type { Kysely } from 'kysely';
import type { Database, InteractionTable, SignalTable } from '../schema.js';

/** An interaction as the API shows it: the wire shape, plus the server's receive time. */
export interface InteractionView {
  id: string;
  createdAt: string;
  receivedAt: string;
  sessionId: string | null;
  userId: string | null;
  tenant: string | null;
  feature: string | null;
  language: string | null;
  model: string | null;
  modelVersion: string | null;
  promptTemplate: string | null;
  promptVersion: string | null;
  input: string | ChatMessage[] | null;
  context: ContextDocument[];
  output: string | null;
  parentId: string | null;
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  metadata: Record<string, unknown>;
}

export interface SignalView {
  id: string;
  interactionId: string | null;
  sessionId: string | null;
  userId: string | null;
  kind: string;
  type: string;
  value: unknown;
  createdAt: string;
  receivedAt: string;
  metadata: Record<string, unknown>;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();
const numberOrNull = (v: number | string | null) => (v === null ? null : Number(v));

export function interactionView(row: InteractionTable): InteractionView {
  return {
    id: row.id,
    createdAt: iso(row.created_at),
    receivedAt: iso(row.received_at),
    sessionId: row.session_id,
    userId: row.user_id,
    tenant: row.tenant,
    feature: row.feature,
    language: row.language,
    model: row.model,
    modelVersion: row.model_version,
    promptTemplate: row.prompt_template,
    promptVersion: row.prompt_version,
    input: row.input === null ? null : (JSON.parse(row.input) as string | ChatMessage[]),
    context: JSON.parse(row.context) as ContextDocument[],
    output: row.output,
    parentId: row.parent_id,
    latencyMs: numberOrNull(row.latency_ms),
    tokensIn: numberOrNull(row.tokens_in),
    tokensOut: numberOrNull(row.tokens_out),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

export function signalView(row: SignalTable): SignalView {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    sessionId: row.session_id,
    userId: row.user_id,
    kind: row.kind,
    type: row.type,
    value: row.value === null ? null : (JSON.parse(row.value) as unknown),
    createdAt: iso(row.created_at),
    receivedAt: iso(row.received_at),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

/** One interaction with every signal about it, oldest first; undefined when the project has no such id. */
export async function getInteractionWithSignals(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<{ interaction: InteractionView; signals: SignalView[] } | undefined> {
  const row = await db
    .selectFrom('interactions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const signals = await getSignalsOfInteraction(db, projectId, id);
  return { interaction: interactionView(row), signals };
}

/** Every signal naming the interaction, including those that arrived before it, oldest first. */
export async function getSignalsOfInteraction(
  db: Kysely<Database>,
  projectId: string,
  interactionId: string,
): Promise<SignalView[]> {
  const rows = await db
    .selectFrom('signals')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('interaction_id', '=', interactionId)
    .orderBy('created_at')
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map(signalView);
}
