/**
 * Normalised records: what the store receives once an item has been validated. Timestamps are epoch
 * milliseconds, absent optionals are null, and a signal's kind is always resolved.
 */
import type { SignalKind } from './signal-types.js';

export interface ChatMessage {
  role: string;
  content: string | unknown[] | null;
  [extra: string]: unknown;
}

export interface ContextDocument {
  id: string;
  text?: string;
  source?: string;
  score?: number;
  [extra: string]: unknown;
}

/** The dimensions an interaction is sliced by in every analysis. */
export const DIMENSIONS = [
  'tenant',
  'feature',
  'language',
  'model',
  'modelVersion',
  'promptTemplate',
  'promptVersion',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Dimensions = Record<Dimension, string | null>;

export interface InteractionRecord extends Dimensions {
  id: string;
  createdAt: number;
  sessionId: string | null;
  userId: string | null;
  input: string | ChatMessage[] | null;
  context: ContextDocument[];
  output: string | null;
  parentId: string | null;
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  metadata: Record<string, unknown>;
}

export interface SignalRecord {
  id: string;
  interactionId: string | null;
  sessionId: string | null;
  userId: string | null;
  kind: SignalKind;
  type: string;
  /** The value as sent (JSON), or null. */
  value: unknown;
  /** The numeric reading of the value where one exists: thumbs, rating, dwell ms, outcome success 1/0. */
  valueNum: number | null;
  createdAt: number;
  metadata: Record<string, unknown>;
}
