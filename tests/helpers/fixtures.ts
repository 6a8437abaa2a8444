/** Small builders for valid wire items and normalised records used across tests. */
import { type InteractionRecord, type SignalRecord, uuidv7, validateInteraction, validateSignal } from '@feedloop/core';

export const BASE_TIME = Date.parse('2026-11-20T10:00:00Z');

export function interaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `int_${uuidv7()}`,
    createdAt: '2026-11-20T10:00:00Z',
    sessionId: 's_1',
    userId: 'u_1',
    tenant: 'acme',
    feature: 'support-chat',
    language: 'en',
    model: 'gpt-x',
    modelVersion: '2026-10',
    promptTemplate: 'support',
    promptVersion: '12',
    input: [{ role: 'user', content: 'How do I reset my password?' }],
    context: [{ id: 'doc_7', text: 'Reset from Settings', source: 'kb', score: 0.82 }],
    output: 'Go to Settings → Security …',
    ...overrides,
  };
}

export function signal(interactionId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `sig_${uuidv7()}`,
    interactionId,
    kind: 'explicit',
    type: 'thumbs',
    value: -1,
    userId: 'u_1',
    sessionId: 's_1',
    createdAt: '2026-11-20T10:00:05Z',
    ...overrides,
  };
}

const NOW = Date.parse('2026-11-21T00:00:00Z');

export function interactionRecord(overrides: Record<string, unknown> = {}): InteractionRecord {
  const result = validateInteraction(interaction(overrides), 'interaction', NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.record;
}

export function signalRecord(interactionId: string, overrides: Record<string, unknown> = {}): SignalRecord {
  const result = validateSignal(signal(interactionId, overrides), 'signal', NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.record;
}
