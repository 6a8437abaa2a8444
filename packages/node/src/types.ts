/**
 * The wire shape as this SDK sends it, written by hand so the package has no runtime dependency on
 * `@feedloop/core`. Field names are camelCase, as in the product brief's "Wire shape".
 */

/**
 * The four families of feedback.
 * @example const kind: SignalKind = 'correction';
 */
export type SignalKind = 'explicit' | 'implicit' | 'correction' | 'outcome';

/**
 * Signal types the server knows, each with a fixed kind.
 * @example const type: BuiltinSignalType = 'copy';
 */
export type BuiltinSignalType =
  | 'thumbs'
  | 'rating'
  | 'comment'
  | 'edit'
  | 'copy'
  | 'share'
  | 'regenerate'
  | 'dwell'
  | 'rephrase'
  | 'abandon'
  | 'accept'
  | 'reject'
  | 'outcome';

/**
 * A built-in type, or a custom `namespace:name` (custom types also need a `kind`).
 * @example const type: SignalType = 'acme:bookmark';
 */
export type SignalType = BuiltinSignalType | `${string}:${string}`;

/**
 * Free-form JSON object stored with an item.
 * @example const metadata: Metadata = { plan: 'pro' };
 */
export type Metadata = Record<string, unknown>;

/**
 * A point in time: a `Date`, or an ISO 8601 string with a time zone.
 * @example const at: Timestamp = '2026-11-20T10:00:00Z';
 */
export type Timestamp = string | Date;

/**
 * One chat message of an interaction's input.
 * @example const message: ChatMessage = { role: 'user', content: 'How do I reset my password?' };
 */
export interface ChatMessage {
  role: string;
  content: string | unknown[] | null;
  name?: string;
  [extra: string]: unknown;
}

/**
 * One retrieved document an answer was grounded on.
 * @example const doc: ContextDocument = { id: 'doc_7', source: 'kb', score: 0.82 };
 */
export interface ContextDocument {
  id: string;
  text?: string;
  source?: string;
  score?: number;
  [extra: string]: unknown;
}

/**
 * One AI response that can receive feedback. `id` (UUIDv7) and `createdAt` (now) are filled in when absent.
 * @example const interaction: Interaction = { sessionId: 's_1', model: 'gpt-x', input: 'Hi', output: 'Hello!' };
 */
export interface Interaction {
  id?: string;
  createdAt?: Timestamp;
  sessionId?: string | null;
  userId?: string | null;
  tenant?: string | null;
  feature?: string | null;
  language?: string | null;
  model?: string | null;
  modelVersion?: string | null;
  promptTemplate?: string | null;
  promptVersion?: string | null;
  input?: string | ChatMessage[];
  context?: ContextDocument[];
  output?: string | null;
  /** The interaction this one regenerated (replaced). */
  parentId?: string | null;
  latencyMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  metadata?: Metadata;
}

/**
 * One piece of feedback about an interaction, or about a whole session when only `sessionId` is set.
 * @example const signal: Signal = { interactionId: 'int_01', type: 'copy' };
 */
export interface Signal {
  id?: string;
  interactionId?: string | null;
  sessionId?: string | null;
  userId?: string | null;
  /** Inferred by the server for built-in types; required for custom ones. */
  kind?: SignalKind;
  type: SignalType;
  value?: unknown;
  createdAt?: Timestamp;
  metadata?: Metadata;
}

/**
 * A thumb: `'none'` takes an earlier thumb back.
 * @example const thumb: Thumb = 'down';
 */
export type Thumb = 'up' | 'down' | 'none';

/**
 * A 1–5 rating.
 * @example const stars: Rating = 4;
 */
export type Rating = 1 | 2 | 3 | 4 | 5;

/**
 * What the convenience signal methods accept besides their value.
 * @example const options: SignalOptions = { userId: 'u_1', metadata: { surface: 'sidebar' } };
 */
export interface SignalOptions {
  id?: string;
  createdAt?: Timestamp;
  userId?: string | null;
  sessionId?: string | null;
  metadata?: Metadata;
}

/**
 * A task outcome, usually reported by the app's backend: did the AI's work succeed?
 * @example const outcome: Outcome = { sessionId: 's_1', name: 'ticket_resolved', success: true };
 */
export interface Outcome extends SignalOptions {
  interactionId?: string | null;
  name: string;
  success: boolean;
  value?: unknown;
}

/** One field-level problem the server found in an item. */
export interface ItemError {
  field: string;
  reason: string;
}

/** The server's verdict on one item of a batch. */
export interface ItemResult {
  id: string | null;
  status: 'created' | 'duplicate' | 'invalid';
  errors?: ItemError[];
}
